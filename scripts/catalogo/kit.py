"""`catalogo kit ID`: a hackathon team's starting folder for one problem."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .loading.catalogue import Catalogue, ProblemEntry
from .markdown_sections import sections
from .site.context import Views
from .site.exports import problem_record
from .site.pages import front_matter_snippet
from .site.render import markdown_inline
from .site.urls import problem_page, url_of

README, PROBLEM_JSON, SOLUTION = "README.md", "problema.json", "solucion.md"


class KitError(Exception):
    """The kit cannot be written; the message says why, in Spanish."""


def _environment() -> Environment:
    # Markdown, not HTML: values go through the `md` filter, which escapes Markdown's syntax.
    env = Environment(
        loader=PackageLoader("catalogo", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_inline
    return env


def kit_files(entry: ProblemEntry, catalogue: Catalogue, site_url: str) -> dict[str, str]:
    problem = entry.problem
    readme = (
        _environment()
        .get_template("kit-readme.md.j2")
        .render(
            p={"id": problem.problem_id, "title": problem.title, "summary": problem.summary},
            example=problem.example,
            comuna=entry.comuna,
            page_url=site_url + url_of(problem_page(entry)),
            sections=[(s.title, s.text) for s in sections(entry.body)],
            sources=Views(catalogue).source_items(entry),
            indicators=problem.indicators,
            risks=problem.risks,
            contact=problem.contact,
        )
    )
    solution = front_matter_snippet(problem.problem_id) + (
        "\n## Qué hace\n\nDescriba la solución en pocas líneas.\n\n"
        "## Cómo probarla\n\nPasos para instalarla o la dirección de la demostración.\n"
    )
    record = problem_record(entry, [])
    del record["similares"]  # found only when the whole site is built
    return {
        README: readme,
        PROBLEM_JSON: json.dumps(record, ensure_ascii=False, indent=2) + "\n",
        SOLUTION: solution,
    }


def write_kit(folder: Path, files: dict[str, str]) -> None:
    """Writes the kit into a new folder; never into one that exists."""
    try:
        folder.mkdir(parents=True)
    except FileExistsError:
        raise KitError(f"{folder} ya existe: elija otra carpeta con --salida.") from None
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
