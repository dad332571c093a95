"""Read `schema/equivalencias-transparencia.yml`: which field of each public register of
algorithms (the UK's ATRS, the Dutch Algoritmeregister, the US federal inventory, the Consejo
para la Transparencia's recommendations) answers each field of the catalogue.

The site renders it as the guide «Equivalencias con registros de transparencia». Every
mistake of the file is said in one run, each at its line and column, and a key that names no
field of the problem or solution model is refused: the page can never point a municipality at
a field the catalogue does not have.

The crosswalk describes the package's model, not a catalogue's vocabularies: a catalogue whose
own schema/ folder predates the file reads the package's copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from catalogo.core.errors import ConfigurationError
from catalogo.core.words import closest
from catalogo.loading.vocabularies import DEFAULT_SCHEMA_DIR
from catalogo.loading.yaml_tree import YamlIssue, locate, parse
from catalogo.model import Problem, Solution
from catalogo.model.types import nested_model

CROSSWALK_FILE = "equivalencias-transparencia.yml"
NAME = f"schema/{CROSSWALK_FILE}"
# A crosswalk of a few dozen rows is tens of kilobytes.
MAX_BYTES = 512 * 1024
MAX_MESSAGES = 30
TOP_KEYS = ("referencias", "grupos")
REFERENCE_KEYS = ("clave", "nombre", "corto", "version", "nota", "enlaces")
LINK_KEYS = ("texto", "url")
GROUP_KEYS = ("nombre", "descripcion", "filas")
CELL_KEYS = ("campos", "nota", "sin_confirmar")
# Which model a row's keys belong to.
FILES = {"problema": Problem, "solucion": Solution}
_YAML_ISSUES = {
    "syntax": "no es YAML válido aquí",
    "alias": "usa un alias (*), que este archivo no admite: escriba el valor",
    "anchor": "usa un ancla (&), que este archivo no admite: escriba el valor",
    "unsupported": "tiene un valor que este archivo no admite",
    "number": "tiene un número demasiado largo",
}


class CrosswalkError(ConfigurationError):
    """schema/equivalencias-transparencia.yml cannot be used; the message says every mistake."""


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Reference:
    key: str
    name: str
    short: str
    version: str
    note: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Cell:
    """What one register has for a row: its exact field names (none when it has no such
    field), a sentence on the correspondence, and whether the names could not be verified."""

    fields: tuple[str, ...]
    note: str = ""
    unconfirmed: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    # The catalogue's keys, as dotted paths of YAML keys (`transparencia.proposito`), and the
    # Spanish titles the model gives them («Ficha de transparencia › Propósito»).
    keys: tuple[str, ...]
    titles: tuple[str, ...]
    file: str  # "problema" or "solucion"
    cells: tuple[Cell, ...]  # in the order of the references


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    description: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Crosswalk:
    references: tuple[Reference, ...]
    groups: tuple[Group, ...]

    def keys(self, file: str = "problema") -> set[str]:
        """Every catalogue key a row of `file` names."""
        return {key for g in self.groups for r in g.rows if r.file == file for key in r.keys}


def model_keys(model: type[BaseModel]) -> dict[str, str]:
    """Every key of a model as a dotted path of its YAML keys (`poblacion_afectada.personas`),
    with the Spanish titles along the path («Población afectada › Personas»)."""
    found: dict[str, str] = {}

    def walk(current: type[BaseModel], prefix: str, titles: str) -> None:
        for field in current.model_fields.values():
            key = field.alias or ""
            path = f"{prefix}.{key}" if prefix else key
            title = field.title or key
            label = f"{titles} › {title}" if titles else title
            found[path] = label
            nested = nested_model(field.annotation)
            if nested is not None:
                walk(nested, path, label)

    walk(model, "", "")
    return found


def load_crosswalk(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Crosswalk:
    """The crosswalk of a catalogue (the package's when its schema/ has none); CrosswalkError,
    in Spanish, with every mistake and where, when the file is broken."""
    path = schema_dir / CROSSWALK_FILE
    if not path.exists() and not path.is_symlink():
        path = DEFAULT_SCHEMA_DIR / CROSSWALK_FILE
    if path.is_symlink():
        # Its text is published: never a file from elsewhere.
        raise CrosswalkError(f"{NAME} es un enlace simbólico; use un archivo normal.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise CrosswalkError(f"No se pudo leer {NAME}: {error.strerror or error}.") from None
    if len(raw) > MAX_BYTES:
        raise CrosswalkError(f"{NAME} pesa más de {MAX_BYTES // 1024} KB.")
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as Windows' Notepad writes, is not text
    except UnicodeDecodeError:
        raise CrosswalkError(f"{NAME} no está guardado en UTF-8.") from None
    return parse_crosswalk(text)


def parse_crosswalk(text: str) -> Crosswalk:
    reader = _Reader(text)
    crosswalk = reader.read()
    if reader.messages:
        shown = reader.messages[:MAX_MESSAGES]
        more = len(reader.messages) - len(shown)
        tail = [f"… y {more} errores más."] if more else []
        count = len(reader.messages)
        head = f"{NAME} tiene {count} {'error' if count == 1 else 'errores'}:"
        raise CrosswalkError("\n".join([head, *shown, *tail]))
    return crosswalk


class _Reader:
    def __init__(self, text: str) -> None:
        self.tree = parse(text)
        self.messages: list[str] = []
        self.known = {file: model_keys(model) for file, model in FILES.items()}

    def say(self, path: tuple, message: str, *, key: bool = False) -> None:
        key_node, node, _ = locate(self.tree.root, path)
        mark = key_node if key and key_node is not None else node or key_node
        line, column = (mark.start_mark.line, mark.start_mark.column) if mark else (0, 0)
        self.messages.append(f"{NAME}:{line + 1}:{column + 1}: {message}")

    def read(self) -> Crosswalk:
        empty = Crosswalk((), ())
        for issue in self.tree.issues:
            self.messages.append(_yaml_message(issue))
        if any(issue.kind in ("syntax", "alias", "anchor") for issue in self.tree.issues):
            return empty
        data = self.tree.data
        if not isinstance(data, dict) or not all(
            isinstance(data.get(key), list) and data[key] for key in TOP_KEYS
        ):
            self.say((), "el archivo debe tener «referencias» y «grupos», dos listas no vacías.")
            return empty
        self._unknown_keys((), data, TOP_KEYS)
        references = []
        for index, entry in enumerate(data["referencias"]):
            reference = self._reference(("referencias", index), entry)
            if reference is not None:
                references.append(reference)
        # The rows answer for every reference named, even one with another mistake: a bad link
        # of the UK's entry is one error, not one more for each row's UK cell.
        keys: list[str] = []
        for index, entry in enumerate(data["referencias"]):
            key = entry.get("clave") if isinstance(entry, dict) else None
            if not _text(key):
                continue
            if key in keys:
                self.say(("referencias", index, "clave"), f"la clave «{key}» está repetida.")
            else:
                keys.append(key)
        groups = []
        for index, entry in enumerate(data["grupos"]):
            group = self._group(("grupos", index), entry, keys)
            if group is not None:
                groups.append(group)
        return Crosswalk(tuple(references), tuple(groups))

    def _reference(self, path: tuple, entry: Any) -> Reference | None:
        if not isinstance(entry, dict):
            self.say(path, "cada referencia tiene " + _listed(REFERENCE_KEYS) + ".")
            return None
        self._unknown_keys(path, entry, REFERENCE_KEYS)
        ok = self._texts(path, entry, REFERENCE_KEYS[:-1])
        key = entry.get("clave")
        if isinstance(key, str) and (
            not key.replace("_", "").isalpha() or not key.isascii() or key.lower() != key
        ):
            self.say((*path, "clave"), "«clave» va en minúsculas, sin tildes, con guion bajo.")
            ok = False
        if key in (*CELL_KEYS, "claves", "archivo"):
            self.say((*path, "clave"), f"«{key}» es un campo de las filas: use otra clave.")
            ok = False
        links = self._links((*path, "enlaces"), entry.get("enlaces"))
        if not ok or links is None:
            return None
        return Reference(
            key=key,
            name=entry["nombre"].strip(),
            short=entry["corto"].strip(),
            version=entry["version"].strip(),
            note=" ".join(entry["nota"].split()),
            links=links,
        )

    def _links(self, path: tuple, links: Any) -> tuple[Link, ...] | None:
        if not isinstance(links, list) or not links:
            self.say(path, "«enlaces» es una lista de enlaces, cada uno con «texto» y «url».")
            return None
        found = []
        for index, link in enumerate(links):
            where = (*path, index)
            if not isinstance(link, dict) or not self._texts(where, link, LINK_KEYS):
                if not isinstance(link, dict):
                    self.say(where, "cada enlace tiene «texto» y «url».")
                continue
            self._unknown_keys(where, link, LINK_KEYS)
            if not _https(link["url"]):
                self.say((*where, "url"), "«url» debe ser una dirección que empieza con https://.")
                continue
            found.append(Link(link["texto"].strip(), link["url"].strip()))
        return tuple(found) if len(found) == len(links) else None

    def _group(self, path: tuple, entry: Any, references: list[str]) -> Group | None:
        if not isinstance(entry, dict):
            self.say(path, "cada grupo tiene «nombre», «descripcion» y «filas».")
            return None
        self._unknown_keys(path, entry, GROUP_KEYS)
        ok = self._texts(path, entry, GROUP_KEYS[:2])
        rows_data = entry.get("filas")
        if not isinstance(rows_data, list) or not rows_data:
            self.say((*path, "filas"), "«filas» es una lista con al menos una fila.")
            return None
        rows = []
        for index, row in enumerate(rows_data):
            parsed = self._row((*path, "filas", index), row, references)
            if parsed is not None:
                rows.append(parsed)
        if not ok or len(rows) != len(rows_data):
            return None
        return Group(entry["nombre"].strip(), " ".join(entry["descripcion"].split()), tuple(rows))

    def _row(self, path: tuple, row: Any, references: list[str]) -> Row | None:
        known = ("claves", "archivo", *references)
        if not isinstance(row, dict):
            self.say(path, "cada fila tiene «claves» y una entrada por referencia.")
            return None
        self._unknown_keys(path, row, known)
        file = row.get("archivo", "problema")
        if file not in FILES:
            self.say((*path, "archivo"), "«archivo» es «problema» (si se omite) o «solucion».")
            return None
        keys = row.get("claves")
        if not isinstance(keys, list) or not keys or not all(_text(k) for k in keys):
            self.say((*path, "claves"), "«claves» es una lista de claves del catálogo.")
            return None
        ok = True
        titles = []
        for index, key in enumerate(keys):
            title = self.known[file].get(key.strip())
            if title is None:
                near = closest(key, list(self.known[file]))
                hint = f" ¿Quiso decir «{near}»?" if near else ""
                model = "una solución" if file == "solucion" else "un problema"
                self.say(
                    (*path, "claves", index),
                    f"«{key}» no es una clave de {model} del catálogo.{hint}",
                )
                ok = False
            else:
                titles.append(title)
        cells = []
        for reference in references:
            cell = self._cell((*path, reference), row.get(reference), reference)
            ok = ok and cell is not None
            cells.append(cell)
        if not ok:
            return None
        return Row(tuple(k.strip() for k in keys), tuple(titles), file, tuple(cells))

    def _cell(self, path: tuple, cell: Any, reference: str) -> Cell | None:
        if not isinstance(cell, dict):
            self.say(
                path[:-1] if cell is None else path,
                f"falta «{reference}»: escriba sus «campos» (o [] y una «nota» si no tiene uno).",
            )
            return None
        self._unknown_keys(path, cell, CELL_KEYS)
        fields = cell.get("campos")
        if not isinstance(fields, list) or not all(_text(f) for f in fields):
            self.say((*path, "campos"), "«campos» es una lista de nombres de campo ([] si no hay).")
            return None
        note = cell.get("nota", "")
        if not isinstance(note, str) or (not fields and not note.strip()):
            self.say(
                (*path, "nota") if "nota" in cell else path,
                "«nota» es una frase; es obligatoria cuando «campos» está vacío.",
            )
            return None
        unconfirmed = cell.get("sin_confirmar", False)
        if type(unconfirmed) is not bool:
            self.say((*path, "sin_confirmar"), "«sin_confirmar» es true o false.")
            return None
        return Cell(tuple(f.strip() for f in fields), " ".join(note.split()), unconfirmed)

    def _texts(self, path: tuple, entry: dict, keys: tuple[str, ...]) -> bool:
        ok = True
        for key in keys:
            if not _text(entry.get(key)):
                self.say((*path, key) if key in entry else path, f"«{key}» debe ser un texto.")
                ok = False
        return ok

    def _unknown_keys(self, path: tuple, mapping: dict, known: tuple[str, ...]) -> None:
        for key in mapping:
            if key not in known:
                near = closest(str(key), list(known))
                hint = f" ¿Quiso decir «{near}»?" if near else ""
                self.say(
                    (*path, key),
                    f"«{key}» no es un campo aquí (son {', '.join(known)}).{hint}",
                    key=True,
                )


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _https(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme == "https" and bool(parts.hostname) and not any(c.isspace() for c in value)


def _listed(keys: tuple[str, ...]) -> str:
    names = [f"«{key}»" for key in keys]
    return ", ".join(names[:-1]) + " y " + names[-1]


def _yaml_message(issue: YamlIssue) -> str:
    where = f"{NAME}:{issue.line + 1}:{issue.column + 1}"
    if issue.kind == "duplicate":
        first = issue.extra.get("first_line")
        again = f" (la primera en la línea {first + 1})" if first is not None else ""
        return f"{where}: la clave «{issue.detail}» está repetida{again}."
    return f"{where}: {_YAML_ISSUES.get(issue.kind, 'no se puede leer')}."
