"""From the bytes of a file to its front matter and body, reporting every hygiene problem.

Files arrive from GitHub's web editor, Windows and Word: wrong encodings, BOMs, CRLF line
endings and invisible control characters are expected, not exceptional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import Node

from . import yaml_tree

MAX_BYTES = 200 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class ReadIssue:
    """A hygiene finding; `kind` names the rule, line and column are 1-based in the file."""

    kind: str
    line: int
    column: int
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceDocument:
    """A file split into front matter and body.

    `data` is None when the front matter could not be read as a mapping; the body is still
    checked then. `yaml_line` is the file line of the front matter's first YAML line.
    """

    text: str = ""
    data: Any = None
    root: Node | None = None
    body: str = ""
    body_line: int = 1
    yaml_line: int = 2
    issues: list[ReadIssue] = field(default_factory=list)

    def position(self, node: Node | None) -> tuple[int, int]:
        if node is None:
            return (self.yaml_line, 1)
        return (node.start_mark.line + self.yaml_line, node.start_mark.column + 1)


def _line_column(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1
    return line, offset - (data.rfind(newline, 0, offset) + 1) + 1


def read_document(raw: bytes, size: int | None = None) -> SourceDocument:
    doc = SourceDocument()
    issues = doc.issues
    if len(raw) > MAX_BYTES:
        issues.append(ReadIssue("too_large", 1, 1, {"size": size or len(raw), "max": MAX_BYTES}))
        return doc
    if raw.startswith(_UTF16_BOMS):
        issues.append(ReadIssue("not_utf8", 1, 1, {"utf16": True}))
        return doc
    nul = raw.find(b"\x00")
    if nul >= 0:
        issues.append(ReadIssue("nul", *_line_column(raw, nul)))
        return doc
    if raw.startswith(_UTF8_BOM):
        issues.append(ReadIssue("bom", 1, 1))
        raw = raw[len(_UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        issues.append(ReadIssue("not_utf8", line, column, {"byte": raw[error.start]}))
        # Go on with the bad bytes replaced, so the rest of the file still gets checked.
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc.text = text
    _split(doc, text)
    return doc


def _split(doc: SourceDocument, text: str) -> None:
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        doc.issues.append(ReadIssue("no_front_matter", 1, 1))
        doc.body, doc.body_line = text, 1
        return
    # The closing fence is the first line after line 1 that is exactly `---`.
    start = first_end + 1
    position, line = start, 2
    close = -1
    while position <= len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].rstrip() == "---":
            close = position
            break
        position, line = end + 1, line + 1
    if close < 0:
        doc.issues.append(ReadIssue("unclosed", 1, 1))
        return
    doc.body = text[text.find("\n", close) + 1 :] if text.find("\n", close) >= 0 else ""
    doc.body_line = line + 1
    tree = yaml_tree.parse(text[start:close])
    doc.root = tree.root
    for issue in tree.issues:
        detail = {"detail": issue.detail, **issue.extra}
        if "first_line" in detail:
            detail["first_line"] += doc.yaml_line
        issues_kind = {
            "syntax": "yaml_syntax",
            "duplicate": "duplicate_key",
            "alias": "alias",
            "anchor": "alias",
            "unsupported": "unsupported",
        }[issue.kind]
        doc.issues.append(
            ReadIssue(issues_kind, issue.line + doc.yaml_line, issue.column + 1, detail)
        )
    if tree.root is None and not tree.issues:
        doc.issues.append(ReadIssue("not_mapping", doc.yaml_line, 1, {"empty": True}))
    elif tree.data is not None and not isinstance(tree.data, dict):
        doc.issues.append(ReadIssue("not_mapping", *doc.position(tree.root)))
    elif isinstance(tree.data, dict):
        doc.data = tree.data
