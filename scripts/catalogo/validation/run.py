"""Validate a catalogue: every file on its own (in parallel), then the rules across files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalogo.core.codes import Code
from catalogo.core.parallel import process_map
from catalogo.loading.discovery import Inventory, PathIssue, discover, read_bytes
from catalogo.loading.reader import MAX_BYTES
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.cache import ResultCache, file_key
from catalogo.validation.cross_file import FileResult, FileSummary, check_catalogue
from catalogo.validation.diagnostics import Diagnostic, count_by_severity
from catalogo.validation.rules import RULES


@dataclass(slots=True)
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return count_by_severity(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count_by_severity(self.diagnostics)[1]


def _path_diagnostic(issue: PathIssue) -> Diagnostic:
    if issue.kind == "bad_name":
        what = "La carpeta" if issue.detail == "dir" else "El archivo"
        return RULES[Code.INVALID_NAME].at(
            issue.path,
            1,
            1,
            f"{what} `{issue.path}` no tiene un nombre válido (minúsculas, sin tildes, con guiones).",
        )
    if issue.kind == "reserved":
        return RULES[Code.RESERVED_NAME].at(
            issue.path,
            1,
            1,
            f"`{issue.path}` usa el nombre «{issue.detail}», que el sitio reserva para sus "
            "propias páginas.",
        )
    if issue.kind == "unreadable":
        return RULES[Code.UNREADABLE].at(
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
    return RULES[Code.MISPLACED_FILE].at(issue.path, 1, 1, f"`{issue.path}` es {what}.")


# Worker state: set before the pool forks, so it is inherited rather than pickled per task.
_worker_root: Path | None = None
_worker_vocabularies: Vocabularies | None = None


def _read(path: str, kind: str) -> tuple[bytes, int] | FileResult:
    assert _worker_root is not None
    try:
        return read_bytes(_worker_root, path, MAX_BYTES)
    except OSError as error:
        message = f"No se pudo leer `{path}`: {error.strerror or error}."
        return FileResult([RULES[Code.UNREADABLE].at(path, 1, 1, message)], FileSummary(path, kind))


def _check_path(task: tuple[str, str]) -> FileResult:
    from catalogo.validation.per_file import check_bytes

    path, kind = task
    read = _read(path, kind)
    if isinstance(read, FileResult):
        return read
    assert _worker_vocabularies is not None
    return check_bytes(path, kind, read[0], _worker_vocabularies, read[1])


def _run(tasks: list[tuple[str, str]]) -> list[FileResult]:
    from catalogo.validation import per_file  # noqa: F401  imported once here, inherited by every worker

    return process_map(_check_path, tasks)


def _run_with_cache(tasks: list[tuple[str, str]], cache: ResultCache) -> list[FileResult]:
    results: list[FileResult | None] = []
    misses: list[tuple[int, str, tuple[str, str]]] = []
    for task in tasks:
        read = _read(*task)
        if isinstance(read, FileResult):
            results.append(read)
            continue
        key = file_key(task[0], task[1], read[0])
        hit = cache.get(key, *task)
        if hit is None:
            misses.append((len(results), key, task))
        results.append(hit)
    for (index, key, _), result in zip(misses, _run([task for _, _, task in misses]), strict=True):
        results[index] = result
        cache.put(key, result)
    cache.save()
    return [result for result in results if result is not None]


def validate_catalogue(
    root: Path,
    vocabularies: Vocabularies,
    only: Iterable[str] | None = None,
    cache: ResultCache | None = None,
) -> Report:
    """Check every file under root; with `only`, report just those files (still checked
    against the whole catalogue). With a cache, unchanged files are not checked again."""
    global _worker_root, _worker_vocabularies
    _worker_root, _worker_vocabularies = root, vocabularies
    inventory: Inventory = discover(root)
    tasks = [(entry.path, entry.kind) for entry in inventory.entries]
    results = _run(tasks) if cache is None else _run_with_cache(tasks, cache)
    diagnostics = [_path_diagnostic(issue) for issue in inventory.issues]
    for result in results:
        diagnostics += result.diagnostics
    diagnostics += check_catalogue([result.summary for result in results])
    if only is not None:
        wanted = set(only)
        diagnostics = [d for d in diagnostics if d.file in wanted]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(diagnostics, files=len(tasks) if only is None else len(set(only)))
