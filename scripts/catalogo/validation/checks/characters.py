"""Invisible characters: controls and format characters have no place in a problem.

They arrive copied from Word or a PDF (a vertical tab for a line break, soft hyphens,
zero-width spaces) or are planted: a terminal escape that recolours the validator's own
output, a right-to-left override that shows a text backwards, a NUL that makes the Atom feed
invalid XML for every subscriber. They are looked for in the file as written, in YAML's
escapes (`"\\e"`, `"\\u200b"`) and in the body's HTML entities (`&#8203;`).
"""

from __future__ import annotations

import html
import re
import unicodedata

from catalogo.core.codes import Code
from catalogo.core.text_safety import INVISIBLE_RE, describe
from catalogo.loading.yaml_tree import double_quoted_scalars
from catalogo.validation.checks.file_context import FileContext, Findings

# Names people may recognise, for the characters that turn up most.
_NAMES = {
    "\x0b": "tabulación vertical, el salto de línea de Word",
    "\x0c": "salto de página",
    "\x1b": "escape de terminal",
    "\x7f": "borrado (DEL)",
    "\x85": "salto de línea de otro sistema (NEL)",
    "\u00ad": "guion suave",
    "\u200b": "espacio de ancho cero",
    "\u200c": "separador de ancho cero",
    "\u200d": "unión de ancho cero",
    "\u200e": "marca de izquierda a derecha",
    "\u200f": "marca de derecha a izquierda",
    "\u202e": "inversión de la dirección del texto",
    "\u2060": "unión de palabras",
    "\u2028": "separador de línea",
    "\u2029": "separador de párrafo",
    "\ufeff": "marca BOM",
    "\u3164": "relleno coreano, una letra que no se ve",
    "\u2800": "patrón braille vacío",
}
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _name(character: str) -> str:
    if character in _NAMES:
        return f"{describe(character)}, {_NAMES[character]}"
    kind = "de control" if unicodedata.category(character) == "Cc" else "que no se ve"
    return f"{describe(character)}, un carácter {kind}"


def check_characters(ctx: FileContext) -> Findings:
    document = ctx.document
    findings: Findings = []
    lines: set[int] = set()  # one finding per line: a pasted paragraph is one mistake

    def report(position: tuple[int, int], character: str, how: str = "") -> None:
        if position[0] in lines:
            return
        lines.add(position[0])
        findings.append(
            ctx.at(
                Code.INVISIBLE_CHARACTER,
                position,
                f"Hay un carácter invisible{how} ({_name(character)}).",
            )
        )

    text = document.text
    if document.invisible:
        for match in INVISIBLE_RE.finditer(text):
            report(document.offset_position(match.start()), match.group(0))
    if "&" in document.body:
        for match in _ENTITY_RE.finditer(text, document.body_offset):
            decoded = html.unescape(match.group(0))
            if INVISIBLE_RE.fullmatch(decoded):
                report(document.offset_position(match.start()), decoded, " escrito como entidad")
    if document.root is not None and "\\" in text[: document.body_offset]:
        for node in double_quoted_scalars(document.root):
            found = INVISIBLE_RE.search(node.value)
            if found:
                report(document.position(node), found.group(0), " escrito como escape de YAML")
    return findings
