"""`make serve`: generate the site's sources, then preview them with `mkdocs serve`, whose
catalogue plugin has them regenerated here (`catalogo sitio --actualizar`) as the catalogue
is edited."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from catalogo.core.outputs import OutputError, claim_folder, read_regular, write_bytes
from catalogo.model.vocabularies import Vocabularies
from catalogo.site.build import build_site
from catalogo.site.prerendered import DOCS, OPTIONS_VARIABLE, SEARCH_INDEX
from catalogo.site.search_index import SearchIndexError
from catalogo.site.settings import SiteSettings
from catalogo.validation.cache import ResultCache
from catalogo.validation.report import RENDERERS
from catalogo.validation.run import validate_and_load


def sync_tree(source: Path, target: Path) -> int:
    """Make `target` (a folder inside the build folder the tools own) equal to `source`,
    touching only files that differ, so that `mkdocs serve` (watching `target`) rebuilds once
    per edit. Each changed file is replaced in one step, never written through a link.
    Returns files changed."""
    changed = 0
    target.mkdir(parents=True, exist_ok=True)
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    for relative in wanted:
        origin, destination = source / relative, target / relative
        data = read_regular(origin)
        if destination.is_symlink() or not destination.is_file() or _read(destination) != data:
            destination.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(destination, data)
            changed += 1
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_symlink() or (path.is_file() and path.relative_to(target) not in wanted):
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def _read(path: Path) -> bytes | None:
    try:
        return read_regular(path)
    except OSError:
        return None


def regenerate(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    generated: datetime,
    cache: ResultCache | None = None,
) -> bool:
    # Validated first, as `catalogo sitio` does, from the same reading of each file: the
    # preview never shows what the published site would refuse (a resident's RUT, say).
    report, catalogue = validate_and_load(root, vocabularies, cache)
    if catalogue is None:
        print("El catálogo tiene errores; el sitio muestra la última versión válida:", flush=True)
        print(RENDERERS["texto"](report.diagnostics, report.files), end="", flush=True)
        return False
    with tempfile.TemporaryDirectory(prefix="catalogo-sitio-") as temporary:
        fresh = Path(temporary) / "build"
        try:
            build_site(root, vocabularies, settings, fresh, generated, catalogue=catalogue)
        except (SearchIndexError, OutputError) as error:
            print(error, flush=True)
            return False
        # The search index first: MkDocs rebuilds when the docs change, and links it then.
        sync_tree(fresh / SEARCH_INDEX, out / SEARCH_INDEX)
        changed = sync_tree(fresh / DOCS, out / DOCS)
    print(f"Sitio regenerado ({changed} archivos cambiaron).", flush=True)
    return True


def _regenerate_safely(*arguments) -> bool:
    """`regenerate` for the preview: whatever goes wrong is said in one line, and the preview
    goes on showing the last good version."""
    try:
        return regenerate(*arguments)
    except Exception as error:  # a traceback would bury the one line that matters
        print(
            "No se pudo regenerar el sitio; la vista previa muestra la última versión válida. "
            f"Detalle: {type(error).__name__}: {error}",
            flush=True,
        )
        return False


def update(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    generated: datetime,
    cache: ResultCache | None = None,
) -> bool:
    """`catalogo sitio --actualizar`, run by the MkDocs plugin under `mkdocs serve` when the
    catalogue changed: the build folder is brought up to date, or left as it was."""
    try:
        out = claim_folder(out, root, keep=True)
    except OutputError as error:
        print(error, flush=True)
        return False
    return _regenerate_safely(root, vocabularies, settings, out, generated, cache)


def serve(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    options: list[str],
    address: str = "127.0.0.1:8000",
    cache: ResultCache | None = None,
) -> int:
    """Generate the build folder, then become `mkdocs serve`: MkDocs watches and serves, and
    the plugin (`on_serve`) regenerates the build folder when the catalogue changes."""
    # One timestamp for the whole preview, so that regenerating changes only what was edited.
    generated = datetime.now(UTC).replace(microsecond=0)
    if not update(root, vocabularies, settings, out, generated, cache):
        return 1
    path = urlsplit(settings.site_url).path or "/"
    print(f"Vista previa en http://{address}{path} (Ctrl+C para terminar).", flush=True)
    options = [*options, "--generado", generated.isoformat()]
    environment = {**os.environ, OPTIONS_VARIABLE: shlex.join(options)}
    # `--dirty`: MkDocs rebuilds only the pages whose source changed; it warns that it does,
    # which strict mode (mkdocs.yml) would turn into an error: `make site` stays strict.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict"]
    command += ["--dev-addr", address]
    os.chdir(root)
    # This process becomes MkDocs: no thread of ours runs beside its server.
    os.execve(sys.executable, command, environment)
    return 1  # not reached
