"""What a person meant by a whole number written the way people write them (`42.000`, `42,000`,
`1.250.000`, `unas 200 mil`), for the message that says what to write instead."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Anchored at both ends (`\A`...`\Z`), so that a search tries one start only: each runs in
# linear time on any text, and only on short values (LONGEST) anyway.
_DOTS_RE = re.compile(r"\A[0-9]{1,3}(?:\.[0-9]{3})+\Z")
_COMMAS_RE = re.compile(r"\A[0-9]{1,3}(?:,[0-9]{3})+\Z")
_SPACES_RE = re.compile(r"\A[0-9]{1,3}(?:[ \u00a0\u202f'][0-9]{3})+\Z")
_DECIMAL_RE = re.compile(r"\A([0-9]+)[.,][0-9]+\Z")
_WORDS_RE = re.compile(
    r"\A(?:(?:unas?|unos|aprox\.?|aproximadamente|cerca de|más de|mas de|alrededor de|~)[ ]*)?"
    r"([0-9]+(?:[.,][0-9]+)?)[ ]*(mil|millones|millón|millon)\Z",
    re.IGNORECASE,
)
_MULTIPLIERS = {"mil": 1_000, "millones": 1_000_000, "millón": 1_000_000, "millon": 1_000_000}
LONGEST = 40
MAX_DIGITS = 18


def integer_advice(written: str, quoted: bool = False) -> tuple[str, str] | None:
    """(what went wrong, what to write) for a value that was meant as a whole number, said
    from what was written (`quoted`: between quotes, so read as text); None when it does not
    look like one."""
    text = " ".join(written.split())
    if not text or len(text) > LONGEST:
        return None
    if quoted and text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return (
            f"se escribió «{text}» entre comillas, que lo vuelven texto.",
            f"Escriba {int(text)}, sin comillas.",
        )
    if _DOTS_RE.fullmatch(text):
        number = text.replace(".", "")
        read = (
            f"se leyó {text.split('.')[0]} con decimales"
            if text.count(".") == 1 and not quoted
            else "no se lee como número"
        )
        return (
            f"se escribió «{text}», que {read}: el punto separa los decimales, no los miles.",
            f"Escriba {number}, sin puntos.",
        )
    for pattern, mark in ((_COMMAS_RE, "comas"), (_SPACES_RE, "espacios")):
        if pattern.fullmatch(text):
            number = "".join(filter(str.isdigit, text))
            return (
                f"se escribió «{text}», que no se lee como número: las cifras van sin separar "
                "los miles.",
                f"Escriba {number}, sin {mark}.",
            )
    decimal = _DECIMAL_RE.fullmatch(text)
    if decimal:
        whole = decimal.group(1)
        return (
            f"se escribió «{text}», un número con decimales.",
            f"Escriba un número entero, sin decimales, por ejemplo {int(whole)}.",
        )
    words = _WORDS_RE.fullmatch(text)
    if words:
        try:
            amount = (
                Decimal(words.group(1).replace(",", ".")) * _MULTIPLIERS[words.group(2).lower()]
            )
        except InvalidOperation:
            return None
        number = str(int(amount))
        if len(number) > MAX_DIGITS:
            return None
        return (
            f"se escribió «{text}», con palabras.",
            f"Escriba solo la cifra: {number} (una cifra aproximada basta).",
        )
    return None
