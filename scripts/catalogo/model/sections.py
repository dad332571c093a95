"""The structure of a Markdown body: its ATX headings outside fenced code, and its `##` sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

# One pass finds the lines that open a code fence or an ATX heading (headings inside fences are
# not headings); the rest of each line is read without a pattern. Only the start of a line is
# matched, with bounded repetitions: the pattern never scans a line's length.
_BLOCK_START_RE = re.compile(
    r"^ {0,3}(?:(?P<fence>`{3}|~{3})|(?P<hashes>#{1,6})(?=[ \t\n]|\Z))", re.MULTILINE
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
    for match in _BLOCK_START_RE.finditer(body):
        line_end = body.find("\n", match.end())
        line_end = len(body) if line_end < 0 else line_end
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
                    line_end,
                    len(match.group("hashes")),
                    _heading_text(body[match.end() : line_end]),
                )
            )
    return found


def _heading_text(rest: str) -> str:
    """A heading's text as CommonMark reads it: without the blanks around it and without a
    closing run of `#` that follows a blank (`## Título ##`)."""
    text = rest.strip(" \t")
    without_closing = text.rstrip("#")
    if without_closing != text and (not without_closing or without_closing[-1] in " \t"):
        text = without_closing.rstrip(" \t")
    return text


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
