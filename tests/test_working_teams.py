"""«N equipos trabajando»: the teams with a solution registered as idea, prototipo or piloto,
counted once in each problem's view and shown by the problem page, Explorar and the search."""

from __future__ import annotations

import json
import re

import pytest

from catalogo.loading.catalogue import Catalogue, SolutionEntry, load_catalogue
from catalogo.model.solution import WORKING_STATES, Solution
from catalogo.site.render import render
from catalogo.site.settings import SiteSettings
from catalogo.site.views import WITH_TEAMS, WITHOUT_TEAMS, Views
from conftest import REPO

SETTINGS = SiteSettings("Catálogo", "https://example.org/", "https://github.com/o/catalogo")


@pytest.fixture(scope="module")
def catalogue(vocabularies) -> Catalogue:
    return load_catalogue(REPO, vocabularies)


def _solution(vocabularies, slug: str, problem_id: str, team: str, state: str) -> SolutionEntry:
    data = {
        "titulo": f"Solución de prueba {slug}",
        "problemas": [problem_id],
        "equipo": team,
        "estado": state,
        "repositorio": f"https://github.com/equipo/{slug}",
    }
    model = Solution.model_validate(data, context={"vocabularios": vocabularies})
    return SolutionEntry(model, "## Qué hace\n\nAlgo.\n", f"solutions/{slug}.md")


def _with(catalogue: Catalogue, solutions: list[SolutionEntry]) -> Catalogue:
    return Catalogue(
        catalogue.vocabularies,
        list(catalogue.problems),
        [*catalogue.solutions, *solutions],
        list(catalogue.events),
    )


def test_teams_are_counted_once_each_and_only_while_working(catalogue, vocabularies):
    ids = [entry.problem.problem_id for entry in catalogue.problems]
    unsolved = [i for i in ids if not catalogue.solutions_for(i)]
    none, one, two = unsolved[:3]

    def s(slug: str, problem_id: str, team: str, state: str) -> SolutionEntry:
        return _solution(vocabularies, slug, problem_id, team, state)

    added = [
        # One team working; another gave up, which is no longer work.
        s("a-idea", one, "Equipo Uno", "idea"),
        s("a-abandonada", one, "Equipo Dos", "abandonada"),
        # Two teams: the same team twice (its name written differently) counts once, and a
        # solution in production or abandoned is no team at work.
        s("b-idea", two, "Equipo Tres", "idea"),
        s("b-prototipo", two, "Equipo Cuatro", "prototipo"),
        s("b-piloto", two, "  equipo   TRES ", "piloto"),
        s("b-produccion", two, "Equipo Cinco", "produccion"),
        s("b-abandonada", two, "Equipo Seis", "abandonada"),
        # Nothing on `none` but an abandoned attempt.
        s("c-abandonada", none, "Equipo Siete", "abandonada"),
    ]
    assert {"idea", "prototipo", "piloto"} == set(WORKING_STATES)
    views = Views(_with(catalogue, added))
    expected = {none: (0, None), one: (1, "1 equipo trabajando"), two: (2, "2 equipos trabajando")}
    for problem_id, (count, text) in expected.items():
        view = views.problem(problem_id)
        assert (view.working_teams, view.working_teams_text) == (count, text), problem_id
        # Every output reads the same value from the view.
        assert view.card("explorar.md")["teams"] == text
        assert view.search_fields()["teams"] == text
        details = view.details(SETTINGS)
        assert (details["working_teams"], details["working_teams_text"]) == (count, text)
        assert dict(view.filters)["equipos"] == ((WITH_TEAMS if count else WITHOUT_TEAMS),)
        # Pagefind's page holds the words a card shows after a search, or nothing.
        search = render("busqueda.html.j2", p=view.search_fields(), body="", parts="")
        meta = re.findall(r'data-pagefind-meta="equipos:([^"]*)"', search)
        assert meta == ([text] if text else [])


def test_the_start_link_is_the_solution_form_with_the_problem_and_the_state_idea(
    catalogue, vocabularies
):
    from urllib.parse import parse_qs, urlsplit

    view = Views(catalogue).problem(catalogue.problems[0].problem.problem_id)
    query = parse_qs(urlsplit(view.details(SETTINGS)["start_form_url"]).query)
    idea = vocabularies.solution_states[WORKING_STATES[0]].name
    assert query == {
        "template": ["registrar-solucion.yml"],
        "problemas": [view.problem_id],
        "estado": [idea],
    }
    # The form offers that option, as written.
    form = (REPO / ".github" / "ISSUE_TEMPLATE" / "registrar-solucion.yml").read_text("utf-8")
    assert f"- {idea}\n" in form
    # Without a repository there is no form to link.
    no_repository = SiteSettings("Catálogo", "https://example.org/", "")
    assert view.details(no_repository)["start_form_url"] is None


def _working(catalogue: Catalogue) -> dict[str, int]:
    """The expected counts, from the solution files themselves."""
    teams: dict[str, set[str]] = {}
    for entry in catalogue.solutions:
        if entry.solution.state in WORKING_STATES:
            for problem_id in entry.solution.problems:
                teams.setdefault(problem_id, set()).add(entry.solution.team)
    return {problem_id: len(names) for problem_id, names in teams.items()}


def _page(site, catalogue: Catalogue, problem_id: str) -> str:
    entry = catalogue.problem(problem_id)
    path = site / "problemas" / entry.comuna.slug / entry.slug / "index.html"
    return path.read_text(encoding="utf-8")


def test_the_site_shows_the_count_on_problem_pages_explorar_and_search(site, catalogue):
    working = _working(catalogue)
    assert working and any(e.problem.problem_id not in working for e in catalogue.problems)
    index = json.loads((site / "api" / "explorar.json").read_text(encoding="utf-8"))
    expected = {i: f"{n} equipo{'s' if n > 1 else ''} trabajando" for i, n in working.items() if n}
    assert index["equipos"] == expected
    column = index["filtros"].index("equipos") + 1
    values = index["valores"]["equipos"]
    for row in index["problemas"]:
        assert values[row[column]] == (WITH_TEAMS if row[0] in working else WITHOUT_TEAMS)
    explorar = (site / "explorar" / "index.html").read_text(encoding="utf-8")
    assert '<option value="Con equipos trabajando">' in explorar
    for entry in catalogue.problems:
        problem_id = entry.problem.problem_id
        page = _page(site, catalogue, problem_id)
        if problem_id in expected:
            # The count links to the solutions listed on the same page.
            link = f'<a class="equipos-cuantos" href="#soluciones">{expected[problem_id]}</a>'
            assert link in page and '<h2 id="soluciones">' in page
        else:
            assert "Aún no hay equipos trabajando</span> en este problema." in page
            # Earlier attempts (an abandoned solution) are pointed at, to learn from them.
            earlier = '<a href="#soluciones">intentos anteriores</a>'
            assert (earlier in page) == bool(catalogue.solutions_for(problem_id)), problem_id
        # «¿Su equipo empieza a trabajar? Regístrelo»: the form, with the problem and «Idea».
        start = re.search(r'¿Su equipo empieza a trabajar\? <a href="([^"]+)"', page)
        assert start and f"problemas={problem_id}&amp;estado=Idea" in start.group(1)
    # Explorar's first cards: the count where there is one, nothing where there is none.
    cards = explorar.split('<ul class="lista-problemas explorar-resultados">')[1].split("</ul>")[0]
    shown = re.findall(r'<span class="tarjeta-equipos">([^<]*)</span>', cards)
    assert shown and all(
        re.fullmatch(r"1 equipo trabajando|\d+ equipos trabajando", t) for t in shown
    )
    assert cards.count('class="tarjeta-equipos"') < cards.count('class="tarjeta-problema"')
