"""What every check of one file needs: the file, its loaded document and the vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalogo.loading.reader import SourceDocument
from catalogo.loading.yaml_tree import locate
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.diagnostics import Diagnostic
from catalogo.validation.rules import RULES


@dataclass(slots=True)
class FileContext:
    path: str  # relative to the catalogue root, POSIX
    kind: str  # "problema", "solucion" or "plantilla"
    document: SourceDocument
    vocabularies: Vocabularies

    @property
    def data(self) -> dict[str, Any] | None:
        return self.document.data

    def value_position(self, path: tuple[Any, ...], *, key: bool = False) -> tuple[int, int]:
        key_node, value_node, _ = locate(self.document.root, path)
        return self.document.position(key_node if key and key_node is not None else value_node)

    def at(self, code: str, position: tuple[int, int], message: str, hint: str | None = None):
        return RULES[code].at(self.path, position[0], position[1], message, hint)

    def at_value(self, code: str, path: tuple[Any, ...], message: str, hint: str | None = None):
        return self.at(code, self.value_position(path), message, hint)


Findings = list[Diagnostic]


def as_read(value: Any) -> Any:
    """A value as the model reads it: text without the blanks around it (the model strips
    them), so that `"13119-002 "` and `"13119-002"` are one id to every check, as they are
    once published."""
    return value.strip() if isinstance(value, str) else value
