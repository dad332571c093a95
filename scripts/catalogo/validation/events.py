"""Check the events file: its reading, its fields against the model, and that every problem
and solution an event names exists in the catalogue."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from catalogo.core.codes import Code
from catalogo.loading.events import EVENTS_FILE, ParsedEvents, read_events
from catalogo.loading.yaml_tree import locate
from catalogo.model.event import EventsFile
from catalogo.model.types import KEBAB_RE, PROBLEM_ID_RE
from catalogo.model.vocabularies import Vocabularies
from catalogo.validation.checks.body import front_matter_html
from catalogo.validation.checks.characters import check_characters
from catalogo.validation.checks.file_context import FileContext, Findings, as_read
from catalogo.validation.checks.model_errors import explain
from catalogo.validation.checks.privacy import check_privacy
from catalogo.validation.checks.reading import check_reading
from catalogo.validation.cross_file import FileSummary
from catalogo.validation.rules import RULES

KIND = "eventos"


def check_events(
    root: Path, vocabularies: Vocabularies, summaries: list[FileSummary]
) -> tuple[Findings, ParsedEvents | None]:
    """The events file's findings (none when the catalogue has no events file), and the file
    as read and parsed, for the site to use the very reading that was checked."""
    try:
        parsed = read_events(root, vocabularies)
    except OSError as error:
        message = f"No se pudo leer `{EVENTS_FILE}`: {error.strerror or error}."
        return [RULES[Code.UNREADABLE].at(EVENTS_FILE, 1, 1, message)], None
    if parsed is None:
        return [], None
    return check_parsed_events(parsed, vocabularies, summaries), parsed


def check_parsed_events(
    parsed: ParsedEvents, vocabularies: Vocabularies, summaries: list[FileSummary]
) -> Findings:
    ctx = FileContext(EVENTS_FILE, KIND, parsed.document, vocabularies)
    # What a problem's front matter gets: the site shows these texts too.
    findings = check_reading(ctx) + check_characters(ctx) + front_matter_html(ctx)
    findings += check_privacy(ctx)
    if parsed.error is not None:
        findings += explain(ctx, EventsFile, parsed.error)
    return findings + _references(ctx, summaries)


def _references(ctx: FileContext, summaries: list[FileSummary]) -> Findings:
    """Ids and names that resolve to nothing, read from the YAML as written (so that one bad
    entry does not hide the others' references)."""
    data = ctx.data or {}
    events = data.get("eventos")
    if not isinstance(events, list):
        return []
    problem_ids = {s.problem_id for s in summaries if s.kind == "problema" and s.problem_id}
    solutions = {PurePosixPath(s.path).stem for s in summaries if s.kind == "solucion"}
    findings: Findings = []
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        for key, known, what, pattern in (
            ("problemas", problem_ids, "ningún problema con id", PROBLEM_ID_RE),
            ("soluciones", solutions, "ninguna solución llamada", KEBAB_RE),
        ):
            values = event.get(key)
            if not isinstance(values, list):
                continue
            for position, value in enumerate(map(as_read, values)):
                # A malformed one is the model's finding already.
                if isinstance(value, str) and pattern.fullmatch(value) and value not in known:
                    where = ("eventos", index, key, position)
                    _, node, _ = locate(ctx.document.root, where)
                    findings.append(
                        ctx.at(
                            Code.UNKNOWN_EVENT_REFERENCE,
                            ctx.document.position(node),
                            f"No hay {what} «{value}» en el catálogo.",
                        )
                    )
    return findings
