"""`catalogo desde-issue`: the answers of a «Proponer un problema» issue form made into
problems/<comuna>/<nombre>.md, and those of a «Sumarse a un problema» form into the joining
comuna's file (`comparte`), checked by the validator before anything is written.

The issue body is untrusted text typed by anyone on GitHub. It is only ever parsed here, as
data: it becomes YAML values through PyYAML and a body through plain concatenation, and the
validator (HTML, links, personal data, sizes) judges the result before a file exists.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path, PurePosixPath

from catalogo.authoring.issue_forms import (
    CHECKLIST_LABEL,
    CONFIRMATIONS,
    NO,
    UNKNOWN,
    YES,
    FormField,
    join_fields,
    problem_fields,
)
from catalogo.authoring.review import LABELS, PERSONAL, ReviewLabel, declarations
from catalogo.core.codes import Code
from catalogo.core.errors import CatalogoError
from catalogo.core.text_safety import markdown_block, markdown_code, markdown_literal
from catalogo.core.words import fold
from catalogo.loading.naming import file_stem, next_id
from catalogo.loading.reader import MAX_BYTES
from catalogo.loading.writer import document
from catalogo.model.responsible import DECIDING_ROLES
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.diagnostics import Diagnostic, Severity
from catalogo.validation.per_file import check_bytes
from catalogo.validation.rules import QUOTE_LIMIT, RULES

NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
# List marks people type or paste: Markdown's, numbers, and the bullets of word processors.
_BULLET = re.compile(r"^[ \t]*(?:[-*+•·▪◦‣]|[0-9]{1,9}[.)])[ \t]+")
# A checkbox as GitHub writes a form's ticked (`[X]`) and unticked (`[ ]`) options.
_CHECKBOX = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$")
# At most this many data lines are explained one by one; the rest are counted.
MAX_DATA_LINE_PROBLEMS = 10
DATA_PARTS = 6  # nombre | formato | acceso | datos personales | volumen | url
# How many words of a data line are tried as a format or an access name (bounds the work).
_GUESS_WORDS = 40
_WORD = re.compile(r"\w+")
# A key of the front matter `document` writes, at the top level or nested once.
_TOP_KEY = re.compile(r"^([a-z_]+):")
_NESTED_KEY = re.compile(r"^  ([a-z_]+):")
# Thousands separators people write in a count: 208.237, 208 237.
_SEPARATORS = re.compile(r"[. \u00a0\u202f]")
# The start of a link reference definition or a footnote definition: up to three spaces, a
# label in brackets (escapes allowed, at most 999 characters, as CommonMark says), a colon.
# (Brackets cannot appear unescaped inside a label, which also keeps the pattern linear.)
_DEFINITION = re.compile(r" {0,3}\[(?:[^\[\]\\\n]|\\.){1,999}\]:")
MAX_PEOPLE_DIGITS = 15
INDICATOR_PARTS = 5  # nombre | unidad | línea base | fecha de la línea base | meta
# A number as people write one in Chile: 1.200, 33,5, 1.200,5, -3, 85 %.
_THOUSANDS = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,6})?")
# A date as people write one in Chile (31-03-2025, 31/03/2025), made ISO.
_CHILEAN_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})")
# GitHub Actions expressions and shell command substitution: harmless here, but a problem
# never needs them, and refusing them keeps them away from every later tool.
_EXPRESSION = re.compile(r"\$\{\{|\$\(")


@dataclass(frozen=True, slots=True)
class Conversion:
    path: str  # where the problem goes, relative to the root
    text: str  # the file, as it would be written
    diagnostics: list[Diagnostic]
    join: bool = False  # a comuna joining another comuna's problem, not a problem
    # The `revision:…` labels the issue and its pull request get (authoring/review.py).
    labels: tuple[ReviewLabel, ...] = ()
    pending: tuple[str, ...] = ()  # what the reviewers complete («No sé»), in Spanish

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


class IssueError(CatalogoError):
    """The body is not a «Proponer un problema» form; the message says why, in Spanish."""


def expected_headings(fields: list[FormField] | None = None) -> list[str]:
    """The labels GitHub writes as `### ` headings, in the form's order."""
    return [field.label for field in fields or problem_fields()] + [CHECKLIST_LABEL]


def form_of(body: str) -> list[FormField]:
    """The questions of the form an issue body answers: «Sumarse a un problema» when one of
    its headings is that form's first question (the shared problem), else «Proponer un
    problema». One pass over the lines."""
    join = join_fields()
    first = join[0].label
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return join if any(_heading(line) == first for line in lines) else problem_fields()


def answers(body: str, fields: list[FormField] | None = None) -> dict[str, str]:
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
    _check_headings([label for _, label in found], expected_headings(fields))
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


def _check_headings(labels: list[str], expected: list[str]) -> None:
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


def _parts(line: str) -> list[str]:
    return [part.strip() for part in line.split("|")]


def _complete(line: str) -> bool:
    """Whether a data line has a name, a format and an access, and no more parts than a
    source has; any other line is explained to the author (`_data_line_problems`)."""
    parts = _parts(line)
    return 3 <= len(parts) <= DATA_PARTS and all(parts[:3])


def _source(line: str, vocabularies: Vocabularies) -> dict:
    parts = _parts(line)
    parts += [""] * (DATA_PARTS - len(parts))
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


def _population(values: dict[str, str]) -> dict:
    """`poblacion_afectada` from its two answers."""
    population: dict = {
        "descripcion": " ".join(values.get("poblacion_afectada.descripcion", "").split())
    }
    written = values.get("poblacion_afectada.personas", "").strip()
    people = _SEPARATORS.sub("", written)
    if written:
        # ASCII digits only: `²` or `٣` pass str.isdigit() but not int(), and thousands of
        # digits make int() slow; anything else stays the author's own words («unas 200 mil»),
        # for the validator to explain quoting them as written.
        is_count = people.isascii() and people.isdigit() and len(people) <= MAX_PEOPLE_DIGITS
        population["personas"] = int(people) if is_count else written
    return population


def _number(text: str) -> int | float | str:
    """A number from how people write it («1.200», «33,5», «85 %»); the text itself when it
    is not one, for the validator to explain."""
    written = text.strip()
    plain = written.removesuffix("%").strip().replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.fullmatch(plain):
        plain = plain.replace(".", "")
    plain = plain.replace(",", ".")
    if not _NUMBER.fullmatch(plain):
        return written
    return float(plain) if "." in plain else int(plain)


def _date(text: str) -> str:
    """An ISO date from 31-03-2025 or 31/03/2025; the text as written otherwise."""
    written = text.strip()
    if found := _CHILEAN_DATE.fullmatch(written):
        day, month, year = found.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return written


def _indicator(line: str) -> dict | str:
    """An indicator line: the object from «nombre | unidad | línea base | fecha | meta», or a
    line without «|» as the plain text it is (the validator asks it for a baseline)."""
    parts = _parts(line)
    if len(parts) == 1:
        return line
    parts += [""] * INDICATOR_PARTS
    name, unit, baseline, baseline_date, target = parts[:INDICATOR_PARTS]
    indicator: dict = {"nombre": name, "unidad": unit}
    if baseline:
        indicator["linea_base"] = _number(baseline)
    if baseline_date:
        indicator["fecha_linea_base"] = _date(baseline_date)
    if target:
        indicator["meta"] = _number(target)
    return indicator


def _is(answer: str, choice: str) -> bool:
    return fold(" ".join(answer.split())) == fold(choice)


def _ticked(text: str, vocabularies: Vocabularies, vocabulary: str) -> list[str]:
    """The slugs of a checkboxes answer: each ticked option, and any line typed without a box
    (an edited issue), read as a name."""
    slugs = []
    for line in text.splitlines():
        if box := _CHECKBOX.match(line):
            if box.group(1) in "xX":
                slugs.append(_by_name(" ".join(box.group(2).split()), vocabularies, vocabulary))
        elif line := _BULLET.sub("", line).strip():
            slugs.append(_by_name(line, vocabularies, vocabulary))
    return list(dict.fromkeys(slugs))


@dataclass(frozen=True, slots=True)
class Triage:
    """What the triage answers declare, whether or not the file can say it yet: `proteccion_datos`
    and `evaluacion_riesgo` are written only whole (the model requires their parts), so an
    answer left to the reviewers («No sé») keeps them out of the file, but not out of the
    labels or the comment."""

    personal: str  # the answer: Sí, No, No sé or ""
    sensitive: list[str]
    protection: dict | None  # `proteccion_datos`, when it can be written
    risk: dict | None  # `evaluacion_riesgo`, when it can be written
    decisions: str  # the decision role's slug, or ""
    pending: list[str]  # what the reviewers complete, in Spanish


def triage(values: dict[str, str], sources: list[dict], v: Vocabularies) -> Triage:
    """The triage answers read, and what of them becomes front matter."""
    pending = []
    personal = any(source["datos_personales"] for source in sources)
    sensitive = _ticked(values.get("proteccion_datos.datos_sensibles", ""), v, "sensitive_data")
    basis = values.get("proteccion_datos.base_legal", "").strip()
    assessment = values.get("proteccion_datos.evaluacion_impacto", "").strip()
    link = values.get("proteccion_datos.evaluacion_impacto_url", "").strip()
    protection = None
    if personal:
        known_basis = bool(basis) and not _is(basis, UNKNOWN)
        known_assessment = _is(assessment, YES) or _is(assessment, NO)
        if known_basis and known_assessment:
            protection = {
                "datos_sensibles": sensitive,
                "base_legal": _by_name(basis, v, "legal_bases"),
                "evaluacion_impacto": _is(assessment, YES),
            }
            if link:
                protection["evaluacion_impacto_url"] = link
        else:
            missing = [
                what
                for what, known in (
                    ("la base legal", known_basis),
                    ("si existe una evaluación de impacto", known_assessment),
                )
                if not known
            ]
            pending.append(
                f"la protección de datos (falta {' y '.join(missing)}): la completa el equipo "
                "que revisa, en el *pull request*"
            )
    level = values.get("evaluacion_riesgo.nivel", "").strip()
    reason = " ".join(values.get("evaluacion_riesgo.motivo", "").split())
    role = values.get("evaluacion_riesgo.decisiones_sobre_personas", "").strip()
    decisions = _by_name(role, v, "decision_roles") if role else ""
    oversight = " ".join(values.get("evaluacion_riesgo.supervision_humana", "").split())
    risk = None
    if level and not _is(level, UNKNOWN) and reason:
        risk = {"nivel": _by_name(level, v, "risk_levels"), "motivo": reason}
        if decisions:
            risk["decisiones_sobre_personas"] = decisions
        if oversight:
            risk["supervision_humana"] = oversight
    elif not level or _is(level, UNKNOWN):
        pending.append("el nivel de riesgo: lo propone el equipo que revisa, en el *pull request*")
    personal_answer = values.get("triaje.datos_personales", "").strip()
    return Triage(personal_answer, sensitive, protection, risk, decisions, pending)


def review_labels(data: dict, answers: Triage) -> tuple[ReviewLabel, ...]:
    """The `revision:…` labels: what the file declares, read as the pull request's review
    reads it, and what the answers declare that the file cannot say yet (sensitive data or
    decisions about people, with the rest left to the reviewers), and
    `revision:datos-personales` when the author does not know."""
    declared = {
        **data,
        "proteccion_datos": {"datos_sensibles": answers.sensitive},
        "evaluacion_riesgo": {
            **(answers.risk or {}),
            "decisiones_sobre_personas": answers.decisions,
        },
    }
    found = {declaration for declaration, _ in declarations(declared)}
    if _is(answers.personal, UNKNOWN):
        found.add(PERSONAL)
    return tuple(label for key, label in LABELS.items() if key in found)


def front_matter(
    values: dict[str, str], vocabularies: Vocabularies, today: date
) -> tuple[dict, str]:
    """The problem's front matter (without its id) and body, from the form's answers."""
    v = vocabularies
    data: dict = {
        "titulo": " ".join(values.get("titulo", "").split()),
        "comuna": _by_name(values.get("comuna", ""), v, "comunas"),
        "temas": [
            _by_name(t, v, "themes") for t in values.get("temas", "").split(",") if t.strip()
        ],
        "estado": "propuesto",
        "resumen": " ".join(values.get("resumen", "").split()),
        "area_responsable": " ".join(values.get("area_responsable", "").split()),
        "poblacion_afectada": _population(values),
        "tareas_ia": [
            _by_name(t, v, "ai_tasks") for t in values.get("tareas_ia", "").split(",") if t.strip()
        ],
        "datos": [_source(line, v) for line in _lines(values.get("datos", "")) if _complete(line)],
    }
    answers = triage(values, data["datos"], v)
    if answers.protection:
        data["proteccion_datos"] = answers.protection
    data["indicadores"] = [_indicator(line) for line in _lines(values.get("indicadores", ""))]
    data["riesgos"] = _lines(values.get("riesgos", ""))
    if answers.risk:
        data["evaluacion_riesgo"] = answers.risk
    data["contacto"] = _contact(values)
    data["fecha_registro"] = today.isoformat()
    if values.get("prioridad"):
        data["prioridad"] = _by_name(values["prioridad"], v, "priorities")
    return data, _body(values, problem_fields())


def join_front_matter(
    values: dict[str, str], vocabularies: Vocabularies, today: date
) -> tuple[dict, str]:
    """A join's front matter (without its id) and body, from the «Sumarse» form's answers:
    each answer it shares with the problem form is read as that form's is."""
    v = vocabularies
    data: dict = {
        "comparte": values.get("comparte", "").strip(),
        "comuna": _by_name(values.get("comuna", ""), v, "comunas"),
        "area_responsable": " ".join(values.get("area_responsable", "").split()),
        "poblacion_afectada": _population(values),
        "datos": [_source(line, v) for line in _lines(values.get("datos", "")) if _complete(line)],
    }
    risks = _lines(values.get("riesgos", ""))
    if risks:  # optional in a join, unless its data has personal data (CAT043 says so)
        data["riesgos"] = risks
    data["contacto"] = _contact(values)
    data["fecha_registro"] = today.isoformat()
    if values.get("prioridad"):
        data["prioridad"] = _by_name(values["prioridad"], v, "priorities")
    return data, _body(values, join_fields())


def _contact(values: dict[str, str]) -> dict[str, str]:
    """The contact answers of either form: the unit's name on one line, the address as typed."""
    return {
        "unidad": " ".join(values.get("contacto.unidad", "").split()),
        "correo": values.get("contacto.correo", "").strip(),
    }


def _body(values: dict[str, str], fields) -> str:
    """The body of either form's file: one «## » section per body question, in its order."""
    return "\n\n".join(
        f"## {field.label}\n\n{values.get(field.id, '').strip()}"
        for field in fields
        if field.id.startswith("cuerpo.")
    )


def _guess(text: str, vocabularies: Vocabularies, vocabulary: str) -> str:
    """The slug that some words of `text` name in a vocabulary («planilla Excel» → xlsx), tried
    three words at a time, then two, then one; "" when none does."""
    words = [word.group(0) for word in islice(_WORD.finditer(text), _GUESS_WORDS)]
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            slug = vocabularies.resolve(vocabulary, " ".join(words[start : start + size]))
            if slug:
                return slug
    return ""


def _data_line_problems(text: str, vocabularies: Vocabularies, path: str) -> list[Diagnostic]:
    """Each data line without its parts (a sentence, a missing format or access), explained
    with the line's format and an example made from the author's own words."""
    label = next(field.label for field in problem_fields() if field.id == "datos")
    assert label == next(field.label for field in join_fields() if field.id == "datos")
    problems = []
    wrong_lines = [(n, line) for n, line in enumerate(_lines(text), 1) if not _complete(line)]
    for number, line in wrong_lines[:MAX_DATA_LINE_PROBLEMS]:
        parts = _parts(line)
        count = len(parts)
        parts += [""] * DATA_PARTS
        if count > DATA_PARTS:
            wrong = f"tiene {count} partes y una fuente tiene a lo más {DATA_PARTS}"
        elif count == 1:
            wrong = "no separa sus partes con «|»"
        else:
            named = zip(("el nombre", "el formato", "el acceso"), parts, strict=False)
            wrong = "no dice " + " ni ".join(what for what, part in named if not part)
        # The author's words stay the name (a sentence, whole); the format and the access are
        # read from what they wrote when it names one («planilla Excel» → xlsx).
        name, words = (line, line) if count == 1 else (parts[0], f"{parts[1]} {parts[2]}")
        # Quoted as written, but no longer than the validator quotes: the comment must stay
        # within what GitHub accepts however long a pasted line is.
        line, name = _quoted(line), _quoted(name)
        named_format = _known(parts[1], vocabularies, "data_formats")
        fmt = named_format or _guess(words, vocabularies, "data_formats")
        access = _known(parts[2], vocabularies, "data_access") or _guess(
            words, vocabularies, "data_access"
        )
        example = " | ".join(
            [name or "Nombre de la fuente", fmt or "formato", access or "acceso"]
            + [parts[3] or "sí o no"]
            + [part for part in parts[4:DATA_PARTS] if part]
        )
        unknown = ""
        if parts[1] and not named_format:
            suggestion = vocabularies.suggestion("data_formats", parts[1])
            unknown = f" «{parts[1]}» no es un formato de la lista.{suggestion}"
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                Code.VALUE_NOT_ALLOWED,
                Severity.ERROR,
                f"La línea {number} de «{label}», «{line}», {wrong}.",
                "Escriba cada fuente en una línea, con sus partes separadas por «|»: nombre | "
                "formato | acceso | datos personales (sí o no), y si los sabe, | volumen | "
                f"dirección https. Por ejemplo: «{example}».{unknown} Formatos: "
                f"{', '.join(vocabularies.data_formats)}. Accesos: "
                f"{', '.join(vocabularies.data_access)}.",
            )
        )
    if len(wrong_lines) > MAX_DATA_LINE_PROBLEMS:
        more = len(wrong_lines) - MAX_DATA_LINE_PROBLEMS
        problems.append(
            RULES[Code.VALUE_NOT_ALLOWED].at(
                path,
                1,
                1,
                f"Hay {more} líneas más de «{label}» sin sus partes separadas por «|».",
                "Corrija primero las líneas de arriba y revise las demás de la misma forma.",
            )
        )
    return problems


def _label(field_id: str) -> str:
    return next(field.label for field in problem_fields() if field.id == field_id)


def _triage_problems(
    values: dict[str, str], data: dict, answers: Triage, path: str
) -> list[Diagnostic]:
    """Triage answers that contradict the data sources or leave out what they ask for, in the
    form's words: what the file declares must be what the author meant."""
    question = _label("triaje.datos_personales")
    data_label = _label("datos")
    personal = [source["nombre"] for source in data["datos"] if source["datos_personales"]]
    problems = []

    def problem(code: Code, message: str, hint: str) -> None:
        problems.append(Diagnostic(path, 1, 1, code, Severity.ERROR, message, hint))

    if _is(answers.personal, YES) and not personal:
        problem(
            Code.VALUE_NOT_ALLOWED,
            f"Respondió «{YES}» a «{question}», pero ninguna fuente de «{data_label}» dice «sí» "
            "en su cuarta parte (datos personales).",
            f"Escriba en «{data_label}» la fuente que tiene datos personales, con «sí» en su "
            "cuarta parte: nombre | formato | acceso | sí. O cambie la respuesta.",
        )
    if _is(answers.personal, NO) and personal:
        problem(
            Code.VALUE_NOT_ALLOWED,
            f"Respondió «{NO}» a «{question}», pero la fuente «{_quoted(personal[0])}» de "
            f"«{data_label}» dice «sí» en su cuarta parte (datos personales).",
            f"Si esa fuente tiene datos personales, responda «{YES}»; si no los tiene, escriba "
            "«no» en su cuarta parte.",
        )
    if answers.sensitive and not personal:
        problem(
            Code.VALUE_NOT_ALLOWED,
            f"Marcó datos sensibles en «{_label('proteccion_datos.datos_sensibles')}», pero "
            f"ninguna fuente de «{data_label}» tiene datos personales.",
            "Los datos sensibles son datos personales: escriba «sí» en la cuarta parte de la "
            "fuente que los tiene, o quite las marcas.",
        )
    assessment = values.get("proteccion_datos.evaluacion_impacto", "")
    if (
        personal
        and _is(assessment, YES)
        and not values.get("proteccion_datos.evaluacion_impacto_url", "").strip()
    ):
        problem(
            Code.IMPACT_ASSESSMENT_WITHOUT_LINK,
            f"Respondió «{YES}» a «{_label('proteccion_datos.evaluacion_impacto')}», pero "
            f"falta «{_label('proteccion_datos.evaluacion_impacto_url')}».",
            "Escriba la dirección https de la evaluación, para que cualquiera pueda leerla; si "
            f"aún no existe, responda «{NO}».",
        )
    if (
        answers.decisions in DECIDING_ROLES
        and not values.get("evaluacion_riesgo.supervision_humana", "").strip()
    ):
        problem(
            Code.OVERSIGHT_MISSING,
            f"El sistema apoyaría o tomaría decisiones sobre personas, pero falta "
            f"«{_label('evaluacion_riesgo.supervision_humana')}».",
            "Diga quién revisa lo que propone el sistema antes de que afecte a una persona (un "
            "cargo) y cómo se corrige, por ejemplo «Una asistente social revisa cada alerta "
            "antes de contactar a la familia».",
        )
    level = values.get("evaluacion_riesgo.nivel", "").strip()
    if level and not _is(level, UNKNOWN) and not values.get("evaluacion_riesgo.motivo", "").strip():
        problem(
            Code.MISSING_FIELD,
            f"Eligió el nivel de riesgo «{_quoted(level)}», pero falta "
            f"«{_label('evaluacion_riesgo.motivo')}».",
            f"Escriba en una frase por qué ese nivel; si no lo sabe, elija «{UNKNOWN}» en "
            f"«{_label('evaluacion_riesgo.nivel')}».",
        )
    return problems


def _indicator_problems(text: str, path: str) -> list[Diagnostic]:
    """Indicator lines with more parts than an indicator has, or without a name or a unit."""
    label = _label("indicadores")
    problems = []
    wrong = [
        (n, line)
        for n, line in enumerate(_lines(text), 1)
        if len(parts := _parts(line)) > 1 and (len(parts) > INDICATOR_PARTS or not all(parts[:2]))
    ]
    for number, line in wrong[:MAX_DATA_LINE_PROBLEMS]:
        parts = _parts(line)
        if len(parts) > INDICATOR_PARTS:
            why = f"tiene {len(parts)} partes y un indicador tiene a lo más {INDICATOR_PARTS}"
        else:
            why = "no dice " + " ni ".join(
                what
                for what, part in zip(("el nombre", "la unidad"), parts, strict=False)
                if not part
            )
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                Code.VALUE_NOT_ALLOWED,
                Severity.ERROR,
                f"La línea {number} de «{label}», «{_quoted(line)}», {why}.",
                "Escriba cada indicador en una línea: nombre | unidad | línea base | fecha de la "
                "línea base | meta. Por ejemplo: «Denuncias sin respuesta | % de denuncias | 40 | "
                "31-03-2025 | 10».",
            )
        )
    return problems


def _quoted(words: str) -> str:
    return words if len(words) <= QUOTE_LIMIT else words[:QUOTE_LIMIT] + "…"


def _known(value: str, vocabularies: Vocabularies, vocabulary: str) -> str:
    return (vocabularies.resolve(vocabulary, value) or "") if value else ""


def _unconfirmed(text: str, path: str) -> list[Diagnostic]:
    """The confirmations of «Antes de enviar» the author did not tick."""
    ticked = set()
    for line in text.splitlines():
        if (box := _CHECKBOX.match(line)) and box.group(1) in "xX":
            ticked.add(" ".join(box.group(2).split()))
    return [
        Diagnostic(
            path,
            1,
            1,
            Code.MISSING_FIELD,
            Severity.ERROR,
            f"En «{CHECKLIST_LABEL}» falta marcar «{confirmation}».",
            "Edite el issue y marque cada casilla de «Antes de enviar»; si alguna no se "
            "cumple todavía, espere a que se cumpla para enviarlo.",
        )
        for confirmation in CONFIRMATIONS
        if " ".join(confirmation.split()) not in ticked
    ]


def _file_name(root: Path, comuna: str, title: str, problem_id: str) -> str:
    stem = file_stem(title, problem_id)
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
    # Accents typed as combining marks (NFD, as some keyboards and pasted text give them) are
    # written as one character each, the form every other file of the catalogue uses.
    body = unicodedata.normalize("NFC", body)
    fields = form_of(body)
    if fields[0].id == "comparte":
        return _convert_join(body, fields, root, vocabularies, today, reserved_ids)
    values = {}
    labels = {field.label: field.id for field in fields}
    given = answers(body, fields)
    for label, value in given.items():
        if label in labels:
            values[labels[label]] = value
    data, text_body = front_matter(values, vocabularies, today)
    declared = triage(values, data["datos"], vocabularies)
    comuna = vocabularies.comunas.get(data["comuna"])
    folder = comuna.slug if comuna else "comuna-desconocida"
    problem_id = next_id(root, comuna.cut, reserved_ids) if comuna else "00000-001"
    text = document({"id": problem_id, **data}, text_body)
    path = _file_name(root, folder, data["titulo"], problem_id)
    result = check_bytes(path, "problema", text.encode("utf-8"), vocabularies)
    found = [
        *_data_line_problems(values.get("datos", ""), vocabularies, path),
        *_triage_problems(values, data, declared, path),
        *_indicator_problems(values.get("indicadores", ""), path),
        *_unconfirmed(given.get(CHECKLIST_LABEL, ""), path),
    ]
    # The validator's findings that the form's own words above already say.
    said = {d.code for d in found} & {Code.OVERSIGHT_MISSING, Code.IMPACT_ASSESSMENT_WITHOUT_LINK}
    checked = [d for d in result.diagnostics if d.code not in said]
    labels = review_labels(data, declared)
    return Conversion(path, text, found + checked, labels=labels, pending=tuple(declared.pending))


def _convert_join(
    body: str,
    fields: list[FormField],
    root: Path,
    vocabularies: Vocabularies,
    today: date,
    reserved_ids: Iterable[str],
) -> Conversion:
    """The join file a «Sumarse a un problema» issue makes, checked on its own and against
    the catalogue (the shared problem exists, is of another comuna, not joined twice)."""
    from catalogo.loading.catalogue import catalogue_heads
    from catalogo.validation.cross_file import FileSummary, Reference, check_joins

    labels = {field.label: field.id for field in fields}
    given = answers(body, fields)
    values = {labels[label]: value for label, value in given.items() if label in labels}
    data, text_body = join_front_matter(values, vocabularies, today)
    comuna = vocabularies.comunas.get(data["comuna"])
    folder = comuna.slug if comuna else "comuna-desconocida"
    join_id = next_id(root, comuna.cut, reserved_ids) if comuna else "00000-001"
    text = document({"comparte": data.pop("comparte"), "id": join_id, **data}, text_body)
    heads = catalogue_heads(root)
    shared = next(
        (head for head in heads if head.problem_id == values.get("comparte", "").strip()), None
    )
    stem = PurePosixPath(shared.path).stem if shared else f"adhesion-{join_id}"
    path = _unique_path(root, folder, stem)
    result = check_bytes(path, "problema", text.encode("utf-8"), vocabularies)
    # The catalogue's own join rules, with this file after every file already there.
    summaries = [
        FileSummary(
            head.path,
            "adhesion" if head.shares else "problema",
            head.problem_id,
            comuna=head.comuna,
            shares=Reference(head.shares, 1, 1) if head.shares else None,
        )
        for head in heads
    ]
    by_id = {summary.problem_id: summary for summary in summaries if summary.problem_id}
    across = [
        finding
        for finding in check_joins([*summaries, result.summary], by_id)
        if finding.file == path
    ]
    found = [
        *_data_line_problems(values.get("datos", ""), vocabularies, path),
        *_unconfirmed(given.get(CHECKLIST_LABEL, ""), path),
    ]
    return Conversion(path, text, found + result.diagnostics + across, join=True)


def _unique_path(root: Path, comuna: str, stem: str) -> str:
    candidate, number = stem, 2
    while (root / "problems" / comuna / f"{candidate}.md").exists():
        candidate, number = f"{stem}-{number}", number + 1
    return f"problems/{comuna}/{candidate}.md"


# GitHub refuses comments longer than 65,536 characters.
_COMMENT_ROOM = 60_000
# Residents' personal data the validator finds, as the comment names it (never the data).
_PERSONAL = {
    Code.RUT: "un RUT de una persona",
    Code.PHONE_NUMBER: "un número de teléfono",
    Code.EMAIL_OUTSIDE_CONTACT: "una dirección de correo",
}
_PUBLIC_ALREADY = (
    "**Datos personales en este issue.** Lo que se escribe en un issue ya es público: cualquiera "
    "puede leerlo, y GitHub guarda el historial de ediciones, así que borrar el dato del texto "
    "no basta. Solo los responsables del catálogo pueden borrar un issue: escriba aquí un "
    "comentario que diga «Por favor borren este issue: contiene datos personales», sin repetir "
    "el dato, y vuelva a proponer el problema en un issue nuevo, sin él. Si el teléfono o el "
    "correo son de la municipalidad y no de una persona, basta con quitarlos del texto: el "
    "contacto va en «Contacto: correo».\n\n"
)


def _question(text: str, line: int, fields: list[FormField] | None = None) -> str | None:
    """The form's question whose answer became line `line` (1-based) of the file `text`: the
    body section it is in, or the front matter key (and nested key) it belongs to."""
    lines = text.split("\n")
    end = lines.index("---", 1) if "---" in lines[1:] else len(lines)
    fields = fields or problem_fields()
    above = lines[1:line]  # the front matter down to the line itself
    if line - 1 > end:  # in the body: its `## ` sections are the form's last questions
        sections = [f.label for f in fields if f.id.startswith("cuerpo.")]
        headings = [text[3:] for text in lines[end:line] if text[3:] in sections]
        return headings[-1] if headings else None
    keys = [(n, m.group(1)) for n, t in enumerate(above) if (m := _TOP_KEY.match(t))]
    if not keys:
        return None
    start, key = keys[-1]
    inner = [m.group(1) for t in above[start + 1 :] if (m := _NESTED_KEY.match(t))]
    ids = [f"{key}.{name}" for name in inner[-1:]] + [key]
    return next((f.label for i in ids for f in fields if f.id == i), None)


def comment(conversion: Conversion | None, error: str | None = None) -> str:
    """What the workflow posts on the issue, in Spanish Markdown. Everything quoted from the
    issue is made literal text (no links, images or @mentions)."""
    if error:
        return f"No pude convertir este issue en un problema: {markdown_literal(error)}\n"
    assert conversion is not None
    what = "La adhesión" if conversion.join else "El problema"
    if conversion.errors:
        # No line numbers: they would point into a file the author never sees.
        rows = []
        for d in conversion.errors:
            message, hint = d.message, d.hint or ""
            if d.code in _PERSONAL:
                # Said without the data (not even a part of it), and where it is.
                fields = join_fields() if conversion.join else None
                question = _question(conversion.text, d.line, fields)
                where = f"La respuesta «{question}»" if question else "El texto del issue"
                message = f"{where} contiene {_PERSONAL[d.code]}."
                hint = "Vea la nota sobre datos personales, arriba de esta tabla."
            rows.append(f"| {markdown_literal(message)} | {markdown_literal(hint)} |")
        personal = any(d.code in _PERSONAL for d in conversion.errors)
        return (
            f"{what} todavía no se puede publicar: el validador encontró esto. Edite el issue "
            "para corregirlo y un responsable volverá a aplicar la etiqueta.\n\n"
            + (_PUBLIC_ALREADY if personal else "")
            + "| Problema | Cómo corregirlo |\n| --- | --- |\n"
            + "\n".join(rows)
            + "\n"
        )
    header, _, _ = conversion.text.removeprefix("---\n").partition("\n---\n")
    if len(header) > _COMMENT_ROOM:
        shown = (
            "El encabezado es demasiado largo para mostrarlo aquí: revíselo en el *pull request*.\n"
        )
    else:
        told = (
            "el texto de la adhesión es la última respuesta del issue"
            if conversion.join
            else "el texto del problema son las tres últimas respuestas del issue"
        )
        shown = (
            f"Este es el encabezado del archivo, tal como se publicará; {told}.\n\n"
            + markdown_block(f"---\n{header}\n---", "yaml")
        )
    return (
        f"{what} se puede publicar: el archivo es {markdown_code(conversion.path)}. Un "
        "responsable del municipio lo revisa en el *pull request* antes de publicarlo.\n\n"
        + _review_note(conversion)
        + shown
    )


def _review_note(conversion: Conversion) -> str:
    """Which `revision:…` labels the answers gave, who else reviews, and what is left to the
    reviewers; all of it written here (no answer is quoted)."""
    lines = []
    if conversion.labels:
        names = ", ".join(markdown_code(label.name) for label in conversion.labels)
        team = any(label.team for label in conversion.labels)
        which = "la etiqueta" if len(conversion.labels) == 1 else "las etiquetas"
        lines.append(
            f"Por lo que declara, el issue y el *pull request* llevan {which} {names}"
            + (": lo revisa también el equipo de protección de datos." if team else ".")
        )
    if conversion.pending:
        lines.append("Queda por completar " + "; ".join(conversion.pending) + ".")
    return "".join(f"{line}\n\n" for line in lines)
