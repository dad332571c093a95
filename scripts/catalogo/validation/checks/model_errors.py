"""Validate front matter against the model and say each error in Spanish at its YAML node."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from catalogo.core.codes import Code
from catalogo.core.words import did_you_mean
from catalogo.loading.yaml_tree import locate
from catalogo.model.responsible import INDICATOR_TAGS
from catalogo.model.types import nested_model
from catalogo.validation.checks.file_context import FileContext, Findings
from catalogo.validation.checks.numbers import integer_advice

_ENTERO_HINT = "Escriba un número entero sin puntos ni espacios, por ejemplo 42000."


# More than this many errors in one file are counted, not each explained: explaining one costs
# a suggestion search, and a pasted list of 20,000 unknown keys needs no 20,000 suggestions.
MAX_EXPLAINED = 200


def validate_model(ctx: FileContext, model: type[BaseModel]) -> tuple[BaseModel | None, Findings]:
    try:
        instance = model.model_validate(ctx.data, context={"vocabularios": ctx.vocabularies})
    except ValidationError as error:
        return None, explain(ctx, model, error)
    return instance, []


def explain(ctx: FileContext, model: type[BaseModel], error: ValidationError) -> Findings:
    """The model's complaints about a file's front matter, each said in Spanish at its node."""
    errors = error.errors(include_url=False)
    findings = [_diagnostic(ctx, model, err) for err in errors[:MAX_EXPLAINED]]
    if len(errors) > MAX_EXPLAINED:
        findings.append(
            ctx.at(
                findings[-1].code,
                (findings[-1].line, findings[-1].column),
                f"El encabezado tiene {len(errors) - MAX_EXPLAINED} errores más; corrija "
                "los anteriores y vuelva a revisar el archivo.",
            )
        )
    return findings


def _walk(model: type[BaseModel] | None, loc: tuple[Any, ...]):
    """Yield (step, field title or None, model that holds the step) along a location."""
    for step in loc:
        if isinstance(step, int) or model is None:
            yield step, None, model
            continue
        field = next((f for f in model.model_fields.values() if f.alias == step), None)
        yield step, field.title if field else None, model
        model = nested_model(field.annotation) if field else None


def field_label(model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    parts = []
    for step, title, _ in _walk(model, loc):
        parts.append(f"n.º {step + 1}" if isinstance(step, int) else (title or str(step)))
    return "«" + " › ".join(parts) + "»" if parts else "El encabezado"


def _aliases(model: type[BaseModel] | None) -> list[str]:
    return [f.alias for f in model.model_fields.values() if f.alias] if model else []


def _found(value: Any) -> str:
    if value is None:
        return "está vacío"
    if isinstance(value, bool):
        return f"se leyó {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return "se leyó un número"
    if isinstance(value, list):
        return "se escribió una lista"
    if isinstance(value, dict):
        return "se escribieron subcampos"
    return f"se escribió «{value}»"


def _diagnostic(ctx: FileContext, model: type[BaseModel], err: dict[str, Any]):
    # A union's tag names the branch, not a key anyone wrote.
    loc = tuple(step for step in err["loc"] if step not in INDICATOR_TAGS)
    kind, value, extra = err["type"], err.get("input"), err.get("ctx") or {}
    label = field_label(model, loc)
    key = ".".join(str(step) for step in loc)
    if kind.startswith("CAT"):
        return ctx.at_value(kind, loc, f"{label}: {extra['mensaje']}", extra.get("ayuda") or None)
    if kind == "missing":
        _, _, found = locate(ctx.document.root, loc)
        return ctx.at(
            Code.MISSING_FIELD,
            ctx.value_position(loc[:found]),
            f"Falta el campo obligatorio {label} (`{key}`).",
        )
    if kind == "extra_forbidden":
        parent = [m for _, _, m in _walk(model, loc)][-1]
        suggestion = did_you_mean(str(loc[-1]), _aliases(parent))
        return ctx.at(
            Code.UNKNOWN_FIELD,
            ctx.value_position(loc, key=True),
            f"El campo `{loc[-1]}` no existe en el formato.{suggestion}",
            "Corrija el nombre o bórrelo. Campos posibles aquí: "
            + ", ".join(_aliases(parent))
            + ".",
        )
    if value is None and kind in (
        "string_type",
        "list_type",
        "dict_type",
        "model_type",
        "bool_type",
        "int_type",
    ):
        hint = "Si no hay fuentes de datos, escriba `datos: []`." if loc == ("datos",) else None
        return ctx.at_value(
            Code.MISSING_FIELD, loc, f"El campo obligatorio {label} está vacío.", hint
        )
    if kind in _INTEGER_KINDS:
        node = _scalar(ctx, loc)
        said = integer_advice(node.value, node.style in ("'", '"')) if node else None
        if said is not None:
            return ctx.at_value(
                Code.WRONG_TYPE, loc, f"{label} debe ser un número entero; {said[0]}", said[1]
            )
    message, code, hint = _describe(kind, label, value, extra)
    return ctx.at_value(code, loc, message, hint)


_INTEGER_KINDS = ("int_type", "int_parsing", "int_from_float")


def _scalar(ctx: FileContext, loc: tuple[Any, ...]) -> ScalarNode | None:
    """The value's node: its text as the person wrote it (`42.000`, not the 42.0 YAML read)."""
    _, node, found = locate(ctx.document.root, loc)
    return node if found == len(loc) and isinstance(node, ScalarNode) else None


def _describe(
    kind: str, label: str, value: Any, extra: dict[str, Any]
) -> tuple[str, str, str | None]:
    if kind == "string_type":
        hint = (
            "Escriba el valor entre comillas dobles."
            if isinstance(value, (bool, int, float))
            else None
        )
        return f"{label} debe ser un texto; {_found(value)}.", Code.WRONG_TYPE, hint
    if kind == "list_type":
        hint = None
        if isinstance(value, str):
            hint = f"Escriba cada elemento en su propia línea, empezando con «- », por ejemplo «- {value}»."
        return f"{label} debe ser una lista; {_found(value)}.", Code.WRONG_TYPE, hint
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (
            f"{label} debe tener subcampos (clave: valor); {_found(value)}.",
            Code.WRONG_TYPE,
            None,
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{label} debe ser un número entero; {_found(value)}.", Code.WRONG_TYPE, _ENTERO_HINT
    if kind in ("bool_type", "bool_parsing"):
        return (
            f"{label} debe ser true o false; {_found(value)}.",
            Code.WRONG_TYPE,
            "Escriba true (sí) o false (no), sin comillas.",
        )
    if kind in ("string_too_short", "string_too_long"):
        length = len(value) if isinstance(value, str) else 0
        if kind == "string_too_short":
            limit = f"el mínimo es {extra.get('min_length')}"
        else:
            limit = f"el máximo es {extra.get('max_length')}"
        return f"{label} tiene {length} caracteres; {limit}.", Code.LENGTH, None
    if kind in ("too_short", "too_long"):
        count = extra.get("actual_length", len(value) if isinstance(value, list) else 0)
        if kind == "too_short":
            limit = f"debe tener al menos {extra.get('min_length')}"
        else:
            limit = f"puede tener como máximo {extra.get('max_length')}"
        return f"{label} tiene {count} elemento(s); {limit}.", Code.LENGTH, None
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"{label} no puede ser negativo; se escribió {value}.",
            Code.NUMBER_OUT_OF_RANGE,
            None,
        )
    return f"{label}: el valor no es válido ({_found(value)}).", Code.WRONG_TYPE, None
