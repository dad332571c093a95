"""Check one file on its own: reading, fields, consistency, body and personal data.

Imported lazily by `validate`: a run whose files are all in the cache never needs pydantic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from catalogo.core.codes import Code
from catalogo.loading.catalogue import MODELS, ParsedFile, kind_of_document, parse_file
from catalogo.loading.discovery import JOIN_KIND, JOIN_TEMPLATE_KIND
from catalogo.loading.reader import SourceDocument
from catalogo.loading.yaml_tree import locate
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.checks.body import check_body
from catalogo.validation.checks.characters import check_characters
from catalogo.validation.checks.consistency import check_consistency
from catalogo.validation.checks.file_context import FileContext, as_read
from catalogo.validation.checks.joins import check_join_fields, join_summary, readable_join
from catalogo.validation.checks.model_errors import explain, validate_model
from catalogo.validation.checks.privacy import check_privacy
from catalogo.validation.checks.reading import check_reading
from catalogo.validation.checks.responsible import (
    MAX_ITEMS,
    MAX_NAME,
    check_responsible,
    indicator_names,
)
from catalogo.validation.checks.template_text import check_template_text
from catalogo.validation.checks.values import check_values
from catalogo.validation.cross_file import FileResult, FileSummary, Reference
from catalogo.validation.diagnostics import Diagnostic
from catalogo.validation.rules import RULES

_REFERENCE_KEYS = {"problema": "relacionados", "solucion": "problemas"}
_JOIN_KINDS = (JOIN_KIND, JOIN_TEMPLATE_KIND)


def check_document(
    path: str,
    kind: str,
    document: SourceDocument,
    vocabularies: Vocabularies,
    parsed: ParsedFile | None = None,
) -> FileResult:
    """Every check of one file. `parsed`, from `parse_file`, brings the model's verdict on
    this document, so the front matter is not validated a second time. A problem's file that
    says `comparte` is checked as a join."""
    kind = (
        parsed.kind if parsed is not None and parsed.kind else kind_of_document(kind, document.data)
    )
    ctx = FileContext(path, kind, document, vocabularies)
    diagnostics: list[Diagnostic] = []

    def model_findings(ctx: FileContext) -> list[Diagnostic]:
        if ctx.data is None:
            return []
        if parsed is None:
            findings = validate_model(ctx, MODELS[ctx.kind])[1]
        else:
            findings = explain(ctx, MODELS[ctx.kind], parsed.error) if parsed.error else []
        if ctx.kind in _JOIN_KINDS:
            findings = readable_join(ctx, findings)
        return _readable_part(ctx, findings) if ctx.document.partial else findings

    # Looked up at call time (not a module constant) so each check can be replaced in tests.
    checks = (
        check_reading,
        check_characters,
        model_findings,
        check_consistency,
        check_body,
        check_privacy,
        check_values,
        check_template_text,
        check_join_fields,
        check_responsible,
    )
    for check in checks:
        try:
            diagnostics += check(ctx)
        except Exception as error:  # one bug must not hide the rest of the catalogue's findings
            diagnostics.append(_internal_error(path, error))
    try:
        summary = _summary(ctx)
    except Exception as error:
        diagnostics.append(_internal_error(path, error))
        summary = FileSummary(path, kind)
    return FileResult(_capped(diagnostics), summary)


def _readable_part(ctx: FileContext, findings: list[Diagnostic]) -> list[Diagnostic]:
    """A front matter with a syntax error is checked field by field where it could be read:
    a missing field may just be on a broken line, so none of the top level is reported
    missing (those findings point at the front matter itself; a field missing inside a field
    that could be read points at that field, and is kept)."""
    top = ctx.document.position(ctx.document.root)
    return [
        finding
        for finding in findings
        if finding.code != Code.MISSING_FIELD or (finding.line, finding.column) != top
    ]


# Findings of one rule in one file beyond this are summed up in one: a file that repeats a
# mistake ten thousand times needs fixing, not ten thousand lines of output.
MAX_PER_RULE = 50


def _capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    if len(diagnostics) <= MAX_PER_RULE:
        return diagnostics
    counts = Counter(d.code for d in diagnostics)
    if max(counts.values(), default=0) <= MAX_PER_RULE:
        return diagnostics
    kept: list[Diagnostic] = []
    shown: Counter[str] = Counter()
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        shown[diagnostic.code] += 1
        if shown[diagnostic.code] <= MAX_PER_RULE:
            kept.append(diagnostic)
        elif shown[diagnostic.code] == MAX_PER_RULE + 1:
            rest = counts[diagnostic.code] - MAX_PER_RULE
            message = (
                f"…y {rest} casos más de {diagnostic.code} en este archivo; corrija los "
                "anteriores y vuelva a revisarlo."
            )
            kept.append(replace(diagnostic, message=message))
    return kept


def _internal_error(path: str, error: Exception) -> Diagnostic:
    message = f"Error interno al revisar el archivo ({type(error).__name__}: {error})."
    return RULES[Code.INTERNAL].at(path, 1, 1, message)


def check_bytes(
    path: str, kind: str, raw: bytes, vocabularies: Vocabularies, size: int | None = None
) -> FileResult:
    return check_file(path, kind, raw, vocabularies, size)[0]


def check_file(
    path: str, kind: str, raw: bytes, vocabularies: Vocabularies, size: int | None = None
) -> tuple[FileResult, ParsedFile | None]:
    """A file's findings, and the file as parsed (None when it could not be)."""
    try:
        parsed = parse_file(raw, kind, vocabularies, size)
    except Exception as error:  # one file's fault must not stop the run
        return FileResult([_internal_error(path, error)], FileSummary(path, kind)), None
    return check_document(path, kind, parsed.document, vocabularies, parsed), parsed


def _summary(ctx: FileContext) -> FileSummary:
    summary = FileSummary(ctx.path, ctx.kind)
    data = ctx.data or {}
    problem_id = as_read(data.get("id"))
    if ctx.kind in ("problema", JOIN_KIND) and isinstance(problem_id, str):
        summary.problem_id = problem_id
        summary.id_line, summary.id_column = ctx.value_position(("id",))
        comuna = as_read(data.get("comuna"))
        summary.comuna = comuna if isinstance(comuna, str) else None
    if ctx.kind == JOIN_KIND:
        summary.shares = join_summary(ctx)
    if ctx.kind == "problema":
        names = indicator_names(data)[:MAX_ITEMS]
        summary.indicators = [name for name in names if len(name) <= MAX_NAME]
    if ctx.kind == "solucion":
        summary.results = _results(ctx)
    references = data.get(_REFERENCE_KEYS.get(ctx.kind, ""))
    if isinstance(references, list):
        for index, target in enumerate(map(as_read, references)):
            if isinstance(target, str):
                _, node, _ = locate(ctx.document.root, (_REFERENCE_KEYS[ctx.kind], index))
                summary.references.append(Reference(target, *ctx.document.position(node)))
    return summary


def _results(ctx: FileContext) -> list[Reference]:
    """A solution's results, each with the indicator it names where that name is written."""
    record = (ctx.data or {}).get("transparencia")
    results = record.get("resultados") if isinstance(record, dict) else None
    found = []
    for index, result in enumerate(results[:MAX_ITEMS] if isinstance(results, list) else []):
        name = as_read(result.get("indicador")) if isinstance(result, dict) else None
        if isinstance(name, str) and name and len(name) <= MAX_NAME:
            where = ("transparencia", "resultados", index, "indicador")
            found.append(Reference(name, *ctx.value_position(where)))
    return found
