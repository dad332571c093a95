"""The Markdown body: the framework's sections, and no HTML or script links anywhere."""

from __future__ import annotations

import difflib
import html
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from catalogo.core.codes import Code
from catalogo.core.words import fold
from catalogo.loading.yaml_tree import double_quoted_scalars
from catalogo.model.join import JOIN_SECTIONS
from catalogo.model.problem import REQUIRED_SECTIONS
from catalogo.model.sections import Heading
from catalogo.model.sections import headings as find_headings
from catalogo.model.solution import LESSONS_SECTION, SOLUTION_SECTIONS
from catalogo.validation.checks.file_context import FileContext, Findings, as_read

# `javascript:` is never legitimate text in a problem; `data:` only matters as a link target.
_SCRIPT_SCHEME_RE = re.compile(r"(?i)\b(?:java|vb)\s*script\s*:")
# `data:` as a link target: the scheme, then (read backwards from it, over at most
# _LOOKBACK characters) what opens a link before it: `](`, `]:`, `<` or `href=`, with blanks and
# quotes between. Reading back from each `data:` keeps the cost linear however the text repeats.
_DATA_SCHEME_RE = re.compile(r"(?i)data[ \t]*:")
# (The look-behind changes nothing for `match` at the window's start; it keeps the pattern
# linear when run over a whole text too, as the adversarial tests do.)
_LINK_OPENER_REVERSED_RE = re.compile(
    r"(?i)(?<![ \t\n\"'<])[ \t\n\"'<]*(?:<|\(\]|:\]|=[ \t\n]*ferh)"
)
_LOOKBACK = 64
# What any HTML parser may read as the start of a tag, a closing tag, a comment or a
# declaration, however malformed the rest (`<svg/onload=...>`, `<img/src=x` left unclosed).
_TAG_START_RE = re.compile(r"<[A-Za-z/!?]")
# Block nesting beyond this token level is refused. markdown-it stops reading blocks at its
# `maxNesting` (20 in the commonmark preset): what lies deeper would never be inspected.
MAX_BODY_LEVEL = 14
_ENTITY_RE = re.compile(r"&#?[A-Za-z0-9]+;")


def _norm(title: str) -> str:
    return " ".join(fold(title).strip(" :.").split())


@cache
def _markdown():
    # Imported on first use: bodies without `<` and without nested blocks never need it.
    from markdown_it import MarkdownIt

    # Without `text_join`, escaped and entity characters stay apart from the literal text
    # (`\<b>` and `&lt;b&gt;` are not the same as `<b>` to every renderer).
    md = MarkdownIt("commonmark").disable("text_join")
    assert md.options["maxNesting"] > MAX_BODY_LEVEL
    return md


def check_body(ctx: FileContext) -> Findings:
    size = _size(ctx)
    # A body over the limits is not parsed: the parser's cost grows with its lines and marks.
    findings = size or _parsed_body(ctx)
    findings += _links(ctx) + front_matter_html(ctx)
    if ctx.kind in ("problema", "plantilla") and ctx.document.has_body:
        findings += _sections(ctx)
    elif ctx.kind in ("solucion", "plantilla-solucion") and ctx.document.has_body:
        findings += _solution_sections(ctx)
    elif ctx.kind in ("adhesion", "plantilla-adhesion") and ctx.document.has_body:
        findings += _sections(ctx, JOIN_SECTIONS)
    return findings


@dataclass(frozen=True, slots=True)
class SectionMatch:
    """Where one wanted section is: `index`, the heading taken as it (level 2, the same words
    with case, accents and a final colon aside), written exactly as the title or not; else
    `near`, a heading that looks like it but is not one (another level, a typo)."""

    title: str
    index: int | None = None
    exact: bool = False
    near: int | None = None


# How alike a heading's words must be to a section's (difflib's ratio) to be taken for a
# misspelling of it: «Situacion atual», «Descripcion del problma».
NEAR_RATIO = 0.8


def match_sections(headings: Sequence[Heading], titles: Sequence[str]) -> list[SectionMatch]:
    """Each title of `titles` (a section list: REQUIRED_SECTIONS, SOLUTION_SECTIONS...) matched
    to the body's headings, in the titles' order. Linear in the headings: each is compared
    with each title once, and only headings about a title's length are compared letter by
    letter (difflib is quadratic in the length of what it compares)."""
    keys = [_norm(title) for title in titles]
    taken: dict[int, int] = {}  # title number -> heading position
    for position, heading in enumerate(headings):
        if heading.level != 2:
            continue
        key = _norm(heading.title)
        if key in keys and keys.index(key) not in taken:
            taken[keys.index(key)] = position
    near: dict[int, tuple[float, int]] = {}
    used = set(taken.values())
    for position, heading in enumerate(headings):
        if position in used:
            continue
        key = _norm(heading.title.strip("#*_ \t¿?¡!"))
        for number, wanted in enumerate(keys):
            if number in taken or not key or abs(len(key) - len(wanted)) > len(wanted) // 4 + 2:
                continue
            matcher = difflib.SequenceMatcher(None, key, wanted, autojunk=False)
            ratio = 1.0 if key == wanted else matcher.ratio()
            if ratio >= NEAR_RATIO and ratio > near.get(number, (0.0, 0))[0]:
                near[number] = (ratio, position)
    matches = []
    for number, title in enumerate(titles):
        index = taken.get(number)
        matches.append(
            SectionMatch(
                title,
                index,
                index is not None and headings[index].title == title,
                near[number][1] if number in near else None,
            )
        )
    return matches


def _solution_sections(ctx: FileContext) -> Findings:
    """A solution's sections, as a problem's; an abandoned one also ends with its lessons."""
    if as_read((ctx.data or {}).get("estado")) != "abandonada":
        return _sections(ctx, SOLUTION_SECTIONS)
    (lessons,) = match_sections(find_headings(ctx.document.body), (LESSONS_SECTION,))
    if lessons.index is not None or lessons.near is not None:
        return _sections(ctx, (*SOLUTION_SECTIONS, LESSONS_SECTION))
    missing = ctx.at(
        Code.MISSING_SECTION,
        (ctx.document.body_line, 1),
        f"Falta la sección «## {LESSONS_SECTION}»: una solución con «estado: abandonada» cuenta "
        "qué aprendió el equipo, para el próximo que intente el problema.",
        f"Agregue al final una línea «## {LESSONS_SECTION}» y, debajo, por qué se abandonó y "
        "qué debería saber el próximo equipo.",
    )
    return [*_sections(ctx, SOLUTION_SECTIONS), missing]


# Marks that make a line look like a title without being one: bold, italics, a final colon.
_TITLE_DECORATION = "*_:. \t"


def _title_as_text(body: str, title: str) -> tuple[int, str] | None:
    """(line number in the body, the line) of the first line that is only `title`, written as
    text (`**Situación actual**`, `Situación actual:`) rather than as a heading. One pass over
    the lines; only lines about the title's length are folded."""
    wanted = _norm(title)
    for number, line in enumerate(body.split("\n")):
        text = line.strip().strip(_TITLE_DECORATION)
        near_length = abs(len(text) - len(title)) <= 4
        if near_length and not line.lstrip().startswith("#") and _norm(text) == wanted:
            return number, line.strip()
    return None


def _sections(ctx: FileContext, titles: Sequence[str] = REQUIRED_SECTIONS) -> Findings:
    """The sections of `titles` are in the body, each once, in order and not empty; a heading
    that looks like one but is not is pointed at, with the heading to write instead."""
    document = ctx.document
    body = document.body
    headings = find_headings(body)
    matches = match_sections(headings, titles)
    findings = []
    for match in matches:
        if match.index is not None:
            continue
        if match.near is None:
            line = _title_as_text(body, match.title)
            if line is not None:
                number, written = line
                findings.append(
                    ctx.at(
                        Code.MISSING_SECTION,
                        (document.body_line + number, 1),
                        f"Falta la sección «## {match.title}»: la línea «{written}» parece serlo, "
                        "pero no es un título, porque no empieza con «## ».",
                        f"Cambie esa línea por «## {match.title}», exactamente así.",
                    )
                )
                continue
            findings.append(
                ctx.at(
                    Code.MISSING_SECTION,
                    (document.body_line, 1),
                    f"Falta la sección «## {match.title}».",
                    f"Agregue una línea «## {match.title}» seguida de al menos un párrafo.",
                )
            )
            continue
        heading = headings[match.near]
        written = body[heading.start : heading.end].strip()
        if _norm(heading.title) == _norm(match.title):
            why = (
                f"es un título de nivel {heading.level} («{'#' * heading.level} ») y las "
                "secciones van con «## »"
            )
        else:
            why = "el título está escrito distinto"
        findings.append(
            ctx.at(
                Code.MISSING_SECTION,
                document.offset_position(document.body_offset + heading.start),
                f"Falta la sección «## {match.title}»: la línea «{written}» parece serlo, pero "
                f"{why}.",
                f"Cambie esa línea por «## {match.title}», exactamente así.",
            )
        )
    previous = -1
    for match in matches:
        position = match.index
        if position is None:
            continue
        title = match.title
        heading = headings[position]
        at_heading = document.body_offset + heading.start
        if not match.exact:
            written = body[heading.start : heading.end].strip()
            findings.append(
                ctx.at(
                    Code.SECTION_HEADING_SPELLING,
                    document.offset_position(at_heading),
                    f"El título «{written}» se escribe «## {title}».",
                    f"Cambie esa línea por «## {title}», exactamente así (con sus tildes y "
                    "mayúsculas, sin dos puntos).",
                )
            )
        if position < previous:
            order = ", ".join(f"«{t}»" for t in titles)
            findings.append(
                ctx.at(
                    Code.SECTIONS_OUT_OF_ORDER,
                    document.offset_position(at_heading),
                    f"La sección «## {title}» está fuera de orden; el orden es: {order}.",
                )
            )
        previous = max(previous, position)
        following = headings[position + 1].start if position + 1 < len(headings) else len(body)
        if not body[heading.end : following].strip():
            findings.append(
                ctx.at(
                    Code.EMPTY_SECTION,
                    document.offset_position(at_heading),
                    f"La sección «## {title}» no tiene texto.",
                )
            )
    return findings


# What a body may hold, far above any real problem (a few dozen lines, a few dozen marks) and
# low enough that the site renders any accepted body in well under a second: markdown-it, in
# Python, spends tens of microseconds on each line and on each mark of Markdown syntax.
MAX_BODY_LINES = 2_000
MAX_BODY_MARKS = 5_000
MARKS = "[]*_`<&!\\~|"


def _size(ctx: FileContext) -> Findings:
    body = ctx.document.body
    lines = body.count("\n")
    marks = sum(map(body.count, MARKS)) if len(body) > MAX_BODY_MARKS else 0
    if lines <= MAX_BODY_LINES and marks <= MAX_BODY_MARKS:
        return []
    what = (
        f"{lines:,} líneas (el máximo es {MAX_BODY_LINES:,})"
        if lines > MAX_BODY_LINES
        else f"{marks:,} marcas de formato como [ ] * _ ` < & | (el máximo es {MAX_BODY_MARKS:,})"
    ).replace(",", ".")
    return [
        ctx.at(
            Code.BODY_TOO_LONG,
            (ctx.document.body_line, 1),
            f"El texto tiene {what}. Un texto así no es un problema escrito a mano: suele ser un "
            "documento pegado entero. El resto del texto se revisará cuando se acorte.",
        )
    ]


def _parsed_body(ctx: FileContext) -> Findings:
    """HTML, and what lies too deep to be read, from the body as markdown-it parses it."""
    document = ctx.document
    body = document.body
    # Only `<` can start HTML, and only quotes, lists and indentation can nest blocks deeply.
    if "<" not in body and not _may_nest(body):
        return []
    tokens = _markdown().parse(body)
    findings = []
    lines = body.split("\n")
    deep = next((t for t in tokens if t.level >= MAX_BODY_LEVEL and t.map), None)
    if deep is not None:
        findings.append(
            ctx.at(
                Code.NESTED_TOO_DEEP,
                (document.body_line + deep.map[0], 1),
                "El texto anida demasiadas listas o citas unas dentro de otras; lo que queda "
                "más adentro no se puede revisar.",
            )
        )
    seen: set[int] = set()  # one finding per line: `<b>x</b>` is one mistake
    # Where the last piece was found: the next one of the same block is searched from there,
    # and only inside its block; once a piece is not found as written (an escape, an entity),
    # the rest of its block is not searched again. A block with thousands of tags is read once.
    cursor = (-1, 0, 0, False)
    for content, (first, last) in [*_html_pieces(tokens), *_hidden_lines(tokens, lines)]:
        start = content.find("<")
        snippet = content[max(start, 0) :].strip().split("\n")[0][:40]
        block, line, column, lost = cursor if cursor[0] == first else (first, first, 0, False)
        if not lost:
            found = _find_in_lines(lines, line, column, last, snippet[:20])
            line, column, lost = found or (line, column, True)
        cursor = (block, line, column, lost)
        if line not in seen:
            seen.add(line)
            findings.append(
                ctx.at(
                    Code.HTML,
                    (document.body_line + line, column + 1),
                    f"El texto contiene HTML («{snippet}»), que no se publica.",
                )
            )
        if len(seen) >= MAX_FINDINGS:
            break
    return findings


MAX_FINDINGS = 50
_NESTING_MARKS = re.compile(r"^[ \t>*+\-0-9.)]{8}", re.M)


def _may_nest(body: str) -> bool:
    """A cheap test that a body could nest blocks deep enough to matter: some line starts with
    eight characters of quote and list marks (numbered ones too) or indentation."""
    return _NESTING_MARKS.search(body) is not None


def _html_pieces(tokens: list[Any]):
    """HTML as markdown-it found it, and any literal `<` that starts a tag in plain text
    (malformed tags that CommonMark reads as text but other renderers as HTML): each with the
    body lines of its block, [first, last)."""
    for token in tokens:
        if token.type == "html_block":
            yield token.content, tuple(token.map)
        elif token.type == "inline" and token.children:
            pending = deque(token.children)
            while pending:
                child = pending.popleft()
                if child.type == "html_inline" or (
                    child.type == "text" and _TAG_START_RE.search(child.content)
                ):
                    yield child.content, tuple(token.map)
                elif child.type == "text_special" and child.info == "escape":
                    # `\<b>`: literal for CommonMark, a tag for renderers that do not know
                    # the escape; checked with what follows it.
                    following = pending[0].content if pending else ""
                    if _TAG_START_RE.match(child.content + following[:1]):
                        yield child.content + following, tuple(token.map)
                if child.children:
                    pending.extendleft(reversed(child.children))


# Blocks whose lines markdown-it turns into content; a line outside all of them is markup only
# (a list or quote mark) or a definition markdown-it keeps out of the page: a link reference
# or a footnote (`[^1]: <img src=x>`), which GitHub does show.
_CONTENT_BLOCKS = frozenset({"inline", "fence", "code_block", "html_block", "hr"})


def _hidden_lines(tokens: list[Any], lines: list[str]):
    """Lines no content block covers that hold the start of a tag."""
    covered = bytearray(len(lines) + 1)
    for token in tokens:
        if token.type in _CONTENT_BLOCKS and token.map:
            first, last = token.map
            covered[first:last] = b"\x01" * (last - first)
    for number, line in enumerate(lines):
        if not covered[number] and _TAG_START_RE.search(line):
            yield line, (number, number + 1)


def _find_in_lines(
    lines: list[str], line: int, column: int, last: int, needle: str
) -> tuple[int, int, bool] | None:
    """The first place at or after (line, column), both 0-based, and before line `last`, where
    `needle` starts; None when it is not there."""
    for index in range(line, min(last, len(lines))):
        found = lines[index].find(needle, column if index == line else 0)
        if found >= 0:
            return index, found, False
    return None


def _links(ctx: FileContext) -> Findings:
    document = ctx.document
    text = document.text
    findings = []
    for start, line_start, end in _decoded_candidates(text):
        # The line, after the line before it: a link can open on one line (`[x](`) and name
        # its target on the next.
        before, line = text[start:line_start], text[line_start:end]
        if "&" in before + line:
            before, line = html.unescape(before), html.unescape(line)
        for match_start, shown in _dangerous_links(before + line):
            if match_start + len(shown) <= len(before):
                continue  # on the line before: found when that line was looked at
            # Offsets shift when entities decode; the line is still right.
            offset = line_start + min(
                max(match_start - len(before), 0), max(end - line_start - 1, 0)
            )
            findings.append(
                ctx.at(
                    Code.DANGEROUS_LINK,
                    document.offset_position(offset),
                    f"El texto contiene un enlace no permitido («{shown}»).",
                    "Enlace solo a direcciones https://; en el encabezado, borre el texto.",
                )
            )
            if len(findings) >= MAX_FINDINGS:
                return findings
    return findings


def _dangerous_links(text: str):
    """(offset, text) of each `javascript:`/`vbscript:` anywhere, and each `data:` that is a
    link's target."""
    for match in _SCRIPT_SCHEME_RE.finditer(text):
        yield match.start(), match.group(0).strip()
    for match in _DATA_SCHEME_RE.finditer(text):
        before = text[max(0, match.start() - _LOOKBACK) : match.start()][::-1]
        opener = _LINK_OPENER_REVERSED_RE.match(before)
        if opener:
            start = match.start() - opener.end()
            yield start, " ".join(text[start : match.end()].split())


def _decoded_candidates(text: str):
    """(start of the line before, start of the line, end of the line) of the lines worth a
    closer look: those naming a script scheme, `data:` or an entity."""
    lowered = text.lower()
    if "script" not in lowered and "data" not in lowered and not _ENTITY_RE.search(text):
        return
    start = previous = 0
    for line in text.split("\n"):
        end = start + len(line)
        low = lowered[start:end]
        if "script" in low or "data" in low or "&" in line:
            yield previous, start, end
        previous, start = start, end + 1


def front_matter_html(ctx: FileContext) -> Findings:
    """`<` before a letter, `/`, `!` or `?` anywhere in the front matter (comments too: they
    are public on GitHub), or in a value YAML's escapes produce (`"\x3cb\x3e"`)."""
    document = ctx.document
    front = document.text[: document.body_offset]
    places = [
        (document.offset_position(match.start()), front[match.start() : match.start() + 40])
        for match in _TAG_START_RE.finditer(front)
    ]
    if document.root is not None and "\\" in front:
        for node in double_quoted_scalars(document.root):
            found = _TAG_START_RE.search(node.value)
            if found:
                places.append((document.position(node), node.value[found.start() :][:40]))
    findings, lines_seen = [], set()
    for (line, column), snippet in sorted(places):
        if line not in lines_seen:  # one finding per line: `<b>x</b>` is one mistake
            lines_seen.add(line)
            findings.append(
                ctx.at(
                    Code.HTML,
                    (line, column),
                    f"El encabezado contiene HTML («{snippet.split(chr(10))[0]}»), que no se "
                    "publica.",
                    "Escriba texto simple, sin < antes de una letra o de / ! ?; para comparar "
                    "cifras, escriba «menos de».",
                )
            )
        if len(lines_seen) > MAX_FINDINGS:
            break
    return findings
