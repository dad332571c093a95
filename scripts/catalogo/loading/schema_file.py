"""What the readers of the catalogue's own data files under schema/ share (programa.yml,
equivalencias-transparencia.yml): reading the bytes safely, saying each mistake at its line
and column (`schema/programa.yml:7:9: ...`), and one Spanish error that lists them all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogo.core.errors import ConfigurationError
from catalogo.core.words import closest
from catalogo.loading.yaml_tree import YamlIssue, locate, parse

# A file wrong on every line needs rewriting, not a message per line.
MAX_MESSAGES = 30
_YAML_ISSUES = {
    "syntax": "no es YAML válido aquí",
    "alias": "usa un alias (*), que este archivo no admite: escriba el valor",
    "anchor": "usa un ancla (&), que este archivo no admite: escriba el valor",
    "unsupported": "tiene un valor que este archivo no admite",
    "number": "tiene un número demasiado largo",
}
# Issues after which the tree holds nothing worth checking further.
_UNREADABLE = ("syntax", "alias", "anchor")


def is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def read_text(
    path: Path, name: str, max_bytes: int, error: type[ConfigurationError], too_large: str
) -> str:
    """The file's text; `error`, in Spanish, when it is a link, unreadable, larger than
    `max_bytes` (`too_large` says what it then is not) or not UTF-8."""
    if path.is_symlink():
        # Its text is published: never a file from elsewhere.
        raise error(f"{name} es un enlace simbólico; use un archivo normal.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as failure:
        raise error(f"No se pudo leer {name}: {failure.strerror or failure}.") from None
    if len(raw) > max_bytes:
        raise error(f"{name} pesa más de {max_bytes // 1024} KB{too_large}.")
    try:
        return raw.decode("utf-8-sig")  # a BOM, as Windows' Notepad writes, is not text
    except UnicodeDecodeError:
        raise error(f"{name} no está guardado en UTF-8.") from None


class SchemaFileReader:
    """Collects a file's mistakes, each at its node; subclasses read their own shape."""

    name = ""  # the file as people see it: schema/programa.yml

    def __init__(self, text: str) -> None:
        self.tree = parse(text)
        self.messages: list[str] = []

    def say(self, path: tuple, message: str, *, key: bool = False) -> None:
        key_node, node, _ = locate(self.tree.root, path)
        mark = key_node if key and key_node is not None else node or key_node
        line, column = (mark.start_mark.line, mark.start_mark.column) if mark else (0, 0)
        self.messages.append(f"{self.name}:{line + 1}:{column + 1}: {message}")

    def yaml_unreadable(self) -> bool:
        """Say the YAML's own issues; whether they leave nothing else to check."""
        for issue in self.tree.issues:
            self.messages.append(self._yaml_message(issue))
        return any(issue.kind in _UNREADABLE for issue in self.tree.issues)

    def unknown_keys(self, path: tuple, mapping: dict, known: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in known:
                near = closest(str(key), list(known))
                hint = f" ¿Quiso decir «{near}»?" if near else ""
                self.say(
                    (*path, key),
                    f"«{key}» no es un campo de {self.name} (son {', '.join(known)}).{hint}",
                    key=True,
                )

    def raise_if_any(self, error: type[ConfigurationError]) -> None:
        if not self.messages:
            return
        shown = self.messages[:MAX_MESSAGES]
        more = len(self.messages) - len(shown)
        tail = [f"… y {more} errores más."] if more else []
        count = len(self.messages)
        head = f"{self.name} tiene {count} {'error' if count == 1 else 'errores'}:"
        raise error("\n".join([head, *shown, *tail]))

    def _yaml_message(self, issue: YamlIssue) -> str:
        where = f"{self.name}:{issue.line + 1}:{issue.column + 1}"
        if issue.kind == "duplicate":
            first = issue.extra.get("first_line")
            again = f" (la primera en la línea {first + 1})" if first is not None else ""
            return f"{where}: la clave «{issue.detail}» está repetida{again}."
        if issue.kind == "unsupported" and issue.detail == "anidamiento":
            return f"{where}: anida demasiados niveles."
        return f"{where}: {_YAML_ISSUES.get(issue.kind, 'no se puede leer')}."
