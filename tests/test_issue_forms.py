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


def test_the_triage_questions_offer_the_vocabularies_in_plain_words(vocabularies):
    elements = {e["id"]: e for e in _form(PROPOSE)["body"] if "id" in e}
    personal = elements["triaje-datos_personales"]["attributes"]
    assert personal["options"] == ["Sí", "No", "No sé"]
    sensitive = elements["proteccion_datos-datos_sensibles"]
    assert sensitive["type"] == "checkboxes"
    assert [o["label"] for o in sensitive["attributes"]["options"]] == [
        t.name for t in vocabularies.sensitive_data.values()
    ]
    basis = elements["proteccion_datos-base_legal"]["attributes"]
    assert basis["options"] == [t.name for t in vocabularies.legal_bases.values()] + ["No sé"]
    level = elements["evaluacion_riesgo-nivel"]["attributes"]
    offered = [t for t in vocabularies.risk_levels.values() if t.slug != "inaceptable"]
    assert level["options"] == [t.name for t in offered] + ["No sé"]
    # Each tier's description is the help, and the refused tier is explained, not offered.
    for term in vocabularies.risk_levels.values():
        assert " ".join(term.description.split())[1:60] in " ".join(level["description"].split())
    assert "«Inaceptable» no se ofrece" in level["description"]
    roles = elements["evaluacion_riesgo-decisiones_sobre_personas"]["attributes"]
    assert roles["options"] == [t.name for t in vocabularies.decision_roles.values()]
    # A short note before the questions says they are the municipality's declaration.
    body = _form(PROPOSE)["body"]
    first = next(i for i, e in enumerate(body) if e.get("id") == "triaje-datos_personales")
    assert body[first - 1]["type"] == "markdown"
    assert "declaración del municipio" in body[first - 1]["attributes"]["value"]


def test_the_form_stays_short_enough_to_fill_in(vocabularies):
    """The triage adds questions, not a questionnaire: at most 35 questions in all, every
    label short and every help under 1,000 characters (the risk tiers, each explained, are the
    longest)."""
    questions = [e for e in _form(PROPOSE)["body"] if e["type"] != "markdown"]
    assert len(questions) <= 35
    for element in questions:
        assert len(element["attributes"]["label"]) <= 90, element["id"]
        assert len(element["attributes"].get("description", "")) <= 1000, element["id"]
