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
    # A problem's or a join's comuna (slug, as written), and, for a join, the id it shares
    # at the position of its `comparte` value.
    comuna: str | None = None
    shares: Reference | None = None
    # A problem's indicator names, and a solution's results (`transparencia.resultados`), each
    # naming one indicator of the problems it addresses.
    indicators: list[str] = field(default_factory=list)
    results: list[Reference] = field(default_factory=list)


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
        # A join's id is numbered with its comuna's problems: one id, one file.
        if summary.kind not in _WITH_IDS or summary.problem_id is None:
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
            target = first_seen.get(reference.target)
            if summary.kind == "problema":
                if reference.target == summary.problem_id:
                    message = f"El problema se menciona a sí mismo en `relacionados` («{reference.target}»)."
                elif target is None or target.kind != "problema":
                    message = _not_a_problem(reference.target, target)
                else:
                    continue
                code = Code.UNKNOWN_RELATED_PROBLEM
            elif target is None or target.kind != "problema":
                code = Code.UNKNOWN_SOLVED_PROBLEM
                message = _not_a_problem(reference.target, target)
            else:
                continue
            findings.append(RULES[code].at(summary.path, reference.line, reference.column, message))
    return findings + check_joins(summaries, first_seen) + check_results(summaries, first_seen)


def check_results(summaries: list[FileSummary], by_id: dict[str, FileSummary]) -> list[Diagnostic]:
    """A solution's results name indicators of the problems it addresses, so that the
    transparency record can set each result beside its baseline and target."""
    # Imported here: only a solution with results needs the suggestion search.
    from catalogo.core.words import did_you_mean

    findings: list[Diagnostic] = []
    for summary in summaries:
        if summary.kind != "solucion" or not summary.results:
            continue
        problems = [by_id.get(reference.target) for reference in summary.references]
        names = [name for problem in problems if problem is not None for name in problem.indicators]
        known = set(names)
        for result in summary.results:
            if result.target in known:
                continue
            findings.append(
                RULES[Code.RESULT_UNKNOWN_INDICATOR].at(
                    summary.path,
                    result.line,
                    result.column,
                    f"«{result.target}» no es el nombre de ningún indicador de los problemas que "
                    f"aborda la solución.{did_you_mean(result.target, names)}",
                )
            )
    return findings


# The kinds of file that hold an id of the catalogue.
_WITH_IDS = ("problema", "adhesion")


def _not_a_problem(target_id: str, target: FileSummary | None) -> str:
    if target is not None and target.shares is not None:
        return (
            f"«{target_id}» no es un problema sino la adhesión de {target.path} al problema "
            f"«{target.shares.target}»; mencione ese problema."
        )
    return f"No hay ningún problema con id «{target_id}» en el catálogo."


def check_joins(summaries: list[FileSummary], by_id: dict[str, FileSummary]) -> list[Diagnostic]:
    """Each join shares a full problem of another comuna, and a comuna joins a problem once.
    One pass over the joins, each looked up by id: linear in the catalogue."""
    findings: list[Diagnostic] = []
    joined: dict[tuple[str | None, str], FileSummary] = {}
    for summary in summaries:
        shares = summary.shares
        if summary.kind != "adhesion" or shares is None:
            continue
        found = _join_finding(summary, shares, by_id.get(shares.target), joined)
        if found is not None:
            code, message, hint = found
            findings.append(RULES[code].at(summary.path, shares.line, shares.column, message, hint))
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


def _join_finding(
    summary: FileSummary,
    shares: Reference,
    target: FileSummary | None,
    joined: dict[tuple[str | None, str], FileSummary],
) -> tuple[Code, str, str | None] | None:
    """What is wrong with one join's `comparte`, if anything (code, message, hint)."""
    if target is None:
        return (
            Code.JOIN_UNKNOWN_PROBLEM,
            f"No hay ningún problema con id «{shares.target}» en el catálogo.",
            None,
        )
    if target.kind != "problema":
        shared = target.shares.target if target.shares else "?"
        return (
            Code.JOIN_OF_A_JOIN,
            f"«{shares.target}» no es un problema sino otra adhesión ({target.path}), que "
            f"comparte «{shared}».",
            f'Escriba `comparte: "{shared}"`, el problema completo.',
        )
    if target.comuna is not None and target.comuna == summary.comuna:
        return (
            Code.JOIN_SAME_COMUNA,
            f"«{shares.target}» es un problema de la misma comuna ({target.path}); una comuna "
            "se suma a problemas de otras comunas.",
            None,
        )
    first = joined.setdefault((summary.comuna, shares.target), summary)
    if first is not summary:
        return (
            Code.JOIN_REPEATED,
            f"La comuna ya se sumó al problema «{shares.target}» en {first.path}.",
            None,
        )
    return None
