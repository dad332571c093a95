"""The maps in the built site: where each one is, that the region's table says what its map
says, and that every page with a map credits the boundaries' source."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from catalogo.loading.catalogue import load_catalogue
from conftest import REPO

ATTRIBUTION = (
    '<a href="https://www.geoportal.cl/" rel="noopener">'
    "Límites: División Político Administrativa 2023, IDE Chile</a>"
)
LINK = re.compile(r'<a href="([^"]*)" aria-label="([^"]*)"><title>')


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    return load_catalogue(REPO, vocabularies)


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_home_shows_chile_by_region_with_each_region_linked(site, catalogue, vocabularies):
    html = _page(site, "")
    assert 'id="mapa-pais"' in html and ATTRIBUTION in html
    links = LINK.findall(html[html.index('id="mapa-pais"') :])
    # A region has its comunas' problems and those they joined, each problem once.
    present = {(e.comuna.region, e.problem.problem_id) for e in catalogue.problems}
    present.update((j.comuna.region, j.join.shared) for j in catalogue.joins)
    per_region = {}
    for region, _ in present:
        per_region[region] = per_region.get(region, 0) + 1
    assert any(j.comuna.region == "Coquimbo" for j in catalogue.joins)
    regions = {c.region for c in vocabularies.comunas.values()}
    assert len(links) == len(regions) + 2  # and Rapa Nui and Juan Fernández in insets
    for href, label in links:
        name, _, count = unescape(label).rpartition(": ")
        region = name.removeprefix("Región ").removesuffix(" (Rapa Nui)")
        region = region.removesuffix(" (Juan Fernández)")
        assert region in regions
        assert int(count.split()[0]) == per_region.get(region, 0), label
        assert href.startswith("regiones/")


def test_region_page_map_and_table_say_the_same_for_every_comuna(site, catalogue, vocabularies):
    html = _page(site, "regiones/metropolitana-de-santiago")
    assert 'id="mapa-region-13"' in html and ATTRIBUTION in html
    comunas = [c for c in vocabularies.comunas.values() if c.region_cut == "13"]
    problems = {c.cut: 0 for c in comunas}
    for entry in catalogue.problems:
        if entry.comuna.cut in problems:
            problems[entry.comuna.cut] += 1
    # A comuna's problems include those it joined.
    for join in catalogue.joins:
        if join.comuna.cut in problems:
            problems[join.comuna.cut] += 1
    assert 0 in problems.values() and any(problems.values())
    on_map = {
        unescape(label).rpartition(": ")[0]: unescape(label) for _, label in LINK.findall(html)
    }
    table = html[html.index('<table class="tabla-comunas">') :]
    rows = re.findall(
        r'<tr id="comuna-(\d{5})"><th scope="row">(.*?)</th><td>(\d+)</td></tr>', table
    )
    assert len(rows) == len(comunas) == len(on_map)
    for cut, cell, count in rows:
        name = unescape(re.sub(r"<[^>]+>", "", cell))
        assert int(count) == problems[cut]
        expected = f"{count} problema" + ("" if count == "1" else "s")
        assert on_map[name] == f"{name}: {expected}"
        # Every comuna has a page, those without problems too: each row links to it.
        assert "<a " in cell, name


def test_comuna_page_shows_where_it_is_in_its_region(site):
    html = _page(site, "comunas/maipu")
    assert 'id="mapa-ubicacion-13119"' in html and ATTRIBUTION in html
    assert 'aria-label="Ubicación de Maipú en Metropolitana de Santiago"' in html


def test_pages_without_a_map_do_not_credit_one(site):
    assert "geoportal" not in _page(site, "temas/salud")


def test_coverage_page_shows_the_country_map(site):
    html = _page(site, "cobertura")
    assert 'id="mapa-pais"' in html and ATTRIBUTION in html
    assert len(LINK.findall(html[html.index('id="mapa-pais"') :])) == 18


def test_a_comuna_without_problems_shows_its_locator_too(site, vocabularies, catalogue):
    with_problems = {entry.comuna.slug for entry in catalogue.problems}
    comuna = next(
        c for c in vocabularies.comunas.values() if c.municipality and c.slug not in with_problems
    )
    assert f'id="mapa-ubicacion-{comuna.cut}"' in _page(site, f"comunas/{comuna.slug}")
