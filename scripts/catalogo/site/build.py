"""Generate the site's sources: the hand-written docs/, every catalogue page and the open data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from catalogo.core.outputs import claim_folder, copy_tree
from catalogo.core.parallel import process_map
from catalogo.loading.catalogue import Catalogue, load_catalogue
from catalogo.loading.crosswalk import load_crosswalk
from catalogo.model.vocabularies import Vocabularies
from catalogo.site import urls
from catalogo.site.crosswalk_page import write_crosswalk_page
from catalogo.site.doc_links import fill_docs
from catalogo.site.exports import (
    FEED,
    JSON_FEED,
    generation_stamp,
    write_exports,
    write_json,
    write_problem_files,
)
from catalogo.site.licence import CODE, CONTENT
from catalogo.site.maps import MAPS_LOG, Maps
from catalogo.site.pages import EXPLORE_INDEX, OPEN_DATA, PageWriter, similar_problems
from catalogo.site.prerendered import DOCS, SEARCH_INDEX, SEARCH_RECORDS, SITE_RECORD
from catalogo.site.search_index import SEARCH_LOG, SearchIndex
from catalogo.site.search_words import SearchWords, write_search_names
from catalogo.site.settings import SiteSettings
from catalogo.site.views import Views

DEFAULT_OUTPUT = Path("build")


def build_site(
    root: Path,
    vocabularies: Vocabularies,
    settings: SiteSettings,
    out: Path,
    generated: datetime | None = None,
    catalogue: Catalogue | None = None,
) -> int:
    """Write into the build folder `out` (emptied first, and only if the tools made it) the
    site's sources (`docs/`, what MkDocs reads), the pages search indexes and Pagefind's index
    of them; returns how many problems. `catalogue`, when given, is the whole catalogue
    already loaded (by `catalogo sitio`'s validation); otherwise it is loaded here."""
    claim_folder(out, root, keep=True)  # refused before the long work, not after
    if catalogue is None:
        catalogue = load_catalogue(root, vocabularies)
    catalogue = settings.scope.select(catalogue)
    # Read before the long work: a broken crosswalk is said at once, not after every page.
    crosswalk = load_crosswalk(root / "schema")
    out = claim_folder(out, root)
    docs, records = out / DOCS, out / SEARCH_RECORDS
    write_json(out / SITE_RECORD, site_record(settings))
    copy_tree(root / "docs", docs, root)
    fill_docs(docs, settings)  # the guides' links to the repository and its forms
    # Every problem's view, once: each output below reads from it. The workers inherit them.
    views = Views(catalogue)
    writer = PageWriter(docs, views, settings, records)
    if generated is not None:
        writer.today = generated.date()
    writer.search_words = SearchWords(views)
    problems = range(len(views.problems))
    # Search needs only the problems' own words: Pagefind indexes them while the pages are made.
    process_map(lambda index: writer.search_record(views.problems[index]), problems)
    search = SearchIndex(records, out / SEARCH_INDEX)
    search.start()
    try:
        writer.similar = similar_problems(catalogue)
        stamp = generation_stamp(generated)

        def published(view) -> dict:
            return view.published(writer.similar.get(view.problem_id, []))

        def problem_outputs(index: int) -> None:
            view = views.problems[index]
            write_problem_files(docs, view, published(view), stamp)
            writer.problem(view)

        # Each problem's page and downloads are independent: they are made in parallel. The
        # records are made again here rather than sent back from the workers: each is a
        # shallow copy of its view's, cheaper than pickling ten thousand dicts back.
        process_map(problem_outputs, problems)
        records_made = range(len(writer.records))
        process_map(lambda index: writer.record_page(writer.records[index]), records_made)
        records = [published(view) for view in views.problems]
        open_data = write_exports(docs, views, settings, records, stamp, writer.records)
        writer.stamp = stamp
        writer.maps = Maps.load(vocabularies)
        writer.write_all()
        writer.search_words.write(docs)
        write_search_names(docs, views, writer.comuna_pages())
        _open_data_page(writer, open_data)
        write_crosswalk_page(writer, crosswalk)
        seconds = search.finish()
    finally:
        search.stop()
    print(f"{SEARCH_LOG} {seconds:.1f} s.", flush=True)
    print(f"{MAPS_LOG} {writer.maps.seconds:.1f} s.", flush=True)
    return len(catalogue.problems)


def site_record(settings: SiteSettings) -> dict:
    """What the MkDocs plugin reads from the build folder: the site's title and scope, and
    where the national catalogue is, for a scoped site's link to it."""
    return {
        "titulo": settings.title,
        "alcance": settings.scope.record(),
        "catalogo_nacional": settings.national_url,
        "aviso": f"Este sitio muestra solo {settings.scope.held}.",
        "direccion": settings.site_url,
    }


def _open_data_page(writer: PageWriter, open_data: dict) -> None:
    page = OPEN_DATA
    files = {
        "problems_json": "api/problemas.json",
        "problems_csv": "api/problemas.csv",
        "problems_xlsx": "api/problemas.xlsx",
        "solutions_json": "api/soluciones.json",
        "joins_json": "api/adhesiones.json",
        "joins_csv": "api/adhesiones.csv",
        "joins_xlsx": "api/adhesiones.xlsx",
        "join_schema": "esquema/adhesion.schema.json",
        "comunas_json": "api/comunas.json",
        "records_json": "api/transparencia.json",
        "records_csv": "api/transparencia.csv",
        "records_page": "transparencia.md",
        "coverage_json": "api/cobertura.json",
        "coverage_page": "cobertura.md",
        "explore_json": EXPLORE_INDEX,
        "feed": FEED,
        "json_feed": JSON_FEED,
        "problem_schema": "esquema/problema.schema.json",
        "solution_schema": "esquema/solucion.schema.json",
        "llms": "llms.txt",
    }
    writer.write(
        page,
        "datos-abiertos.md.j2",
        {
            "title": "Datos abiertos",
            "description": (
                f"Descargas del catálogo en JSON, CSV, XLSX y Atom, con licencia {CONTENT.name}."
            ),
        },
        files={name: urls.source_relative(page, target) for name, target in files.items()},
        # Not a link MkDocs checks: the per-problem files reach the site through the plugin.
        example_href=urls.relative(page, urls.problem_json(open_data["example_id"])),
        licence=CONTENT,
        code_licence=CODE,
        title=writer.settings.title,
        scope=writer.scope_context(),
        **open_data,
    )
