"""The example catalogue shipped in the repository: varied, realistic and clean."""

from __future__ import annotations

from collections import Counter

import pytest

from catalogo.loading.catalogue import load_catalogue
from catalogo.loading.reader import read_document
from catalogo.model import Problem
from catalogo.validation.run import validate_catalogue
from conftest import REPO

PILOT_COMUNAS = {
    "maipu",
    "quinta-normal",
    "renca",
    "huechuraba",
    "las-condes",
    "puente-alto",
    "zapallar",
    "catemu",
    "valparaiso",
    "puerto-varas",
    "coquimbo",
}


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    return load_catalogue(REPO, vocabularies)


@pytest.fixture(scope="module")
def problems(catalogue):
    return [entry.problem for entry in catalogue.problems]


@pytest.fixture(scope="module")
def solutions(catalogue):
    return [entry.solution for entry in catalogue.solutions]


def test_examples_validate_clean(vocabularies):
    report = validate_catalogue(REPO, vocabularies)
    assert report.diagnostics == []


def test_at_least_fifteen_problems_across_every_pilot_comuna(problems):
    assert len(problems) >= 15
    assert {p.comuna for p in problems} >= PILOT_COMUNAS


def test_every_example_is_marked_as_such(problems, solutions):
    assert all(p.example for p in problems)
    assert all(s.example for s in solutions)


def test_examples_are_varied(problems, vocabularies):
    themes = Counter(theme for p in problems for theme in p.themes)
    assert set(themes) == set(vocabularies.themes)
    assert {p.state for p in problems} == set(vocabularies.problem_states)
    assert len({task for p in problems for task in p.ai_tasks}) >= 10
    assert any(not p.data_sources for p in problems)
    assert any(s.personal_data for p in problems for s in p.data_sources)
    assert len({p.title for p in problems}) == len(problems)


def test_at_least_three_solutions_pointing_at_examples(problems, solutions):
    assert len(solutions) >= 3
    ids = {p.problem_id for p in problems}
    assert all(set(s.problems) <= ids for s in solutions)
    assert any("LatamGPT" in s.models for s in solutions)


def test_template_is_a_complete_problem_that_validates(vocabularies):
    """The template lists every field of the model and passes the same checks as a problem."""
    document = read_document((REPO / "problems" / "_plantilla.md").read_bytes())
    template_keys = set(document.data)
    commented_keys = {
        line.lstrip("# ").split(":")[0]
        for line in document.text.splitlines()
        if line.startswith("# ") and ":" in line and " " not in line.lstrip("# ").split(":")[0]
    }
    model_keys = {field.alias for field in Problem.model_fields.values()}
    assert model_keys - template_keys - commented_keys == {"ejemplo"}
    report = validate_catalogue(REPO, vocabularies, only=["problems/_plantilla.md"])
    assert report.diagnostics == []
