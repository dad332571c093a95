"""Rules across fields of one file, run on the raw front matter so they report even when
other fields are wrong (a file with a bad title still learns that its id prefix is wrong)."""

from __future__ import annotations

from datetime import date
from typing import Any

from catalogo.core.codes import Code
from catalogo.model.types import PROBLEM_ID_RE
from catalogo.validation.checks.file_context import FileContext, Findings, as_read

_UNIQUE_LISTS = {
    "problema": ("temas", "tareas_ia", "etiquetas", "relacionados", "indicadores"),
    "solucion": ("problemas", "modelos"),
}


def check_consistency(ctx: FileContext) -> Findings:
    data = ctx.data
    if data is None:
        return []
    findings = _duplicates(ctx, data)
    if ctx.kind in ("problema", "adhesion"):
        findings += _folder(ctx, data) + _id_prefix(ctx, data)
        findings += _risks(ctx, data) + _dates(ctx, data)
    return findings


def _duplicates(ctx: FileContext, data: dict[str, Any]) -> Findings:
    findings = []
    for key in _UNIQUE_LISTS.get(ctx.kind, ()):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for index, item in enumerate(map(as_read, items)):
            if not isinstance(item, str):
                continue
            if item in seen:
                findings.append(
                    ctx.at_value(
                        Code.REPEATED_ITEM,
                        (key, index),
                        f"«{item}» aparece más de una vez en `{key}`.",
                    )
                )
            seen.add(item)
    return findings


def _folder(ctx: FileContext, data: dict[str, Any]) -> Findings:
    comuna = as_read(data.get("comuna"))
    parts = ctx.path.split("/")
    # An unknown comuna is CAT039's finding; "move it to that folder" would be wrong advice.
    if not isinstance(comuna, str) or comuna not in ctx.vocabularies.comunas:
        return []
    if len(parts) != 3 or parts[1] == comuna:
        return []
    return [
        ctx.at_value(
            Code.FOLDER_NOT_COMUNA,
            ("comuna",),
            f"El archivo está en la carpeta `{parts[1]}`, pero su comuna es «{comuna}».",
            f"Mueva el archivo a `problems/{comuna}/` o corrija `comuna`.",
        )
    ]


def _id_prefix(ctx: FileContext, data: dict[str, Any]) -> Findings:
    problem_id, comuna = as_read(data.get("id")), as_read(data.get("comuna"))
    if not (isinstance(problem_id, str) and PROBLEM_ID_RE.fullmatch(problem_id)):
        return []
    known = ctx.vocabularies.comunas.get(comuna) if isinstance(comuna, str) else None
    if known is None or problem_id.startswith(known.cut + "-"):
        return []
    return [
        ctx.at_value(
            Code.ID_NOT_OF_COMUNA,
            ("id",),
            f"El id «{problem_id}» empieza con {problem_id[:5]}, pero el CUT de {known.name} es "
            f"{known.cut}.",
            f"Use un id que empiece con {known.cut}-, por ejemplo «{known.cut}-{problem_id[6:]}».",
        )
    ]


def _risks(ctx: FileContext, data: dict[str, Any]) -> Findings:
    sources, risks = data.get("datos"), data.get("riesgos")
    if not isinstance(sources, list) or not isinstance(risks, list):
        return []
    personal = [
        index
        for index, source in enumerate(sources)
        if isinstance(source, dict) and source.get("datos_personales") is True
    ]
    if not personal or any(isinstance(risk, str) and risk.strip() for risk in risks):
        return []
    numbers = ", ".join(f"n.º {index + 1}" for index in personal)
    return [
        ctx.at_value(
            Code.MISSING_PERSONAL_DATA_RISKS,
            ("riesgos",),
            f"La fuente de datos {numbers} contiene datos personales, pero `riesgos` está vacío.",
        )
    ]


def _as_date(value: Any) -> date | None:
    value = as_read(value)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _dates(ctx: FileContext, data: dict[str, Any]) -> Findings:
    registered, updated = _as_date(data.get("fecha_registro")), _as_date(data.get("actualizado"))
    if registered is None or updated is None or updated >= registered:
        return []
    return [
        ctx.at_value(
            Code.DATES_OUT_OF_ORDER,
            ("actualizado",),
            f"La actualización ({updated.isoformat()}) es anterior al registro "
            f"({registered.isoformat()}).",
        )
    ]
