"""The issue forms come from the model and the vocabularies, and stay in step with them."""

from __future__ import annotations

import re
import shutil

import yaml

from catalogo.authoring.issue_forms import COMMENT, FORMS_DIR, PROPOSE, REGISTER, problem_fields
from catalogo.model import Problem
from conftest import REPO, run_cli

ELEMENT_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def _form(name: str) -> dict:
    return yaml.safe_load((REPO / FORMS_DIR / name).read_text(encoding="utf-8"))


def test_forms_are_up_to_date():
    result = run_cli("formularios", "--verificar", "--raiz", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_forms_are_well_formed_issue_forms():
    for name in (PROPOSE, REGISTER, COMMENT):
        form = _form(name)
        assert form["name"] and form["description"] and form["labels"]
        ids, labels = [], []
        for element in form["body"]:
            assert element["type"] in ELEMENT_TYPES, element
            if element["type"] == "markdown":
                continue
            ids.append(element["id"])
            labels.append(element["attributes"]["label"])
            assert re.fullmatch(r"[a-z0-9_-]+", element["id"]), element["id"]
            options = element["attributes"].get("options")
            if element["type"] == "dropdown":
                assert options and len(options) == len(set(options)), element["id"]
        assert len(ids) == len(set(ids)) and len(labels) == len(set(labels)), name
    config = yaml.safe_load((REPO / FORMS_DIR / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_the_proposal_form_speaks_the_model_and_offers_the_vocabularies(vocabularies):
    elements = {e["id"]: e["attributes"] for e in _form(PROPOSE)["body"] if "id" in e}
    assert elements["titulo"]["label"] == Problem.model_fields["title"].title
    assert elements["resumen"]["description"] == Problem.model_fields["summary"].description
    assert len(elements["comuna"]["options"]) == len(vocabularies.comunas) == 346
    assert "Ñuñoa" in elements["comuna"]["options"]
    assert elements["temas"]["options"] == [t.name for t in vocabularies.themes.values()]
    assert elements["temas"]["multiple"] is True
    assert elements["tareas_ia"]["options"] == [t.name for t in vocabularies.ai_tasks.values()]
    # Every section the validator requires in the body is a field of the form.
    for field in problem_fields():
        assert field.id.replace(".", "-") in elements


def test_verificar_fails_when_a_vocabulary_changed(tmp_path):
    root = tmp_path / "catalogo"
    (root / "problems").mkdir(parents=True)
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copytree(REPO / FORMS_DIR, root / FORMS_DIR)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    themes = root / "schema" / "temas.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8")
        + "\n- slug: turismo\n  nombre: Turismo\n  descripcion: Turismo y patrimonio local.\n",
        encoding="utf-8",
    )
    result = run_cli("formularios", "--verificar", "--raiz", str(root))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{FORMS_DIR}/{PROPOSE} está desactualizado" in result.stdout
    assert run_cli("formularios", "--raiz", str(root)).returncode == 0
    assert "- Turismo\n" in (root / FORMS_DIR / PROPOSE).read_text(encoding="utf-8")
