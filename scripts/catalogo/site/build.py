"""Generate the site's sources: the hand-written docs/, every catalogue page and the open data."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import yaml

from ..loading.catalogue import load_catalogue
from ..parallel import process_map
from ..vocabularies import Vocabularies
from . import urls
from .context import SiteSettings
from .exports import generation_stamp, problem_record, write_exports, write_problem_files
from .pages import OPEN_DATA, PageWriter, similar_problems
from .prerendered import SEARCH_RECORDS

DEFAULT_OUTPUT = Path("build") / "docs"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for a few plain settings, ignoring MkDocs' own tags (`!ENV`...)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


def read_settings(
    root: Path, comuna: str | None = None, site_url: str | None = None
) -> SiteSettings:
    config = (
        yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    )
    extra = config.get("extra") or {}
    url = site_url or config.get("site_url") or "http://127.0.0.1:8000/"
    return SiteSettings(
        title=config.get("site_name", "Catálogo de problemas municipales para IA"),
        site_url=url if url.endswith("/") else url + "/",
        repository=extra.get("repositorio", ""),
        branch=extra.get("rama", "main"),
        comuna=comuna,
    )


def build_site(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    generated: datetime | None = None,
) -> int:
    """Write the site's sources into `out` (emptied first), and the pages search indexes
    beside it; returns how many problems."""
    search_out = out.parent / SEARCH_RECORDS
    catalogue = load_catalogue(root, vocabularies)
    if settings.comuna:
        catalogue = catalogue.only_comuna(settings.comuna)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "docs", out)
    similar = similar_problems(catalogue)
    stamp = generation_stamp(generated)
    writer = PageWriter(out, catalogue, settings, similar, search_out)
    if search_out.exists():
        shutil.rmtree(search_out)

    def problem_outputs(index: int) -> dict:
        entry = catalogue.problems[index]
        record = problem_record(entry, similar.get(entry.problem.problem_id, []))
        write_problem_files(out, root, entry, record, stamp)
        writer.problem(entry)
        return record

    # Each problem's page and downloads are independent: they are made in parallel.
    records = process_map(problem_outputs, range(len(catalogue.problems)))
    open_data = write_exports(out, catalogue, settings, records, stamp)
    writer.write_all()
    page = OPEN_DATA
    files = {
        "problems_json": "api/problemas.json",
        "problems_csv": "api/problemas.csv",
        "solutions_json": "api/soluciones.json",
        "comunas_json": "api/comunas.json",
        "feed": "api/novedades.xml",
        "problem_schema": "esquema/problema.schema.json",
        "solution_schema": "esquema/solucion.schema.json",
        "llms": "llms.txt",
    }
    writer.write(
        page,
        "datos-abiertos.md.j2",
        {"title": "Datos abiertos", "description": "Descargas del catálogo en JSON, CSV y Atom."},
        files={name: urls.source_relative(page, target) for name, target in files.items()},
        # Not a link MkDocs checks: the per-problem files reach the site through the plugin.
        example_href=urls.relative(page, urls.problem_json(open_data["example_id"])),
        **open_data,
    )
    return len(catalogue.problems)
