"""From the bytes of a file to its front matter and body, reporting every hygiene problem.

Files arrive from GitHub's web editor, Windows and Word: wrong encodings, BOMs, CRLF line
endings and invisible control characters are expected, not exceptional.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import Node

from catalogo.core.text_safety import CONTROL_RE, has_invisible
from catalogo.loading import yaml_tree

MAX_BYTES = 200 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WINDOWS_1252_FALLBACK = "catalogo-windows-1252"


def _decode_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(_WINDOWS_1252_FALLBACK, _decode_as_windows_1252)
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
    body_offset: int = 0
    has_body: bool = True
    yaml_line: int = 2
    yaml_offset: int = 4
    issues: list[ReadIssue] = field(default_factory=list)
    # The front matter had a syntax error: `data` and `root` hold only the entries that could
    # be read around it, so a missing field may just be on a broken line.
    partial: bool = False
    # Offsets of the text's line breaks, found once when a position is first asked for: a file
    # with thousands of findings must not count its lines once per finding.
    _breaks: list[int] | None = field(default=None, repr=False)

    def position(self, node: Node | None) -> tuple[int, int]:
        if node is None:
            return (self.yaml_line, 1)
        return (node.start_mark.line + self.yaml_line, node.start_mark.column + 1)

    @property
    def invisible(self) -> bool:
        """Whether the text holds a control or format character anywhere (checks/characters.py
        says where)."""
        return has_invisible(self.text)

    def offset_position(self, offset: int) -> tuple[int, int]:
        """File line and column of a character offset in `text`."""
        if self._breaks is None:
            self._breaks = [match.start() for match in _LINE_BREAK_RE.finditer(self.text)]
        before = bisect.bisect_left(self._breaks, offset)  # line breaks before the offset
        line_start = self._breaks[before - 1] + 1 if before else 0
        return before + 1, offset - line_start + 1

    def span(self, node: Node) -> tuple[int, int]:
        """Offsets in `text` where a front-matter node starts and ends."""
        return self.yaml_offset + node.start_mark.index, self.yaml_offset + node.end_mark.index


_LINE_BREAK_RE = re.compile("\n")


def _line_column(data: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line = data.count(newline, 0, offset) + 1
    return line, offset - (data.rfind(newline, 0, offset) + 1) + 1


def read_document(raw: bytes, size: int | None = None) -> SourceDocument:
    # Until the text is decoded there is no body to check; `_split` says otherwise.
    doc = SourceDocument(has_body=False)
    text = _decode(doc, raw, size)
    if text is None:
        return doc
    doc.text = text
    doc.has_body = True
    _split(doc, text)
    return doc


def read_yaml_file(raw: bytes, size: int | None = None) -> SourceDocument:
    """A catalogue file that is YAML from its first line (`eventos.yml`): the same hygiene
    findings as a front matter, at the same positions, with no body."""
    doc = SourceDocument(has_body=False, yaml_line=1, yaml_offset=0)
    text = _decode(doc, raw, size)
    if text is None:
        return doc
    doc.text, doc.body_offset = text, len(text)
    _parse_yaml(doc, text)
    return doc


def _decode(doc: SourceDocument, raw: bytes, size: int | None) -> str | None:
    """The file's text with LF line breaks, or None when it cannot be read as text."""
    issues = doc.issues
    if len(raw) > MAX_BYTES:
        issues.append(ReadIssue("too_large", 1, 1, {"size": size or len(raw), "max": MAX_BYTES}))
        return None
    if raw.startswith(_UTF16_BOMS):
        issues.append(ReadIssue("not_utf8", 1, 1, {"utf16": True}))
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:
        issues.append(ReadIssue("nul", *_line_column(raw, nul)))
        return None
    if raw.startswith(_UTF8_BOM):
        issues.append(ReadIssue("bom", 1, 1))
        raw = raw[len(_UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        issues.append(ReadIssue("not_utf8", line, column, {"byte": raw[error.start]}))
        # Such files are nearly always Windows-1252: reading the bad bytes that way lets the
        # rest of the checks see "Descripción" rather than report its mangled twin.
        text = raw.decode("utf-8", errors=_WINDOWS_1252_FALLBACK)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_CLOSING_FENCE_RE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def _split(doc: SourceDocument, text: str) -> None:
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        doc.issues.append(ReadIssue("no_front_matter", 1, 1))
        doc.body, doc.body_offset = text, 0
        return
    start = first_end + 1
    closing = _CLOSING_FENCE_RE.search(text, start) if first_end >= 0 else None
    if closing is None:
        doc.issues.append(ReadIssue("unclosed", 1, 1))
        # With no closing fence the whole file is taken as front matter.
        doc.has_body, doc.body_offset = False, len(text)
        return
    close = closing.start()
    after = text.find("\n", close)
    doc.body_offset = len(text) if after < 0 else after + 1
    doc.body = text[doc.body_offset :]
    doc.body_line = text.count("\n", 0, doc.body_offset) + 1
    doc.yaml_offset = start
    _parse_yaml(doc, text[start:close], recover=True)


def _parse_yaml(doc: SourceDocument, yaml_text: str, recover: bool = False) -> None:
    """Parse the YAML part of a document, keeping its issues at their file positions. With
    `recover`, a syntax error does not end the reading: the entries around it are read too."""
    tree = yaml_tree.parse(yaml_text)
    if any(c in yaml_text for c in _YAML_LINE_BREAKS) or _stopped_at_a_control(tree):
        # A control character stops libyaml, and NEL, LS and PS are line breaks to it (but not
        # to anyone else: line numbers would drift). Each is a finding of its own
        # (checks/characters.py); a space in its place lets the rest be read and checked.
        yaml_text = CONTROL_RE.sub(" ", yaml_text)
        tree = yaml_tree.parse(yaml_text)
    if recover:
        tree = yaml_tree.recover(yaml_text, tree)
    doc.root, doc.partial = tree.root, tree.partial
    if tree.unread_from is not None:
        doc.issues.append(ReadIssue("unread", tree.unread_from + doc.yaml_line, 1))
    for issue in tree.issues:
        detail = {"detail": issue.detail, **issue.extra}
        if "first_line" in detail:
            detail["first_line"] += doc.yaml_line
        doc.issues.append(
            ReadIssue(
                _ISSUE_KINDS[issue.kind], issue.line + doc.yaml_line, issue.column + 1, detail
            )
        )
    if tree.root is None and not tree.issues:
        doc.issues.append(ReadIssue("not_mapping", doc.yaml_line, 1, {"empty": True}))
    elif tree.data is not None and not isinstance(tree.data, dict):
        doc.issues.append(ReadIssue("not_mapping", *doc.position(tree.root)))
    elif isinstance(tree.data, dict):
        doc.data = tree.data


_YAML_LINE_BREAKS = "\x85\u2028\u2029"


def _stopped_at_a_control(tree: yaml_tree.YamlTree) -> bool:
    return any(
        issue.kind == "syntax" and issue.detail.startswith("control") for issue in tree.issues
    )


_ISSUE_KINDS = {
    "syntax": "yaml_syntax",
    "duplicate": "duplicate_key",
    "alias": "alias",
    "anchor": "alias",
    "unsupported": "unsupported",
    "number": "long_number",
}
