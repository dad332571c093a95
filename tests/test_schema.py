"""The committed JSON Schemas follow the model, and the examples satisfy them."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from catalogo.loading.catalogue import kind_of_document
from catalogo.loading.discovery import discover
from catalogo.loading.reader import read_document
from catalogo.model.json_schema import SCHEMAS
from conftest import REPO, run_cli


def test_committed_schemas_are_up_to_date():
    result = run_cli("esquema", "--verificar")
    assert result.returncode == 0, result.stdout


def test_stale_schema_is_detected_and_rewritten(tmp_path):
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    path = tmp_path / "schema" / "problema.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["properties"]["titulo"]
    path.write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("esquema", "--verificar", "--raiz", str(tmp_path))
    assert result.returncode == 1 and "problema.schema.json está desactualizado" in result.stdout
    assert run_cli("esquema", "--raiz", str(tmp_path)).returncode == 0
    assert run_cli("esquema", "--verificar", "--raiz", str(tmp_path)).returncode == 0


def _schema(name: str) -> dict:
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def test_vocabularies_are_inlined_as_enums(vocabularies):
    problem = _schema("problema.schema.json")
    properties = problem["properties"]
    assert properties["comuna"]["enum"] == sorted(vocabularies.comunas)
    assert properties["temas"]["items"]["enum"] == sorted(vocabularies.themes)
    assert "x-vocabulario" not in json.dumps(problem)
    assert problem["additionalProperties"] is False
    assert set(problem["required"]) >= {
        "id",
        "titulo",
        "comuna",
        "temas",
        "estado",
        "resumen",
        "contacto",
    }


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schemas_are_valid_json_schema(name):
    jsonschema.Draft202012Validator.check_schema(_schema(name))


def test_every_example_satisfies_its_schema():
    validators = {
        "problema": jsonschema.Draft202012Validator(_schema("problema.schema.json")),
        "plantilla": jsonschema.Draft202012Validator(_schema("problema.schema.json")),
        "solucion": jsonschema.Draft202012Validator(_schema("solucion.schema.json")),
        "plantilla-solucion": jsonschema.Draft202012Validator(_schema("solucion.schema.json")),
        "adhesion": jsonschema.Draft202012Validator(_schema("adhesion.schema.json")),
        "plantilla-adhesion": jsonschema.Draft202012Validator(_schema("adhesion.schema.json")),
    }
    kinds = set()
    for entry in discover(REPO).entries:
        data = read_document((REPO / entry.path).read_bytes()).data
        # A file in a comuna's folder that says `comparte` is a join, with a schema of its own.
        kind = kind_of_document(entry.kind, data)
        kinds.add(kind)
        errors = [error.message for error in validators[kind].iter_errors(data)]
        assert errors == [], entry.path
    assert kinds == set(validators)
