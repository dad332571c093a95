"""Citizens' personal data: RUTs, phone numbers and e-mail addresses must not be published.

The whole file text is scanned, YAML comments included: they are public on GitHub too.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from catalogo.core.codes import Code
from catalogo.loading.yaml_tree import string_scalars
from catalogo.validation.checks.file_context import FileContext, Findings

# The patterns below are ASCII-only and run on the text folded by `_fold`, which writes every
# digit, dash, space and compatibility form (a full-width ＠) the way the patterns expect.
# A run of digits and separators long enough to be a RUT or a phone number. It starts with a
# digit so `re` skips ahead in C; the precise patterns then run on these short runs only.
_CANDIDATE_RE = re.compile(r"[0-9][0-9 .()+/-]{5,}[0-9kK]")
# Thousands separated by dots or spaces: 12.345.678-5, 12 345 678 - 5, 12345678-5.
_RUT_RE = re.compile(r"([0-9]{1,2}[. ][0-9]{3}[. ][0-9]{3}|[0-9]{7,8}) ?- ?([0-9kK])")
# Organisations' RUTs start at 50.000.000; below that the number belongs to a person.
_PERSON_RUT_LIMIT = 50_000_000
# Chile's country code with or without `+` (56 9 1234 5678, 56-9-1234-5678), an area code
# with or without parentheses, then the number.
_PHONE_RE = re.compile(
    r"(?:\+? ?56[ .-]?)?(?:\( ?0?[0-9]{1,2} ?\)[ .-]?|0?[0-9]{1,2}[ .-]?)?[0-9]{3,4}[ .-]?[0-9]{4}"
)
_MOBILE_RE = re.compile(r"^9[0-9]{8}$")
# Letters of any script in the domain (jose@muñoz.cl) and in the user part.
_EMAIL_DOMAIN_RE = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
MAX_FINDINGS = 50
# An address's user part, read backwards from the `@` (at most 64 characters, RFC 5321).
_EMAIL_USER_REVERSED_RE = re.compile(r"[\w.%+-]{1,64}")


class _Folded(dict):
    """`str.translate` table, filled as characters are met: each one that stands for an ASCII
    digit, dash, space or `@` becomes it. One character for one, so offsets do not move."""

    def __missing__(self, code: int) -> int:
        character = chr(code)
        category = unicodedata.category(character)
        folded = code
        if category == "Nd":
            folded = ord(str(unicodedata.decimal(character)))
        elif category == "Pd" or character == "\u2212":  # dashes and the minus sign
            folded = ord("-")
        elif category == "Zs" or character == "\t":
            folded = ord(" ")
        elif character in "\u00b7\u2027\u30fb":  # middle dots people write between digits
            folded = ord(".")
        else:
            compatible = unicodedata.normalize("NFKC", character)
            if len(compatible) == 1 and compatible.isascii():
                folded = ord(compatible)
        self[code] = folded
        return folded


_FOLD = _Folded()
_MAY_FOLD_RE = re.compile("[^\x00-\x08\x0a-\x7f\u00c0-\u024f]")
_ASCII = frozenset(map(chr, range(128))) - {"\t"}


def fold(text: str) -> str:
    """The text as the personal-data patterns read it: NFKC's compatibility forms, every kind
    of dash, space and digit written in ASCII, each in its own place."""
    if text.isascii():
        return text.replace("\t", " ") if "\t" in text else text
    # Most texts are Spanish: accented Latin letters, none of which folds; a quick look for
    # anything else, then at each distinct character, costs far less than translating.
    if _MAY_FOLD_RE.search(text) is None or all(
        _FOLD[ord(character)] == ord(character) for character in set(text) - _ASCII
    ):
        return text
    return text.translate(_FOLD)


def _isolated(text: str, start: int, end: int, also: str) -> bool:
    """True when the match is not part of a longer word or number."""
    before = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_" + also)
    return before and (end == len(text) or not (text[end].isalnum() or text[end] == "_"))


_MESSAGES = {
    Code.RUT: "El texto contiene un RUT de persona («{}»).",
    Code.PHONE_NUMBER: "El texto contiene un número de teléfono («{}»).",
    Code.EMAIL_OUTSIDE_CONTACT: "El texto contiene una dirección de correo («{}»).",
}


def _is_person_rut(match: re.Match[str]) -> bool:
    from stdnum.cl import rut

    number = match.group(1).replace(".", "").replace(" ", "")
    return int(number) < _PERSON_RUT_LIMIT and rut.is_valid(number + match.group(2))


@cache
def _phonenumbers():
    import phonenumbers

    personal = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    return phonenumbers, personal


def _is_phone_match(match: re.Match[str]) -> bool:
    digits = _NOT_DIGITS_RE.sub("", match.group(0))
    national = digits[2:] if len(digits) == 11 and digits.startswith("56") else digits
    # Every Chilean number has nine digits since 2016 (older ones were written with a leading
    # 0): others are not numbers phonenumbers would accept, and asking it costs a tenth of a
    # millisecond, which thousands of digit groups in one file add up.
    if len(national.removeprefix("0")) != 9:
        return False
    return _is_phone(digits if national is digits else "+" + digits)


_NOT_DIGITS_RE = re.compile(r"[^0-9]")


@lru_cache(maxsize=4096)
def _is_phone(candidate: str) -> bool:
    phonenumbers, personal = _phonenumbers()
    try:
        parsed = phonenumbers.parse(candidate, "CL")
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.number_type(parsed) in personal
    # Any 9 followed by eight digits reads as a mobile to a person, allocated range or not.
    return parsed.country_code == 56 and _MOBILE_RE.match(str(parsed.national_number)) is not None


def find_personal_data(text: str) -> list[tuple[str, int, int, str]]:
    """(rule code, start, end, matched text) for each piece of personal data in a text; at
    most MAX_FINDINGS of each kind, enough to show that a file needs cleaning."""
    text = fold(text)
    numbers: list[tuple[str, int, int, str]] = []
    for candidate in _CANDIDATE_RE.finditer(text):
        offset = candidate.start()
        while offset > 0 and text[offset - 1] in "+(":
            offset -= 1
        segment = text[offset : candidate.end()]
        for pattern, code, also, valid in _NUMBERS:
            for match in pattern.finditer(segment):
                start, end = offset + match.start(), offset + match.end()
                if _isolated(text, start, end, also) and valid(match):
                    numbers.append((code, start, end, match.group(0)))
                    if len(numbers) >= MAX_FINDINGS:
                        break
        if len(numbers) >= MAX_FINDINGS:
            break
    emails = []
    for match in _EMAIL_DOMAIN_RE.finditer(text):
        # Backwards from the `@`, so each address costs its own length, not the text's.
        before = text[max(0, match.start() - 64) : match.start()][::-1]
        user = _EMAIL_USER_REVERSED_RE.match(before)
        if user:
            start = match.start() - user.end()
            emails.append(
                (Code.EMAIL_OUTSIDE_CONTACT, start, match.end(), text[start : match.end()])
            )
            if len(emails) >= MAX_FINDINGS:
                break
    return sorted(numbers, key=lambda found: found[1]) + emails


def _mask(code: str, value: str) -> str:
    # Findings are printed in CI logs: show enough to find the spot, not the whole datum.
    if code == Code.EMAIL_OUTSIDE_CONTACT:
        user, _, domain = value.partition("@")
        return f"{user[:2]}…@{domain}"
    return value.strip()[:3] + "…"


# (pattern, rule, characters that may not touch a match, what makes a match personal data)
_NUMBERS = (
    (_RUT_RE, Code.RUT, ".", _is_person_rut),
    (_PHONE_RE, Code.PHONE_NUMBER, ".$-", _is_phone_match),
)


def check_privacy(ctx: FileContext) -> Findings:
    """Personal data in the file as it reads: the body once rendered (entities decoded, escapes
    and emphasis marks gone, lines joined), the front matter with its folded lines joined and
    its escapes decoded (YAML comments included: they are public on GitHub). Each datum is
    reported once."""
    document = ctx.document
    text = document.text
    findings: Findings = []
    reported: set[tuple[str, str]] = set()

    def report(code: str, position: tuple[int, int], value: str) -> None:
        datum = (code, _DATUM_RE.sub("", fold(value)).lower())
        if datum not in reported:
            reported.add(datum)
            findings.append(ctx.at(code, position, _MESSAGES[code].format(_mask(code, value))))

    front, body = text[: document.body_offset], document.body
    front_view, front_offset = rendered_view(front, *_FRONT_VIEW)
    body_view, body_offset = rendered_view(body, *_BODY_VIEW)
    if front_view is front and body_view is body:
        # Nothing reads otherwise than it is written (most files): one pass over the text.
        views = [(text, 0, lambda offset: offset)]
    else:
        views = [(front_view, 0, front_offset), (body_view, len(front), body_offset)]
    for view, start, to_text in views:
        for code, found, _end, value in find_personal_data(view):
            offset = start + to_text(found)
            if (
                code == Code.EMAIL_OUTSIDE_CONTACT
                and offset < len(front)
                and _is_contact_line(text, offset)
            ):
                continue
            if (
                code == Code.PHONE_NUMBER
                and offset < len(front)
                and _is_quantity_line(text, offset)
            ):
                continue
            report(code, document.offset_position(offset), value)
    # Escapes write characters the text does not show (`"juan\x40gmail.com"`).
    if document.root is not None and "\\" in text[: document.body_offset]:
        for key, node in string_scalars(document.root):
            if key != _CONTACT_KEY and node.style == '"':
                for code, _start, _end, value in find_personal_data(node.value):
                    report(code, document.position(node), value)
    return findings


_CONTACT_KEY = "correo"
# What tells two writings of one datum apart without changing it: separators and blanks.
_DATUM_RE = re.compile(r"[^0-9A-Za-z@.]")
# Markdown that disappears when the body is rendered, and line breaks inside a paragraph (with
# the indentation or quote marks of the next line), which become a space: `12.345.678\-5`,
# `**9** 8765 4321`, `juan&#64;gmail.com`, `9 8765` + a line break + `4321`.
_MARKUP_RE = re.compile(
    r"\\(?=[!-/:-@\[-`{-~])"
    r"|[*_~`]"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\n[ \t>]*(?=[^\n])"
)


# For each part of a file, what changes between its text and what a reader sees, and when
# that can matter to personal data: for the body, Markdown marks and entities, or a line ending
# in a number that the next goes on with; for the front matter (no Markdown there), only that.
_BODY_VIEW = (
    _MARKUP_RE,
    re.compile(r"[0-9@.][\\*_~`]|[*_~`][0-9@]|\\[@.-]|&[#A-Za-z]|[0-9.-][ \t]*\n[ \t>]*[0-9+(.-]"),
)
# (A folded line is indented and goes on with the number: `12.345.678` then `    -5`; a list
# item, `- x`, does not go on with anything.)
_FRONT_VIEW = (
    re.compile(r"\n[ \t]+(?=[0-9+(]|-[0-9])"),
    re.compile(r"[0-9.-][ \t]*\n[ \t]+(?:[0-9+(]|-[0-9])"),
)


def rendered_view(
    body: str, marks: re.Pattern[str] = _MARKUP_RE, matters: re.Pattern[str] = _BODY_VIEW[1]
) -> tuple[str, Callable[[int], int]]:
    """A text as a reader sees it (a Markdown body once rendered, or a front matter whose
    folded lines YAML joins), and a function from an offset in that view to the offset in the
    text where the same text starts. `marks` says what changes, `matters` whether anything
    that could change personal data is there at all."""
    if matters.search(body) is None:
        return body, lambda offset: offset
    pieces: list[str] = []
    view_starts: list[int] = [0]  # where each stretch of unchanged text starts, in the view
    body_starts: list[int] = [0]  # and in the body
    position = length = 0
    for match in marks.finditer(body):
        pieces.append(body[position : match.start()])
        length += match.start() - position
        mark = match.group(0)
        replacement = html.unescape(mark) if mark[0] == "&" else " " if mark[0] == "\n" else ""
        pieces.append(replacement)
        length += len(replacement)
        position = match.end()
        view_starts.append(length)
        body_starts.append(position)
    pieces.append(body[position:])
    view = "".join(pieces)

    def to_body(offset: int) -> int:
        index = bisect.bisect_right(view_starts, offset) - 1
        return min(body_starts[index] + offset - view_starts[index], len(body))

    return view, to_body


# The front matter's quantities (issue 14): a cost in pesos has nine digits as often as a phone
# number does (`minimo: 320000000`), and a bare whole number in one of these fields is an amount.
# Matched on the line without its indentation: a pattern that starts with a run of blanks is
# quadratic when searched (devtools.adversarial), like the `correo:` one once was.
_QUANTITY_LINE_RE = re.compile(
    r"(?:-[ \t]+)?(?:casos|minimo|maximo|linea_base|meta|valor)[ \t]*:[ \t]*[0-9]+"
    r"(?:[ \t]+#[^\n]*)?"
)


def _is_quantity_line(text: str, offset: int) -> bool:
    """The number is the whole value of a quantity key of the front matter, written as a YAML
    number (not between quotes), so the model reads it as an amount, never as text."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return _QUANTITY_LINE_RE.fullmatch(line.strip(" \t\r")) is not None


def _is_contact_line(text: str, offset: int) -> bool:
    """The address is the value of a `correo:` key: the contact field, the one place for it.

    Decided on the text rather than the parsed tree so that it holds when the YAML does not
    parse; a `correo:` key anywhere else is an unknown field and fails on its own.
    """
    line_start = text.rfind("\n", 0, offset) + 1
    key, colon, value = text[line_start:offset].partition(":")
    return bool(colon) and key.strip(" \t") == "correo" and value.strip(" \t") in ("", '"', "'")
