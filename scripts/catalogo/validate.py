"""Validate a catalogue: every file on its own (in parallel), then the rules across files."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .checks.body import check_body
from .checks.catalogue import FileSummary, Reference, check_catalogue
from .checks.consistency import check_consistency
from .checks.context import FileContext
from .checks.model_errors import validate_model
from .checks.privacy import check_privacy
from .checks.reading import check_reading
from .diagnostics import Diagnostic, Severity
from .loading.discovery import Inventory, PathIssue, discover, read_bytes
from .loading.reader import MAX_BYTES, SourceDocument, read_document
from .loading.yaml_tree import locate
from .model import Problem, Solution
from .rules import RULES
from .vocabularies import Vocabularies

MODELS = {"problema": Problem, "plantilla": Problem, "solucion": Solution}
_REFERENCE_KEYS = {"problema": "relacionados", "solucion": "problemas"}
# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass(slots=True)
class FileResult:
    diagnostics: list[Diagnostic]
    summary: FileSummary


@dataclass(slots=True)
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


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


def _path_diagnostic(issue: PathIssue) -> Diagnostic:
    if issue.kind == "bad_name":
        what = "La carpeta" if issue.detail == "dir" else "El archivo"
        return RULES["CAT021"].at(
            issue.path,
            1,
            1,
            f"{what} `{issue.path}` no tiene un nombre válido (minúsculas, sin tildes, con guiones).",
        )
    if issue.kind == "unreadable":
        return RULES["CAT011"].at(
            issue.path,
            1,
            1,
            f"`{issue.path}` es un enlace simbólico; el catálogo solo acepta archivos normales.",
        )
    what = {
        "dir": "una carpeta dentro de la carpeta de una comuna",
        "extension": "un archivo que no es Markdown (.md)",
        "top": "un archivo suelto en problems/, fuera de la carpeta de una comuna",
        "other": "algo que no es un archivo normal",
    }[issue.detail]
    return RULES["CAT022"].at(issue.path, 1, 1, f"`{issue.path}` es {what}.")


# Worker state: set before the pool forks, so it is inherited rather than pickled per task.
_worker_root: Path | None = None
_worker_vocabularies: Vocabularies | None = None


def _check_path(task: tuple[str, str]) -> FileResult:
    path, kind = task
    assert _worker_root is not None and _worker_vocabularies is not None
    try:
        raw, size = read_bytes(_worker_root, path, MAX_BYTES)
    except OSError as error:
        message = f"No se pudo leer `{path}`: {error.strerror or error}."
        return FileResult([RULES["CAT011"].at(path, 1, 1, message)], FileSummary(path, kind))
    return check_bytes(path, kind, raw, _worker_vocabularies, size)


def _run(tasks: list[tuple[str, str]]) -> list[FileResult]:
    workers = min(os.cpu_count() or 1, 8)
    if (
        len(tasks) < PARALLEL_THRESHOLD
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [_check_path(task) for task in tasks]
    context = multiprocessing.get_context("fork")
    chunk = max(16, len(tasks) // (workers * 8))
    with context.Pool(workers) as pool:
        return pool.map(_check_path, tasks, chunksize=chunk)


def validate_catalogue(
    root: Path, vocabularies: Vocabularies, only: Iterable[str] | None = None
) -> Report:
    """Check every file under root; with `only`, report just those files (still checked
    against the whole catalogue)."""
    global _worker_root, _worker_vocabularies
    _worker_root, _worker_vocabularies = root, vocabularies
    inventory: Inventory = discover(root)
    tasks = [(entry.path, entry.kind) for entry in inventory.entries]
    # The objects made per file form no reference cycles, so reference counting frees them;
    # the cyclic collector would only rescan the long-lived model and vocabulary objects.
    gc_was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        results = _run(tasks)
    finally:
        if gc_was_enabled:
            gc.enable()
        gc.unfreeze()
    diagnostics = [_path_diagnostic(issue) for issue in inventory.issues]
    for result in results:
        diagnostics += result.diagnostics
    diagnostics += check_catalogue([result.summary for result in results])
    if only is not None:
        wanted = set(only)
        diagnostics = [d for d in diagnostics if d.file in wanted]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(diagnostics, files=len(tasks) if only is None else len(set(only)))
