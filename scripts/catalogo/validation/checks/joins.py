"""A join (a file with `comparte`) said as one: fields the shared problem owns are named as
such, not as unknown keys, and what the cross-file rules need is taken from it."""

from __future__ import annotations

from dataclasses import replace

from catalogo.core.codes import Code
from catalogo.loading.discovery import JOIN_KIND, JOIN_TEMPLATE_KIND
from catalogo.model.join import INHERITED_KEYS, SHARED_KEY, Join
from catalogo.model.problem import Problem
from catalogo.model.template_text import JOIN_TEMPLATE
from catalogo.model.types import PROBLEM_ID_RE
from catalogo.validation.checks.file_context import FileContext, Findings, as_read
from catalogo.validation.cross_file import Reference
from catalogo.validation.rules import RULES

_JOIN_KINDS = (JOIN_KIND, JOIN_TEMPLATE_KIND)
_JOIN_KEYS = frozenset(field.alias for field in Join.model_fields.values())
# A problem's keys a join does not have (title, summary, state...), beside the inherited ones.
_PROBLEM_ONLY = tuple(
    field.alias
    for field in Problem.model_fields.values()
    if field.alias not in _JOIN_KEYS and field.alias not in INHERITED_KEYS
)


def check_join_fields(ctx: FileContext) -> Findings:
    """CAT089 at each inherited key a join writes (`temas`, `tareas_ia`)."""
    data = ctx.data
    if ctx.kind not in _JOIN_KINDS or data is None:
        return []
    findings = []
    for key in INHERITED_KEYS:
        if key in data:
            findings.append(
                ctx.at(
                    Code.JOIN_INHERITED_FIELD,
                    ctx.value_position((key,), key=True),
                    f"`{key}` no va en una adhesión: {_NAMES[key]} del problema compartido, "
                    "para todas las comunas que se suman.",
                )
            )
    return findings


_NAMES = {"temas": "los temas son los", "tareas_ia": "las tareas de IA son las"}


def readable_join(ctx: FileContext, findings: Findings) -> Findings:
    """The model's findings on a join, said for a join: an inherited key is CAT089's (not
    also an unknown field), and a problem's own key (`titulo`, `estado`...) is said to belong
    to the shared problem, with the way out for a file that meant to be a problem."""
    top_keys = {
        ctx.value_position((key,), key=True): key
        for key in (*INHERITED_KEYS, *_PROBLEM_ONLY)
        if ctx.data is not None and key in ctx.data
    }
    result = []
    for finding in findings:
        key = top_keys.get((finding.line, finding.column))
        if finding.code == Code.MISSING_FIELD and finding.hint == RULES[Code.MISSING_FIELD].hint:
            result.append(replace(finding, hint=_MISSING_HINT))
        elif finding.code != Code.UNKNOWN_FIELD or key is None:
            result.append(finding)
        elif key not in INHERITED_KEYS:
            result.append(
                replace(
                    finding,
                    message=f"El campo `{key}` es de un problema; en una adhesión (un archivo "
                    f"con `{SHARED_KEY}`) lo dice el problema compartido.",
                    hint=f"Bórrelo. Si este archivo documenta un problema propio y no una "
                    f"adhesión, borre `{SHARED_KEY}`.",
                )
            )
    return result


_MISSING_HINT = f"Agregue el campo con su valor; la plantilla `{JOIN_TEMPLATE}` muestra todos."


def join_summary(ctx: FileContext) -> Reference | None:
    """The id a join shares, at its `comparte` value, when it is written as an id."""
    shared = as_read((ctx.data or {}).get(SHARED_KEY))
    if not isinstance(shared, str) or not PROBLEM_ID_RE.fullmatch(shared):
        return None
    return Reference(shared, *ctx.value_position((SHARED_KEY,)))
