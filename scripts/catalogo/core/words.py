"""Words: accents folded, slugs, and the closest match for a misspelt value ("¿Quiso decir ...?")."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lowercase ASCII with accents and ñ folded: "Ñuñoa" -> "nunoa"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii").lower()


def slugify(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in fold(text)).split()
    return "-".join(words)


def closest(
    value: str, choices: Iterable[str], aliases: dict[str, str] | None = None
) -> str | None:
    """The valid choice nearest to `value`, or None when nothing is near enough.

    `aliases` maps other spellings (a comuna's full name, say) to the choice they stand for.
    """
    choices = list(choices)
    candidates = {slugify(choice): choice for choice in choices}
    for alias, target in (aliases or {}).items():
        candidates.setdefault(slugify(alias), target)
    key = slugify(value)
    if key in candidates:
        return candidates[key]
    match = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
    return candidates[match[0]] if match else None


def did_you_mean(value: str, choices: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    match = closest(value, choices, aliases)
    return f" ¿Quiso decir «{match}»?" if match and match != value else ""
