"""What the site shows of the responsible-AI fields (issue 14): indicators with their numbers,
impact and cost, the personal data detail, the risk tier and the transparency record. Plain
values (text, dates, links) for the templates and the exports; the views build them once.

The record's fields follow public references (the UK's Algorithmic Transparency Recording
Standard, the Dutch Algoritmeregister, the Consejo para la Transparencia's recommendations and
Ley 21.719). The site says so and links to them; it certifies nothing."""

from __future__ import annotations

from collections.abc import Iterable

from catalogo.model.responsible import (
    DataProtection,
    Impact,
    Indicator,
    IndicatorResult,
    RiskAssessment,
    TransparencyRecord,
)
from catalogo.model.vocabularies import Term, Vocabularies
from catalogo.site.render import spanish_number

# Where the transparency records are published: the index and one page each.
RECORDS_INDEX = "transparencia.md"
RECORDS_JSON = "api/transparencia.json"
RECORDS_CSV = "api/transparencia.csv"
# The guide that sets each record field beside the references' own (written by hand).
CROSSWALK = "guias/equivalencias-transparencia.md"

# The references the record follows, in the order the pages name them: (name, what it is, link).
REFERENCES = (
    (
        "Algorithmic Transparency Recording Standard (ATRS)",
        "el estándar del Reino Unido para registrar los algoritmos del sector público",
        "https://www.gov.uk/government/collections/algorithmic-transparency-recording-standard-hub",
    ),
    (
        "Algoritmeregister",
        "el registro de algoritmos del Estado de los Países Bajos",
        "https://algoritmes.overheid.nl/",
    ),
    (
        "Consejo para la Transparencia",
        "sus recomendaciones de transparencia algorítmica para los órganos públicos",
        "https://www.consejotransparencia.cl/portal-de-transparencia/material-transparencia-algoritmica/",
    ),
    (
        "Ley 21.719",
        "la ley de protección de datos personales, vigente desde el 1 de diciembre de 2026",
        "https://www.bcn.cl/leychile/navegar?idLey=21719",
    ),
)

# What «no evaluation yet» is called where the risk tier is shown or filtered.
NO_RISK = "Sin evaluar"


# A number as written in Chile (3.000.000, 4,5): one function for every page and export.
number_text = spanish_number


def _period(periods: dict[str, Term], slug: str) -> str:
    term = periods.get(slug)
    return f"por {(term.name if term else slug).lower()}"


def _latest(results: Iterable[IndicatorResult]) -> dict[str, IndicatorResult]:
    """Each indicator's most recent result, by the indicator's name."""
    latest: dict[str, IndicatorResult] = {}
    for result in results:
        found = latest.get(result.indicator)
        if found is None or result.date >= found.date:
            latest[result.indicator] = result
    return latest


def indicator_rows(
    indicators: Iterable[Indicator | str],
    results: Iterable[IndicatorResult] = (),
    unmatched: bool = False,
) -> list[dict]:
    """The indicators as table rows: name, unit, baseline with its date, target and the latest
    result the record gives. An indicator written as plain text (before issue 14) is a row
    with `legacy` set, no unit, baseline nor target. With `unmatched`, a result that names no
    indicator (which the validator refuses) still gets a row of its own, as `legacy`: a
    record's page never drops a result it declares."""
    latest = _latest(results)
    rows = []
    for item in indicators:
        name = item if isinstance(item, str) else item.name
        result = latest.pop(name, None)
        row = {
            "name": name,
            "legacy": isinstance(item, str),
            "result": None if result is None else number_text(result.value),
            "result_date": None if result is None else result.date,
        }
        if not isinstance(item, str):
            row.update(
                unit=item.unit,
                baseline=None if item.baseline is None else number_text(item.baseline),
                baseline_date=item.baseline_date,
                target=None if item.target is None else number_text(item.target),
            )
        rows.append(row)
    if unmatched:
        rows.extend(
            {
                "name": r.indicator,
                "legacy": True,
                "result": number_text(r.value),
                "result_date": r.date,
            }
            for r in latest.values()
        )
    return rows


def impact_details(impact: Impact | None, vocabularies: Vocabularies) -> dict | None:
    """How often the problem occurs and what it costs today, as sentences: «1.200 casos por
    mes», «entre $3.000.000 y $5.000.000 por mes»."""
    if impact is None or (impact.frequency is None and impact.current_cost is None):
        return None
    periods = vocabularies.periods
    frequency = cost = None
    if impact.frequency is not None:
        cases = impact.frequency.cases
        word = "caso" if cases == 1 else "casos"
        frequency = f"{number_text(cases)} {word} {_period(periods, impact.frequency.period)}"
    if impact.current_cost is not None:
        c = impact.current_cost
        if c.unit == "pesos":
            low, high = f"${number_text(c.minimum)}", f"${number_text(c.maximum)}"
            unit = ""
        else:
            low, high = number_text(c.minimum), number_text(c.maximum)
            term = vocabularies.cost_units.get(c.unit)  # «Horas de trabajo»
            unit = " " + (term.name.lower() if term else c.unit)
        span = f"{low}{unit}" if c.minimum == c.maximum else f"entre {low} y {high}{unit}"
        cost = f"{span} {_period(periods, c.period)}"
    return {"frequency": frequency, "cost": cost}


def data_protection_details(
    protection: DataProtection | None, vocabularies: Vocabularies
) -> dict | None:
    """The sensitive data by name, the legal basis by name with the norm's link, and the data
    protection impact assessment."""
    if protection is None:
        return None
    sensitive = vocabularies.sensitive_data
    basis = vocabularies.legal_bases.get(protection.legal_basis)
    return {
        "sensitive": [
            {"name": term.name, "description": term.description}
            for term in (sensitive.get(s) or Term(s, s, "") for s in protection.sensitive_data)
        ],
        "legal_basis": {
            "name": basis.name if basis else protection.legal_basis,
            "description": basis.description if basis else "",
            "link": basis.link if basis else "",
        },
        "assessment": protection.impact_assessment,
        "assessment_url": protection.impact_assessment_url,
    }


def risk_details(risk: RiskAssessment | None, vocabularies: Vocabularies) -> dict | None:
    """The risk tier by name with its reason, the part the system would take in decisions about
    people and the oversight planned."""
    if risk is None:
        return None
    level = vocabularies.risk_levels.get(risk.level)
    role = vocabularies.decision_roles.get(risk.decisions)
    return {
        "level": risk.level,
        "level_name": level.name if level else risk.level,
        "level_description": level.description if level else "",
        "reason": risk.reason,
        "decisions": risk.decisions,
        "decisions_name": role.name if role else risk.decisions,
        "decisions_description": role.description if role else "",
        "oversight": risk.oversight,
    }


def risk_name(risk: RiskAssessment | None, vocabularies: Vocabularies) -> str:
    """The tier's name, or NO_RISK: what Explorar filters and the index lists."""
    if risk is None:
        return NO_RISK
    level = vocabularies.risk_levels.get(risk.level)
    return level.name if level else risk.level


# The record's questions, in the order the page asks them: (key, question, the record's fields
# that answer it, each with its label). Plain words a resident would ask; a test checks that the
# page shows each one and that every field of the record is answered somewhere. The page adds
# the contact under «responde» and the personal data detail under «datos».
QUESTIONS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("uso", "¿Para qué se usa?", (("purpose", ""),)),
    (
        "responde",
        "¿Quién responde?",
        (("responsible_unit", "Unidad responsable"), ("accountable_role", "Cargo responsable")),
    ),
    (
        "desarrollo",
        "¿Quién lo desarrolló y en qué condiciones?",
        (("built_by", "Desarrollado por"), ("terms", "Condiciones")),
    ),
    ("datos", "¿Qué datos usa?", (("data_used", ""),)),
    (
        "representatividad",
        "¿Los datos representan a las personas afectadas?",
        (("representativeness", ""),),
    ),
    ("supervision", "¿Quién supervisa lo que hace?", (("oversight", ""),)),
    ("informacion", "¿Cómo se informa a las personas?", (("notice", ""),)),
    ("reclamo", "¿Cómo puedo reclamar o pedir una revisión?", (("contest", ""),)),
    ("evaluacion", "¿Cómo se evaluó?", (("evaluation", ""),)),
)
# The headings of the parts that come from elsewhere than the record's text fields.
RISK_QUESTION = "¿Qué nivel de riesgo tiene?"
DECISIONS_QUESTION = "¿Toma decisiones sobre personas?"
RESULTS_QUESTION = "¿Qué resultados tiene?"
REVIEW_QUESTION = "¿Cuándo se revisó esta ficha?"


def record_answers(record: TransparencyRecord) -> list[dict]:
    """The record's text fields under their questions, for the page."""
    return [
        {
            "key": key,
            "question": question,
            "answers": [
                {"label": label, "text": getattr(record, attribute)} for attribute, label in fields
            ],
        }
        for key, question, fields in QUESTIONS
    ]


def results_text(results: Iterable[IndicatorResult]) -> str:
    """A record's results in one spreadsheet cell: «Indicador: 29 (2026-06-30); …»."""
    return "; ".join(
        f"{r.indicator}: {number_text(r.value)} ({r.date.isoformat()})" for r in results
    )
