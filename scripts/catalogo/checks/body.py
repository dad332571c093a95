"""The Markdown body: the framework's sections, and no HTML or script links anywhere."""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from ..markdown_sections import headings as find_headings
from ..model.problem import REQUIRED_SECTIONS
from ..suggest import fold
from .context import FileContext, Findings

# `javascript:` is never legitimate text in a problem; `data:` only matters as a link target.
_SCRIPT_SCHEME_RE = re.compile(r"(?i)\b(?:java|vb)\s*script\s*:")
_DATA_LINK_RE = re.compile(r"(?i)(?:\]\(\s*<?|\]:\s*<?|<|href\s*=\s*[\"']?)\s*data\s*:")
_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--")
_ENTITY_RE = re.compile(r"&#?\w+;")


def _norm(title: str) -> str:
    return " ".join(fold(title).strip(" :.").split())


_WANTED = {_norm(title): title for title in REQUIRED_SECTIONS}


@cache
def _markdown():
    # Imported on first use: most bodies contain no `<` and never need a Markdown parser.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def check_body(ctx: FileContext) -> Findings:
    findings = _html(ctx) + _links(ctx) + _front_matter_html(ctx)
    if ctx.kind in ("problema", "plantilla") and ctx.document.has_body:
        findings += _sections(ctx)
    return findings


def _sections(ctx: FileContext) -> Findings:
    document = ctx.document
    body = document.body
    headings = find_headings(body)
    found: dict[str, int] = {}
    for position, heading in enumerate(headings):
        if heading.level == 2:
            key = _norm(heading.title)
            if key in _WANTED and key not in found:
                found[key] = position
    findings = []
    for key, title in _WANTED.items():
        if key not in found:
            findings.append(
                ctx.at(
                    "CAT060",
                    (document.body_line, 1),
                    f"Falta la sección «## {title}».",
                    f"Agregue una línea «## {title}» seguida de al menos un párrafo.",
                )
            )
    previous = -1
    for key, title in _WANTED.items():
        position = found.get(key)
        if position is None:
            continue
        heading = headings[position]
        at_heading = document.body_offset + heading.start
        if position < previous:
            order = ", ".join(f"«{t}»" for t in REQUIRED_SECTIONS)
            findings.append(
                ctx.at(
                    "CAT061",
                    document.offset_position(at_heading),
                    f"La sección «## {title}» está fuera de orden; el orden es: {order}.",
                )
            )
        previous = max(previous, position)
        following = headings[position + 1].start if position + 1 < len(headings) else len(body)
        if not body[heading.end : following].strip():
            findings.append(
                ctx.at(
                    "CAT064",
                    document.offset_position(at_heading),
                    f"La sección «## {title}» no tiene texto.",
                )
            )
    return findings


def _html(ctx: FileContext) -> Findings:
    document = ctx.document
    if "<" not in document.body:
        return []
    findings = []
    lines = document.body.split("\n")
    for content, first_line in _iter_html_tokens(_markdown().parse(document.body)):
        tag = _TAG_RE.search(content)
        snippet = (tag.group(0) if tag else content.strip())[:60]
        line, column = _find_in_lines(lines, first_line, snippet[:20])
        findings.append(
            ctx.at(
                "CAT062",
                (document.body_line + line, column),
                f"El texto contiene HTML («{snippet}»), que no se publica.",
            )
        )
    return findings


def _iter_html_tokens(tokens: list[Any]):
    for token in tokens:
        if token.type == "html_block":
            yield token.content, token.map[0]
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline":
                    yield child.content, token.map[0]


def _find_in_lines(lines: list[str], start: int, needle: str) -> tuple[int, int]:
    for index in range(start, len(lines)):
        column = lines[index].find(needle)
        if column >= 0:
            return index, column + 1
    return start, 1


def _links(ctx: FileContext) -> Findings:
    document = ctx.document
    text = document.text
    findings = []
    for start, end in _decoded_candidates(text):
        segment = text[start:end]
        decoded = html.unescape(segment) if "&" in segment else segment
        for pattern in (_SCRIPT_SCHEME_RE, _DATA_LINK_RE):
            for match in pattern.finditer(decoded):
                # Offsets shift when entities decode; the segment's line is still right.
                offset = start + min(match.start(), len(segment) - 1)
                findings.append(
                    ctx.at(
                        "CAT063",
                        document.offset_position(offset),
                        f"El texto contiene un enlace no permitido («{match.group(0).strip()}»).",
                        "Enlace solo a direcciones https://; en el encabezado, borre el texto.",
                    )
                )
    return findings


def _decoded_candidates(text: str):
    """Line spans worth a closer look: those naming a script scheme, `data:` or an entity."""
    lowered = text.lower()
    if "script" not in lowered and "data" not in lowered and not _ENTITY_RE.search(text):
        return
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        low = lowered[start:end]
        if "script" in low or "data" in low or "&" in line:
            yield start, end
        start = end + 1


def _front_matter_html(ctx: FileContext) -> Findings:
    document = ctx.document
    front = document.text[: document.body_offset]
    if "<" not in front:
        return []
    findings, lines_seen = [], set()
    for match in _TAG_RE.finditer(front):
        line, column = document.offset_position(match.start())
        if line not in lines_seen:  # one finding per line: `<b>x</b>` is one mistake
            lines_seen.add(line)
            findings.append(
                ctx.at(
                    "CAT062",
                    (line, column),
                    f"El encabezado contiene HTML («{match.group(0)[:40]}»), que no se publica.",
                    "Escriba texto simple, sin etiquetas < >.",
                )
            )
    return findings
