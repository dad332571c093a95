"""Rules across files: unique ids and references that resolve."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogo.core.codes import Code
from catalogo.validation.diagnostics import Diagnostic
from catalogo.validation.rules import RULES


@dataclass(frozen=True, slots=True)
class Reference:
    target: str
    line: int
    column: int


@dataclass(slots=True)
class FileSummary:
    """What the cross-file rules need from one file, small enough to return from a worker."""

    path: str
    kind: str
    problem_id: str | None = None
    id_line: int = 0
    id_column: int = 0
    references: list[Reference] = field(default_factory=list)


@dataclass(slots=True)
class FileResult:
    """Everything one file contributes to a report: its own findings and its summary."""

    diagnostics: list[Diagnostic]
    summary: FileSummary


def check_catalogue(summaries: list[FileSummary]) -> list[Diagnostic]:
    findings: list[Diagnostic] = []
    first_seen: dict[str, FileSummary] = {}
    for summary in summaries:
        if summary.kind != "problema" or summary.problem_id is None:
            continue
        other = first_seen.setdefault(summary.problem_id, summary)
        if other is not summary:
            findings.append(
                RULES[Code.DUPLICATE_ID].at(
                    summary.path,
                    summary.id_line,
                    summary.id_column,
                    f"El id «{summary.problem_id}» ya lo usa {other.path}.",
                )
            )
    for summary in summaries:
        for reference in summary.references:
            if summary.kind == "problema":
                if reference.target == summary.problem_id:
                    message = f"El problema se menciona a sí mismo en `relacionados` («{reference.target}»)."
                elif reference.target not in first_seen:
                    message = f"No hay ningún problema con id «{reference.target}» en el catálogo."
                else:
                    continue
                code = Code.UNKNOWN_RELATED_PROBLEM
            elif reference.target not in first_seen:
                code = Code.UNKNOWN_SOLVED_PROBLEM
                message = f"No hay ningún problema con id «{reference.target}» en el catálogo."
            else:
                continue
            findings.append(RULES[code].at(summary.path, reference.line, reference.column, message))
    return findings
