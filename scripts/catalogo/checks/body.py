"""The Markdown body: the framework's sections, and no HTML or script links."""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_it import MarkdownIt

from ..model.problem import REQUIRED_SECTIONS
from ..suggest import fold
from .context import FileContext, Findings, body_offset_position

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# `javascript:` is never legitimate text in a problem; `data:` only matters as a link target.
_SCRIPT_SCHEME_RE = re.compile(r"(?i)\b(?:java|vb)\s*script\s*:")
_DATA_LINK_RE = re.compile(r"(?i)(?:\]\(\s*<?|\]:\s*<?|<|href\s*=\s*[\"']?)\s*data\s*:")
_TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--")

_markdown = MarkdownIt("commonmark")


def check_body(ctx: FileContext) -> Findings:
    findings = _html(ctx) + _links(ctx) + _front_matter_html(ctx)
    if ctx.kind in ("problema", "plantilla"):
        findings += _sections(ctx)
    return findings


def _norm(title: str) -> str:
    return " ".join(fold(title).strip(" :.").split())


def _headings(body: str) -> list[tuple[int, int, str]]:
    """(line index in the body, level, text) of ATX headings outside fenced code."""
    headings, fence = [], None
    for index, line in enumerate(body.split("\n")):
        match = _FENCE_RE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0]
            elif marker[0] == fence:
                fence = None
            continue
        if fence is None:
            heading = _HEADING_RE.match(line)
            if heading:
                headings.append((index, len(heading.group(1)), heading.group(2) or ""))
    return headings


def _sections(ctx: FileContext) -> Findings:
    document = ctx.document
    lines = document.body.split("\n")
    headings = _headings(document.body)
    wanted = {_norm(title): title for title in REQUIRED_SECTIONS}
    found: dict[str, int] = {}
    for position, (index, level, title) in enumerate(headings):
        if level == 2 and _norm(title) in wanted and _norm(title) not in found:
            found[_norm(title)] = position
    findings = []
    for title in REQUIRED_SECTIONS:
        if _norm(title) not in found:
            findings.append(
                ctx.at(
                    "CAT060",
                    (document.body_line, 1),
                    f"Falta la sección «## {title}».",
                    f"Agregue una línea «## {title}» seguida de al menos un párrafo.",
                )
            )
    previous = -1
    for title in REQUIRED_SECTIONS:
        position = found.get(_norm(title))
        if position is None:
            continue
        index = headings[position][0]
        if position < previous:
            findings.append(
                ctx.at(
                    "CAT061",
                    (document.body_line + index, 1),
                    f"La sección «## {title}» está fuera de orden; el orden es: "
                    + ", ".join(f"«{t}»" for t in REQUIRED_SECTIONS)
                    + ".",
                )
            )
        previous = max(previous, position)
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        if not any(line.strip() for line in lines[index + 1 : end]):
            findings.append(
                ctx.at(
                    "CAT064",
                    (document.body_line + index, 1),
                    f"La sección «## {title}» no tiene texto.",
                )
            )
    return findings


def _html(ctx: FileContext) -> Findings:
    body = ctx.document.body
    if "<" not in body:
        return []
    findings = []
    lines = body.split("\n")
    for token in _iter_html_tokens(_markdown.parse(body)):
        content, first_line = token
        snippet = content.strip().split("\n")[0][:60]
        line, column = _find_in_lines(lines, first_line, content.strip()[:20])
        findings.append(
            ctx.at(
                "CAT062",
                (ctx.document.body_line + line, column),
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
    body = ctx.document.body
    lowered = body.lower()
    if "script" not in lowered and "data" not in lowered and "&" not in body:
        return []
    findings = []
    # Entities can spell a scheme (`java&#115;cript:`); one decoded copy per line keeps the
    # reported line right.
    offset = 0
    for line in body.split("\n"):
        decoded = html.unescape(line) if "&" in line else line
        for pattern in (_SCRIPT_SCHEME_RE, _DATA_LINK_RE):
            for match in pattern.finditer(decoded):
                position = body_offset_position(ctx.document, offset + min(match.start(), len(line)))
                findings.append(
                    ctx.at(
                        "CAT063",
                        position,
                        f"El texto contiene un enlace no permitido («{match.group(0).strip()}»).",
                    )
                )
        offset += len(line) + 1
    return findings


def iter_strings(value: Any, path: tuple[Any, ...] = ()):
    """Every text value in the front matter with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))


def _front_matter_html(ctx: FileContext) -> Findings:
    if ctx.data is None:
        return []
    return [
        ctx.at_value(
            "CAT062",
            path,
            f"`{'.'.join(map(str, path))}` contiene HTML («{match.group(0)[:40]}»), que no se publica.",
            "Escriba texto simple, sin etiquetas < >.",
        )
        for path, text in iter_strings(ctx.data)
        if "<" in text
        for match in [_TAG_RE.search(text)]
        if match
    ]
