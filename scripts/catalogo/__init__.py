"""Catálogo abierto de problemas municipales para IA (Municipios a la vanguardIA)."""

__version__ = "0.1.0"
