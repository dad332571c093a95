"""Read `schema/programa.yml`, the programme's cohorts, refusing a broken file in Spanish.

Every mistake of the file is said in one run, each at its line and column
(`schema/programa.yml:7:9: ...`), as the validator says those of a problem. The file is
optional: a catalogue of another programme has none, and then no cohorts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogo.core.errors import ConfigurationError
from catalogo.core.words import closest
from catalogo.loading.schema_file import SchemaFileReader, is_text, read_text
from catalogo.loading.yaml_tree import locate
from catalogo.model.programme import Cohort, Programme
from catalogo.model.vocabularies import Vocabularies

PROGRAMME_FILE = "programa.yml"
NAME = f"schema/{PROGRAMME_FILE}"
# A list of a few dozen cohorts is a few kilobytes: a larger file is a mistake or an attack.
MAX_BYTES = 256 * 1024
TOP_KEYS = ("nombre", "cohortes")
COHORT_KEYS = ("numero", "nombre", "descripcion", "comunas")


class ProgrammeError(ConfigurationError):
    """schema/programa.yml cannot be used; the message says every mistake and where."""


def load_programme(schema_dir: Path, vocabularies: Vocabularies) -> Programme:
    """The programme's cohorts, or none when the catalogue has no programa.yml."""
    path = schema_dir / PROGRAMME_FILE
    if not path.exists() and not path.is_symlink():
        return Programme()
    text = read_text(path, NAME, MAX_BYTES, ProgrammeError, ": no es una lista de cohortes")
    return parse_programme(text, vocabularies)


def parse_programme(text: str, vocabularies: Vocabularies) -> Programme:
    reader = _Reader(text, vocabularies)
    programme = reader.read()
    reader.raise_if_any(ProgrammeError)
    return programme


class _Reader(SchemaFileReader):
    name = NAME

    def __init__(self, text: str, vocabularies: Vocabularies) -> None:
        super().__init__(text)
        self.comunas = vocabularies.comunas
        self.vocabularies = vocabularies
        # Where each comuna was first named: (cohort number, line).
        self.seen: dict[str, tuple[int | None, int]] = {}

    def read(self) -> Programme:
        tree = self.tree
        if self.yaml_unreadable():
            return Programme()
        data = tree.data
        if not isinstance(data, dict) or not isinstance(data.get("cohortes"), list):
            self.say(
                (),
                "el archivo debe tener «cohortes»: una lista de cohortes, cada una con "
                "«numero», «nombre» y «comunas».",
            )
            return Programme()
        self.unknown_keys((), data, TOP_KEYS)
        name = data.get("nombre", "")
        if not is_text(name):
            if "nombre" in data:
                self.say(("nombre",), "«nombre» debe ser el nombre del programa, un texto.")
            name = ""
        cohorts = []
        numbers: dict[int, int] = {}
        for index, entry in enumerate(data["cohortes"]):
            cohort = self._cohort(("cohortes", index), entry, numbers)
            if cohort is not None:
                cohorts.append(cohort)
        return Programme(name=name.strip(), cohorts=tuple(cohorts))

    def _cohort(self, path: tuple, entry: Any, numbers: dict[int, int]) -> Cohort | None:
        if not isinstance(entry, dict):
            self.say(path, "cada cohorte debe tener «numero», «nombre» y «comunas».")
            return None
        self.unknown_keys(path, entry, COHORT_KEYS)
        number = entry.get("numero")
        ok = True
        if type(number) is not int or number < 1:
            self.say(
                (*path, "numero"),
                "«numero» debe ser un número entero desde 1 (por ejemplo numero: 2).",
            )
            number, ok = None, False
        elif number in numbers:
            self.say(
                (*path, "numero"),
                f"la cohorte {number} ya está en la línea {numbers[number]}; "
                "cada cohorte tiene su propio número.",
            )
            ok = False
        else:
            numbers[number] = self._line((*path, "numero"))
        if not is_text(entry.get("nombre")):
            self.say((*path, "nombre"), "«nombre» debe ser un texto (por ejemplo «Cohorte 2»).")
            ok = False
        description = entry.get("descripcion", "")
        if not isinstance(description, str):
            self.say((*path, "descripcion"), "«descripcion» debe ser un texto.")
            ok = False
        comunas = entry.get("comunas")
        if not isinstance(comunas, list) or not comunas:
            self.say(
                (*path, "comunas"),
                "«comunas» debe ser una lista con al menos una comuna "
                "(su nombre, como «Maipú», o su slug, como «maipu»).",
            )
            return None
        slugs = []
        for index, value in enumerate(comunas):
            slug = self._comuna((*path, "comunas", index), value, number)
            if slug is not None:
                slugs.append(slug)
        if not ok or len(slugs) != len(comunas):
            return None
        return Cohort(number, entry["nombre"].strip(), description.strip(), tuple(slugs))

    def _comuna(self, path: tuple, value: Any, number: int | None) -> str | None:
        if not is_text(value):
            self.say(path, "cada comuna se escribe como texto: su nombre («Maipú») o su slug.")
            return None
        slug = self.vocabularies.resolve("comunas", value)
        if slug is None:
            names = [c.name for c in self.comunas.values()]
            near = closest(value, names, {c.slug: c.name for c in self.comunas.values()})
            hint = f" ¿Quiso decir «{near}»?" if near else ""
            self.say(path, f"«{value.strip()}» no es una comuna de schema/comunas.csv.{hint}")
            return None
        comuna = self.comunas[slug]
        if not comuna.municipality:
            self.say(
                path,
                f"{comuna.name} no tiene municipalidad propia (schema/comunas.csv): "
                "el programa trabaja con municipios.",
            )
            return None
        line = self._line(path)
        if slug in self.seen:
            other, first = self.seen[slug]
            where = "en esta misma cohorte" if other == number else f"en la cohorte {other}"
            self.say(
                path,
                f"{comuna.name} ya está {where} (línea {first}); "
                "una comuna pertenece a una sola cohorte.",
            )
            return None
        self.seen[slug] = (number, line)
        return slug

    def _line(self, path: tuple) -> int:
        _, node, _ = locate(self.tree.root, path)
        return node.start_mark.line + 1 if node is not None else 0
