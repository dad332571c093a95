"""Citizens' personal data: RUTs, phone numbers and e-mail addresses must not be published."""

from __future__ import annotations

import re

import phonenumbers
from stdnum.cl import rut as chilean_rut

from .body import iter_strings
from .context import FileContext, Findings, body_offset_position

_RUT_RE = re.compile(r"(?<![\d.])(\d{1,2}\.\d{3}\.\d{3}|\d{7,8})\s?-\s?([\dkK])(?![\w])")
# Organisations' RUTs start at 50.000.000; below that the number belongs to a person.
_PERSON_RUT_LIMIT = 50_000_000
_PHONE_RE = re.compile(
    r"(?<![\w.$])(?:\+\s?56[\s.-]?)?(?:\(\s?0?\d{1,2}\s?\)[\s.-]?|0?\d{1,2}[\s.-])?\d{3,4}[\s.-]?\d{4}(?![\w])"
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PERSONAL_PHONE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
_CONTACT_EMAIL = ("contacto", "correo")


def _is_person_rut(match: re.Match[str]) -> bool:
    number = match.group(1).replace(".", "")
    return int(number) < _PERSON_RUT_LIMIT and chilean_rut.is_valid(number + match.group(2))


def _is_phone(candidate: str) -> bool:
    try:
        parsed = phonenumbers.parse(candidate, "CL")
    except phonenumbers.NumberParseException:
        return False
    return (
        phonenumbers.is_valid_number(parsed)
        and phonenumbers.number_type(parsed) in _PERSONAL_PHONE_TYPES
    )


def find_personal_data(text: str) -> list[tuple[str, int, str]]:
    """(rule code, offset, matched text) for each piece of personal data in a text."""
    found = []
    if any(c.isdigit() for c in text):
        found += [("CAT070", m.start(), m.group(0)) for m in _RUT_RE.finditer(text) if _is_person_rut(m)]
        found += [("CAT071", m.start(), m.group(0)) for m in _PHONE_RE.finditer(text) if _is_phone(m.group(0))]
    if "@" in text:
        found += [("CAT072", m.start(), m.group(0)) for m in _EMAIL_RE.finditer(text)]
    return found


_MESSAGES = {
    "CAT070": "El texto contiene un RUT de persona («{}»).",
    "CAT071": "El texto contiene un número de teléfono («{}»).",
    "CAT072": "El texto contiene una dirección de correo («{}»).",
}


def _mask(code: str, value: str) -> str:
    # Findings are printed in CI logs: show enough to find the spot, not the whole datum.
    value = value.strip()
    return value[:3] + "…" if code != "CAT072" else value.split("@")[0][:2] + "…@" + value.split("@")[1]


def check_privacy(ctx: FileContext) -> Findings:
    findings = []
    for code, offset, value in find_personal_data(ctx.document.body):
        position = body_offset_position(ctx.document, offset)
        findings.append(ctx.at(code, position, _MESSAGES[code].format(_mask(code, value))))
    if ctx.data is not None:
        for path, text in iter_strings(ctx.data):
            if path == _CONTACT_EMAIL:
                continue
            for code, _, value in find_personal_data(text):
                message = f"`{'.'.join(map(str, path))}`: " + _MESSAGES[code].format(_mask(code, value))
                findings.append(ctx.at_value(code, path, message))
    return findings
