"""Issue 14 · what each stage asks of a problem's framing and transparency record, state by
state, and of a solution's record; read from one table of expected codes per state."""

from __future__ import annotations

from datetime import date

import pytest

from catalogo.model.responsible import (
    HIGH_RISK_RECORD_STAGES,
    RECORD_STAGES,
    STAGES_FROM_PRIORITISED,
    record_required,
)
from catalogo.validation import clock
from catalogo.validation.per_file import check_bytes
from conftest import FIXTURES


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """The record's dates are read on one day, as the fixtures are (test_fixtures)."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 15))


# The valid fixtures carry every field, their records included; the scenarios start from them
# without the record and add it back where it is wanted.
COMPLETE = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
RECORD = COMPLETE[COMPLETE.index("transparencia:\n") : COMPLETE.index("---\n", 4)]
PROBLEM = COMPLETE.replace(RECORD, "", 1)
_SOLUTION = (FIXTURES / "validos" / "solucion-completa.md").read_text(encoding="utf-8")
SOLUTION = _SOLUTION.replace(
    _SOLUTION[_SOLUTION.index("transparencia:\n") : _SOLUTION.index("ejemplo: true\n")], "", 1
)
STATES = (
    "propuesto",
    "priorizado",
    "en-hackaton",
    "con-prototipo",
    "en-piloto",
    "implementado",
    "archivado",
)

INDICATOR = """  - nombre: Reclamos derivados a la unidad correcta
    unidad: "%"
    linea_base: 72
    fecha_linea_base: 2025-05-31
    meta: 90
"""
IMPACT = PROBLEM[PROBLEM.index("impacto:\n") : PROBLEM.index("proteccion_datos:\n")]
PROTECTION = PROBLEM[PROBLEM.index("proteccion_datos:\n") : PROBLEM.index("evaluacion_riesgo:\n")]
RISK = PROBLEM[PROBLEM.index("evaluacion_riesgo:\n") : PROBLEM.index("contacto:\n")]

# Each scenario: the edits to the complete problem, and the codes expected in each state, in
# the order of STATES. Written out by hand from the issue, not computed from the code.
E, W91, W90, R93, W94 = [], ["CAT091"], ["CAT090"], ["CAT093"], ["CAT094"]
SCENARIOS = {
    "completo, sin ficha": ([], [E, E, E, E, R93, R93, E]),
    "completo, con ficha": ([("contacto:\n", RECORD + "contacto:\n")], [E] * 7),
    "riesgo alto, sin ficha": (
        [("  nivel: limitado\n", "  nivel: alto\n")],
        [E, E, E, R93, R93, R93, E],
    ),
    "riesgo alto, con ficha": (
        [("  nivel: limitado\n", "  nivel: alto\n"), ("contacto:\n", RECORD + "contacto:\n")],
        [E] * 7,
    ),
    "indicador como texto": (
        [(INDICATOR, "  - Reclamos derivados a la unidad correcta (meta 90 %)\n")],
        [W90, W91, W91, W91, W91 + R93, W91 + R93, E],
    ),
    "sin evaluación de riesgo": ([(RISK, "")], [W94, R93, R93, R93, R93, R93, E]),
    "sin impacto": ([(IMPACT, "")], [E, R93, R93, R93, R93, R93, E]),
    "impacto sin frecuencia": (
        [("  frecuencia:\n    casos: 12000\n    periodo: mes\n", "")],
        [E, R93, R93, R93, R93, R93, E],
    ),
    "ficha sin revisar hace más de un año": (
        [
            ("contacto:\n", RECORD + "contacto:\n"),
            ("  ultima_revision: 2025-07-01\n", "  ultima_revision: 2024-12-01\n"),
            ("      fecha: 2025-06-30\n", "      fecha: 2024-11-30\n"),
        ],
        [E, E, E, E, ["CAT057"], ["CAT057"], E],
    ),
    "sin personas afectadas": (
        [("  personas: 42000\n", "")],
        [E, R93, R93, R93, R93, R93, E],
    ),
    "datos personales sin protección": ([(PROTECTION, "")], [W94, R93, R93, R93, R93, R93, E]),
    "sin datos personales ni protección": (
        [(PROTECTION, ""), ("    datos_personales: true\n", "    datos_personales: false\n")],
        [E, E, E, E, R93, R93, E],
    ),
}


def _codes(text: str, vocabularies, path="problems/maipu/fixture.md", kind="problema"):
    result = check_bytes(path, kind, text.encode(), vocabularies)
    return sorted(str(d.code) for d in result.diagnostics)


def _edited(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("state", STATES)
def test_each_stage_asks_for_its_fields(scenario, state, vocabularies):
    edits, expected = SCENARIOS[scenario]
    text = _edited(PROBLEM, [*edits, ("estado: priorizado", f"estado: {state}")])
    assert _codes(text, vocabularies) == sorted(expected[STATES.index(state)])


def test_the_table_covers_every_state_of_the_vocabulary(vocabularies):
    assert set(STATES) == set(vocabularies.problem_states)
    assert set(STAGES_FROM_PRIORITISED) | {"propuesto", "archivado"} == set(STATES)


def test_record_stages_follow_the_risk():
    assert [s for s in STATES if record_required(s, "limitado")] == list(RECORD_STAGES)
    assert [s for s in STATES if record_required(s, "alto")] == list(HIGH_RISK_RECORD_STAGES)
    assert [s for s in STATES if record_required(s, None)] == ["en-piloto", "implementado"]


@pytest.mark.parametrize(
    "state, record, expected",
    [
        ("idea", False, []),
        ("prototipo", False, []),
        ("abandonada", False, []),
        ("piloto", False, ["CAT093"]),
        ("produccion", False, ["CAT093"]),
        ("piloto", True, []),
        ("produccion", True, []),
        ("prototipo", True, []),
    ],
)
def test_a_solution_reaching_residents_needs_its_record(state, record, expected, vocabularies):
    text = SOLUTION.replace("estado: prototipo", f"estado: {state}")
    if state == "abandonada":
        text += "\n## Lecciones aprendidas\n\nLos datos no alcanzaban para entrenar el modelo.\n"
    if record:
        text = text.replace("ejemplo: true\n", RECORD + "ejemplo: true\n")
    assert _codes(text, vocabularies, "solutions/fixture.md", "solucion") == expected


def test_a_missing_field_on_a_broken_line_is_not_asked_for(vocabularies):
    """After a YAML syntax error the validator cannot know what the broken line held."""
    text = PROBLEM.replace("estado: priorizado", "estado: en-piloto").replace(
        "area_responsable: OIRS", 'area_responsable: "OIRS'
    )
    assert "CAT093" not in _codes(text, vocabularies)


@pytest.mark.parametrize(
    "value",
    ['""', "", "[]", "{}", "~", "null"],
    ids=["comillas", "nada", "lista", "mapa", "~", "null"],
)
def test_an_empty_record_is_as_good_as_missing(value, vocabularies):
    text = PROBLEM.replace("estado: priorizado", "estado: en-piloto").replace(
        "contacto:\n", f"transparencia: {value}\ncontacto:\n"
    )
    assert "CAT093" in _codes(text, vocabularies)


def test_one_message_lists_every_missing_field_at_the_state(vocabularies):
    text = _edited(PROBLEM, [(IMPACT, ""), (RISK, ""), ("estado: priorizado", "estado: en-piloto")])
    result = check_bytes("problems/maipu/x.md", "problema", text.encode(), vocabularies)
    (finding,) = result.diagnostics
    assert finding.code == "CAT093" and (finding.line, finding.column) == (8, 9)
    assert finding.message == (
        "En la etapa «en-piloto» se pide `impacto`, `evaluacion_riesgo` y `transparencia`, que "
        "faltan."
    )
    assert "ficha de transparencia" in finding.hint


def test_long_lists_of_indicators_and_results_are_checked_in_linear_time(vocabularies):
    """A pasted list of thousands of results, each naming no indicator, beside thousands of
    indicators: past the model's limits no suggestion is searched, so the check stays linear
    (a suggestion per result among every name would be quadratic)."""
    import time

    def timed(count: int) -> float:
        names = "".join(
            f"  - nombre: Indicador número {n}\n    unidad: días\n" for n in range(count)
        )
        results = "".join(
            f"    - indicador: Indicador numero {n}\n      valor: 1\n      fecha: 2025-06-30\n"
            for n in range(count)
        )
        record = RECORD.replace(
            RECORD[RECORD.index("  resultados:\n") : RECORD.index("  ultima")],
            "  resultados:\n" + results,
        )
        text = _edited(PROBLEM, [(INDICATOR, names), ("contacto:\n", record + "contacto:\n")])
        start = time.perf_counter()
        codes = _codes(text, vocabularies)
        assert "CAT098" in codes and "CAT034" in codes
        return time.perf_counter() - start

    # The fastest of three runs each: a busy machine slows a run, never speeds it.
    small = min(timed(150) for _ in range(3))
    large = min(timed(1200) for _ in range(3))
    assert large < small * 8 * 3  # 8 times the items, with room for noise
