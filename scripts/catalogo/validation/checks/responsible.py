"""Responsible AI (issue 14): what each stage asks of the framing and of the transparency
record, and the fields that need one another (a baseline and its date, a decision about people
and its oversight).

Run on the raw front matter, like the consistency checks, so that a file with another broken
field still learns what its stage asks for. The stages themselves are decided in the model
(`catalogo.model.responsible`), which the guide and the site read too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from catalogo.core.codes import Code
from catalogo.core.words import did_you_mean
from catalogo.loading.yaml_tree import locate
from catalogo.model.responsible import (
    DECIDING_ROLES,
    HIGH_RISK,
    SOLUTION_RECORD_STATES,
    UNACCEPTABLE_RISK,
    framing_required,
    record_required,
)
from catalogo.validation import clock
from catalogo.validation.checks.file_context import FileContext, Findings, as_read

PROPOSED = "propuesto"
# How old a record of a system in use may be before it asks for a review: one year.
REVIEW_DAYS = 365
MAX_ITEMS = 20
MAX_NAME = 200

# What each required field is, in the words of the message and its hint.
_WHAT = {
    "impacto": "el impacto (cuántos casos hay y cuánto cuestan hoy)",
    "impacto.frecuencia": "cuántas veces ocurre el problema (`impacto.frecuencia`: casos y "
    "periodo)",
    "impacto.costo_actual": "cuánto cuesta hoy (`impacto.costo_actual`: mínimo, máximo, "
    "unidad y periodo)",
    "poblacion_afectada.personas": "cuántas personas afecta (`poblacion_afectada.personas`)",
    "evaluacion_riesgo": "la evaluación de riesgo (nivel, motivo y decisiones sobre personas)",
    "proteccion_datos": "la protección de datos personales (datos sensibles, base de licitud "
    "y evaluación de impacto)",
    "transparencia": "la ficha de transparencia algorítmica",
}


def check_responsible(ctx: FileContext) -> Findings:
    data = ctx.data
    if data is None:
        return []
    if ctx.kind == "solucion":
        return _solution_record(ctx, data)
    if ctx.kind != "problema":
        return []
    state = as_read(data.get("estado"))
    state = state if isinstance(state, str) else ""
    return (
        _text_indicators(ctx, data, state)
        + _baseline_dates(ctx, data)
        + _stage_fields(ctx, data, state)
        + _risk(ctx, data)
        + _data_protection(ctx, data)
        + _results(ctx, data)
        + _cost_range(ctx, data)
        + _review_date(ctx, data, record_required(state, _risk_level(data)))
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


_EMPTY_SCALARS = ("", "~", "null", "Null", "NULL")


def _given(ctx: FileContext, path: tuple[Any, ...]) -> bool:
    """Written in the file, and not left empty (`clave:`, `clave: ""` or `clave: []` is as
    good as missing). Read from the YAML nodes, not the values: a value the reader refused (a
    number too long, say) was written, and has its own finding."""
    _, node, found = locate(ctx.document.root, path)
    if found < len(path) or node is None:
        return False
    if isinstance(node, ScalarNode):
        # A plain scalar (no quotes: style None or "") spelling null is empty; "null" is text.
        return node.value.strip() != "" and not (not node.style and node.value in _EMPTY_SCALARS)
    return isinstance(node, (MappingNode, SequenceNode)) and bool(node.value)


def _indicators(data: dict[str, Any]) -> list[Any]:
    items = data.get("indicadores")
    return items if isinstance(items, list) else []


def _text_indicators(ctx: FileContext, data: dict[str, Any], state: str) -> Findings:
    if framing_required(state):
        code, when = Code.INDICATOR_AS_TEXT, f"En la etapa «{state}» cada"
    elif state == PROPOSED:
        code, when = Code.INDICATOR_AS_TEXT_PROPOSED, "Cada"
    else:
        return []
    return [
        ctx.at_value(
            code,
            ("indicadores", index),
            f"{when} indicador necesita su línea base y su meta; «{as_read(item)}» es solo un "
            "texto.",
        )
        for index, item in enumerate(_indicators(data))
        if isinstance(item, str) and item.strip()
    ]


def _baseline_dates(ctx: FileContext, data: dict[str, Any]) -> Findings:
    findings = []
    for index, item in enumerate(_indicators(data)):
        if not isinstance(item, dict):
            continue
        at = ("indicadores", index)
        baseline, dated = _given(ctx, (*at, "linea_base")), _given(ctx, (*at, "fecha_linea_base"))
        if baseline == dated:
            continue
        if baseline:
            key, message = "linea_base", "Falta `fecha_linea_base`: cuándo se midió la línea base."
        else:
            key, message = "fecha_linea_base", "Hay `fecha_linea_base` pero falta `linea_base`."
        findings.append(
            ctx.at_value(Code.BASELINE_WITHOUT_DATE, ("indicadores", index, key), message)
        )
    return findings


def _has_personal_data(data: dict[str, Any]) -> bool:
    sources = data.get("datos")
    return isinstance(sources, list) and any(
        _mapping(source).get("datos_personales") is True for source in sources
    )


def _risk_level(data: dict[str, Any]) -> str | None:
    level = as_read(_mapping(data.get("evaluacion_riesgo")).get("nivel"))
    return level if isinstance(level, str) else None


def _missing_for(ctx: FileContext, data: dict[str, Any], state: str) -> list[str]:
    """The fields the stage asks for that the file does not give, in the template's order."""
    missing = []
    if framing_required(state):
        if not _given(ctx, ("impacto",)):
            missing.append("impacto")
        else:
            parts = ("frecuencia", "costo_actual")
            missing += [f"impacto.{p}" for p in parts if not _given(ctx, ("impacto", p))]
        people = ("poblacion_afectada", "personas")
        missing += [] if _given(ctx, people) else ["poblacion_afectada.personas"]
    if framing_required(state) or state == PROPOSED:
        if _has_personal_data(data) and not _given(ctx, ("proteccion_datos",)):
            missing.append("proteccion_datos")
        if not _given(ctx, ("evaluacion_riesgo",)):
            missing.append("evaluacion_riesgo")
    if record_required(state, _risk_level(data)) and not _given(ctx, ("transparencia",)):
        missing.append("transparencia")
    return missing


def _listed(keys: list[str]) -> str:
    names = [f"`{key}`" for key in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]


def _stage_fields(ctx: FileContext, data: dict[str, Any], state: str) -> Findings:
    # After a syntax error the missing field may be on the broken line: say nothing rather
    # than ask for what was written (as the model's own missing fields, per_file._readable_part).
    missing = [] if ctx.document.partial else _missing_for(ctx, data, state)
    if not missing:
        return []
    hint = (
        "Agregue "
        + "; ".join(_WHAT[key] for key in missing)
        + (". La plantilla problems/_plantilla.md muestra cómo se escribe cada uno.")
    )
    if state == PROPOSED:
        return [
            ctx.at_value(
                Code.REQUIRED_LATER,
                ("estado",),
                f"Falta {_listed(missing)}, que se pedirá cuando el problema pase a «priorizado».",
                hint,
            )
        ]
    why = ""
    if "transparencia" in missing and _risk_level(data) == HIGH_RISK:
        why = " (el riesgo alto pide la ficha de transparencia desde «con-prototipo»)"
    return [
        ctx.at_value(
            Code.REQUIRED_FROM_STAGE,
            ("estado",),
            f"En la etapa «{state}» se pide {_listed(missing)}, que falta{'n' if len(missing) > 1 else ''}{why}.",
            hint,
        )
    ]


def _solution_record(ctx: FileContext, data: dict[str, Any]) -> Findings:
    state = as_read(data.get("estado"))
    if state not in SOLUTION_RECORD_STATES:
        return []
    if _given(ctx, ("transparencia",)):
        return _review_date(ctx, data, True)
    return [
        ctx.at_value(
            Code.REQUIRED_FROM_STAGE,
            ("estado",),
            f"Una solución en «{state}» llega a vecinas y vecinos: se pide `transparencia`, que "
            "falta.",
            "Agregue " + _WHAT["transparencia"] + ". La plantilla solutions/_plantilla.md muestra "
            "cómo se escribe.",
        )
    ]


def _risk(ctx: FileContext, data: dict[str, Any]) -> Findings:
    risk = _mapping(data.get("evaluacion_riesgo"))
    findings = []
    if _risk_level(data) == UNACCEPTABLE_RISK:
        findings.append(
            ctx.at_value(
                Code.UNACCEPTABLE_RISK,
                ("evaluacion_riesgo", "nivel"),
                "El nivel de riesgo es «inaceptable»: el proyecto de ley de IA prohíbe esos "
                "sistemas, y el catálogo no los recibe.",
            )
        )
    role = as_read(risk.get("decisiones_sobre_personas"))
    if role in DECIDING_ROLES and not _given(ctx, ("evaluacion_riesgo", "supervision_humana")):
        said = "toma" if role == "decide" else "apoya"
        findings.append(
            ctx.at_value(
                Code.OVERSIGHT_MISSING,
                ("evaluacion_riesgo", "decisiones_sobre_personas"),
                f"El sistema {said} decisiones sobre personas, pero falta "
                "`supervision_humana`: quién revisa lo que propone y cómo lo corrige.",
            )
        )
    return findings


def _data_protection(ctx: FileContext, data: dict[str, Any]) -> Findings:
    protection = data.get("proteccion_datos")
    if not isinstance(protection, dict):
        return []
    findings = []
    if protection.get("evaluacion_impacto") is True and not _given(
        ctx, ("proteccion_datos", "evaluacion_impacto_url")
    ):
        findings.append(
            ctx.at_value(
                Code.IMPACT_ASSESSMENT_WITHOUT_LINK,
                ("proteccion_datos", "evaluacion_impacto"),
                "Se declara una evaluación de impacto en protección de datos, pero falta "
                "`evaluacion_impacto_url`.",
            )
        )
    if not _has_personal_data(data):
        findings.append(
            ctx.at_value(
                Code.DATA_PROTECTION_WITHOUT_PERSONAL_DATA,
                ("proteccion_datos",),
                "Hay `proteccion_datos`, pero ninguna fuente de `datos` dice "
                "`datos_personales: true`.",
            )
        )
    return findings


def indicator_names(data: dict[str, Any]) -> list[str]:
    """The names a result can point at: each indicator's `nombre`, or its text."""
    names = []
    for item in _indicators(data):
        name = as_read(_mapping(item).get("nombre") if isinstance(item, dict) else item)
        if isinstance(name, str) and name:
            names.append(name)
    return names


def unknown_results(record: Any, names: list[str]) -> list[tuple[int, str, str]]:
    """(position in `resultados`, the name written, the suggestion) for each result whose
    indicator is not among `names`."""
    results = _mapping(record).get("resultados")
    found = []
    known = set(names)
    # Within the model's limits (20 results, 20 indicators of 200 characters): past them the
    # model's own length findings speak, and a suggestion search stays small.
    near = [name for name in names[:MAX_ITEMS] if len(name) <= MAX_NAME]
    results = results[:MAX_ITEMS] if isinstance(results, list) else []
    for index, result in enumerate(results):
        name = as_read(_mapping(result).get("indicador"))
        if isinstance(name, str) and name and name not in known:
            suggestion = did_you_mean(name, near) if len(name) <= MAX_NAME else ""
            found.append((index, name, suggestion))
    return found


def _results(ctx: FileContext, data: dict[str, Any]) -> Findings:
    return [
        ctx.at_value(
            Code.RESULT_UNKNOWN_INDICATOR,
            ("transparencia", "resultados", index, "indicador"),
            f"«{name}» no es el nombre de ningún indicador del problema.{suggestion}",
        )
        for index, name, suggestion in unknown_results(
            data.get("transparencia"), indicator_names(data)
        )
    ]


def _cost_range(ctx: FileContext, data: dict[str, Any]) -> Findings:
    cost = _mapping(_mapping(data.get("impacto")).get("costo_actual"))
    low, high = cost.get("minimo"), cost.get("maximo")
    numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high))
    if not numbers or low <= high:
        return []
    return [
        ctx.at_value(
            Code.NUMBER_OUT_OF_RANGE,
            ("impacto", "costo_actual", "maximo"),
            f"El costo máximo ({high}) es menor que el mínimo ({low}).",
            "Escriba en `minimo` la cifra menor y en `maximo` la mayor; si conoce una sola "
            "cifra, escríbala en ambos.",
        )
    ]


def _review_date(ctx: FileContext, data: dict[str, Any], in_use: bool) -> Findings:
    """A record of a system in use is reviewed at least once a year, as the registers it
    follows ask; an older one may no longer say what the system does."""
    written = as_read(_mapping(data.get("transparencia")).get("ultima_revision"))
    try:
        reviewed = date.fromisoformat(written) if isinstance(written, str) else None
    except ValueError:  # CAT035's finding
        reviewed = None
    today = clock.today()
    if not in_use or reviewed is None or (today - reviewed).days <= REVIEW_DAYS:
        return []
    return [
        ctx.at_value(
            Code.RECORD_OUT_OF_DATE,
            ("transparencia", "ultima_revision"),
            f"La ficha de transparencia se revisó el {reviewed.isoformat()}, hace más de un año "
            f"({(today - reviewed).days} días).",
        )
    ]
