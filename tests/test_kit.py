"""`catalogo kit`: a hackathon team's folder for one problem."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from catalogo.core.text_safety import markdown_literal
from catalogo.model.responsible import TransparencyRecord, indicator_name
from conftest import CACHE_HOME, REPO, run_cli

PROBLEM_ID = "13119-001"


def test_kit_holds_the_problem_its_data_risks_contact_and_a_solution_to_fill(
    tmp_path, vocabularies, catalogue_copy
):
    from catalogo.loading.catalogue import load_catalogue

    folder = tmp_path / "kit"
    result = run_cli("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert result.returncode == 0, result.stderr
    # The marker says the folder is the tools' own (see catalogo.core.outputs).
    assert sorted(p.name for p in folder.iterdir()) == [
        ".catalogo-generado",
        "README.md",
        "problema.json",
        "solucion.md",
    ]
    problem = load_catalogue(REPO, vocabularies).problem(PROBLEM_ID).problem
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {markdown_literal(problem.title)}\n")
    for indicator in problem.indicators:
        assert f"| {markdown_literal(indicator_name(indicator))} |" in readme
    for risk in problem.risks:
        assert f"- [ ] {markdown_literal(risk)}" in readme
    for source in problem.data_sources:
        assert vocabularies.data_access[source.access].name in readme
    assert markdown_literal(problem.contact.email) in readme and "solutions/" in readme
    record = json.loads((folder / "problema.json").read_text(encoding="utf-8"))
    assert record["id"] == PROBLEM_ID and record["titulo"] == problem.title

    # The solution file is refused until its example texts are replaced, and only for them
    # (tests/test_template_text.py fills them in and sees it pass).
    root = catalogue_copy
    shutil.copy(folder / "solucion.md", root / "solutions" / "prototipo-del-kit.md")
    checked = run_cli(
        "validar", "--raiz", str(root), str(root / "solutions" / "prototipo-del-kit.md")
    )
    assert checked.returncode == 1
    assert {line.split(" ")[2] for line in checked.stdout.splitlines() if ": error " in line} == {
        "CAT067:"
    }


def test_kit_never_overwrites_a_folder(tmp_path):
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "notas.txt").write_text("del equipo", encoding="utf-8")
    result = run_cli("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert result.returncode == 1 and "ya existe" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notas.txt"]


def test_kit_of_an_unknown_problem_suggests_the_nearest_id(tmp_path):
    result = run_cli("kit", "13119-01", "--raiz", str(REPO), "--salida", str(tmp_path / "k"))
    assert result.returncode == 2 and "¿Quiso decir «13119-001»?" in result.stderr
    assert not (tmp_path / "k").exists()


# Runs `main` in a fresh interpreter, then reports whether scikit-learn was ever imported.
_WITHOUT_SKLEARN = """
import sys
from catalogo.cli import main
code = main(sys.argv[1:])
print(code, "sklearn" in sys.modules)
"""


def _imports_sklearn(*arguments: str) -> tuple[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_SKLEARN, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)},
    )
    return result.stdout.splitlines()[-1], result.stderr


def test_the_kit_and_usage_errors_never_import_scikit_learn(tmp_path):
    """Scikit-learn takes a second or more to import and only the site's similar problems
    need it: a team's kit and a mistyped command must not wait for it."""
    folder = tmp_path / "kit"
    line, errors = _imports_sklearn("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert line == "0 False", errors
    assert (folder / "README.md").is_file()
    usage = ["sitio", "--raiz", str(REPO), "--comuna", "nunoaa", "--salida", str(tmp_path / "b")]
    line, errors = _imports_sklearn(*usage)
    assert line == "2 False" and "nunoaa" in errors
    # The check itself can fail: the site's similarity does import it when it runs.
    probe = "from catalogo.site.similarity import Document, similar; import sys\n"
    probe += (
        "similar([Document('1', 'a', 'agua potable rural'), Document('2', 'b', 'agua potable')])\n"
    )
    probe += "print('sklearn' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.stdout.strip() == "True", found.stderr


# Issue 12 · a hackathon team's kit: the repository, the form, earlier attempts, the event ----

WITH_LESSONS = "13128-002"  # its only solution is abandoned, with its lessons


def _kit_readme(problem_id: str, catalogue, settings, today=None) -> str:
    from catalogo.authoring.kit import README, kit_files

    return kit_files(catalogue.problem(problem_id), catalogue, settings, today)[README]


def _catalogue(vocabularies):
    from catalogo.loading.catalogue import load_catalogue

    return load_catalogue(REPO, vocabularies)


def test_kit_links_the_catalogue_repository_and_the_solution_form(vocabularies):
    from urllib.parse import parse_qs, urlsplit

    from catalogo.site.settings import SiteSettings, read_settings

    catalogue, settings = _catalogue(vocabularies), read_settings(REPO)
    assert settings.repository
    readme = _kit_readme(WITH_LESSONS, catalogue, settings)
    assert f"*fork* del [repositorio del catálogo]({settings.repository})" in readme
    form = re.search(r"\[Registrar una solución\]\(([^)]+)\)", readme)
    assert form and form.group(1).startswith(f"{settings.repository}/issues/new?")
    # Prefilled with the problem and the state a team registers when it starts.
    idea = vocabularies.solution_states["idea"].name
    assert parse_qs(urlsplit(form.group(1)).query) == {
        "template": ["registrar-solucion.yml"],
        "problemas": [WITH_LESSONS],
        "estado": [idea],
    }

    # Without a repository: no link to one, and the README says so and whom to ask.
    bare = SiteSettings(settings.title, settings.site_url, "")
    readme = _kit_readme(WITH_LESSONS, catalogue, bare)
    assert "github.com" not in readme.split("## Registrar su solución")[1]
    assert "todavía no indica la dirección de su repositorio" in readme
    assert "Pida la dirección a quienes" in readme


def test_kit_lists_earlier_solutions_with_their_lessons(vocabularies):
    from catalogo.core.text_safety import markdown_paragraphs
    from catalogo.model.sections import sections
    from catalogo.model.solution import LESSONS_SECTION
    from catalogo.site.settings import read_settings

    catalogue, settings = _catalogue(vocabularies), read_settings(REPO)
    solutions = catalogue.solutions_for(WITH_LESSONS)
    assert any(s.solution.state == "abandonada" for s in solutions)
    readme = _kit_readme(WITH_LESSONS, catalogue, settings)
    earlier = readme.split("## Soluciones ya registradas y sus lecciones")[1].split("\n## ")[0]
    for entry in solutions:
        solution = entry.solution
        state = vocabularies.solution_states[solution.state].name
        assert f"### {markdown_literal(solution.title)}\n" in earlier
        assert f"- Equipo: {markdown_literal(solution.team)}\n" in earlier
        assert f"- Estado: {state}" in earlier
        assert f"[Repositorio del equipo]({solution.repository})" in earlier
        assert f"- Evento: {markdown_literal(solution.event)}\n" in earlier
        lessons = next(s.text for s in sections(entry.body) if s.title == LESSONS_SECTION)
        assert f"#### {LESSONS_SECTION}\n\n{markdown_paragraphs(lessons)}\n" in earlier

    # A problem no team has tried yet says so.
    untried = next(
        e for e in catalogue.problems if not catalogue.solutions_for(e.problem.problem_id)
    )
    readme = _kit_readme(untried.problem.problem_id, catalogue, settings)
    earlier = readme.split("## Soluciones ya registradas y sus lecciones")[1].split("\n## ")[0]
    assert "Aún no hay soluciones registradas para este problema" in earlier
    assert "###" not in earlier


def test_kit_gives_the_event_s_dates_rules_and_criteria(vocabularies):
    from datetime import date

    from catalogo.loading.catalogue import Catalogue
    from catalogo.model.event import Event
    from catalogo.site.settings import read_settings

    catalogue, settings = _catalogue(vocabularies), read_settings(REPO)
    hackathon = settings.site_url + "hackaton/"

    def events_block(readme: str) -> str:
        return readme.split("## Eventos\n")[1].split("\n## ")[0]

    # The repository's hackathon names the problem but has published no rules nor criteria:
    # the kit says where they will appear and whom to ask, instead of leaving them out.
    listed = [e for e in catalogue.events if WITH_LESSONS in e.problems]
    assert listed and not listed[0].rules and not listed[0].criteria
    block = events_block(_kit_readme(WITH_LESSONS, catalogue, settings, date(2030, 1, 1)))
    assert f"### {markdown_literal(listed[0].name)}" in block
    assert "- Fecha: 10 de julio de 2025 (ya se realizó)" in block
    assert "- Bases (reglas del evento): aún no publicadas" in block
    assert "- Criterios de evaluación: aún no publicados" in block
    assert block.count(f"[página Hackatón del catálogo]({hackathon})") == 2
    assert "quienes" in block and "organizan" in block

    # An upcoming event with everything: its dates, rules, criteria and sign-up, as given.
    event = Event.model_validate(
        {
            "nombre": "Hackatón de prueba 2031",
            "tipo": "hackaton",
            "fecha": "2031-03-04",
            "fecha_fin": "2031-03-05",
            "lugar": "renca",
            "recinto": "Centro Cultural",
            "organizadores": ["Municipalidad de Renca"],
            "bases": "https://example.org/bases.pdf",
            "criterios": ["Impacto en las personas", "Uso responsable de los datos"],
            "inscripcion": "https://example.org/inscripcion",
            "problemas": [WITH_LESSONS],
        },
        context={"vocabularios": vocabularies},
    )
    with_event = Catalogue(
        vocabularies, list(catalogue.problems), list(catalogue.solutions), [event]
    )
    block = events_block(_kit_readme(WITH_LESSONS, with_event, settings, date(2031, 1, 1)))
    assert "### Hackatón de prueba 2031\n" in block
    assert "- Fecha: 4 de marzo de 2031 al 5 de marzo de 2031\n" in block
    assert "- Lugar: Renca, Centro Cultural\n" in block
    assert "[leer las bases](https://example.org/bases.pdf)" in block
    assert "  - Impacto en las personas\n  - Uso responsable de los datos\n" in block
    assert "[inscribirse](https://example.org/inscripcion)" in block
    assert "aún no" not in block and "ya se realizó" not in block

    # A problem in no event: a clear place where the event's data will be.
    other = next(e for e in catalogue.problems if e.problem.problem_id != WITH_LESSONS)
    block = events_block(_kit_readme(other.problem.problem_id, with_event, settings))
    assert "no está en ningún evento del catálogo todavía" in block
    assert f"[página Hackatón del catálogo]({hackathon})" in block


def test_kit_says_how_many_teams_work_on_the_problem_now(vocabularies):
    from catalogo.site.settings import read_settings
    from catalogo.site.views import Views

    catalogue, settings = _catalogue(vocabularies), read_settings(REPO)
    views = Views(catalogue)
    busy = next(v for v in views.problems if v.working_teams)
    readme = _kit_readme(busy.problem_id, catalogue, settings)
    assert f"Hoy hay {busy.working_teams_text} en este problema." in readme
    # Earlier attempts without a team at work now (13128-002's is abandoned): no count.
    assert views.problem(WITH_LESSONS).working_teams == 0
    assert "Hoy hay" not in _kit_readme(WITH_LESSONS, catalogue, settings)


def test_kit_gives_the_indicators_baselines_the_risk_to_respect_and_the_record_to_fill(
    vocabularies,
):
    """Issue 14: what a team measures against, the risk tier and oversight it must respect,
    the personal data rules, and the transparency record it helps write when piloting."""
    from catalogo.site.settings import read_settings

    catalogue, settings = _catalogue(vocabularies), read_settings(REPO)
    # Renca's early warning: high risk, children's data, no record yet (it is `priorizado`).
    readme = _kit_readme("13128-003", catalogue, settings)
    problem = catalogue.problem("13128-003").problem
    assert (
        "| Estudiantes con inasistencia grave \\(bajo 85 %\\) | % de estudiantes | 33 (31 de diciembre de 2024) | 25 |"
        in readme
    )
    assert (
        "| Alertas que el equipo de convivencia considera pertinentes | % de las alertas revisadas | — | 70 |"
        in readme
    )
    assert "Los indicadores sin línea base aún no tienen la cifra" in readme
    assert "- Frecuencia: unos 3.600 casos por año." in readme
    assert "- Costo actual: entre 600 y 900 horas de trabajo por mes." in readme
    risk = readme.split("## Nivel de riesgo y supervisión humana")[1].split("\n## ")[0]
    assert "**Alto**" in risk and vocabularies.decision_roles["apoya"].name in risk
    assert markdown_literal(problem.risk.oversight) in risk
    data = readme.split("## Datos personales")[1].split("\n## ")[0]
    assert vocabularies.sensitive_data["ninos-ninas-adolescentes"].name in data
    assert f"({vocabularies.legal_bases['funcion-publica'].link})" in data
    assert "aún no existe" in data
    record = readme.split("## Ficha de transparencia algorítmica")[1].split("\n## ")[0]
    assert "«Con prototipo», antes de probar con personas reales" in record
    for field in TransparencyRecord.model_fields.values():
        assert f"(`{field.alias}`)" in record

    # Puente Alto's CESFAM: a pilot with its record, its cost in pesos and its assessment.
    readme = _kit_readme("13201-001", catalogue, settings)
    assert "entre \\$150.000.000 y \\$250.000.000 por mes" in readme
    assert "[leer la evaluación](https://salud.puente-alto" in readme
    assert "ya tiene su ficha (última revisión: 22 de septiembre de 2026)" in readme

    # A problem with no risk assessment yet and an indicator in plain text (a proposal).
    bare = problem.model_copy(
        update={
            "risk": None,
            "impact": None,
            "data_protection": None,
            "indicators": ["Menos filas"],
        }
    )
    entry = catalogue.problem("13128-003")
    from dataclasses import replace

    from catalogo.authoring.kit import README, kit_files

    readme = kit_files(replace(entry, problem=bare), catalogue, settings)[README]
    assert "| Menos filas | — | — | — |" in readme
    assert "El municipio aún no declara el nivel de riesgo" in readme
    assert "## Datos personales" not in readme and "- Frecuencia" not in readme


def test_readme_names_the_kit_s_responsible_ai_sections(vocabularies):
    from catalogo.site.settings import read_settings

    readme = _kit_readme("13201-001", _catalogue(vocabularies), read_settings(REPO))
    documented = (REPO / "README.md").read_text(encoding="utf-8").split("### `catalogo kit`")[1]
    documented = " ".join(documented.split("\n### ")[0].split())
    for heading in (
        "Cómo se medirá el éxito",
        "Cuánto pesa hoy el problema",
        "Nivel de riesgo y supervisión humana",
        "Datos personales",
        "Ficha de transparencia algorítmica",
    ):
        assert f"\n## {heading}\n" in readme and f"«{heading}»" in documented
