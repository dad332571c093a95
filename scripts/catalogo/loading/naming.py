"""Names for a new problem's file and id, shared by `catalogo nuevo` and `catalogo desde-issue`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from catalogo.core.errors import CatalogoError
from catalogo.core.words import slugify
from catalogo.loading.catalogue import problem_ids
from catalogo.model.types import PROBLEM_ID_RE

SLUG_LENGTH = 60
LAST_NUMBER = 999  # ids have three digits after the comuna's CUT


class NamingError(CatalogoError):
    """No id is left; the message says what to do, in Spanish."""


def next_id(root: Path, cut: str, reserved: Iterable[str] = ()) -> str:
    """The comuna's next free id: its CUT and one more than the highest number in use, read
    from the `id` of every problem's front matter (and from `reserved`, ids already taken
    elsewhere, such as pending pull requests)."""
    return free_id(cut, [*problem_ids(root), *reserved])


def free_id(cut: str, ids: Iterable[str]) -> str:
    """The comuna's next free id among `ids`, the ids in use: one more than the highest of
    the comuna's numbers. NamingError when the comuna has none left at the end."""
    used = {
        int(problem_id[6:])
        for problem_id in ids
        if PROBLEM_ID_RE.fullmatch(problem_id) and problem_id.startswith(f"{cut}-")
    }
    number = max(used, default=0) + 1
    if number <= LAST_NUMBER:
        return f"{cut}-{number:03d}"
    free = next((n for n in range(1, LAST_NUMBER + 1) if n not in used), None)
    if free is None:
        raise NamingError(f"La comuna {cut} ya usa sus {LAST_NUMBER} ids ({cut}-001 a {cut}-999).")
    raise NamingError(
        f"La comuna {cut} ya usa el id {cut}-{LAST_NUMBER}, el último posible. Hay ids libres "
        f"más abajo: use {cut}-{free:03d} a mano."
    )


def has_latin_letters(title: str) -> bool:
    """Whether a title gives a file name words: a letter from a to z once accents are set
    aside. A title in other scripts («ОИРС жалобы», «问题») has letters for the model (CAT049)
    but none a file name can keep."""
    return any("a" <= character <= "z" for character in slugify(title))


def file_stem(title: str, problem_id: str | None = None) -> str:
    """A file name from a title: its words in lowercase with hyphens, cut at a word. A title
    without letters from a to z would make the same name every time: the problem's id names it
    instead, which no other problem has."""
    if not has_latin_letters(title):
        return f"problema-{problem_id}" if problem_id else "problema"
    stem = slugify(title)
    if len(stem) > SLUG_LENGTH:
        stem = stem[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return stem
