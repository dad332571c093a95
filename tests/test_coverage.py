"""Issue 13: every comuna with a municipality has a page, reached from its region; a comuna
without problems invites to propose one or to join another's; the programme's coverage
(page «Cobertura» and api/cobertura.json) counts what a person would count by hand.

`site` is the repository's site, built once per test run (tests/conftest.py)."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from catalogo.loading.catalogue import Catalogue, ProblemEntry, SolutionEntry, parse_file
from catalogo.model.programme import Cohort, Programme
from catalogo.site.coverage import coverage, percent_text
from catalogo.site.search_words import NAMES
from catalogo.site.settings import JOIN_FORM
from catalogo.site.urls import region_page, url_of
from catalogo.site.views import Views
from conftest import FIXTURES, REPO

# A comuna of the register with no problem among the examples (nor, for the test to mean
# anything, in the catalogue at all: checked below).
WITHOUT_PROBLEMS = "nunoa"


def _municipal(vocabularies):
    return [c for c in vocabularies.comunas.values() if c.municipality]


def _links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a [^>]*href="([^"]*)"', html)]


def _main(html: str) -> str:
    """The page's article, without the header's navigation and the footer."""
    return html[html.index("<article") : html.index("</article>")]


def test_every_municipality_has_a_page_linked_from_its_region(site, vocabularies):
    municipal = _municipal(vocabularies)
    assert len(municipal) == 345
    assert not (site / "comunas" / "antartica").exists()  # no municipality of its own
    for comuna in municipal:
        assert (site / "comunas" / comuna.slug / "index.html").is_file(), comuna.slug
    regions = {c.region for c in municipal}
    index = _links(_main((site / "comunas" / "index.html").read_text(encoding="utf-8")))
    for region in regions:
        folder = site / url_of(region_page(region))
        links = _links(_main((folder / "index.html").read_text(encoding="utf-8")))
        linked = {href.split("/")[-2] for href in links if href.startswith("../../comunas/")}
        assert linked == {c.slug for c in municipal if c.region == region}, region
    linked = {m.group(1) for h in index if (m := re.fullmatch(r"([a-z0-9-]+)/", h))}
    assert linked == {c.slug for c in municipal}


def test_a_region_page_counts_each_comuna_zero_included(site, catalogue_repo):
    html = _main((site / "regiones" / "valparaiso" / "index.html").read_text(encoding="utf-8"))
    counts = dict(
        re.findall(
            r'<th scope="row"><a href="\.\./\.\./comunas/([a-z-]+)/">[^<]+</a></th><td>(\d+)', html
        )
    )
    problems = {}
    # A comuna's problems: its own and those it joined.
    owners = [e.comuna for e in catalogue_repo.problems] + [j.comuna for j in catalogue_repo.joins]
    for comuna in owners:
        if comuna.region == "Valparaíso":
            problems[comuna.slug] = problems.get(comuna.slug, 0) + 1
    assert len(counts) == 38
    assert {slug: int(n) for slug, n in counts.items() if int(n)} == problems
    assert counts["vina-del-mar"] == "0"


@pytest.fixture(scope="module")
def catalogue_repo(vocabularies):
    from catalogo.loading.catalogue import load_catalogue

    return load_catalogue(REPO, vocabularies)


def test_a_comuna_without_problems_invites_to_propose_and_to_join(site, catalogue_repo):
    assert not any(e.problem.comuna == WITHOUT_PROBLEMS for e in catalogue_repo.problems)
    html = (site / "comunas" / WITHOUT_PROBLEMS / "index.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", " ", _main(html)))
    assert "La Municipalidad de Ñuñoa aún no ha documentado problemas" in " ".join(text.split())
    links = _links(_main(html))
    propose = [h for h in links if "template=proponer-problema.yml" in h]
    assert propose and parse_qs(urlsplit(propose[0]).query)["comuna"] == ["Ñuñoa"]
    assert "Proponer un problema para Ñuñoa" in html
    joins = [parse_qs(urlsplit(h).query) for h in links if f"template={JOIN_FORM}" in h]
    region = [e for e in catalogue_repo.problems if e.comuna.region == "Metropolitana de Santiago"]
    # Its region's problems (the newest six) and the country's most shared, each with its link.
    assert len(joins) == html.count("¿También pasa en Ñuñoa? Súmese") >= 6 + 5
    ids = [join["comparte"][0] for join in joins]
    assert len(set(ids)) == len(ids)
    region_ids = {e.problem.problem_id for e in region if e.problem.state != "archivado"}
    assert set(ids[:6]) <= region_ids
    assert all(join["comuna"] == ["Ñuñoa"] for join in joins)
    assert 'id="problemas-de-la-region-metropolitana-de-santiago"' in html
    assert 'id="problemas-mas-compartidos-del-pais"' in html


def test_a_comuna_with_problems_keeps_its_page(site):
    html = (site / "comunas" / "maipu" / "index.html").read_text(encoding="utf-8")
    assert "Súmese" not in html and "Filtrar los problemas de Maipú en Explorar" in html


# Hand-counted coverage of a small catalogue ---------------------------------------------------


def _problem(vocabularies, base, problem_id, comuna, state, registered):
    problem = base.model_copy(
        update={
            "problem_id": problem_id,
            "comuna": comuna,
            "state": state,
            "registered": registered,
            "updated": None,
        }
    )
    return ProblemEntry(
        problem, "", f"problems/{comuna}/{problem_id}.md", vocabularies.comunas[comuna]
    )


def _solution(base, name, problem_id, state):
    solution = base.model_copy(update={"problems": [problem_id], "state": state})
    return SolutionEntry(solution, "", f"solutions/{name}.md")


@pytest.fixture(scope="module")
def small(vocabularies):
    raw = (FIXTURES / "validos" / "problema-completo.md").read_bytes()
    base_problem = parse_file(raw, "problema", vocabularies).model
    raw = (FIXTURES / "validos" / "solucion-completa.md").read_bytes()
    base_solution = parse_file(raw, "solucion", vocabularies).model
    programme = Programme(
        "Programa de prueba",
        (Cohort(1, "Cohorte 1", "", ("maipu", "renca", "zapallar")),),
    )
    v = dataclasses.replace(vocabularies, programme=programme)
    problems = [
        _problem(v, base_problem, "13119-001", "maipu", "propuesto", date(2025, 1, 10)),
        _problem(v, base_problem, "13119-002", "maipu", "en-hackaton", date(2025, 1, 20)),
        _problem(v, base_problem, "13128-001", "renca", "implementado", date(2025, 3, 5)),
        _problem(v, base_problem, "05101-001", "valparaiso", "archivado", date(2025, 3, 15)),
        _problem(v, base_problem, "05101-002", "valparaiso", "priorizado", date(2025, 3, 20)),
    ]
    solutions = [
        # A prototype takes the problem in hackathon one stage further; a pilot takes even an
        # archived problem into the funnel; an idea says nothing of progress.
        _solution(base_solution, "uno", "13119-002", "prototipo"),
        _solution(base_solution, "dos", "05101-001", "piloto"),
        _solution(base_solution, "tres", "05101-002", "idea"),
    ]
    catalogue = Catalogue(v, problems, solutions)
    regions = ["Valparaíso", "Metropolitana de Santiago", "Tarapacá"]
    return coverage(Views(catalogue), _municipal(v), regions)


def test_coverage_of_a_small_catalogue_is_what_a_person_counts(small):
    assert (small["municipios"], small["con_problemas"], small["problemas"]) == (345, 3, 5)
    assert small["porcentaje"] == 0.9  # 3 / 345
    assert [
        (r["region"], r["municipios"], r["con_problemas"], r["porcentaje"], r["problemas"])
        for r in small["regiones"]
    ] == [
        ("Valparaíso", 38, 1, 2.6, 2),
        ("Metropolitana de Santiago", 52, 2, 3.8, 3),
        ("Tarapacá", 7, 0, 0.0, 0),
    ]
    groups = {g["region"]: [c["slug"] for c in g["comunas"]] for g in small["sin_problemas"]}
    assert (
        len(groups["Metropolitana de Santiago"]) == 50
        and "renca" not in groups["Metropolitana de Santiago"]
    )
    assert len(groups["Tarapacá"]) == 7 and "valparaiso" not in groups["Valparaíso"]
    assert small["registros_por_mes"] == [
        {"mes": "2025-01", "nuevos": 2, "acumulado": 2},
        {"mes": "2025-02", "nuevos": 0, "acumulado": 2},
        {"mes": "2025-03", "nuevos": 3, "acumulado": 5},
    ]
    assert [e["slug"] for e in small["etapas"]] == [
        "propuesto", "priorizado", "en-hackaton", "con-prototipo", "en-piloto", "implementado",
    ]  # fmt: skip
    january = {"propuesto": 2, "priorizado": 1, "en-hackaton": 1, "con-prototipo": 1,
               "en-piloto": 0, "implementado": 0}  # fmt: skip
    march = {"propuesto": 5, "priorizado": 4, "en-hackaton": 3, "con-prototipo": 3,
             "en-piloto": 2, "implementado": 1}  # fmt: skip
    assert small["embudo_por_mes"] == [
        {"mes": "2025-01", **january},
        {"mes": "2025-02", **january},
        {"mes": "2025-03", **march},
    ]
    assert small["archivados"] == 1
    [cohort] = small["cohortes"]
    columns = ("problemas", "en_hackaton", "con_prototipo", "en_piloto", "implementados")
    assert [(row["slug"], *(row[k] for k in columns)) for row in cohort["comunas"]] == [
        ("maipu", 2, 1, 1, 0, 0),
        ("renca", 1, 1, 1, 1, 1),
        ("zapallar", 0, 0, 0, 0, 0),
    ]
    assert cohort["total"] == dict(zip(columns, (3, 2, 2, 1, 1), strict=True))


def test_percentages_are_written_as_chile_writes_them():
    assert percent_text(3.2) == "3,2\u00a0%" and percent_text(0.0) == "0,0\u00a0%"


# The page and the open data ------------------------------------------------------------------


def _cells(row: str) -> list[str]:
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", cell)).split())
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
    ]


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _table(html: str, caption: str) -> list[list[str]]:
    start = html.index(caption)
    table = html[start : html.index("</table>", start)]
    return [_cells(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)]


def test_the_cobertura_page_shows_api_cobertura_json(site):
    data = json.loads((site / "api" / "cobertura.json").read_text(encoding="utf-8"))
    html = (site / "cobertura" / "index.html").read_text(encoding="utf-8")
    assert data["municipios"] == 345 and data["con_problemas"] == 11
    assert f"{data['con_problemas']} de {data['municipios']} municipios" in html
    rows = _table(html, "por región (de norte a sur)")
    assert rows[1:] == [
        [r["region"], f"{r['con_problemas']} de {r['municipios']}",
         _spaced(percent_text(r["porcentaje"])), str(r["problemas"])]
        for r in data["regiones"]
    ] + [["Chile", f"{data['con_problemas']} de {data['municipios']}",
          _spaced(percent_text(data["porcentaje"])), str(data["problemas"])]]  # fmt: skip
    pending = re.findall(r'<li><a href="\.\./comunas/([a-z-]+)/">', html)
    assert pending == [c["slug"] for g in data["sin_problemas"] for c in g["comunas"]]
    assert len(pending) == 345 - 11
    rows = _table(html, "Problemas registrados por mes y acumulados")
    assert [int(r[2]) for r in rows[1:]] == [m["acumulado"] for m in data["registros_por_mes"]]
    rows = _table(html, "por la etapa a la que llegaron")
    stages = [e["slug"] for e in data["etapas"]]
    assert [[int(n) for n in r[1:]] for r in rows[1:]] == [
        [m[s] for s in stages] for m in data["embudo_por_mes"]
    ]
    [cohort] = data["cohortes"]
    assert len(cohort["comunas"]) == 11
    rows = _table(html, f"{cohort['nombre']}: avance de cada comuna")
    keys = ("problemas", "en_hackaton", "con_prototipo", "en_piloto", "implementados")
    assert rows[1:-1] == [[c["nombre"], *(str(c[k]) for k in keys)] for c in cohort["comunas"]]
    assert rows[-1] == ["Total", *(str(cohort["total"][k]) for k in keys)]
    assert 'href="cobertura/"' in (site / "index.html").read_text(encoding="utf-8")  # in the nav


def _keys(value, path="") -> set[str]:
    if isinstance(value, dict):
        return {k for key, item in value.items() for k in {key} | _keys(item, key)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item, path)}
    return set()


def test_the_open_data_page_documents_every_key_of_api_cobertura_json(site):
    data = json.loads((site / "api" / "cobertura.json").read_text(encoding="utf-8"))
    html = (site / "datos-abiertos" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="formato-de-apicoberturajson"') :]
    section = section[: section.index("<h2")]
    documented = set(re.findall(r"<code>([^<]+)</code>", section))
    stages = {e["slug"] for e in data["etapas"]}  # documented as «su slug como campo»
    figures = {k: v for k, v in data.items() if k not in ("version", "generado", "licencia")}
    assert _keys(figures) - stages - documented == set()
    assert 'href="../api/cobertura.json"' in html


def test_search_knows_every_municipality_by_name(site, vocabularies):
    names = json.loads((site / NAMES).read_text(encoding="utf-8"))
    listed = {row[0]: row for row in names["comunas"]}
    assert set(listed) == {c.slug for c in _municipal(vocabularies)}
    assert listed[WITHOUT_PROBLEMS][1] == "Ñuñoa" and listed[WITHOUT_PROBLEMS][3] == 0
    assert names["regiones"][listed[WITHOUT_PROBLEMS][2]] == "Metropolitana de Santiago"


def test_a_comuna_without_municipality_keeps_a_page_for_its_problems(vocabularies, tmp_path):
    from catalogo.site.pages import PageWriter
    from catalogo.site.settings import SiteSettings

    raw = (FIXTURES / "validos" / "problema-completo.md").read_bytes()
    base = parse_file(raw, "problema", vocabularies).model
    entry = _problem(vocabularies, base, "12202-001", "antartica", "propuesto", date(2025, 1, 1))
    views = Views(Catalogue(vocabularies, [entry]))
    writer = PageWriter(tmp_path, views, SiteSettings("Catálogo", "https://e.cl/", ""), tmp_path)
    assert "antartica" not in {c.slug for c in writer.territory()}
    pages = {c.slug for c in writer.comuna_pages()}
    assert "antartica" in pages and len(pages) == 346
    writer.comunas()
    assert (tmp_path / "comunas" / "antartica.md").is_file()
    figures = coverage(views, writer.territory(), ["Magallanes y de la Antártica Chilena"])
    assert (figures["municipios"], figures["con_problemas"], figures["problemas"]) == (345, 0, 0)
    # Without a repository, no form: the guide to propose, the problem's own page to join.
    nunoa = (tmp_path / "comunas" / "nunoa.md").read_text(encoding="utf-8")
    assert 'href="../../guias/proponer-un-problema/"' in nunoa
    assert 'class="tarjeta-sumarse" href="../../problemas/antartica/12202-001/"' in nunoa
