"""The readiness indicator: each criterion on its own, the levels, and that it separates the
example problems (issue 11: it marked 20 of 22 as ready and so told teams nothing)."""

from __future__ import annotations

import pytest

from catalogo.loading.catalogue import load_catalogue
from catalogo.model.problem import Problem
from catalogo.model.readiness import CRITERIA, baseline_count, readiness
from catalogo.model.responsible import has_baseline
from conftest import REPO

LANGUAGE_TASKS = {"clasificacion-de-texto", "resumen"}

# A problem that meets every criterion; each test below breaks one thing.
READY = {
    "id": "13119-001",
    "titulo": "Derivación de reclamos que llegan a la OIRS",
    "comuna": "maipu",
    "temas": ["atencion-ciudadana"],
    "estado": "priorizado",
    "resumen": "La OIRS recibe miles de reclamos al mes y cada uno se deriva a mano a la unidad.",
    "area_responsable": "OIRS",
    "poblacion_afectada": {"descripcion": "Vecinas y vecinos que reclaman"},
    "tareas_ia": ["clasificacion-de-texto"],
    "datos": [
        {
            "nombre": "Registro histórico de reclamos",
            "formato": "base-de-datos",
            "acceso": "interno",
            "datos_personales": True,
        },
        {
            "nombre": "Catálogo de unidades municipales",
            "formato": "csv",
            "acceso": "publico",
            "datos_personales": False,
            "url": "https://datos.example.cl/unidades.csv",
        },
    ],
    "indicadores": [
        {
            "nombre": "Días hábiles hasta la derivación",
            "unidad": "días hábiles",
            "linea_base": 4,
            "fecha_linea_base": "2025-05-31",
            "meta": 1,
        }
    ],
    "riesgos": ["Los reclamos tienen datos personales; se anonimizan antes de usarlos."],
    "contacto": {"unidad": "OIRS", "correo": "oirs@maipu.municipalidad.example"},
    "fecha_registro": "2025-06-12",
}


@pytest.fixture
def problem(vocabularies):
    def make(**changes) -> Problem:
        return Problem.model_validate({**READY, **changes}, context={"vocabularios": vocabularies})

    return make


def _missing(problem: Problem) -> list[str]:
    return [criterion.name for criterion in readiness(problem, LANGUAGE_TASKS).missing]


def test_a_problem_that_meets_every_criterion_is_ready(problem):
    ready = readiness(problem(), LANGUAGE_TASKS)
    assert ready.level == "lista" and ready.label == "Lista"
    assert [c.name for c in ready.criteria] == [name for name, _ in CRITERIA]
    assert all(c.explanation and not c.missing for c in ready.criteria)


PUBLIC_WITHOUT_LINK = {**READY["datos"][1], "url": None}
INTERNAL_SHAREABLE = {**READY["datos"][1], "acceso": "interno", "url": None}


@pytest.mark.parametrize(
    "sources, ready",
    [
        ([], False),
        ([READY["datos"][0]], False),  # internal with personal data: not for a team
        ([PUBLIC_WITHOUT_LINK], False),  # public, but where?
        ([{**READY["datos"][1], "formato": "papel"}], False),
        ([{**INTERNAL_SHAREABLE, "formato": "sistema"}], False),
        ([{**READY["datos"][1], "acceso": "restringido"}], False),
        ([INTERNAL_SHAREABLE], True),
        ([READY["datos"][1]], True),
    ],
)
def test_data_a_team_can_get(problem, sources, ready):
    missing = _missing(problem(datos=sources, riesgos=READY["riesgos"]))
    assert ("Datos que un equipo puede obtener" not in missing) is ready


TARGET_ONLY = {"nombre": "Reclamos bien derivados", "unidad": "%", "meta": 90}


@pytest.mark.parametrize(
    "indicator, baseline",
    [
        (READY["indicadores"][0], True),
        ({**READY["indicadores"][0], "linea_base": 0}, True),  # zero is a baseline
        (TARGET_ONLY, False),
        # A line of text has no baseline to compare with, whatever it says (issue 14).
        ("Días hábiles entre la sesión y el borrador de acta (de 21 a 5)", False),
    ],
)
def test_an_indicator_has_a_baseline_when_it_gives_one(problem, indicator, baseline):
    (read,) = problem(indicadores=[indicator]).indicators
    assert has_baseline(read) is baseline


def test_the_criterion_counts_the_indicators_with_a_baseline(problem):
    mixed = problem(indicadores=[TARGET_ONLY, "Texto (de 3 a 1)", READY["indicadores"][0]])
    assert baseline_count(mixed) == 1
    assert _missing(mixed) == []


def test_an_indicator_with_a_target_only_is_not_enough(problem):
    missing = _missing(problem(indicadores=[TARGET_ONLY]))
    assert missing == ["Indicador con línea base"]


def test_personal_data_need_a_risk_that_says_how_they_are_protected(problem):
    unprotected = problem(riesgos=["Un reclamo mal derivado puede quedar sin respuesta."])
    assert _missing(unprotected) == ["Datos personales resguardados"]
    (criterion,) = readiness(unprotected, LANGUAGE_TASKS).missing
    assert "Registro histórico de reclamos" in criterion.missing
    # Without personal data, no risk is needed.
    assert _missing(problem(datos=[READY["datos"][1]], riesgos=[])) == []


def test_the_ai_task_must_be_one_for_a_language_model_and_few(problem):
    assert _missing(problem(tareas_ia=["prediccion"])) == ["Tarea de IA clara para LatamGPT"]
    four = ["clasificacion-de-texto", "resumen", "prediccion", "optimizacion"]
    (criterion,) = readiness(problem(tareas_ia=four), LANGUAGE_TASKS).missing
    assert criterion.name == "Tarea de IA clara para LatamGPT" and "4 tareas" in criterion.missing


def test_levels_count_the_missing_criteria(problem):
    assert readiness(problem(tareas_ia=["prediccion"]), LANGUAGE_TASKS).level == "casi-lista"
    two = problem(tareas_ia=["prediccion"], indicadores=[TARGET_ONLY])
    assert readiness(two, LANGUAGE_TASKS).level == "en-preparacion"
    assert readiness(two, LANGUAGE_TASKS).label == "En preparación"


def test_the_indicator_separates_the_example_problems(vocabularies):
    """Issue 11: 20 of 22 examples were «lista». Now at most a third is, and some still are."""
    catalogue = load_catalogue(REPO, vocabularies)
    language = {slug for slug, term in vocabularies.ai_tasks.items() if term.language_model}
    levels = [readiness(e.problem, language).level for e in catalogue.problems]
    ready = levels.count("lista")
    assert 0 < ready <= len(levels) / 3, levels
    assert {"casi-lista", "en-preparacion"} <= set(levels)
