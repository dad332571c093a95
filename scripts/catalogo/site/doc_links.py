"""The repository's links in the hand-written pages of docs/, which cannot call Python.

A guide writes `[Proponer un problema](catalogo:proponer-problema)`; `catalogo sitio`, once it
has copied docs/ into the build folder, puts in the address the site's settings make from
`extra.repositorio` (the same one every generated page links with). Without a repository, the
link's text is left alone, unlinked: never an address that leads nowhere. A name it does not
know stops the build, so that a typo cannot publish a dead link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from catalogo.core.errors import CatalogoError
from catalogo.core.outputs import write_text
from catalogo.site.settings import COMMENT_FORM, PROPOSE_FORM, SOLUTION_FORM, SiteSettings

SCHEME = "catalogo:"
# `[text](catalogo:name)`: the link's text holds no brackets or line breaks.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(" + SCHEME + r"([^)\s]*)\)")

TARGETS: dict[str, Callable[[SiteSettings], str | None]] = {
    "repositorio": lambda settings: settings.repository.rstrip("/") or None,
    "issues": SiteSettings.issues_url,
    **{
        form.removesuffix(".yml"): lambda settings, form=form: settings.issue_form_url(form)
        for form in (PROPOSE_FORM, SOLUTION_FORM, COMMENT_FORM)
    },
}


class DocLinkError(CatalogoError):
    """A page of docs/ names a link the catalogue does not know."""


def fill_links(text: str, settings: SiteSettings, source: str = "") -> str:
    """`text` with each `catalogo:` link made an address, or its text when there is none."""

    def replace(match: re.Match) -> str:
        label, name = match.groups()
        if name not in TARGETS:
            known = ", ".join(SCHEME + n for n in TARGETS)
            raise DocLinkError(
                f"{source}: el enlace «{SCHEME}{name}» no existe. Use uno de estos: {known}."
            )
        url = TARGETS[name](settings)
        return f"[{label}]({url})" if url else label

    return _LINK.sub(replace, text)


def fill_docs(docs: Path, settings: SiteSettings) -> None:
    """Fill the links of every Markdown page copied from the catalogue's docs/ into `docs`."""
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if SCHEME not in text:
            continue
        filled = fill_links(text, settings, f"docs/{path.relative_to(docs).as_posix()}")
        if filled != text:
            write_text(path, filled)
