"""CAT067: front-matter values and body paragraphs still made of the templates' example texts.

A value or paragraph is refused when, with case, accents, punctuation and blanks set aside, it
is nothing but example texts (one, several joined, the same repeated). The examples are those of
`catalogo.model.template_text`, the source the templates themselves are written from. The
templates (`_plantilla.md`) are what this rule exists for and are not checked by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from yaml.nodes import ScalarNode

from catalogo.core.codes import Code
from catalogo.core.words import fold
from catalogo.loading.reader import SourceDocument
from catalogo.loading.yaml_tree import text_values
from catalogo.model.sections import headings
from catalogo.model.solution import LESSONS_SECTION
from catalogo.model.template_text import (
    ALL_EXAMPLES,
    JOIN_BODY,
    JOIN_FIELDS,
    LESSONS_EXAMPLE,
    PROBLEM_BODY,
    PROBLEM_FIELDS,
    SOLUTION_BODY,
    SOLUTION_FIELDS,
)
from catalogo.validation.checks.file_context import FileContext, Findings

_FIELDS = {"problema": PROBLEM_FIELDS, "solucion": SOLUTION_FIELDS, "adhesion": JOIN_FIELDS}
_BODY = {
    "problema": PROBLEM_BODY,
    "solucion": {**SOLUTION_BODY, LESSONS_SECTION: LESSONS_EXAMPLE},
    "adhesion": JOIN_BODY,
}
_ANY_FIELD = "Reemplace el texto de ejemplo de la plantilla por el dato real, o borre la línea si el campo es opcional."
_ANY_PARAGRAPH = "Reemplace el párrafo de ejemplo de la plantilla por su propio texto."


@dataclass(frozen=True, slots=True)
class Place:
    """Where an example text was left: `label` names the field (`datos.nombre`) or the
    section (`## Situación actual`)."""

    label: str
    line: int
    column: int
    text: str
    hint: str
    in_body: bool


# A word once accents and case are folded; what lies between words (blanks, punctuation) is
# set aside.
_WORD_RE = re.compile(r"[a-z0-9]+")
# The first run of letters and digits as written (accented or not), after any punctuation.
_FIRST_WORD_RE = re.compile(r"\A[\W_]*+([^\W_]+)")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


@cache
def _trie() -> dict:
    """The examples' words as a trie; the key None marks where an example ends."""
    root: dict = {}
    for example in ALL_EXAMPLES:
        node = root
        for word in _words(example.text):
            node = node.setdefault(word, {})
        node[None] = True
    return root


def made_of_examples(text: str) -> bool:
    """Whether `text` is only example texts, one after another. Linear: from each place an
    example may start, the trie is walked for at most the longest example's length, and the
    walk stops as soon as no example can cover the text up to where it has reached."""
    trie = _trie()
    # The usual case, real text, is decided by its first word alone, folded by itself: folding
    # every value whole cost a quarter of `validar` on a large catalogue.
    first = _FIRST_WORD_RE.match(text)
    if first is None:
        return False
    word = first.group(1)
    if word.isascii():  # folding an ASCII word only lowers it
        if word.lower() not in trie:
            return False
    else:
        head = _words(word)
        if head and head[0] not in trie:
            return False
    words = _words(text)
    if not words or words[0] not in trie:
        return False
    reachable = bytearray(len(words) + 1)
    reachable[0] = 1
    furthest = 0
    for start in range(len(words)):
        if start > furthest:
            return False  # nothing covers the word at `start`
        if not reachable[start]:
            continue
        node = trie
        for end in range(start, len(words)):
            node = node.get(words[end])
            if node is None:
                break
            if None in node:
                reachable[end + 1] = 1
                furthest = max(furthest, end + 1)
    return bool(reachable[len(words)])


def _scalars(root) -> Iterator[tuple[str, ScalarNode]]:
    """Every text value of the front matter with its dotted key (list items without index)."""
    for path, node in text_values(root):
        yield ".".join(map(str, path)), node


def _paragraphs(body: str) -> Iterator[tuple[str | None, int, int, str]]:
    """(section title, line in the body from 0, column from 1, text) of each paragraph: a run
    of non-blank lines between blank lines and headings."""
    starts = {heading.start: heading for heading in headings(body)}
    section: str | None = None
    lines: list[str] = []
    first = column = 0
    offset = 0
    for number, line in enumerate([*body.split("\n"), ""]):
        heading = starts.get(offset)
        offset += len(line) + 1
        if heading is not None or not line.strip():
            if lines:
                yield section, first, column, " ".join(lines)
                lines = []
            if heading is not None and heading.level <= 2:
                section = heading.title if heading.level == 2 else None
            continue
        if not lines:
            first, column = number, len(line) - len(line.lstrip()) + 1
        lines.append(line)


def _position(document: SourceDocument, node: ScalarNode) -> tuple[int, int]:
    """Where the value's text starts: for a block scalar (`>-`, `|`), its first line, not the
    indicator."""
    if node.style not in (">", "|"):
        return document.position(node)
    start, end = document.span(node)
    line_end = document.text.find("\n", start, end)
    if line_end < 0:
        return document.position(node)
    text_start = line_end + 1
    while text_start < end and document.text[text_start] in " \n":
        text_start += 1
    return document.offset_position(text_start)


def template_text_places(document: SourceDocument, kind: str) -> list[Place]:
    """Each value and paragraph of a problem or a solution that is still template text."""
    fields, body = _FIELDS.get(kind), _BODY.get(kind)
    if fields is None or body is None:
        return []
    places = []
    if document.root is not None:
        for label, node in _scalars(document.root):
            if made_of_examples(node.value):
                example = fields.get(label)
                line, column = _position(document, node)
                hint = example.hint if example else _ANY_FIELD
                places.append(Place(label, line, column, node.value, hint, False))
    if document.has_body:
        for section, line, column, text in _paragraphs(document.body):
            if made_of_examples(text):
                example = body.get(section or "")
                label = f"## {section}" if section else "el texto antes de la primera sección"
                hint = example.hint if example else _ANY_PARAGRAPH
                places.append(Place(label, document.body_line + line, column, text, hint, True))
    return places


def check_template_text(ctx: FileContext) -> Findings:
    findings = []
    for place in template_text_places(ctx.document, ctx.kind):
        if place.in_body:
            message = (
                f"El párrafo de «{place.label}» aún es el texto de ejemplo de la plantilla "
                f"(«{place.text}»)."
            )
        else:
            message = (
                f"El campo «{place.label}» aún tiene el texto de ejemplo de la plantilla "
                f"(«{place.text}»)."
            )
        findings.append(ctx.at(Code.TEMPLATE_TEXT, (place.line, place.column), message, place.hint))
    return findings
