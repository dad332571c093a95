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


# Issue 14 · the examples show the responsible-AI fields as a municipality would fill them.
# The least stage of its problems that each solution state implies, on the problems' ladder.
_LADDER = ("propuesto", "priorizado", "en-hackaton", "con-prototipo", "en-piloto", "implementado")
_PROBLEM_STAGE_OF_SOLUTION = {
    "prototipo": "con-prototipo",
    "piloto": "en-piloto",
    "produccion": "implementado",
}


def test_examples_frame_every_problem_with_measurable_indicators_impact_and_risk(
    problems, vocabularies
):
    from catalogo.model.responsible import Indicator

    indicators = [item for p in problems for item in p.indicators]
    assert all(isinstance(item, Indicator) for item in indicators)
    # Most give the figure they start from; some, honestly, do not know it yet.
    with_baseline = [item for item in indicators if item.baseline is not None]
    assert len(indicators) > len(with_baseline) >= 0.6 * len(indicators)
    assert all(p.impact and p.impact.frequency and p.impact.current_cost for p in problems)
    assert {p.impact.current_cost.unit for p in problems} == set(vocabularies.cost_units)
    assert all(p.risk for p in problems)
    assert {p.risk.level for p in problems} == set(vocabularies.risk_levels) - {"inaceptable"}
    assert {p.risk.decisions for p in problems} >= {"ninguna", "apoya"}
    assert all(p.risk.oversight for p in problems if p.risk.decisions != "ninguna")
    personal = [p for p in problems if any(s.personal_data for s in p.data_sources)]
    assert all(p.data_protection for p in personal)
    assert not any(p.data_protection for p in problems if p not in personal)
    assert {p.data_protection.legal_basis for p in personal} >= {"funcion-publica"}


def test_examples_hold_the_records_the_issue_asks_for(problems, vocabularies):
    """A high-risk problem with a complete record and measured results, sensitive health
    data, and an `implementado` problem with its record."""
    high = [p for p in problems if p.risk.level == "alto" and p.transparency]
    assert any(p.transparency.results for p in high)
    assert any(p.state == "con-prototipo" for p in high), (
        "a high-risk record is needed before the pilot"
    )
    health = [
        p for p in problems if p.data_protection and "salud" in p.data_protection.sensitive_data
    ]
    assert any(p.transparency and p.data_protection.impact_assessment for p in health)
    assert any(p.state == "implementado" and p.transparency for p in problems)
    # A high-risk problem still being framed, whose record is not asked for yet.
    assert any(
        p.risk.level == "alto" and p.state == "priorizado" and not p.transparency for p in problems
    )


def test_example_records_tell_one_story(problems, solutions):
    """Solutions are at the stage their problems are; results name the problems' indicators,
    come after the baseline they improve on and before the record's review, and none is in the
    future."""
    from catalogo.model.responsible import SOLUTION_RECORD_STATES, indicator_name
    from catalogo.validation import clock

    by_id = {p.problem_id: p for p in problems}
    for solution in solutions:
        least = _PROBLEM_STAGE_OF_SOLUTION.get(solution.state)
        for problem_id in solution.problems if least else ():
            assert _LADDER.index(by_id[problem_id].state) >= _LADDER.index(least), solution.title
        assert (solution.transparency is not None) == (solution.state in SOLUTION_RECORD_STATES)
    today = clock.today()
    for owner, problem_ids in [(p, [p.problem_id]) for p in problems] + [
        (s, s.problems) for s in solutions
    ]:
        record = owner.transparency
        if record is None:
            continue
        indicators = {indicator_name(i): i for pid in problem_ids for i in by_id[pid].indicators}
        assert record.last_review <= today
        for result in record.results:
            indicator = indicators[result.indicator]
            assert result.date <= record.last_review
            assert indicator.baseline_date is None or indicator.baseline_date <= result.date
