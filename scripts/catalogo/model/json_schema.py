"""JSON Schemas of the front matter, exported from the models with the vocabularies inlined."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from catalogo.model import Problem, Solution
from catalogo.model.event import EventsFile
from catalogo.model.join import Join
from catalogo.model.types import VOCABULARY_KEY
from catalogo.model.vocabularies import Vocabularies

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "problema.schema.json": (
        Problem,
        "Problema municipal",
        "Encabezado YAML de un archivo problems/<comuna>/<nombre>.md del catálogo.",
    ),
    "solucion.schema.json": (
        Solution,
        "Solución",
        "Encabezado YAML de un archivo solutions/<nombre>.md del catálogo.",
    ),
    "adhesion.schema.json": (
        Join,
        "Adhesión a un problema compartido",
        "Encabezado YAML de un archivo problems/<comuna>/<nombre>.md con `comparte`: la comuna "
        "se suma a un problema que documentó otra comuna.",
    ),
    "eventos.schema.json": (
        EventsFile,
        "Eventos del programa",
        "Archivo eventos.yml del catálogo: talleres y hackatones con sus problemas y soluciones.",
    ),
}


def _inline_vocabularies(node: Any, vocabularies: Vocabularies) -> None:
    if isinstance(node, dict):
        attribute = node.pop(VOCABULARY_KEY, None)
        if attribute is not None:
            node["enum"] = sorted(getattr(vocabularies, attribute))
        for value in node.values():
            _inline_vocabularies(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _inline_vocabularies(value, vocabularies)


def build_schema(
    model: type[BaseModel], title: str, description: str, vocabularies: Vocabularies
) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    _inline_vocabularies(schema, vocabularies)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": title,
        "description": description,
    }


def render(name: str, vocabularies: Vocabularies) -> str:
    model, title, description = SCHEMAS[name]
    schema = build_schema(model, title, description, vocabularies)
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
