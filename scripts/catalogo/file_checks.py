"""Check one file on its own: reading, fields, consistency, body and personal data.

Imported lazily by `validate`: a run whose files are all in the cache never needs pydantic.
"""

from __future__ import annotations

from .checks.body import check_body
from .checks.catalogue import FileResult, FileSummary, Reference
from .checks.consistency import check_consistency
from .checks.context import FileContext
from .checks.model_errors import validate_model
from .checks.privacy import check_privacy
from .checks.reading import check_reading
from .diagnostics import Diagnostic
from .loading.reader import SourceDocument, read_document
from .loading.yaml_tree import locate
from .model import Problem, Solution
from .rules import RULES
from .vocabularies import Vocabularies

MODELS = {"problema": Problem, "plantilla": Problem, "solucion": Solution}
_REFERENCE_KEYS = {"problema": "relacionados", "solucion": "problemas"}


def _model_findings(ctx: FileContext) -> list[Diagnostic]:
    return validate_model(ctx, MODELS[ctx.kind])[1] if ctx.data is not None else []


def check_document(
    path: str, kind: str, document: SourceDocument, vocabularies: Vocabularies
) -> FileResult:
    ctx = FileContext(path, kind, document, vocabularies)
    diagnostics: list[Diagnostic] = []
    # Looked up at call time (not a module constant) so each check can be replaced in tests.
    for check in (check_reading, _model_findings, check_consistency, check_body, check_privacy):
        try:
            diagnostics += check(ctx)
        except Exception as error:  # one bug must not hide the rest of the catalogue's findings
            diagnostics.append(_internal_error(path, error))
    try:
        summary = _summary(ctx)
    except Exception as error:
        diagnostics.append(_internal_error(path, error))
        summary = FileSummary(path, kind)
    return FileResult(diagnostics, summary)


def _internal_error(path: str, error: Exception) -> Diagnostic:
    message = f"Error interno al revisar el archivo ({type(error).__name__}: {error})."
    return RULES["CAT099"].at(path, 1, 1, message)


def check_bytes(
    path: str, kind: str, raw: bytes, vocabularies: Vocabularies, size: int | None = None
) -> FileResult:
    return check_document(path, kind, read_document(raw, size), vocabularies)


def _summary(ctx: FileContext) -> FileSummary:
    summary = FileSummary(ctx.path, ctx.kind)
    data = ctx.data or {}
    problem_id = data.get("id")
    if ctx.kind == "problema" and isinstance(problem_id, str):
        summary.problem_id = problem_id
        summary.id_line, summary.id_column = ctx.value_position(("id",))
    references = data.get(_REFERENCE_KEYS.get(ctx.kind, ""))
    if isinstance(references, list):
        for index, target in enumerate(references):
            if isinstance(target, str):
                _, node, _ = locate(ctx.document.root, (_REFERENCE_KEYS[ctx.kind], index))
                summary.references.append(Reference(target, *ctx.document.position(node)))
    return summary
