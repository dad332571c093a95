"""Contributed text stays text: invisible characters found, and every output that is not HTML
given the text in a form that cannot act (Markdown that cannot link, cells that cannot
compute, terminal lines that cannot move the cursor).

HTML outputs are covered by autoescaping templates and nh3; these are the others.
"""

from __future__ import annotations

import re

# Characters that are not text, listed rather than computed from `unicodedata` at start-up
# (which takes a noticeable part of a second); tests/test_text_safety.py checks the lists
# against `unicodedata` for this Python.
# Controls (Unicode Cc) but tab and newline, line and paragraph separators, surrogates and the
# two non-characters XML forbids: YAML refuses them outright.
CONTROL_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # Cc, but tab and newline
    "\u2028\u2029"  # Zl, Zp
    "\ud800-\udfff\ufffe\uffff"  # surrogates and non-characters
)
# Format characters (Cf): YAML and Markdown take them as text, and they show as nothing.
_FORMAT_BMP_CLASS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
FORMAT_CLASS = _FORMAT_BMP_CLASS + (
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Letters and symbols that show as nothing: Hangul fillers and the blank braille pattern, used
# to make a title or a name look empty or to hide text in plain sight.
BLANK_CLASS = "\u115f\u1160\u3164\uffa0\u2800"
INVISIBLE_CLASS = CONTROL_CLASS + FORMAT_CLASS + BLANK_CLASS
CONTROL_RE = re.compile(f"[{CONTROL_CLASS}]")
INVISIBLE_RE = re.compile(f"[{INVISIBLE_CLASS}]")
# The same, but with every character beyond U+FFFF in one range: the many astral ranges above
# make `re` several times slower on every text, and almost no text has an astral character.
_CANDIDATE_RE = re.compile(
    f"[{CONTROL_CLASS}{_FORMAT_BMP_CLASS}{BLANK_CLASS}\U00010000-\U0010ffff]"
)


def has_invisible(text: str) -> bool:
    """Whether the text holds any character of INVISIBLE_CLASS."""
    return any(INVISIBLE_RE.match(found.group(0)) for found in _CANDIDATE_RE.finditer(text))


# The same, and newline and tab: what a one-line message or a terminal must not receive raw.
_UNPRINTABLE_RE = re.compile(f"[{INVISIBLE_CLASS}\t\n]")


def describe(character: str) -> str:
    """A visible name for an invisible character: U+200B."""
    return f"U+{ord(character):04X}"


def printable(text: str) -> str:
    """Text safe to show in a terminal or a log: each control, format or line-breaking
    character written as [U+XXXX], so that nothing can move the cursor, change colours or
    reverse the text around it."""
    if _UNPRINTABLE_RE.search(text) is None:
        return text
    return _UNPRINTABLE_RE.sub(lambda match: f"[{describe(match.group(0))}]", text)


class PrintableStream:
    """A text stream that writes everything through `printable`, line breaks and tabs kept."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable_lines(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


# Markdown: ASCII punctuation that can start a link, an image, emphasis, code, HTML, an
# entity, a table cell, a closing heading mark or (on GitHub) math. The text always follows
# some other text on its line, so line-start syntax (lists, quotes) cannot occur. A backslash
# before any of them makes it literal.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]()<>#!|~&$])")
# What GitHub turns into links or notifications even in plain text: @mentions, bare web
# addresses, e-mail addresses and references to issues (#12, GH-12), which also write into the
# referenced issue. A word joiner (U+2060, invisible) after `@`, inside `://`, after `www`,
# after `#` and inside `GH-` keeps them from being recognised.
_AUTOLINKS = re.compile(
    r"(@)(?=[A-Za-z0-9])|(:)(?=//)|\b(www)(?=\.)|(#)(?=[0-9])|\b(GH)(?=-[0-9])", re.IGNORECASE
)
_WORD_JOINER = "\u2060"


def markdown_literal(text: str) -> str:
    """Contributed text shown inside generated Markdown (a heading, a list item, a table cell,
    a comment on GitHub) exactly as written: on one line, with no Markdown, HTML, link, image,
    mention or formula effect."""
    line = " ".join(printable(str(text)).split())
    line = _MARKDOWN_PUNCTUATION.sub(r"\\\1", line)
    return _AUTOLINKS.sub(lambda match: match.group(0) + _WORD_JOINER, line)


_HEADING_MARK = re.compile(r"^ {0,3}(#{1,6})[ \t]")


def markdown_paragraphs(text: str) -> str:
    """Contributed Markdown shown as its text: each line made literal (no link, image, mention
    or HTML), its lines and blank lines kept, so paragraphs, headings and simple `-` and `1.`
    lists still read as such."""
    lines = []
    for line in str(text).split("\n"):
        heading = _HEADING_MARK.match(line)
        if heading:
            lines.append(f"{heading.group(1)} {markdown_literal(line[heading.end() :])}")
        else:
            lines.append(markdown_literal(line))
    return "\n".join(lines)


_BACKTICKS = re.compile(r"`+")


def markdown_code(text: str, *, table_cell: bool = False) -> str:
    """Text as an inline code span, which GitHub shows as written (no links, no mentions): the
    fence is one backtick longer than any run inside. In a table cell a `|` would still end
    the cell, so it is escaped (GitHub's tables read `\\|` inside code as `|`)."""
    line = " ".join(printable(str(text)).split())
    fence = "`" * (max((len(m) for m in _BACKTICKS.findall(line)), default=0) + 1)
    if table_cell:
        line = line.replace("|", "\\|")
    padding = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{padding}{line}{padding}{fence}"


def markdown_block(text: str, language: str = "") -> str:
    """Text as a fenced code block, shown exactly as written: the fence is longer than any run
    of backticks inside, so nothing in the text can close it."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{printable_lines(text)}\n{fence}\n"


def printable_lines(text: str) -> str:
    """`printable`, keeping line breaks and tabs: for text shown as several lines."""
    return INVISIBLE_RE.sub(lambda match: f"[{describe(match.group(0))}]", text)


_URL_UNSAFE = re.compile(r"[\s()<>\[\]\\`\"']")


def markdown_url(url: str) -> str:
    """A web address inside `[text](...)`: characters that could end the link or start
    another are percent-encoded (the address is an https URL the validator accepted)."""
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group(0)):02X}", printable(url))


# OWASP's CSV injection rule: a cell that starts with one of these is read as a formula by
# spreadsheet programs; a leading apostrophe makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def spreadsheet_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
