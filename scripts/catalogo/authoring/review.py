"""Review that follows the risk: which problems, joins and solutions a pull request changes
declare personal data, sensitive data, high risk or decisions about people; the `revision:…`
labels that say so; and whether the data protection team of schema/responsables.yml is asked
to review.

It runs in two halves, because a pull request from a fork must never run its code next to a
token that can write:
- `find_changes` runs on the pull request's checkout, read-only, and `record` makes what it
  found into plain data (paths, field names, vocabulary slugs; never free text);
- `check_record` runs in the privileged workflow, on the base branch's code, and trusts
  nothing of that data: every value is checked against fixed patterns and sizes, the labels
  come from `LABELS` and the team from the base branch's registry, and every sentence of the
  summary is written here, not taken from the record.

What a file declares is the municipality's own statement; the validator's privacy checks
(residents' data in the text) run whatever it says.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from catalogo.core.errors import CatalogoError
from catalogo.core.text_safety import markdown_code, markdown_literal
from catalogo.loading.catalogue import catalogue_heads
from catalogo.loading.discovery import read_bytes
from catalogo.loading.git_refs import changed_catalogue_files
from catalogo.loading.reader import MAX_BYTES, read_document
from catalogo.model.join import Join, is_join
from catalogo.model.problem import DataSource, Problem
from catalogo.model.responsible import (
    DECIDING_ROLES,
    HIGH_RISK,
    UNACCEPTABLE_RISK,
    DataProtection,
    RiskAssessment,
)
from catalogo.model.solution import Solution
from catalogo.model.types import PROBLEM_ID_RE, CatalogModel
from catalogo.model.vocabularies import Vocabularies

FORMAT = 1
ARTIFACT = "revision-segun-riesgo"  # the artifact's name, in both workflows
RECORD_NAME = "revision.json"
MAX_FINDINGS = 2000
MAX_RECORD_BYTES = 1_000_000
MAX_VALUES = 40


def _key(model: type[CatalogModel], attribute: str) -> str:
    return model.model_fields[attribute].alias or attribute


# The front matter keys read here: the model's own, so a renamed key is renamed here too.
SOURCES_KEY, PERSONAL_KEY = _key(Problem, "data_sources"), _key(DataSource, "personal_data")
PROTECTION_KEY = _key(Problem, "data_protection")
SENSITIVE_KEY = _key(DataProtection, "sensitive_data")
RISK_KEY, LEVEL_KEY = _key(Problem, "risk"), _key(RiskAssessment, "level")
DECISIONS_KEY = _key(RiskAssessment, "decisions")
SOLUTION_PROBLEMS_KEY = _key(Solution, "problems")
SHARED_KEY = _key(Join, "shared")
# The tiers that ask for the data protection team's review: `inaceptable` too, which the
# validator refuses, so that the team hears of the attempt.
HIGH_LEVELS = (HIGH_RISK, UNACCEPTABLE_RISK)


@dataclass(frozen=True, slots=True)
class ReviewLabel:
    name: str
    description: str  # GitHub shows it in the label list (at most 100 characters)
    color: str
    team: bool  # whether the data protection team is asked to review


# By declaration: what the file says (the keys above) -> the label it gets.
PERSONAL, SENSITIVE, HIGH_RISK, DECISIONS = (
    "datos_personales",
    "datos_sensibles",
    "riesgo_alto",
    "decisiones_sobre_personas",
)
LABELS: dict[str, ReviewLabel] = {
    PERSONAL: ReviewLabel(
        "revision:datos-personales",
        "Declara fuentes con datos personales: revisar la protección de datos declarada",
        "fbca04",
        False,
    ),
    SENSITIVE: ReviewLabel(
        "revision:datos-sensibles",
        "Declara datos sensibles (Ley 21.719): revisa el equipo de protección de datos",
        "d93f0b",
        True,
    ),
    HIGH_RISK: ReviewLabel(
        "revision:riesgo-alto",
        "Declara riesgo alto: revisa el equipo de protección de datos",
        "b60205",
        True,
    ),
    DECISIONS: ReviewLabel(
        "revision:decisiones-sobre-personas",
        "Tomaría o apoyaría decisiones sobre personas: revisa el equipo de protección de datos",
        "5319e7",
        True,
    ),
}
# What each declaration is, for the summary, and where it is written in the file.
_SAID = {
    PERSONAL: ("datos personales", f"{SOURCES_KEY}[].{PERSONAL_KEY}: true"),
    SENSITIVE: ("datos sensibles", f"{PROTECTION_KEY}.{SENSITIVE_KEY}"),
    HIGH_RISK: ("nivel de riesgo", f"{RISK_KEY}.{LEVEL_KEY}"),
    DECISIONS: ("decisiones sobre personas", f"{RISK_KEY}.{DECISIONS_KEY}"),
}
# The vocabulary whose names the summary shows for each declaration's values.
_VOCABULARY = {SENSITIVE: "sensitive_data", HIGH_RISK: "risk_levels", DECISIONS: "decision_roles"}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_PATH = re.compile(rf"problems/{_NAME}/{_NAME}\.md|solutions/{_NAME}\.md")
_SHA = re.compile(r"[0-9a-f]{40}")


class ReviewError(CatalogoError):
    """The record is not one `record` writes; the message says why, in Spanish."""

    def __str__(self) -> str:
        return f"No se usó el registro de la revisión: {self.args[0]}"


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # the changed file
    declaration: str  # a key of LABELS
    values: tuple[str, ...] = ()  # slugs: categories, the tier, the role
    problem: str | None = None  # the problem that declares it, for a join or a solution


def declarations(data: object) -> list[tuple[str, tuple[str, ...]]]:
    """What a problem's front matter, as written, declares: (declaration, slugs). Read
    leniently: a value of the wrong type declares nothing here, and the validator says why."""
    if not isinstance(data, dict):
        return []
    found: list[tuple[str, tuple[str, ...]]] = []
    if _personal(data):
        found.append((PERSONAL, ()))
    protection = data.get(PROTECTION_KEY)
    if isinstance(protection, dict):
        sensitive = protection.get(SENSITIVE_KEY)
        if isinstance(sensitive, list) and sensitive:
            found.append((SENSITIVE, _slugs(sensitive)))
    risk = data.get(RISK_KEY)
    if isinstance(risk, dict):
        level = _slug(risk.get(LEVEL_KEY))
        if level in HIGH_LEVELS:
            found.append((HIGH_RISK, (level,)))
        role = _slug(risk.get(DECISIONS_KEY))
        if role in DECIDING_ROLES:
            found.append((DECISIONS, (role,)))
    return found


def _personal(data: dict) -> bool:
    sources = data.get(SOURCES_KEY)
    return isinstance(sources, list) and any(
        isinstance(source, dict) and source.get(PERSONAL_KEY) is True for source in sources
    )


def _slug(value: object) -> str:
    return value.strip() if isinstance(value, str) and _SLUG.fullmatch(value.strip()) else ""


def _slugs(values: list) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in (_slug(v) for v in values[:MAX_VALUES]) if s))


def _front_matter(root: Path, path: str) -> object:
    try:
        raw, size = read_bytes(root, path, MAX_BYTES)
        return read_document(raw, size).data
    except Exception:  # an unreadable file declares nothing; the validator says why
        return None


def find_changes(root: Path, base: str, ref: str = "HEAD") -> list[Finding]:
    """What the files that `ref` changes with respect to `base` declare, read from the
    checkout (which is `ref`): a problem its own declarations; a join its own sources and the
    shared problem's declarations; a solution those of each problem it addresses."""
    findings: list[Finding] = []
    problems: dict[str, str] | None = None  # problem id -> path, read only when needed
    for path in changed_catalogue_files(root, base, ref):
        if not _PATH.fullmatch(path):
            continue  # a name the validator refuses: the pull request cannot be merged
        data = _front_matter(root, path)
        if not isinstance(data, dict):
            continue
        if path.startswith("problems/") and not is_join(data):
            findings += [Finding(path, d, values) for d, values in declarations(data)]
            continue
        if path.startswith("problems/"):  # a join: its own sources, the shared problem's rest
            if _personal(data):
                findings.append(Finding(path, PERSONAL))
            referred = [data.get(SHARED_KEY)]
        else:
            listed = data.get(SOLUTION_PROBLEMS_KEY)
            referred = listed if isinstance(listed, list) else []
        if problems is None:
            problems = {
                head.problem_id: head.path
                for head in catalogue_heads(root)
                if head.problem_id and head.shares is None
            }
        for problem_id in dict.fromkeys(r.strip() for r in referred if isinstance(r, str)):
            if problem_id in problems and PROBLEM_ID_RE.fullmatch(problem_id):
                declared = declarations(_front_matter(root, problems[problem_id]))
                findings += [
                    Finding(path, d, values, problem_id)
                    for d, values in declared
                    # A solution handles no personal data of its own in the catalogue: the
                    # problem's sources are the problem's review.
                    if d != PERSONAL
                ]
    return findings


def kept(findings: list[Finding]) -> tuple[list[Finding], int]:
    """At most MAX_FINDINGS findings, with every declaration among them (so the labels stay
    right however large the pull request), and how many were left out."""
    if len(findings) <= MAX_FINDINGS:
        return findings, 0
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.declaration, finding)
    # Room for one finding of each declaration, then the rest in order up to the limit.
    chosen = dict.fromkeys(findings[: MAX_FINDINGS - len(first)])
    chosen.update(dict.fromkeys(first.values()))
    for finding in findings[MAX_FINDINGS - len(first) :]:
        if len(chosen) >= MAX_FINDINGS:
            break
        chosen.setdefault(finding)
    ordered = [finding for finding in findings if finding in chosen]
    return ordered, len(findings) - len(ordered)


def record(findings: list[Finding], number: int, head: str) -> dict:
    """The findings as plain data, for the privileged workflow (`check_record`)."""
    shown, left_out = kept(findings)
    return {
        "formato": FORMAT,
        "pull_request": number,
        "cabeza": head,
        "hallazgos": [
            {
                "archivo": f.path,
                "declaracion": f.declaration,
                "valores": list(f.values),
                "problema": f.problem,
            }
            for f in shown
        ],
        "omitidos": left_out,
    }


def read_record(path: Path) -> bytes:
    """At most MAX_RECORD_BYTES + 1 bytes of the record file: a symlink is not followed (an
    artifact is anyone's), and a huge file is not read whole."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as handle:
            return handle.read(MAX_RECORD_BYTES + 1)
    except OSError as error:
        raise ReviewError(f"no se pudo leer el registro {path.name}: {error.strerror}.") from None


def check_record(raw: bytes, head: str) -> tuple[int, list[Finding], int]:
    """The pull request's number and findings from a record written by the pull request's own
    code (so, by anyone): refused unless every part is what `record` writes, and unless it is
    about `head`, the commit the finished run checked."""
    if len(raw) > MAX_RECORD_BYTES:
        raise ReviewError(f"el registro supera los {MAX_RECORD_BYTES // 1000} KB.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ReviewError("el registro no es JSON en UTF-8.") from None
    expected = {"formato", "pull_request", "cabeza", "hallazgos", "omitidos"}
    if not isinstance(data, dict) or set(data) != expected or data["formato"] != FORMAT:
        raise ReviewError(f"el registro no tiene exactamente las claves {sorted(expected)}.")
    number = data["pull_request"]
    if type(number) is not int or not 0 < number < 10**9:
        raise ReviewError("el número del pull request no es un entero positivo.")
    if not isinstance(data["cabeza"], str) or not _SHA.fullmatch(data["cabeza"]):
        raise ReviewError("la cabeza del registro no es un commit (40 cifras hexadecimales).")
    if data["cabeza"] != head:
        raise ReviewError("el registro es de otro commit que el que revisó la ejecución terminada.")
    items = data["hallazgos"]
    if not isinstance(items, list) or len(items) > MAX_FINDINGS:
        raise ReviewError(f"«hallazgos» no es una lista de a lo más {MAX_FINDINGS} elementos.")
    left_out = data["omitidos"]
    if type(left_out) is not int or not 0 <= left_out < 10**7:
        raise ReviewError("«omitidos» no es un número de hallazgos.")
    return number, [_checked_finding(item, n) for n, item in enumerate(items, 1)], left_out


def _checked_finding(item: object, number: int) -> Finding:
    where = f"el hallazgo {number} del registro"
    keys = {"archivo", "declaracion", "valores", "problema"}
    if not isinstance(item, dict) or set(item) != keys:
        raise ReviewError(f"{where} no tiene exactamente las claves {sorted(keys)}.")
    path, declaration = item["archivo"], item["declaracion"]
    values, problem = item["valores"], item["problema"]
    if not isinstance(path, str) or not _PATH.fullmatch(path):
        raise ReviewError(f"{where} no nombra un archivo de problems/ o solutions/.")
    if declaration not in LABELS:
        raise ReviewError(f"{where} no es una de las declaraciones {sorted(LABELS)}.")
    if (
        not isinstance(values, list)
        or len(values) > MAX_VALUES
        or not all(isinstance(v, str) and len(v) <= 60 and _SLUG.fullmatch(v) for v in values)
    ):
        raise ReviewError(f"{where} tiene valores que no son nombres cortos de un vocabulario.")
    if problem is not None and not (isinstance(problem, str) and PROBLEM_ID_RE.fullmatch(problem)):
        raise ReviewError(f"{where} nombra un problema con un id que no es como 13119-001.")
    return Finding(path, declaration, tuple(values), problem)


def labels(findings: Iterable[Finding]) -> list[ReviewLabel]:
    """The labels the findings ask for, in the order of LABELS."""
    found = {f.declaration for f in findings}
    return [label for key, label in LABELS.items() if key in found]


def needs_team(findings: Iterable[Finding]) -> bool:
    return any(label.team for label in labels(findings))


def team_slug(team: str) -> tuple[str, str]:
    """@organizacion/equipo -> (organizacion, equipo), as the review request API wants it."""
    organisation, _, slug = team.removeprefix("@").partition("/")
    return organisation, slug


def summary(
    findings: list[Finding], vocabularies: Vocabularies, team: str | None, left_out: int = 0
) -> str:
    """The job summary, in Spanish Markdown: which file declares what, the labels it gets and
    who is asked to review. Everything here is written by this function; what comes from the
    files (paths, slugs) is shown as code or as the vocabulary's own name."""
    lines = ["## Revisión según el riesgo declarado", ""]
    if not findings:
        lines.append(
            "Ningún problema, adhesión o solución que cambia este pull request declara datos "
            "personales, datos sensibles, riesgo alto ni decisiones sobre personas: no se "
            "agregan etiquetas de revisión."
        )
        return "\n".join(lines) + "\n"
    lines += [
        "Estos archivos declaran algo que pide una revisión más. Lo declara el municipio en el "
        "archivo; las revisiones de privacidad del validador (datos de vecinas y vecinos en el "
        "texto) se hacen igual.",
        "",
        "| Archivo | Declara | Etiqueta |",
        "| --- | --- | --- |",
    ]
    for finding in findings:
        what, key = _SAID[finding.declaration]
        names = [_name(vocabularies, finding.declaration, v) for v in finding.values]
        said = f"{what}: {', '.join(names)}" if names else what
        said += f" ({markdown_code(key, table_cell=True)})"
        if finding.problem:
            # A solution addresses the problem; a join (a comuna's file) joins it.
            how = "que atiende" if finding.path.startswith("solutions/") else "al que se suma"
            said = f"por el problema {markdown_code(finding.problem)} {how}: {said}"
        label = LABELS[finding.declaration].name
        lines.append(
            f"| {markdown_code(finding.path, table_cell=True)} | {said} | "
            f"{markdown_code(label, table_cell=True)} |"
        )
    if left_out:
        lines.append(f"| … | y {left_out} declaraciones más, del mismo tipo que las de arriba | |")
    lines.append("")
    if needs_team(findings) and team:
        lines.append(
            f"Se pide la revisión del equipo de protección de datos, {markdown_code(team)} "
            "(schema/responsables.yml), porque hay datos sensibles, riesgo alto o decisiones "
            "sobre personas."
        )
    elif needs_team(findings):
        lines.append(
            "Hay datos sensibles, riesgo alto o decisiones sobre personas, pero "
            "schema/responsables.yml no nombra un equipo de protección de datos "
            "(«proteccion_datos»): solo se agregan las etiquetas."
        )
    else:
        lines.append(
            "Solo se agrega la etiqueta: las fuentes con datos personales las revisa el equipo "
            "del municipio, con la protección de datos que el problema declara."
        )
    return "\n".join(lines) + "\n"


def _name(vocabularies: Vocabularies, declaration: str, slug: str) -> str:
    """The vocabulary's name for a slug («Niños, niñas y adolescentes»), or the slug as code
    when this branch's vocabularies do not have it."""
    terms = getattr(vocabularies, _VOCABULARY.get(declaration, ""), None) or {}
    term = terms.get(slug)
    return markdown_literal(term.name) if term else markdown_code(slug, table_cell=True)


def plan(number: int, findings: list[Finding], team: str | None) -> dict:
    """What the privileged workflow does, as data: the labels (with their description and
    colour) and the team to ask, if any."""
    organisation, slug = team_slug(team) if team and needs_team(findings) else ("", "")
    return {
        "pull_request": number,
        "etiquetas": [
            {"nombre": label.name, "descripcion": label.description, "color": label.color}
            for label in labels(findings)
        ],
        "equipo": slug,
        "organizacion": organisation,
    }
