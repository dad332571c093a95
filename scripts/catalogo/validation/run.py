"""Validate a catalogue: every file on its own (in parallel), then the rules across files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catalogo.core.codes import Code
from catalogo.core.parallel import process_map
from catalogo.loading.discovery import (
    TEMPLATE_KINDS,
    Inventory,
    PathIssue,
    discover,
    read_bytes,
)
from catalogo.loading.reader import MAX_BYTES
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.cache import ResultCache, file_key
from catalogo.validation.cross_file import FileResult, FileSummary, check_catalogue
from catalogo.validation.diagnostics import Diagnostic, count_by_severity
from catalogo.validation.rules import RULES

if TYPE_CHECKING:  # the catalogue (and pydantic with it) only when the site asks for it
    from catalogo.loading.catalogue import Catalogue
    from catalogo.loading.events import ParsedEvents


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
_worker_cache: ResultCache | None = None
_worker_load = False  # whether the site asked for the catalogue too


def _read(path: str, kind: str) -> tuple[bytes, int] | FileResult:
    assert _worker_root is not None
    try:
        return read_bytes(_worker_root, path, MAX_BYTES)
    except OSError as error:
        message = f"No se pudo leer `{path}`: {error.strerror or error}."
        return FileResult([RULES[Code.UNREADABLE].at(path, 1, 1, message)], FileSummary(path, kind))


Loaded = tuple  # (publishable model or None, body, bytes), as `catalogue_of` takes them


def _check_task(task: tuple[str, str]) -> tuple[str | None, FileResult, bool, Loaded | None]:
    """A file read and parsed once: its findings (from the cache when it holds them) and, when
    the site asked for the catalogue (`_worker_load`), what the catalogue needs of it. Returns
    the cache key, the result, whether it came from the cache, and the loaded file (None when
    not asked for, for the template and for a file that cannot be read)."""
    from catalogo.loading.catalogue import parse_file
    from catalogo.validation.per_file import check_file

    path, kind = task
    read = _read(path, kind)
    if isinstance(read, FileResult):
        return None, read, False, None
    assert _worker_vocabularies is not None
    raw, size = read
    key = file_key(path, kind, raw) if _worker_cache is not None else None
    cached = _worker_cache.peek(key, path, kind) if _worker_cache and key else None
    wanted = _worker_load and kind not in TEMPLATE_KINDS
    if cached is None:
        result, parsed = check_file(path, kind, raw, _worker_vocabularies, size)
    elif not wanted:  # the cached findings are all validation needs: nothing to parse
        return key, cached, True, None
    else:
        result = cached
        try:
            parsed = parse_file(raw, kind, _worker_vocabularies, size)
        except Exception:  # the cached findings say why; the file is not published
            parsed = None
    if not wanted:
        return key, result, cached is not None, None
    if parsed is None:
        return key, result, cached is not None, (None, "", b"")
    return key, result, cached is not None, (parsed.publishable, parsed.document.body, raw)


def _check_all(
    root: Path, vocabularies: Vocabularies, cache: ResultCache | None, load: bool
) -> tuple[Inventory, list[FileResult], list[str], list[Loaded]]:
    """Every file checked in parallel, unchanged ones from the cache (which is then saved with
    exactly this run's entries); with `load`, the paths and loaded files of the catalogue."""
    from catalogo.validation import per_file  # noqa: F401  imported once here, inherited by every worker

    global _worker_root, _worker_vocabularies, _worker_cache, _worker_load
    _worker_root, _worker_vocabularies = root, vocabularies
    _worker_cache, _worker_load = cache, load
    try:
        inventory = discover(root)
        tasks = [(entry.path, entry.kind) for entry in inventory.entries]
        done = process_map(_check_task, tasks)
    finally:
        _worker_cache, _worker_load = None, False
    results, paths, loaded = [], [], []
    for (path, _), (key, result, cached, files) in zip(tasks, done, strict=True):
        results.append(result)
        if cache is not None and key is not None and cached:
            cache.keep(key)
        elif cache is not None and key is not None:
            cache.put(key, result)
        if files is not None:
            paths.append(path)
            loaded.append(files)
    if cache is not None:
        cache.save()
    return inventory, results, paths, loaded


def validate_catalogue(
    root: Path,
    vocabularies: Vocabularies,
    only: Iterable[str] | None = None,
    cache: ResultCache | None = None,
) -> Report:
    """Check every file under root; with `only`, report just those files (still checked
    against the whole catalogue). With a cache, unchanged files are not checked again."""
    inventory, results, _, _ = _check_all(root, vocabularies, cache, load=False)
    findings, _ = _events(root, vocabularies, results)
    return _report(inventory, results, only, findings)


def validate_and_load(
    root: Path, vocabularies: Vocabularies, cache: ResultCache | None = None
) -> tuple[Report, Catalogue | None]:
    """What `validate_catalogue` reports for the whole catalogue, and, when it finds no error,
    the catalogue for the site, made from the same reading and parsing of each file."""
    from catalogo.loading.catalogue import catalogue_of
    from catalogo.loading.events import events_of

    inventory, results, paths, loaded = _check_all(root, vocabularies, cache, load=True)
    findings, events = _events(root, vocabularies, results)
    report = _report(inventory, results, None, findings)
    if report.errors:
        return report, None
    catalogue = catalogue_of(vocabularies, paths, loaded)
    # The events file as it was read for the check above, not read again.
    catalogue.events = events_of(events) if events else []
    return report, catalogue


def _events(
    root: Path, vocabularies: Vocabularies, results: list[FileResult]
) -> tuple[list[Diagnostic], ParsedEvents | None]:
    """The events file's findings and its reading: one small file, checked on every run (not
    cached), since whether its ids resolve depends on every other file."""
    from catalogo.validation.events import check_events

    return check_events(root, vocabularies, [result.summary for result in results])


def _report(
    inventory: Inventory,
    results: list[FileResult],
    only: Iterable[str] | None,
    extra: Iterable[Diagnostic] = (),
) -> Report:
    diagnostics = [_path_diagnostic(issue) for issue in inventory.issues] + list(extra)
    for result in results:
        diagnostics += result.diagnostics
    diagnostics += check_catalogue([result.summary for result in results])
    if only is not None:
        wanted = set(only)
        diagnostics = [d for d in diagnostics if d.file in wanted]
    diagnostics.sort(key=Diagnostic.sort_key)
    files = len(inventory.entries) if only is None else len(set(only))
    return Report(diagnostics, files=files)
