"""The programme's events (eventos.yml): the model, its Spanish findings at file:line:col, the
repository's file, and the Hackatón page that lists them, upcoming or past as of the build."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from markupsafe import escape

from catalogo.loading.catalogue import load_catalogue
from catalogo.loading.events import EVENTS_FILE, load_events, parse_events
from catalogo.model.readiness import CRITERIA
from catalogo.site.pages import PageWriter
from catalogo.site.settings import read_settings
from catalogo.site.views import Views
from catalogo.validation.cross_file import FileSummary
from catalogo.validation.events import check_parsed_events
from catalogo.validation.run import validate_catalogue
from conftest import REPO, run_cli

SUMMARIES = [
    FileSummary("problems/maipu/reclamos.md", "problema", problem_id="13119-001"),
    FileSummary("solutions/acta-viva.md", "solucion"),
]

VALID = """\
eventos:
  - nombre: Hackatón de prueba
    tipo: hackaton
    fecha: 2025-07-10
    lugar: renca
    organizadores: [Laboratorio de Gobierno]
    inscripcion: https://inscripcion.example.cl/
    problemas: ["13119-001"]
    soluciones: [acta-viva]
"""


def _findings(text: str, vocabularies) -> list[str]:
    parsed = parse_events(text.encode("utf-8"), vocabularies)
    found = check_parsed_events(parsed, vocabularies, SUMMARIES)
    return sorted(f"{d.code}@{d.line}:{d.column}" for d in found)


def test_a_valid_events_file_has_no_findings(vocabularies):
    assert _findings(VALID, vocabularies) == []
    parsed = parse_events(VALID.encode(), vocabularies)
    (event,) = parsed.model.events
    assert (event.kind, event.start, event.place) == ("hackaton", date(2025, 7, 10), "renca")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("lugar: renca", "lugar: renka", "CAT039@5:12"),  # unknown comuna
        ("fecha: 2025-07-10", "fecha: 10-07-2025", "CAT035@4:12"),  # malformed date
        ("fecha: 2025-07-10", "fecha: 2025-02-30", "CAT035@4:12"),  # a day that does not exist
        ("https://inscripcion", "http://inscripcion", "CAT036@7:18"),  # not https
        ('["13119-001"]', '["13119-999"]', "CAT083@8:17"),  # unknown problem
        ("[acta-viva]", "[acta-muerta]", "CAT083@9:18"),  # unknown solution
        ('["13119-001"]', '["13119-1"]', "CAT037@8:17"),  # malformed id: one finding, not two
        ("tipo: hackaton", "tipo: hackatón", "CAT033@3:11"),
        ("    organizadores", "    fecha_fin: 2025-07-01\n    organizadores", "CAT044@2:5"),
        ("    organizadores", "    color: rojo\n    organizadores", "CAT031@6:5"),
        # The site shows these texts, as it shows a problem's: no markup, no resident's data.
        ("de prueba", "de <b>prueba</b>", "CAT062@2:25"),
        ("[Laboratorio de Gobierno]", '["Juan, RUT 12.345.678-5"]', "CAT070@6:32"),
    ],
)
def test_each_mistake_is_one_spanish_finding_where_it_was_written(vocabularies, old, new, expected):
    assert old in VALID
    assert _findings(VALID.replace(old, new), vocabularies) == [expected]


def test_the_findings_say_the_field_in_spanish(vocabularies):
    parsed = parse_events(VALID.replace("renca", "renka").encode(), vocabularies)
    (finding,) = check_parsed_events(parsed, vocabularies, SUMMARIES)
    assert "Lugar" in finding.message and "¿Quiso decir «renca»?" in finding.message


def test_an_unreadable_events_file_is_a_reading_finding(vocabularies):
    assert _findings("eventos:\n  - nombre: [\n", vocabularies)[0].startswith("CAT007@")


def test_the_repository_events_validate_and_follow_the_programme(vocabularies):
    """The programme (issue 11's context) announces two workshops at the Laboratorio de
    Gobierno, on 5 and 12 June, and the hackathon in Renca on 10 July 2025."""
    report = validate_catalogue(REPO, vocabularies, only=[EVENTS_FILE])
    assert report.diagnostics == []
    events = load_events(REPO, vocabularies)
    assert [(e.kind, e.start.isoformat(), e.place) for e in events] == [
        ("taller", "2025-06-05", "santiago"),
        ("taller", "2025-06-12", "santiago"),
        ("hackaton", "2025-07-10", "renca"),
    ]


def test_the_exported_schema_accepts_the_repository_events():
    schema = json.loads((REPO / "schema" / "eventos.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((REPO / EVENTS_FILE).read_text(encoding="utf-8"))
    # YAML reads dates as dates; the schema describes the text written in the file.
    for event in data["eventos"]:
        event["fecha"] = event["fecha"].isoformat()
    jsonschema.Draft202012Validator(schema).validate(data)
    data["eventos"][0]["lugar"] = "renka"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_a_catalogue_without_events_file_has_none(vocabularies, tmp_path):
    assert load_events(tmp_path, vocabularies) == []


# The Hackatón page -----------------------------------------------------------------------------


def _hackathon_page(vocabularies, tmp_path: Path, today: date) -> str:
    catalogue = load_catalogue(REPO, vocabularies)
    writer = PageWriter(tmp_path, Views(catalogue), read_settings(REPO), tmp_path / "buscar")
    writer.today = today
    writer.hackathon()
    return (tmp_path / "hackaton.md").read_text(encoding="utf-8")


def _section(page: str, title: str) -> str:
    start = page.index(f">{title}<")
    following = page.find("<h2", start)
    return page[start : following if following >= 0 else len(page)]


def test_events_are_upcoming_or_past_as_of_the_build_date(vocabularies, tmp_path):
    before = _hackathon_page(vocabularies, tmp_path, date(2025, 6, 12))
    upcoming = _section(before, "Próximos eventos")
    # The 12 June workshop is under way that day: still upcoming; the 5 June one is past.
    assert "Construir un repositorio" in upcoming and "Hackatón Municipios" in upcoming
    assert "¿Cómo modelar" in _section(before, "Eventos anteriores")
    assert upcoming.index("Construir un repositorio") < upcoming.index("Hackatón Municipios")
    assert "Inscripción" in upcoming

    after = _hackathon_page(vocabularies, tmp_path, date(2025, 7, 11))
    assert "No hay talleres ni hackatones anunciados" in _section(after, "Próximos eventos")
    past = _section(after, "Eventos anteriores")
    # Most recent first, each with its problems (and readiness) and solutions.
    assert past.index("Hackatón Municipios") < past.index("Construir un repositorio")
    assert "Preparación: Lista" in past and "Acta Viva" in past
    assert "Inscripción" not in past


def test_the_page_links_to_the_ready_problems_without_solution(vocabularies, tmp_path):
    page = _hackathon_page(vocabularies, tmp_path, date(2025, 7, 11))
    catalogue = load_catalogue(REPO, vocabularies)
    views = Views(catalogue)
    ready = [v for v in views.problems if v.readiness.level == "lista" and not v.has_solution]
    assert ready, "the example catalogue should have a ready problem nobody has solved"
    href = "../explorar/?preparacion=Lista&amp;solucion=Sin%20soluci%C3%B3n"
    assert f'href="{href}">Ver los problemas listos y sin solución ({len(ready)})' in page
    # The criteria are on the page, each with why it matters.
    for name, explanation in CRITERIA:
        assert f"<strong>{name}.</strong> {escape(explanation)}" in page


def test_catalogo_validar_checks_the_events_file_by_name(catalogue_copy):
    (catalogue_copy / EVENTS_FILE).write_text(VALID.replace("renca", "renka"), encoding="utf-8")
    result = run_cli("validar", "--raiz", str(catalogue_copy), EVENTS_FILE)
    assert result.returncode == 1
    assert result.stdout.startswith("eventos.yml:5:12: error CAT039:"), result.stdout
    assert "problems/" not in result.stdout
