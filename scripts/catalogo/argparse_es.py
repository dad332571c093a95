"""Spanish for argparse's own messages (usage errors, help headings).

argparse looks its strings up through gettext; Python ships no Spanish catalogue for it, so
every string a user can see is translated here (tests/test_cli.py checks that none of the
installed argparse's is missing). Help that argparse writes outside gettext (`--version`'s, in
Python 3.11) is given where the option is made.
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
    "invalid choice: %(value)r (choose from %(choices)s)": "opción no válida: «%(value)s» (elija entre %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r?": "opción no válida: «%(value)s». ¿Quiso decir %(closest)r?",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "comando desconocido: «%(parser_name)s» (elija entre %(choices)s)",
    "expected one argument": "se esperaba un valor",
    "expected at most one argument": "se esperaba a lo más un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "expected %s argument": "se esperaba %s valor",
    "expected %s arguments": "se esperaban %s valores",
    "ignored explicit argument %r": "esta opción no lleva valor (se escribió %r)",
    "unexpected option string: %s": "opción inesperada: %s",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: advertencia: %(message)s\n",
    "option '%(option)s' is deprecated": "la opción «%(option)s» está en desuso",
    "argument '%(argument_name)s' is deprecated": "el argumento «%(argument_name)s» está en desuso",
    "command '%(parser_name)s' is deprecated": "el comando «%(parser_name)s» está en desuso",
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
