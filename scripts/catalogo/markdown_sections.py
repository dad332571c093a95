"""The structure of a Markdown body: its ATX headings outside fenced code, and its `##` sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One pass finds ATX headings and code fences (headings inside fences are not headings).
_BLOCK_RE = re.compile(
    r"^ {0,3}(?:(?P<fence>`{3,}|~{3,}).*|(?P<hashes>#{1,6})(?:[ \t]+(?P<title>.*?))?(?:[ \t]+#+)?[ \t]*)$",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    start: int  # offset of the heading line in the body
    end: int  # offset just after the heading text
    level: int
    title: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str | None  # None for text before the first `##`
    text: str


def headings(body: str) -> list[Heading]:
    found, fence = [], None
    for match in _BLOCK_RE.finditer(body):
        marker = match.group("fence")
        if marker:
            if fence is None:
                fence = marker[0]
            elif marker[0] == fence:
                fence = None
        elif fence is None:
            found.append(
                Heading(
                    match.start(),
                    match.end(),
                    len(match.group("hashes")),
                    match.group("title") or "",
                )
            )
    return found


def sections(body: str) -> list[Section]:
    """The body cut at its level-2 headings; empty leading text is dropped."""
    cuts = [heading for heading in headings(body) if heading.level == 2]
    result = []
    lead = body[: cuts[0].start] if cuts else body
    if lead.strip():
        result.append(Section(None, lead.strip()))
    for index, heading in enumerate(cuts):
        end = cuts[index + 1].start if index + 1 < len(cuts) else len(body)
        result.append(Section(heading.title, body[heading.end : end].strip()))
    return result
