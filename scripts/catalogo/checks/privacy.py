"""Citizens' personal data: RUTs, phone numbers and e-mail addresses must not be published.

The whole file text is scanned, YAML comments included: they are public on GitHub too.
"""

from __future__ import annotations

import re
from functools import cache

from .context import FileContext, Findings

# A run of digits and separators long enough to be a RUT or a phone number. It starts with a
# digit so `re` skips ahead in C; the precise patterns then run on these short runs only.
_CANDIDATE_RE = re.compile(r"\d[\d .()+/-]{5,}[\dkK]")
_RUT_RE = re.compile(r"(\d{1,2}\.\d{3}\.\d{3}|\d{7,8})\s?-\s?([\dkK])")
# Organisations' RUTs start at 50.000.000; below that the number belongs to a person.
_PERSON_RUT_LIMIT = 50_000_000
_PHONE_RE = re.compile(
    r"(?:\+\s?56[\s.-]?)?(?:\(\s?0?\d{1,2}\s?\)[\s.-]?|0?\d{1,2}[\s.-]?)?\d{3,4}[\s.-]?\d{4}"
)
_MOBILE_RE = re.compile(r"^9\d{8}$")
_CONTACT_KEY_RE = re.compile(r"[ \t]*correo[ \t]*:[ \t]*[\"']?$")
_EMAIL_DOMAIN_RE = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EMAIL_USER_RE = re.compile(r"[A-Za-z0-9._%+-]+$")


def _isolated(text: str, start: int, end: int, also: str) -> bool:
    """True when the match is not part of a longer word or number."""
    before = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_" + also)
    return before and (end == len(text) or not (text[end].isalnum() or text[end] == "_"))


_MESSAGES = {
    "CAT070": "El texto contiene un RUT de persona («{}»).",
    "CAT071": "El texto contiene un número de teléfono («{}»).",
    "CAT072": "El texto contiene una dirección de correo («{}»).",
}


def _is_person_rut(match: re.Match[str]) -> bool:
    from stdnum.cl import rut

    number = match.group(1).replace(".", "")
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
    """(rule code, start, end, matched text) for each piece of personal data in a text."""
    found = []
    for candidate in _CANDIDATE_RE.finditer(text):
        offset = candidate.start()
        while offset > 0 and text[offset - 1] in "+(":
            offset -= 1
        segment = text[offset : candidate.end()]
        for match in _RUT_RE.finditer(segment):
            start, end = offset + match.start(), offset + match.end()
            if _isolated(text, start, end, ".") and _is_person_rut(match):
                found.append(("CAT070", start, end, match.group(0)))
        for match in _PHONE_RE.finditer(segment):
            start, end = offset + match.start(), offset + match.end()
            if _isolated(text, start, end, ".$-") and _is_phone(match.group(0)):
                found.append(("CAT071", start, end, match.group(0)))
    for match in _EMAIL_DOMAIN_RE.finditer(text):
        user = _EMAIL_USER_RE.search(text, max(0, match.start() - 64), match.start())
        if user:
            found.append(("CAT072", user.start(), match.end(), text[user.start() : match.end()]))
    return found


def _mask(code: str, value: str) -> str:
    # Findings are printed in CI logs: show enough to find the spot, not the whole datum.
    if code == "CAT072":
        user, _, domain = value.partition("@")
        return f"{user[:2]}…@{domain}"
    return value.strip()[:3] + "…"


def check_privacy(ctx: FileContext) -> Findings:
    document = ctx.document
    text = document.text
    findings = []
    for code, start, _end, value in find_personal_data(text):
        if code == "CAT072" and start < document.body_offset and _is_contact_line(text, start):
            continue
        position = document.offset_position(start)
        findings.append(ctx.at(code, position, _MESSAGES[code].format(_mask(code, value))))
    return findings


def _is_contact_line(text: str, offset: int) -> bool:
    """The address is the value of a `correo:` key: the contact field, the one place for it.

    Decided on the text rather than the parsed tree so that it holds when the YAML does not
    parse; a `correo:` key anywhere else is an unknown field and fails on its own.
    """
    line_start = text.rfind("\n", 0, offset) + 1
    return _CONTACT_KEY_RE.match(text, line_start, offset) is not None
