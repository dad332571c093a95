"""Spanish for argparse's own messages (usage errors, help headings).

argparse looks its strings up through gettext; Python ships no Spanish catalogue for it, so
the few strings a user can see are translated here.
"""

from __future__ import annotations

import argparse

_SPANISH = {
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "the following arguments are required: %s": "faltan estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: %(value)r (elija entre %(choices)s)",
    "expected one argument": "se esperaba un valor",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "not allowed with argument %s": "no se permite junto con %s",
    "one of the arguments %s is required": "se requiere uno de estos argumentos: %s",
    "invalid %(type)s value: %(value)r": "valor no válido: %(value)r",
    "show program's version number and exit": "muestra la versión y termina",
}


def _translate(message: str) -> str:
    return _SPANISH.get(message, message)


def _ntranslate(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
