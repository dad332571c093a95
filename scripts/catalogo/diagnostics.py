"""The one finding type every check produces and every output prints."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "advertencia"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding at a place in a file; `file` is relative to the catalogue root, POSIX style."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)
