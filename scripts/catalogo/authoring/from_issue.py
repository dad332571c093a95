"""`catalogo desde-issue`: the answers of a «Proponer un problema» issue form made into
problems/<comuna>/<nombre>.md, checked by the validator before anything is written.

The issue body is untrusted text typed by anyone on GitHub. It is only ever parsed here, as
data: it becomes YAML values through PyYAML and a body through plain concatenation, and the
validator (HTML, links, personal data, sizes) judges the result before a file exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalogo.authoring.issue_forms import CHECKLIST_LABEL, problem_fields
from catalogo.core.errors import CatalogoError
from catalogo.core.text_safety import markdown_block, markdown_code, markdown_literal
from catalogo.core.words import fold
from catalogo.loading.naming import file_stem, next_id
from catalogo.loading.reader import MAX_BYTES
from catalogo.loading.writer import document
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.diagnostics import Diagnostic, Severity
from catalogo.validation.per_file import check_bytes

NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
# Thousands separators people write in a count: 208.237, 208 237.
_SEPARATORS = re.compile(r"[. \u00a0\u202f]")
# The start of a link reference definition or a footnote definition: up to three spaces, a
# label in brackets (escapes allowed, at most 999 characters, as CommonMark says), a colon.
# (Brackets cannot appear unescaped inside a label, which also keeps the pattern linear.)
_DEFINITION = re.compile(r" {0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:")
MAX_PEOPLE_DIGITS = 15
# GitHub Actions expressions and shell command substitution: harmless here, but a problem
# never needs them, and refusing them keeps them away from every later tool.
_EXPRESSION = re.compile(r"\$\{\{|\$\(")


@dataclass(frozen=True, slots=True)
class Conversion:
    path: str  # where the problem goes, relative to the root
    text: str  # the file, as it would be written
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


class IssueError(CatalogoError):
    """The body is not a «Proponer un problema» form; the message says why, in Spanish."""


def expected_headings() -> list[str]:
    """The labels GitHub writes as `### ` headings, in the form's order."""
    return [field.label for field in problem_fields()] + [CHECKLIST_LABEL]


def answers(body: str) -> dict[str, str]:
    """The form's answers by label. GitHub writes each field as `### Label`, then the answer,
    in the form's order. What a reviewer sees must be what is written, so anything that could
    make the two differ is refused: an HTML comment (GitHub hides it, and it could hold a
    second `### Comuna`), a heading repeated, missing, out of order or not in the form (one
    typed inside an answer would cut that answer short), and a hidden link definition."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if "<!--" in text:
        raise IssueError(
            "el texto contiene un comentario HTML («<!--»), que GitHub no muestra: quien "
            "revisa el issue no vería lo que se publicaría. Bórrelo y vuelva a enviarlo."
        )
    lines = text.split("\n")
    found = [(n, _heading(line)) for n, line in enumerate(lines)]
    found = [(n, label) for n, label in found if label is not None]
    _check_headings([label for _, label in found])
    values: dict[str, str] = {}
    for index, (number, label) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(lines)
        value = "\n".join(lines[number + 1 : end]).strip()
        values[label] = "" if value == NO_RESPONSE else value
    _refuse_hidden_links(values)
    return values


def _heading(line: str) -> str | None:
    """The text of a third-level heading as GitHub reads one (up to three spaces before the
    marks, a space or a tab after them), or None when the line is not one."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("###"):
        return None
    rest = stripped[3:]
    if rest and rest[0] not in " \t":
        return None  # `###x` is text, and `####` a deeper heading
    return rest.strip(" \t")


def _check_headings(labels: list[str]) -> None:
    expected = expected_headings()
    if not set(expected[:2]) & set(labels):
        raise IssueError("El issue no sigue el formulario «Proponer un problema».")
    again = "Edite el issue y vuelva a enviarlo."
    for label in labels:
        if label not in expected:
            raise IssueError(
                f"el texto tiene un encabezado «### {label}» que no es del formulario. Si lo "
                f"escribió dentro de una respuesta, use «####» o quítelo. {again}"
            )
    for label in expected:
        if labels.count(label) > 1:
            raise IssueError(
                f"el encabezado «### {label}» aparece {labels.count(label)} veces; cada "
                f"pregunta del formulario va una sola vez. {again}"
            )
        if label not in labels:
            raise IssueError(f"falta la pregunta «### {label}» del formulario. {again}")
    if labels != expected:
        raise IssueError(f"las preguntas «### » no están en el orden del formulario. {again}")


def _refuse_hidden_links(values: dict[str, str]) -> None:
    """A link definition (`[x]: https://...`) or a footnote (`[^x]: ...`) that nothing cites
    is not shown by GitHub, but would be written. Any line that opens like one is refused: a
    line test, so that an answer of any length costs its length."""
    for label, value in values.items():
        if any(_DEFINITION.match(line) for line in value.split("\n")):
            raise IssueError(
                f"la respuesta «{label}» tiene una línea que empieza como una definición de "
                "enlace o nota al pie («[nombre]: …» o «[^nota]: …»), que GitHub no muestra. "
                "Escriba la dirección o la nota completa en el texto."
            )


def _by_name(name: str, vocabularies: Vocabularies, vocabulary: str) -> str:
    """A vocabulary's slug from the name the form shows; the text itself when unknown, so
    that the validator names the wrong value (and suggests the nearest one)."""
    return vocabularies.resolve(vocabulary, name) or name.strip()


def _lines(text: str) -> list[str]:
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def _source(line: str, vocabularies: Vocabularies) -> dict:
    parts = [part.strip() for part in line.split("|")]
    parts += [""] * (6 - len(parts))
    source: dict = {
        "nombre": parts[0],
        "formato": _by_name(parts[1], vocabularies, "data_formats"),
        "acceso": _by_name(parts[2], vocabularies, "data_access"),
        "datos_personales": fold(parts[3]) in {"si", "true"},
    }
    if parts[4]:
        source["volumen"] = parts[4]
    if parts[5]:
        source["url"] = parts[5]
    return source


def front_matter(
    values: dict[str, str], vocabularies: Vocabularies, today: date
) -> tuple[dict, str]:
    """The problem's front matter (without its id) and body, from the form's answers."""
    v = vocabularies
    data: dict = {
        "titulo": values.get("titulo", ""),
        "comuna": _by_name(values.get("comuna", ""), v, "comunas"),
        "temas": [
            _by_name(t, v, "themes") for t in values.get("temas", "").split(",") if t.strip()
        ],
        "estado": "propuesto",
        "resumen": " ".join(values.get("resumen", "").split()),
        "area_responsable": values.get("area_responsable", ""),
        "poblacion_afectada": {
            "descripcion": " ".join(values.get("poblacion_afectada.descripcion", "").split())
        },
        "tareas_ia": [
            _by_name(t, v, "ai_tasks") for t in values.get("tareas_ia", "").split(",") if t.strip()
        ],
        "datos": [_source(line, v) for line in _lines(values.get("datos", ""))],
        "indicadores": _lines(values.get("indicadores", "")),
        "riesgos": _lines(values.get("riesgos", "")),
        "contacto": {
            "unidad": values.get("contacto.unidad", ""),
            "correo": values.get("contacto.correo", ""),
        },
        "fecha_registro": today.isoformat(),
    }
    people = _SEPARATORS.sub("", values.get("poblacion_afectada.personas", ""))
    if people:
        # ASCII digits only: `²` or `٣` pass str.isdigit() but not int(), and thousands of
        # digits make int() slow; anything else stays text for the validator to explain.
        is_count = people.isascii() and people.isdigit() and len(people) <= MAX_PEOPLE_DIGITS
        data["poblacion_afectada"]["personas"] = int(people) if is_count else people
    if values.get("prioridad"):
        data["prioridad"] = _by_name(values["prioridad"], v, "priorities")
    sections = [
        f"## {field.label}\n\n{values.get(field.id, '').strip()}"
        for field in problem_fields()
        if field.id.startswith("cuerpo.")
    ]
    return data, "\n\n".join(sections)


def _file_name(root: Path, comuna: str, title: str) -> str:
    stem = file_stem(title)
    candidate, number = stem, 2
    while (root / "problems" / comuna / f"{candidate}.md").exists():
        candidate, number = f"{stem}-{number}", number + 1
    return f"problems/{comuna}/{candidate}.md"


def convert(
    body: str,
    root: Path,
    vocabularies: Vocabularies,
    today: date,
    reserved_ids: Iterable[str] = (),
) -> Conversion:
    """The file an issue's answers make, and what the validator says of it. `reserved_ids`
    are ids taken outside this checkout (other pending pull requests)."""
    if len(body.encode("utf-8")) > MAX_BYTES:
        raise IssueError(
            f"El texto del issue supera los {MAX_BYTES // 1000} KB que admite un problema: "
            "resúmalo y vuelva a enviarlo."
        )
    if expression := _EXPRESSION.search(body):
        raise IssueError(
            f"el texto contiene «{expression.group(0)}», que no tiene lugar en la descripción de "
            "un problema (es la sintaxis de las expresiones de GitHub y de la línea de comandos). "
            "Quítelo y vuelva a enviarlo."
        )
    values = {}
    labels = {field.label: field.id for field in problem_fields()}
    for label, value in answers(body).items():
        if label in labels:
            values[labels[label]] = value
    data, text_body = front_matter(values, vocabularies, today)
    comuna = vocabularies.comunas.get(data["comuna"])
    folder = comuna.slug if comuna else "comuna-desconocida"
    ordered = {"id": next_id(root, comuna.cut, reserved_ids) if comuna else "00000-001", **data}
    text = document(ordered, text_body)
    path = _file_name(root, folder, data["titulo"])
    result = check_bytes(path, "problema", text.encode("utf-8"), vocabularies)
    return Conversion(path, text, result.diagnostics)


# GitHub refuses comments longer than 65,536 characters.
_COMMENT_ROOM = 60_000


def comment(conversion: Conversion | None, error: str | None = None) -> str:
    """What the workflow posts on the issue, in Spanish Markdown. Everything quoted from the
    issue is made literal text (no links, images or @mentions)."""
    if error:
        return f"No pude convertir este issue en un problema: {markdown_literal(error)}\n"
    assert conversion is not None
    if conversion.errors:
        # No line numbers: they would point into a file the author never sees.
        rows = "\n".join(
            f"| {markdown_literal(d.message)} | {markdown_literal(d.hint or '')} |"
            for d in conversion.errors
        )
        return (
            "El problema todavía no se puede publicar: el validador encontró esto. Edite el issue "
            "para corregirlo y un responsable volverá a aplicar la etiqueta.\n\n"
            "| Problema | Cómo corregirlo |\n| --- | --- |\n"
            f"{rows}\n"
        )
    header, _, _ = conversion.text.removeprefix("---\n").partition("\n---\n")
    if len(header) > _COMMENT_ROOM:
        shown = (
            "El encabezado es demasiado largo para mostrarlo aquí: revíselo en el *pull request*.\n"
        )
    else:
        shown = (
            "Este es el encabezado del archivo, tal como se publicará; el texto del problema son "
            "las tres últimas respuestas del issue.\n\n"
            + markdown_block(f"---\n{header}\n---", "yaml")
        )
    return (
        f"El problema se puede publicar: el archivo es {markdown_code(conversion.path)}. Un "
        "responsable del municipio lo revisa en el *pull request* antes de publicarlo.\n\n" + shown
    )
