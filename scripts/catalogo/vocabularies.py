"""The controlled vocabularies under `schema/`: comunas, themes, AI tasks and short lists."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


@dataclass(frozen=True, slots=True)
class Term:
    slug: str
    name: str
    description: str
    language_model: bool = False


@dataclass(frozen=True, slots=True)
class Comuna:
    cut: str
    slug: str
    name: str
    province: str
    region_cut: str
    region: str


@dataclass(frozen=True, slots=True)
class Vocabularies:
    comunas: dict[str, Comuna]
    themes: dict[str, Term]
    ai_tasks: dict[str, Term]
    problem_states: dict[str, Term]
    priorities: dict[str, Term]
    data_formats: dict[str, Term]
    data_access: dict[str, Term]
    solution_states: dict[str, Term]
    personal_mail_domains: frozenset[str]

    def comuna_by_cut(self) -> dict[str, Comuna]:
        return {comuna.cut: comuna for comuna in self.comunas.values()}


# Which file each vocabulary comes from, by the attribute that holds it.
TERM_FILES = {
    "themes": "temas.yml",
    "ai_tasks": "tareas-ia.yml",
    "problem_states": "estados.yml",
    "priorities": "prioridades.yml",
    "data_formats": "formatos-datos.yml",
    "data_access": "accesos-datos.yml",
    "solution_states": "estados-solucion.yml",
}


def _load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def _terms(path: Path) -> dict[str, Term]:
    return {
        entry["slug"]: Term(
            slug=entry["slug"],
            name=entry["nombre"],
            description=entry["descripcion"],
            language_model=bool(entry.get("modelo_de_lenguaje", False)),
        )
        for entry in _load_yaml(path)
    }


def load_vocabularies(schema_dir: Path = DEFAULT_SCHEMA_DIR) -> Vocabularies:
    with (schema_dir / "comunas.csv").open(encoding="utf-8", newline="") as handle:
        comunas = {
            row["slug"]: Comuna(
                cut=row["cut"],
                slug=row["slug"],
                name=row["comuna"],
                province=row["provincia"],
                region_cut=row["region_cut"],
                region=row["region"],
            )
            for row in csv.DictReader(handle)
        }
    terms = {attribute: _terms(schema_dir / name) for attribute, name in TERM_FILES.items()}
    domains = frozenset(_load_yaml(schema_dir / "dominios-correo-personal.yml"))
    return Vocabularies(comunas=comunas, personal_mail_domains=domains, **terms)
