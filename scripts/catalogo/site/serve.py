"""`make serve`: preview the site and regenerate it as problems and solutions are edited."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..loading.catalogue import CatalogueError
from ..vocabularies import Vocabularies
from .build import build_site
from .context import SiteSettings
from .prerendered import SEARCH_INDEX
from .search_index import SearchIndexError

WATCHED = ("problems", "solutions", "docs", "schema")
CHANGES = {"created", "modified", "deleted", "moved", "closed"}
DEBOUNCE_SECONDS = 0.5


def sync_tree(source: Path, target: Path) -> int:
    """Make `target` equal to `source`, touching only files that differ, so that
    `mkdocs serve` (watching `target`) rebuilds once per edit. Returns files changed."""
    changed = 0
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    for relative in wanted:
        origin, destination = source / relative, target / relative
        if not destination.is_file() or not filecmp.cmp(origin, destination, shallow=False):
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, destination)
            changed += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(target) not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def regenerate(
    root: Path, vocabularies: Vocabularies, settings: SiteSettings, out: Path, generated: datetime
) -> bool:
    with tempfile.TemporaryDirectory(prefix="catalogo-sitio-") as temporary:
        try:
            build_site(root, vocabularies, settings, Path(temporary) / "docs", generated)
        except CatalogueError:
            _explain_invalid(root, vocabularies)
            return False
        except SearchIndexError as error:
            print(error, flush=True)
            return False
        # The search index first: MkDocs rebuilds when the docs change, and links it then.
        sync_tree(Path(temporary) / SEARCH_INDEX, out.parent / SEARCH_INDEX)
        changed = sync_tree(Path(temporary) / "docs", out)
    print(f"Sitio regenerado ({changed} archivos cambiaron).", flush=True)
    return True


def _explain_invalid(root: Path, vocabularies: Vocabularies) -> None:
    from ..report import as_text
    from ..validate import validate_catalogue

    report = validate_catalogue(root, vocabularies)
    print("El catálogo tiene errores; el sitio muestra la última versión válida:", flush=True)
    print(as_text(report.diagnostics, report.files), end="", flush=True)


def serve(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    address: str = "127.0.0.1:8000",
) -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    # One timestamp for the whole preview, so that regenerating changes only what was edited.
    generated = datetime.now(UTC).replace(microsecond=0)
    arguments = (root, vocabularies, settings, out, generated)
    regenerate(*arguments)
    timer: list[threading.Timer] = []

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # Watchdog also reports files being opened and read, which regenerating does.
            if event.is_directory or event.event_type not in CHANGES:
                return
            for pending in timer:
                pending.cancel()
            timer[:] = [threading.Timer(DEBOUNCE_SECONDS, regenerate, arguments)]
            timer[0].start()

    observer = Observer()
    for name in WATCHED:
        if (root / name).is_dir():
            observer.schedule(Handler(), str(root / name), recursive=True)
    observer.start()
    path = urlsplit(settings.site_url).path or "/"
    print(f"Vista previa en http://{address}{path} (Ctrl+C para terminar).", flush=True)
    try:
        return subprocess.call(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address], cwd=root
        )
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()
