"""Print diagnostics three ways: text for people, GitHub annotations for CI, JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from catalogo.core.text_safety import markdown_code, markdown_literal, printable
from catalogo.validation.diagnostics import Diagnostic, Severity, count_by_severity

FORMATS = ("texto", "github", "json")


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def summary_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = count_by_severity(diagnostics)
    checked = _plural(files, "archivo revisado", "archivos revisados")
    if not diagnostics:
        return f"Todo en orden: {checked}, sin errores."
    return (
        f"{checked}: {_plural(errors, 'error', 'errores')} y "
        f"{_plural(warnings, 'advertencia', 'advertencias')}."
    )


def as_text(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        lines.append(f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    ayuda: {d.hint}")
    lines.append(summary_line(diagnostics, files))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Sequence[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        command = "error" if d.severity is Severity.ERROR else "warning"
        properties = ",".join(
            [
                f"file={_escape_property(d.file)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code)}",
            ]
        )
        text = d.message + (f"\nAyuda: {d.hint}" if d.hint else "")
        lines.append(f"::{command} {properties}::{_escape_data(text)}")
    lines.append(summary_line(diagnostics, files))
    return "\n".join(lines) + "\n"


def as_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = count_by_severity(diagnostics)
    document = {
        "errores": errors,
        "advertencias": warnings,
        "diagnosticos": [
            {
                "archivo": d.file,
                "linea": d.line,
                "columna": d.column,
                "codigo": d.code,
                "severidad": d.severity.value,
                "mensaje": d.message,
                "ayuda": d.hint,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value: str) -> str:
    """A Markdown table cell: the text as written, on one line, with no Markdown, link or
    mention in it (messages quote what contributors wrote)."""
    return markdown_literal(value)


def as_summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """Markdown for GitHub's job summary: a sentence, then a table of what to fix."""
    lines = ["## Revisión del catálogo", "", summary_line(diagnostics, files)]
    if diagnostics:
        lines += [
            "",
            "Los errores impiden aceptar el cambio; las advertencias no.",
            "",
            "| Archivo | Línea | Mensaje | Cómo corregir |",
            "| --- | --- | --- | --- |",
        ]
        for d in diagnostics:
            kind = "Error" if d.severity is Severity.ERROR else "Advertencia"
            lines.append(
                f"| {markdown_code(d.file, table_cell=True)} | {d.line} | **{kind} {d.code}**: {_cell(d.message)} "
                f"| {_cell(d.hint)} |"
            )
    return "\n".join(lines) + "\n"


def _printable(render):
    """The renderer, given diagnostics whose texts show invisible characters as [U+XXXX]:
    messages quote what contributors wrote, and file names are theirs too."""

    def safe(diagnostics: Sequence[Diagnostic], files: int) -> str:
        shown = [
            replace(d, file=printable(d.file), message=printable(d.message), hint=printable(d.hint))
            for d in diagnostics
        ]
        return render(shown, files)

    return safe


RENDERERS = {
    name: _printable(render)
    for name, render in {
        "texto": as_text,
        "github": as_github,
        "json": as_json,
        "resumen": as_summary,
    }.items()
}
