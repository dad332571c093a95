"""`catalogo desde-issue`: the answers of a «Proponer un problema» issue form made into
problems/<comuna>/<nombre>.md, checked by the validator before anything is written.

The issue body is untrusted text typed by anyone on GitHub. It is only ever parsed here, as
data: it becomes YAML values through PyYAML and a body through plain concatenation, and the
validator (HTML, links, personal data, sizes) judges the result before a file exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, Severity
from .file_checks import check_bytes
from .issue_forms import problem_fields
from .loading.reader import MAX_BYTES
from .naming import file_stem, next_id
from .suggest import fold
from .vocabularies import Vocabularies

NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
_HEADING = re.compile(r"^### (.+?)\s*$", re.M)
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
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


class IssueError(Exception):
    """The body is not a «Proponer un problema» form; the message says why, in Spanish."""


def answers(body: str) -> dict[str, str]:
    """The form's answers by label: GitHub writes each as `### Label`, then the answer."""
    found: dict[str, str] = {}
    headings = list(_HEADING.finditer(body))
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        value = body[heading.end() : end].strip()
        found[heading.group(1).strip()] = "" if value == NO_RESPONSE else value
    return found


def _by_name(name: str, terms: dict) -> str:
    """A vocabulary's slug from the name the form shows; the text itself when unknown, so
    that the validator names the wrong value."""
    wanted = fold(name.strip())
    for slug, term in terms.items():
        if fold(term.name) == wanted or slug == name.strip():
            return slug
    return name.strip()


def _lines(text: str) -> list[str]:
    return [_BULLET.sub("", line).strip() for line in text.splitlines() if line.strip()]


def _source(line: str, vocabularies: Vocabularies) -> dict:
    parts = [part.strip() for part in line.split("|")]
    parts += [""] * (6 - len(parts))
    source: dict = {
        "nombre": parts[0],
        "formato": _by_name(parts[1], vocabularies.data_formats),
        "acceso": _by_name(parts[2], vocabularies.data_access),
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
    comunas = {slug: c for slug, c in v.comunas.items()}
    data: dict = {
        "titulo": values.get("titulo", ""),
        "comuna": _by_name(values.get("comuna", ""), comunas),
        "temas": [_by_name(t, v.themes) for t in values.get("temas", "").split(",") if t.strip()],
        "estado": "propuesto",
        "resumen": " ".join(values.get("resumen", "").split()),
        "area_responsable": values.get("area_responsable", ""),
        "poblacion_afectada": {
            "descripcion": " ".join(values.get("poblacion_afectada.descripcion", "").split())
        },
        "tareas_ia": [
            _by_name(t, v.ai_tasks) for t in values.get("tareas_ia", "").split(",") if t.strip()
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
    people = re.sub(r"[.\s]", "", values.get("poblacion_afectada.personas", ""))
    if people:
        data["poblacion_afectada"]["personas"] = int(people) if people.isdigit() else people
    if values.get("prioridad"):
        data["prioridad"] = _by_name(values["prioridad"], v.priorities)
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


def convert(body: str, root: Path, vocabularies: Vocabularies, today: date) -> Conversion:
    """The file an issue's answers make, and what the validator says of it."""
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
    if "titulo" not in values or "comuna" not in values:
        raise IssueError("El issue no sigue el formulario «Proponer un problema».")
    data, text_body = front_matter(values, vocabularies, today)
    comuna = vocabularies.comunas.get(data["comuna"])
    folder = comuna.slug if comuna else "comuna-desconocida"
    ordered = {"id": next_id(root, comuna.cut) if comuna else "00000-001", **data}
    text = f"---\n{yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)}---\n\n{text_body}\n"
    path = _file_name(root, folder, data["titulo"])
    result = check_bytes(path, "problema", text.encode("utf-8"), vocabularies)
    return Conversion(path, text, result.diagnostics)


def comment(conversion: Conversion | None, error: str | None = None, pull_url: str = "") -> str:
    """What the workflow posts on the issue, in Spanish Markdown."""
    if error:
        return f"No pude convertir este issue en un problema: {_plain(error)}\n"
    assert conversion is not None
    if conversion.errors:
        # No line numbers: they would point into a file the author never sees.
        rows = "\n".join(
            f"| {_plain(d.message)} | {_plain(d.hint or '')} |" for d in conversion.errors
        )
        return (
            "El problema todavía no se puede publicar: el validador encontró esto. Edite el issue "
            "para corregirlo y un responsable volverá a aplicar la etiqueta.\n\n"
            "| Problema | Cómo corregirlo |\n| --- | --- |\n"
            f"{rows}\n"
        )
    link = f": {pull_url}" if pull_url else "."
    return f"Listo: propuse el archivo `{conversion.path}` en un *pull request*{link}\n"


def _plain(text: str) -> str:
    """Text safe inside a Markdown table cell of a comment: no pipes, no HTML, one line."""
    return " ".join(text.replace("|", "/").replace("<", "‹").replace(">", "›").split())
