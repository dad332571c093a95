"""The layout `catalogo sitio` and the catalogue's MkDocs plugin agree on: folder names, the
front matter of pages the generator renders itself, and the mould's markers."""

from __future__ import annotations

import json

# `generada: true`: the page's body is HTML made by the generator's autoescaping templates.
GENERATED_KEY = "generada"
# `indice: [[level, id, title], ...]`: the headings, in order.
TOC_KEY = "indice"
# The only keys a problem page's front matter may hold: the plugin fills every problem page
# from one page Material rendered (the mould), so any other key (`hide`, `status`, `template`,
# ...) would change one page's HTML and be lost. The plugin refuses a page with another key.
PROBLEM_META_KEYS = frozenset({"title", "description", GENERATED_KEY, TOC_KEY})

# The build folder that `catalogo sitio` writes (build/ by default) holds three folders:
# the pages MkDocs reads,
DOCS = "docs"
# beside them (MkDocs would copy anything inside docs/), what search indexes: one small page per
# problem at the problem's own path,
SEARCH_RECORDS = "busqueda"
# and Pagefind's index of those pages, linked into the site by the plugin.
SEARCH_INDEX = "pagefind"
# and what the site is about, which the plugin reads to name the site (`site_name`) after its
# scope without mkdocs.yml being edited: {"titulo", "alcance", "catalogo_nacional"}.
SITE_RECORD = "sitio.json"
# `mkdocs serve` started by `catalogo sitio --vigilar` finds in this environment variable the
# `catalogo sitio` options to regenerate the build folder with (`make serve COMUNA=...`).
OPTIONS_VARIABLE = "CATALOGO_SITIO"

# Inside docs/: one page per problem, all at the same depth (problemas/<comuna>/<slug>.md),
PROBLEMS = "problemas/"
# and each problem's two downloads, JSON and the original Markdown, linked by the plugin.
DOWNLOADS = "api/problemas/"

# The mould: a generated problem page whose values are markers. Material renders it like any
# other page; the plugin cuts it at the markers and puts each problem's values in.
MOULD_SOURCE = PROBLEMS + "catalogo-molde-comuna/catalogo-molde-problema.md"
MOULD_PATH = PROBLEMS + "catalogo-molde-comuna/catalogo-molde-problema/"
MOULD_TITLE = "catalogo-molde-titulo"
MOULD_DESCRIPTION = "catalogo-molde-descripcion"
# Holds an <h1>, as every problem page does, so Material adds none of its own.
MOULD_CONTENT = "<h1>catalogo-molde-contenido</h1>"
MOULD_FIRST_ID = "catalogo-molde-ancla-titulo"
MOULD_ITEM_ID = "catalogo-molde-ancla-seccion"
MOULD_ITEM_TITLE = "catalogo-molde-seccion"
MOULD_NEXT_ID = "catalogo-molde-ancla-siguiente"
# Where the table of contents' entries go once the two above are cut out of the mould.
MOULD_ITEMS = "catalogo-molde-secciones"
# Every marker starts with this: none may be left in a page the plugin assembled.
MOULD_PREFIX = "catalogo-molde-"


def mould_source() -> str:
    """The mould's page, as `catalogo sitio` would write a problem's: a title, a description,
    an <h1> body and a table of contents of the title and two sections."""
    meta = {
        "title": MOULD_TITLE,
        "description": MOULD_DESCRIPTION,
        GENERATED_KEY: True,
        TOC_KEY: [
            [1, MOULD_FIRST_ID, MOULD_TITLE],
            [2, MOULD_ITEM_ID, MOULD_ITEM_TITLE],
            [2, MOULD_NEXT_ID, MOULD_ITEM_TITLE],
        ],
    }
    return f"---\n{front_matter(meta)}\n---\n\n{MOULD_CONTENT}"


def front_matter(meta: dict) -> str:
    """Front matter written as JSON, which is also YAML: MkDocs reads it as usual, and the
    plugin reads thousands of problem pages' with `json`, many times faster than YAML."""
    return json.dumps(meta, ensure_ascii=False)


def read_front_matter(text: str) -> tuple[dict, str]:
    """A generated page's front matter and body."""
    header, separator, body = text.removeprefix("---\n").partition("\n---\n")
    if not text.startswith("---\n") or not separator:
        raise ValueError("falta el encabezado que escribe «catalogo sitio»")
    return json.loads(header), body.lstrip("\n")


def toc_tokens(headings: list[list]) -> list[dict]:
    """Headings as the toc extension of Python-Markdown reports them, nested by level.

    Titles are plain text; MkDocs' templates print them as they are, so they are escaped here.
    """
    from markupsafe import escape

    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, title in headings:
        token = {"level": level, "id": anchor, "name": str(escape(title)), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
