"""`catalogo nuevo`: a new problem file from the problem template, with the next free id.

The template keeps its comments, which explain each field to whoever completes the file, so the
chosen values replace the template's lines rather than the file being written from a model.
The template is made from the model's example texts (`catalogo.model.template_text`), the
same that problems/_plantilla.md is written from and that the rule CAT067 refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalogo.core.errors import CatalogoError
from catalogo.core.outputs import OutputError
from catalogo.loading.naming import file_stem, next_id
from catalogo.loading.reader import read_document
from catalogo.loading.writer import create_file
from catalogo.model.template_text import PROBLEM_TEMPLATE, problem_template
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.checks.template_text import template_text_places

TEMPLATE = PROBLEM_TEMPLATE
_NUMBER = re.compile(r"[0-9]{1,4}")  # ASCII digits, few enough for int() to be instant
# The template's lines that `nuevo` fills in (the template is ours, not contributed text).
_TEMPLATE_LINES = {
    key: re.compile(pattern, re.M)
    for key, pattern in {
        "id": r"^id: .*$",
        "titulo": r"^titulo: .*$",
        "comuna": r"^comuna: .*$",
        "temas": r"^temas:\n(?:  - .*\n)+",
        "fecha_registro": r"^fecha_registro: .*$",
        "area_responsable": r"^area_responsable: .*$",
    }.items()
}
_INTRO = re.compile(r"\A---\n(?:#.*\n)+\n")


class NewProblemError(CatalogoError):
    """Said to the user in Spanish; nothing was written."""


@dataclass(frozen=True, slots=True)
class Answers:
    comuna: str  # slug
    title: str
    themes: list[str]  # slugs
    unit: str


def comuna_slug(value: str, vocabularies: Vocabularies) -> str:
    slug = vocabularies.resolve("comunas", value)
    if slug is None:
        hint = vocabularies.suggestion("comunas", value)
        raise NewProblemError(f"«{value}» no es una comuna del registro.{hint}")
    return slug


def ask_answers(ask: Callable[[str], str], vocabularies: Vocabularies, given: dict) -> Answers:
    """Asks, in Spanish, for what the flags did not give; `ask` shows a prompt, returns a line."""
    comuna = given.get("comuna")
    while not comuna:
        try:
            comuna = comuna_slug(ask("Comuna (nombre, por ejemplo Maipú): ").strip(), vocabularies)
        except NewProblemError as error:
            print(error)
    title = given.get("titulo") or ""
    while len(title) < 10:
        title = " ".join(ask("Título del problema (10 a 120 caracteres): ").split())
    themes = given.get("temas")
    if not themes:
        choices = list(vocabularies.themes.items())
        for number, (_, term) in enumerate(choices, 1):
            print(f"  {number:>2}. {term.name}")
        picked = ask("Temas: de 1 a 3 números separados por comas [1]: ").strip() or "1"
        numbers = [int(n) for n in _NUMBER.findall(picked) if 1 <= int(n) <= len(choices)]
        themes = [choices[n - 1][0] for n in dict.fromkeys(numbers)][:3] or [choices[0][0]]
    unit = given.get("area") or ""
    if not unit:
        unit = ask("Área responsable [Nombre de la unidad municipal]: ").strip()
    return Answers(comuna, title, themes, unit)


def problem_text(template: str, answers: Answers, problem_id: str, today: date) -> str:
    def value(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar

    text = _INTRO.sub(
        "---\n# Problema creado con «catalogo nuevo». Complete cada valor; las líneas que empiezan\n"
        "# con # son ayudas y puede borrarlas. Revise el archivo con «catalogo validar».\n\n",
        template,
        count=1,
    )
    replacements = [
        (_TEMPLATE_LINES["id"], f"id: {value(problem_id)}"),
        (_TEMPLATE_LINES["titulo"], f"titulo: {value(answers.title)}"),
        (_TEMPLATE_LINES["comuna"], f"comuna: {answers.comuna}"),
        (_TEMPLATE_LINES["temas"], "temas:\n" + "".join(f"  - {t}\n" for t in answers.themes)),
        (_TEMPLATE_LINES["fecha_registro"], f"fecha_registro: {today.isoformat()}"),
    ]
    if answers.unit:
        replacements.append(
            (_TEMPLATE_LINES["area_responsable"], f"area_responsable: {value(answers.unit)}")
        )
    for pattern, replacement in replacements:
        text, count = pattern.subn(lambda _, r=replacement: r, text, count=1)
        if count != 1:
            raise NewProblemError(f"{TEMPLATE} cambió: no encuentro «{pattern.pattern}».")
    return text


def still_to_fill(text: str) -> list[str]:
    """The fields and sections that still hold the template's example text, as the rule that
    refuses them (CAT067) finds them; the template's vocabulary choices and numbers, which may
    well be the right answer, are not among them."""
    places = template_text_places(read_document(text.encode("utf-8")), "problema")
    return list(dict.fromkeys(place.label for place in places))


def create(root: Path, answers: Answers, vocabularies: Vocabularies, today: date) -> str:
    """Writes the new file; returns its path relative to the root. Never overwrites."""
    template = problem_template()
    comuna = vocabularies.comunas[answers.comuna]
    problem_id = next_id(root, comuna.cut)
    path = f"problems/{comuna.slug}/{file_stem(answers.title)}.md"
    text = problem_text(template, answers, problem_id, today)
    try:
        create_file(root, path, text)
    except FileExistsError:
        raise NewProblemError(f"{path} ya existe: elija otro título.") from None
    except OutputError as error:
        raise NewProblemError(str(error)) from None
    return path
