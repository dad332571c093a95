"""Where each page and file lives on the site. Stable: published URLs must not move."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlencode

from catalogo.core.words import slugify
from catalogo.loading.catalogue import ProblemEntry, SolutionEntry
from catalogo.site.prerendered import DOWNLOADS, PROBLEMS

EXPLORE = "explorar.md"
# Explorar's query-string parameters (docs/assets/explorar.js reads them): the words, one per
# filter (the names of views.EXPLORE_FILTERS, which a test keeps equal), and the page.
EXPLORE_FILTER_NAMES = (
    "region",
    "comuna",
    "tema",
    "estado",
    "prioridad",
    "tarea",
    "acceso",
    "datos-personales",
    "solucion",
    "preparacion",
    "equipos",
    "compartido",
    "riesgo",
)


def problem_page(entry: ProblemEntry) -> str:
    return f"{PROBLEMS}{entry.problem.comuna}/{entry.slug}.md"


def solution_page(entry: SolutionEntry) -> str:
    return f"soluciones/{entry.slug}.md"


# Problem records sit at a problem page's depth, in a folder no comuna is named: the catalogue's
# MkDocs plugin then assembles them from the problems' mould instead of having Material render
# each (a 10,000-problem catalogue has thousands of records).
PROBLEM_RECORDS = PROBLEMS + "transparencia/"


def problem_record_page(problem_id: str) -> str:
    """A problem's transparency record («Ficha de transparencia algorítmica»), by its id: the
    id never changes, the file's name may."""
    return f"{PROBLEM_RECORDS}{problem_id}.md"


def solution_record_page(solution_slug: str) -> str:
    return f"transparencia/soluciones/{solution_slug}.md"


def comuna_page(comuna_slug: str) -> str:
    return f"comunas/{comuna_slug}.md"


def region_page(region_name: str) -> str:
    return f"regiones/{slugify(region_name)}.md"


def theme_page(theme_slug: str) -> str:
    return f"temas/{theme_slug}.md"


def problem_json(problem_id: str) -> str:
    return f"{DOWNLOADS}{problem_id}.json"


def problem_markdown(problem_id: str) -> str:
    # Any .md under the docs folder becomes a page: the original file is served as text and
    # the download link names it .md.
    return f"{DOWNLOADS}{problem_id}.txt"


def explore_url(from_page: str, q: str = "", pagina: int = 1, **filters: str) -> str:
    """A link from `from_page` to Explorar with these filters chosen, e.g.
    `explore_url("hackaton.md", preparacion="Lista", solucion="Sin solución")`. A filter's
    value is the label its select shows (without the count); write `datos-personales` as
    `datos_personales`. An unknown filter is a programming error, not a link that shows
    everything."""
    params = []
    if q.strip():
        params.append(("q", q.strip()))
    for key, value in filters.items():
        name = key.replace("_", "-")
        if name not in EXPLORE_FILTER_NAMES:
            raise ValueError(f"Explorar has no filter {key!r}")
        if value:
            params.append((name, value))
    if pagina > 1:
        params.append(("pagina", str(pagina)))
    link = relative(from_page, EXPLORE)
    return f"{link}?{urlencode(params, quote_via=quote)}" if params else link


def url_of(page: str) -> str:
    """The URL path a page is served at (MkDocs' directory URLs): a/b.md -> a/b/."""
    if not page.endswith(".md"):
        return page
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def source_relative(from_page: str, to: str) -> str:
    """A Markdown link target: MkDocs resolves it from the source file and checks it exists."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def relative(from_page: str, to: str) -> str:
    """An href from one page to another page or file, relative so the site works anywhere
    (GitHub Pages under a sub-path, a municipality's own server, a folder opened offline)."""
    target = url_of(to)
    link = _relpath(target, url_of(from_page))
    if link == ".":
        return "./"
    return link + "/" if target == "" or target.endswith("/") else link


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for the site's own relative paths (no `..`, no `.`), without its
    trips through the working directory: pages link to other pages many thousand times."""
    to, base = [p for p in path.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
