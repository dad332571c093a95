"""`catalogo nuevo`: a new problem file from the problem template, with the next free id.

The template keeps its comments, which explain each field to whoever completes the file, so the
chosen values replace the template's lines rather than the file being written from a model.
The template is made from the model's example texts (`catalogo.model.template_text`), the
same that problems/_plantilla.md is written from and that the rule CAT067 refuses.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from annotated_types import MaxLen, MinLen
from pydantic import TypeAdapter, ValidationError

from catalogo.core.errors import CatalogoError
from catalogo.core.outputs import OutputError
from catalogo.core.text_safety import INVISIBLE_RE, describe
from catalogo.loading.naming import file_stem, has_latin_letters, next_id
from catalogo.loading.reader import read_document
from catalogo.loading.writer import create_file
from catalogo.model import Problem
from catalogo.model.template_text import PROBLEM_TEMPLATE, problem_template
from catalogo.model.types import Title
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


def limits(attribute: str) -> tuple[int, int]:
    """The model's length limits of a Problem field (characters of a text, items of a list),
    so that what `nuevo` asks for is what the validator accepts."""
    metadata = Problem.model_fields[attribute].metadata
    low = next(m.min_length for m in metadata if isinstance(m, MinLen))
    high = next(m.max_length for m in metadata if isinstance(m, MaxLen))
    return low, high


def checked_title(value: str) -> str:
    """The title with its spaces tidied, or NewProblemError saying why it cannot be one: the
    model's rules (its letters rule, CAT049, and its length limits), said before the file is
    written."""
    title = " ".join(unicodedata.normalize("NFC", value).split())
    low, high = limits("title")
    hidden = INVISIBLE_RE.search(title)
    if hidden is not None:
        # Refused before the file is written: CAT013 would refuse it after.
        raise NewProblemError(
            f"El título tiene un carácter invisible ({describe(hidden.group(0))}), típico de texto "
            "copiado de Word o de un PDF: vuelva a escribirlo a mano."
        )
    if not title:
        raise NewProblemError(
            f"Falta el título: escriba en una frase de {low} a {high} caracteres de qué se trata "
            "el problema, por ejemplo «Reclamos por ruidos molestos de noche»."
        )
    try:
        TypeAdapter(Title).validate_python(title)
    except ValidationError:
        raise NewProblemError(
            f"El título «{title}» no tiene letras: escriba con palabras de qué se trata el "
            "problema, por ejemplo «Reclamos por ruidos molestos de noche»."
        ) from None
    if not low <= len(title) <= high:
        what = "corto" if len(title) < low else "largo"
        advice = (
            "Agregue de qué se trata o dónde ocurre, por ejemplo «Reclamos por ruidos molestos "
            "de noche»."
            if len(title) < low
            else "Déjelo en una frase breve: el detalle va en el resumen y en el texto del "
            "problema."
        )
        raise NewProblemError(
            f"El título es demasiado {what}: tiene {len(title)} caracteres y debe tener de "
            f"{low} a {high}. {advice}"
        )
    return title


def theme_slugs(value: str, vocabularies: Vocabularies) -> list[str]:
    """The themes an answer names, by their number in `nuevo`'s list (the vocabulary's order),
    their name or their slug, separated by commas; NewProblemError says what is wrong. The
    same for `--temas` and the question: nothing is dropped or replaced silently."""
    choices = list(vocabularies.themes)
    low, high = limits("themes")
    hint = (
        f" Escriba de {low} a {high} temas separados por comas, con su número de la lista o su "
        "nombre, por ejemplo «2, Seguridad»."
    )
    slugs: list[str] = []
    for part in (part.strip() for part in unicodedata.normalize("NFC", value).split(",")):
        if not part:
            continue  # "2, 5," or "2,,5": an empty place names nothing
        if _NUMBER.fullmatch(part):
            if not 1 <= int(part) <= len(choices):
                raise NewProblemError(
                    f"«{part}» no es un número de la lista: los temas van del 1 al "
                    f"{len(choices)}.{hint}"
                )
            slug = choices[int(part) - 1]
        else:
            slug = vocabularies.resolve("themes", part)
            if slug is None:
                raise NewProblemError(
                    f"«{part}» no es un tema del catálogo."
                    f"{vocabularies.suggestion('themes', part)}{hint}"
                )
        if slug in slugs:
            name = vocabularies.themes[slug].name
            raise NewProblemError(f"El tema «{name}» está más de una vez.{hint}")
        slugs.append(slug)
    if not low <= len(slugs) <= high:
        count = f"escribió {len(slugs)}" if slugs else "no escribió ninguno"
        raise NewProblemError(f"Un problema tiene de {low} a {high} temas y {count}.{hint}")
    return slugs


def ask_answers(ask: Callable[[str], str], vocabularies: Vocabularies, given: dict) -> Answers:
    """Asks, in Spanish, for what the flags did not give; `ask` shows a prompt, returns a line.
    A wrong answer is said, with why, and asked again; an empty one takes only the default the
    question shows."""
    comuna = given.get("comuna")
    while not comuna:
        try:
            answer = ask("Comuna (nombre, por ejemplo Maipú): ").strip()
            if not answer:
                raise NewProblemError("Escriba el nombre de la comuna, por ejemplo Maipú.")
            comuna = comuna_slug(answer, vocabularies)
        except NewProblemError as error:
            print(error)
    title = given.get("titulo") or ""
    low, high = limits("title")
    while not title:
        try:
            title = checked_title(ask(f"Título del problema (de {low} a {high} caracteres): "))
        except NewProblemError as error:
            print(error)
    themes = given.get("temas")
    if not themes:
        choices = list(vocabularies.themes.values())
        for number, term in enumerate(choices, 1):
            print(f"  {number:>2}. {term.name}")
        low, high = limits("themes")
        question = (
            f"Temas: de {low} a {high}, con su número o su nombre, separados por comas "
            f"(Enter: 1, {choices[0].name}): "
        )
    while not themes:
        try:
            themes = theme_slugs(ask(question).strip() or "1", vocabularies)
        except NewProblemError as error:
            print(error)
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
    path = f"problems/{comuna.slug}/{file_stem(answers.title, problem_id)}.md"
    text = problem_text(template, answers, problem_id, today)
    try:
        create_file(root, path, text)
    except FileExistsError:
        raise NewProblemError(f"{path} ya existe: elija otro título.") from None
    except OutputError as error:
        raise NewProblemError(str(error)) from None
    return path


def name_note(answers: Answers, path: str) -> str:
    """Why the file is named after its id, when the title gives it no name; else ""."""
    if has_latin_letters(answers.title):
        return ""
    return (
        f"El título no tiene letras de la a a la z para nombrar el archivo: se llama como su id, "
        f"{path.rsplit('/', 1)[-1]}, para no chocar con otro. Si quiere, cámbiele el nombre "
        "por unas palabras en minúsculas separadas por guiones."
    )
