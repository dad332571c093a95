"""`catalogo kit ID`: a hackathon team's starting folder for one problem."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from catalogo.core.errors import CatalogoError
from catalogo.core.outputs import OutputError, claim_folder, write_text
from catalogo.core.text_safety import markdown_literal, markdown_paragraphs, markdown_url
from catalogo.loading.catalogue import Catalogue, ProblemEntry
from catalogo.model.sections import sections
from catalogo.model.template_text import solution_template
from catalogo.site.settings import SOLUTION_FORM, SiteSettings
from catalogo.site.views import problem_view

README, PROBLEM_JSON, SOLUTION = "README.md", "problema.json", "solucion.md"


class KitError(CatalogoError):
    """The kit cannot be written; the message says why, in Spanish."""


def _environment() -> Environment:
    # Markdown, not HTML: values go through the `md` filter, which makes them literal text,
    # and addresses through `url`, which keeps them inside their link.
    env = Environment(
        loader=PackageLoader("catalogo.authoring", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_literal
    env.filters["md_paragraphs"] = markdown_paragraphs
    env.filters["url"] = markdown_url
    return env


def kit_files(entry: ProblemEntry, catalogue: Catalogue, settings: SiteSettings) -> dict[str, str]:
    problem, view = entry.problem, problem_view(entry, catalogue)
    readme = (
        _environment()
        .get_template("kit-readme.md.j2")
        .render(
            p={"id": problem.problem_id, "title": problem.title, "summary": problem.summary},
            example=problem.example,
            comuna=entry.comuna,
            page_url=settings.site_url + view.url,
            # None without a repository: the README then names the form without a link.
            solution_form=settings.issue_form_url(SOLUTION_FORM, problemas=problem.problem_id),
            sections=[(s.title, s.text) for s in sections(entry.body)],
            sources=list(view.sources),
            indicators=problem.indicators,
            risks=problem.risks,
            contact=problem.contact,
        )
    )
    # The solution template with this problem's id: the rule CAT067 refuses it until filled.
    solution = solution_template(problem.problem_id)
    return {
        README: readme,
        # Without `similares`: they are found only when the whole site is built.
        PROBLEM_JSON: json.dumps(view.record, ensure_ascii=False, indent=2) + "\n",
        SOLUTION: solution,
    }


def write_kit(folder: Path, files: dict[str, str], root: Path) -> None:
    """Writes the kit into a new (or empty) folder; never into one that holds anything, and
    never inside the catalogue's own folders or through a symlink."""
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        raise KitError(f"{folder} ya existe: elija otra carpeta con --salida.")
    try:
        folder = claim_folder(folder, root)
        for name, text in files.items():
            write_text(folder / name, text)
    except OutputError as error:
        raise KitError(str(error)) from None
    except OSError as error:
        raise KitError(
            f"No se pudo escribir el kit en {folder}: {error.strerror or error}. Elija otra "
            "carpeta con --salida."
        ) from None
