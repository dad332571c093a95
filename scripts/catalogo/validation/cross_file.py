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
    repeated: list[tuple[FileSummary, FileSummary]] = []
    for summary in summaries:
        if summary.kind != "problema" or summary.problem_id is None:
            continue
        other = first_seen.setdefault(summary.problem_id, summary)
        if other is not summary:
            repeated.append((summary, other))
    # Ids suggested to one repeated file are taken for the next: two files given the same
    # free id would collide again.
    suggested: list[str] = []
    for summary, other in repeated:
        assert summary.problem_id is not None
        hint = _free_id_hint(summary.problem_id, [*first_seen, *suggested], suggested)
        findings.append(
            RULES[Code.DUPLICATE_ID].at(
                summary.path,
                summary.id_line,
                summary.id_column,
                f"El id «{summary.problem_id}» ya lo usa {other.path}.",
                hint,
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


def _free_id_hint(problem_id: str, used: list[str], suggested: list[str]) -> str | None:
    """«Use el id libre CUT-NNN», the comuna's next id after every id already read."""
    # Imported here: it brings the model, and only a repeated id needs it.
    from catalogo.loading.naming import NamingError, free_id
    from catalogo.model.types import PROBLEM_ID_RE

    if not PROBLEM_ID_RE.fullmatch(problem_id):
        return None
    cut = problem_id[:5]
    try:
        free = free_id(cut, used)
    except NamingError as error:
        return str(error)
    suggested.append(free)
    return f"Cambie el id por «{free}», el siguiente correlativo libre de la comuna."
