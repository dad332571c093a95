"""Values that read well to YAML but not as meant: a value inside typographic quotes (Word's
“…”, «…»), which would be published with them, and a date after today."""

from __future__ import annotations

from datetime import date
from typing import Any

from catalogo.core.codes import Code
from catalogo.loading.yaml_tree import string_scalars
from catalogo.validation import clock
from catalogo.validation.checks.file_context import FileContext, Findings, as_read

# Opening and closing typographic quotes, as Word, phones and Spanish typing put them.
_OPENING = "“‘«„‚‹"
_CLOSING = "”’»“‘›"
MAX_FINDINGS = 50
# The dates of each kind of file, by key.
# Where dates are, as paths; "*" stands for every item of a list.
_RECORD_DATES = (
    ("transparencia", "ultima_revision"),
    ("transparencia", "resultados", "*", "fecha"),
)
_DATES = {
    "problema": (
        ("fecha_registro",),
        ("actualizado",),
        ("indicadores", "*", "fecha_linea_base"),
        *_RECORD_DATES,
    ),
    "solucion": (("fecha",), *_RECORD_DATES),
    "adhesion": (("fecha_registro",), ("actualizado",)),
}


def _at_path(value: Any, path: tuple[str, ...], done: tuple[Any, ...] = ()):
    """(the concrete path, the value) for each value at `path` in the raw front matter."""
    if not path:
        yield done, value
    elif path[0] == "*":
        for index, item in enumerate(value if isinstance(value, list) else []):
            yield from _at_path(item, path[1:], (*done, index))
    elif isinstance(value, dict) and path[0] in value:
        yield from _at_path(value[path[0]], path[1:], (*done, path[0]))


def check_values(ctx: FileContext) -> Findings:
    return _typographic_quotes(ctx) + _future_dates(ctx, clock.today())


def _typographic_quotes(ctx: FileContext) -> Findings:
    root = ctx.document.root
    if root is None:
        return []
    findings = []
    for key, node in string_scalars(root):
        value = node.value.strip()
        if len(value) < 2 or value[0] not in _OPENING or value[-1] not in _CLOSING:
            continue
        inner = value[1:-1].strip()
        where = f"El valor de `{key}`" if key else "Un elemento de la lista"
        findings.append(
            ctx.at(
                Code.TYPOGRAPHIC_QUOTES,
                ctx.document.position(node),
                f"{where} está entre comillas tipográficas ({value[0]} {value[-1]}), que se "
                "publicarían como parte del texto.",
                f"Borre las comillas {value[0]} y {value[-1]}: escriba «{inner}». Si el texto "
                'necesita comillas (tiene «: » o empieza con un signo), use las rectas: "…".',
            )
        )
        if len(findings) >= MAX_FINDINGS:
            break
    return sorted(findings, key=lambda finding: finding.sort_key())


def _future_dates(ctx: FileContext, today: date) -> Findings:
    data = ctx.data or {}
    findings = []
    found = (found for path in _DATES.get(ctx.kind, ()) for found in _at_path(data, path))
    for where, value in found:
        value = as_read(value)
        key = " › ".join(f"n.º {step + 1}" if isinstance(step, int) else step for step in where)
        try:
            written = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:  # CAT035's finding
            written = None
        if written is None or written <= today:
            continue
        findings.append(
            ctx.at_value(
                Code.FUTURE_DATE,
                where,
                f"`{key}` es {written.isoformat()}, una fecha posterior a hoy "
                f"({today.isoformat()}).",
                "Escriba una fecha que ya pasó, como AAAA-MM-DD (año, mes y día); suele ser un "
                "error de tipeo en el año o el orden de mes y día.",
            )
        )
    return findings
