"""Names for a new problem's file and id, shared by `catalogo nuevo` and `catalogo desde-issue`."""

from __future__ import annotations

import re
from pathlib import Path

from .suggest import slugify

_ID = re.compile(r"^id:\s*[\"']?(\d{5})-(\d{3})", re.M)
SLUG_LENGTH = 60


def next_id(root: Path, cut: str) -> str:
    """The comuna's next free id: its CUT and one more than the highest number in use."""
    used = [0]
    for path in (root / "problems").rglob("*.md"):
        if path.name.startswith("_"):  # the template's example id is not in use
            continue
        for match in _ID.finditer(path.read_text(encoding="utf-8", errors="replace")):
            if match.group(1) == cut:
                used.append(int(match.group(2)))
    return f"{cut}-{max(used) + 1:03d}"


def file_stem(title: str) -> str:
    """A file name from a title: its words in lowercase with hyphens, cut at a word."""
    stem = slugify(title)
    if len(stem) > SLUG_LENGTH:
        stem = stem[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    return stem or "problema"
