"""Fixtures made from bytes: encodings, BOMs, NUL bytes and sizes that an editor would mangle
if they were committed as text files. Their expectations live in fixtures/esperado.yml."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

BASE = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")


def _with_nul() -> bytes:
    heading = "## Descripción del problema\n"
    return BASE.replace(heading, heading + "\x00", 1).encode()


def _with_control_character() -> bytes:
    return BASE.replace("La OIRS recibe miles", "La OIRS\x0b recibe miles", 1).encode()


FILES: dict[str, bytes] = {
    "codificacion_latin1": BASE.encode("latin-1"),
    "codificacion_utf16": BASE.encode("utf-16"),
    "bom_inicio": b"\xef\xbb\xbf" + BASE.encode(),
    "nul_binario": _with_nul(),
    "tamano_excesivo": (BASE + "Texto de relleno. " * 12_000).encode(),
    "yaml_caracter-de-control": _with_control_character(),
    "finales-de-linea_windows": BASE.replace("\n", "\r\n").encode(),
    "finales-de-linea_mac-antiguo": BASE.replace("\n", "\r").encode(),
    "finales-de-linea_windows-con-error": BASE.replace("estado: priorizado", "estado: no")
    .replace("\n", "\r\n")
    .encode(),
}


def _symlinked_catalogue(root: Path) -> None:
    folder = root / "problems" / "maipu"
    folder.mkdir(parents=True)
    (folder / "reclamos.md").write_text(BASE, encoding="utf-8")
    # A link could publish any file of the machine that builds the site: never followed.
    (folder / "enlace.md").symlink_to("/etc/passwd")


CATALOGUES = {"catalogo_enlace-simbolico": _symlinked_catalogue}
