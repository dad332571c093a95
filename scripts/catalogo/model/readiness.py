"""How ready a problem is for a hackathon team, derived from its front matter.

Explained on every problem page: each criterion carries the sentence that says why it matters
and, when it is not met, what is missing and what to do. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from catalogo.model.problem import DataSource, Problem
from catalogo.model.responsible import has_baseline

# The levels, from ready to furthest from it, and how the site names them.
LABELS = {"lista": "Lista", "casi-lista": "Casi lista", "en-preparacion": "En preparación"}

# Formats a team cannot work with during a hackathon: paper, and data locked inside a system
# with no export (schema/formatos-datos.yml).
_NOT_WORKABLE = frozenset({"papel", "sistema"})
# How risks say that personal data are removed before anyone works with them: anonymised,
# pseudonymised, aggregated, dissociated, blurred (photos), left out or redacted.
_PROTECTED = re.compile(
    r"anonimi[zc]|seudonimi[zc]|agregad|se agregan|disociad|difumin|omit|tarja", re.IGNORECASE
)
MAX_TASKS = 3

# Each criterion's name and the sentence that says why it matters; the Hackatón page lists them.
DATA = (
    "Datos que un equipo puede obtener",
    "Al menos una fuente digital se puede descargar hoy (pública, con su enlace) o compartir "
    "con un convenio (interna y sin datos personales).",
)
INDICATOR = (
    "Indicador con línea base",
    "Algún indicador dice de qué cifra se parte (su línea base, con la fecha en que se midió), "
    "para medir si un prototipo mejora algo.",
)
PERSONAL_DATA = (
    "Datos personales resguardados",
    "Si alguna fuente tiene datos de personas, los riesgos dicen cómo se anonimizan, agregan u "
    "omiten antes de trabajar con ellos.",
)
TASK = (
    "Tarea de IA clara para LatamGPT",
    f"El problema pide como máximo {MAX_TASKS} tareas de IA y al menos una la aborda "
    "directamente un modelo de lenguaje como LatamGPT, el que usan los equipos.",
)
CRITERIA = (DATA, INDICATOR, PERSONAL_DATA, TASK)


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    explanation: str  # why it matters, one sentence
    met: bool
    missing: str = ""  # when not met: what is missing and what to do


@dataclass(frozen=True, slots=True)
class Readiness:
    criteria: tuple[Criterion, ...]

    @property
    def met(self) -> int:
        return sum(criterion.met for criterion in self.criteria)

    @property
    def missing(self) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if not criterion.met)

    @property
    def level(self) -> str:
        """`lista`, `casi-lista` or `en-preparacion`."""
        missing = len(self.missing)
        return "lista" if missing == 0 else "casi-lista" if missing == 1 else "en-preparacion"

    @property
    def label(self) -> str:
        return LABELS[self.level]


def obtainable(source: DataSource) -> bool:
    """Whether a team can get this source: public with its link, to download today, or
    internal without personal data, to share under an agreement."""
    if source.format in _NOT_WORKABLE:
        return False
    if source.access == "publico":
        return source.url is not None
    return source.access == "interno" and not source.personal_data


def readiness(problem: Problem, language_model_tasks: Collection[str]) -> Readiness:
    """`language_model_tasks`: the AI tasks a language model such as LatamGPT addresses
    directly (schema/tareas-ia.yml, `modelo_de_lenguaje: true`)."""
    return Readiness(
        (
            _data(problem),
            _indicator(problem),
            _personal_data(problem),
            _task(problem, language_model_tasks),
        )
    )


def _data(problem: Problem) -> Criterion:
    sources = problem.data_sources
    met = any(obtainable(source) for source in sources)
    if not sources:
        missing = "No se nombra ninguna fuente de datos: agregue las que existen en «datos»."
    else:
        missing = (
            "Ninguna fuente es pública con enlace ni interna sin datos personales: agregue el "
            "enlace de los datos públicos o una fuente que el municipio pueda compartir."
        )
    return Criterion(*DATA, met, "" if met else missing)


def baseline_count(problem: Problem) -> int:
    """How many of the problem's indicators give their baseline."""
    return sum(has_baseline(indicator) for indicator in problem.indicators)


def _indicator(problem: Problem) -> Criterion:
    met = baseline_count(problem) > 0
    return Criterion(
        *INDICATOR,
        met,
        ""
        if met
        else "Ningún indicador dice de qué cifra se parte: escríbalo con nombre, unidad, "
        "linea_base (la cifra de hoy), fecha_linea_base y meta.",
    )


def _personal_data(problem: Problem) -> Criterion:
    personal = [source.name for source in problem.data_sources if source.personal_data]
    met = not personal or any(_PROTECTED.search(risk) for risk in problem.risks)
    return Criterion(
        *PERSONAL_DATA,
        met,
        ""
        if met
        else f"«{personal[0]}» tiene datos personales y ningún riesgo dice cómo se anonimizan "
        "o agregan: agréguelo en «riesgos».",
    )


def _task(problem: Problem, language_model_tasks: Collection[str]) -> Criterion:
    tasks = problem.ai_tasks
    language = any(task in language_model_tasks for task in tasks)
    met = language and len(tasks) <= MAX_TASKS
    if len(tasks) > MAX_TASKS:
        missing = f"Tiene {len(tasks)} tareas de IA: deje las {MAX_TASKS} principales."
    else:
        missing = (
            "Ninguna tarea es de un modelo de lenguaje: indique cuál podría hacer LatamGPT "
            "(por ejemplo clasificación de texto o resumen), o trabaje el problema fuera de la "
            "hackatón."
        )
    return Criterion(*TASK, met, "" if met else missing)
