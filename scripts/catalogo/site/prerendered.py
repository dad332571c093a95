"""What `catalogo sitio` and the catalogue's MkDocs plugin agree on for pages the generator
renders itself: a front matter flag, and the page's headings for MkDocs' table of contents."""

from __future__ import annotations

import json

# `generada: true`: the page's body is HTML made by the generator's autoescaping templates.
GENERATED_KEY = "generada"
# `indice: [[level, id, title], ...]`: the headings, in order.
TOC_KEY = "indice"
# The build folder that `catalogo sitio` writes (build/ by default) holds three folders:
# the pages MkDocs reads,
DOCS = "docs"
# beside them (MkDocs would copy anything inside docs/), what search indexes: one small page per
# problem at the problem's own path,
SEARCH_RECORDS = "busqueda"
# and Pagefind's index of those pages, linked into the site by the plugin.
SEARCH_INDEX = "pagefind"


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
