"""The licences the catalogue is published under: one for its content (problems, solutions and
the open data made from them), one for its code. Every page, export and document reads them here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Licence:
    spdx: str  # the SPDX identifier, for programs
    name: str  # the short name people know it by
    url: str  # the licence's own text (in Spanish, where one exists)

    def record(self) -> dict:
        """The licence inside a JSON export's metadata."""
        return {"id": self.spdx, "nombre": self.name, "url": self.url}

    def sentence(self) -> str:
        """One line for documents that hold text only (a feed's rights, a spreadsheet's
        properties)."""
        return f"Contenido bajo licencia {self.name} ({self.url})."


CONTENT = Licence("CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.es")
CODE = Licence("MIT", "MIT", "https://spdx.org/licenses/MIT.html")
# The file of the repository that states the content's licence in full (LICENSE is the code's).
CONTENT_FILE = "LICENCIA-CONTENIDO.md"
