"""Read the controlled vocabularies from the files under `schema/`, refusing broken ones in Spanish."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import yaml

from catalogo.core.errors import ConfigurationError
from catalogo.core.words import fold
from catalogo.loading.programme import load_programme
from catalogo.model.vocabularies import SLUG_RE, Comuna, Term, Vocabularies

DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
_CUT_RE = re.compile(r"^[0-9]{5}$")
_REGION_CUT_RE = re.compile(r"^[0-9]{2}$")


# Which file each vocabulary comes from, by the attribute that holds it.
TERM_FILES = {
    "themes": "temas.yml",
    "ai_tasks": "tareas-ia.yml",
    "problem_states": "estados.yml",
    "priorities": "prioridades.yml",
    "data_formats": "formatos-datos.yml",
    "data_access": "accesos-datos.yml",
    "solution_states": "estados-solucion.yml",
    "risk_levels": "niveles-riesgo.yml",
    "decision_roles": "decisiones-personas.yml",
    "sensitive_data": "datos-sensibles.yml",
    "legal_bases": "bases-legales.yml",
    "periods": "periodos.yml",
    "cost_units": "unidades-costo.yml",
}


class VocabularyError(ConfigurationError):
    """A file under schema/ cannot be read as a vocabulary."""


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _refuse_symlink(path: Path) -> None:
    # Its content would be published (theme names, comunas): never a file from elsewhere.
    if path.is_symlink():
        raise VocabularyError(f"{_name(path)} es un enlace simbólico; use un archivo normal.")


def _load_yaml(path: Path):
    _refuse_symlink(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=yaml.CSafeLoader)
    except OSError as error:
        raise VocabularyError(
            f"No se pudo leer {_name(path)}: {error.strerror or error}."
        ) from None
    except UnicodeDecodeError:
        raise VocabularyError(f"{_name(path)} no está guardado en UTF-8.") from None
    except RecursionError:
        raise VocabularyError(f"{_name(path)} anida demasiados niveles.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (línea {mark.line + 1})" if mark is not None else ""
        raise VocabularyError(f"{_name(path)} no es YAML válido{where}.") from None


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _terms(path: Path) -> dict[str, Term]:
    entries = _load_yaml(path)
    shape = (
        f"{_name(path)} debe ser una lista de términos, cada uno con «slug», «nombre» y "
        "«descripcion» (textos)"
    )
    if not isinstance(entries, list) or not entries:
        raise VocabularyError(f"{shape}.")
    terms: dict[str, Term] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not all(
            _text(entry.get(key)) for key in ("slug", "nombre", "descripcion")
        ):
            raise VocabularyError(f"{shape}; el término n.º {number} no los tiene.")
        if not SLUG_RE.fullmatch(entry["slug"]):
            raise VocabularyError(
                f"{_name(path)}: el slug «{entry['slug']}» debe ir en minúsculas, sin tildes y "
                "con guiones (por ejemplo medio-ambiente)."
            )
        if entry["slug"] in terms:
            raise VocabularyError(f"{_name(path)}: el slug «{entry['slug']}» está repetido.")
        terms[entry["slug"]] = Term(
            slug=entry["slug"],
            name=entry["nombre"],
            description=entry["descripcion"],
            language_model=entry.get("modelo_de_lenguaje", False) is True,
            other_names=_other_names(path, entry),
            link=_link(path, entry),
        )
    _refuse_shared_names(path, terms)
    return terms


def _other_names(path: Path, entry: dict) -> tuple[str, ...]:
    names = entry.get("otros_nombres", [])
    if not isinstance(names, list) or not all(_text(name) for name in names):
        raise VocabularyError(
            f"{_name(path)}: «otros_nombres» de «{entry['slug']}» debe ser una lista de textos."
        )
    return tuple(names)


def _link(path: Path, entry: dict) -> str:
    """«enlace»: where the term is defined (a legal basis's norm); published as a link."""
    link = entry.get("enlace", "")
    if link and not (isinstance(link, str) and link.startswith("https://") and " " not in link):
        raise VocabularyError(
            f"{_name(path)}: «enlace» de «{entry['slug']}» debe ser una dirección https."
        )
    return link


def _refuse_shared_names(path: Path, terms: dict[str, Term]) -> None:
    """A word may stand for one term only: «planilla» cannot mean both xlsx and csv."""
    owner: dict[str, str] = {}
    for slug, term in terms.items():
        for name in {slug, term.name, *term.other_names}:
            key = " ".join(fold(name).split())
            if owner.setdefault(key, slug) != slug:
                raise VocabularyError(
                    f"{_name(path)}: «{name}» es un nombre de «{owner[key]}» y de «{slug}»; "
                    "cada nombre debe indicar un solo término."
                )


_COMUNA_COLUMNS = ("cut", "slug", "comuna", "provincia", "region_cut", "region")


def _comunas(path: Path) -> dict[str, Comuna]:
    _refuse_symlink(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise VocabularyError(
            f"No se pudo leer {_name(path)}: {error.strerror or error}."
        ) from None
    except (UnicodeDecodeError, csv.Error):
        raise VocabularyError(f"{_name(path)} no es un CSV en UTF-8.") from None
    comunas: dict[str, Comuna] = {}
    for number, row in enumerate(rows, 2):
        if not all(_text(row.get(column)) for column in _COMUNA_COLUMNS):
            raise VocabularyError(
                f"{_name(path)}, línea {number}: cada fila necesita las columnas "
                + ", ".join(_COMUNA_COLUMNS)
                + "."
            )
        if not (
            SLUG_RE.fullmatch(row["slug"])
            and _CUT_RE.fullmatch(row["cut"])
            and _REGION_CUT_RE.fullmatch(row["region_cut"])
        ):
            raise VocabularyError(
                f"{_name(path)}, línea {number}: «slug» va en minúsculas con guiones, «cut» tiene "
                "5 dígitos y «region_cut», 2."
            )
        comunas[row["slug"]] = Comuna(
            cut=row["cut"],
            slug=row["slug"],
            name=row["comuna"],
            province=row["provincia"],
            region_cut=row["region_cut"],
            region=row["region"],
            municipality=_municipality(path, number, row.get("municipalidad")),
        )
    if not comunas:
        raise VocabularyError(f"{_name(path)} no tiene comunas.")
    return comunas


def _municipality(path: Path, number: int, value: str | None) -> bool:
    """The «municipalidad» column: «sí» or «no»; a register without it has one in every comuna."""
    if value is None:
        return True
    if value.strip() not in ("sí", "no"):
        raise VocabularyError(
            f"{_name(path)}, línea {number}: «municipalidad» debe ser «sí» o «no»."
        )
    return value.strip() == "sí"


def load_vocabularies(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Vocabularies:
    """The vocabularies of a catalogue; VocabularyError, in Spanish, when a file is broken."""
    terms = {attribute: _terms(schema_dir / name) for attribute, name in TERM_FILES.items()}
    domains = _load_yaml(schema_dir / "dominios-correo-personal.yml")
    if not isinstance(domains, list) or not all(_text(domain) for domain in domains):
        raise VocabularyError("schema/dominios-correo-personal.yml debe ser una lista de dominios.")
    vocabularies = Vocabularies(
        comunas=_comunas(schema_dir / "comunas.csv"),
        personal_mail_domains=frozenset(domains),
        **terms,
    )
    # The cohorts name comunas: read once the comunas are known.
    return dataclasses.replace(vocabularies, programme=load_programme(schema_dir, vocabularies))
