"""Where a detail page sits, for people and search engines: its breadcrumb trail, the header tab
of its section, and its schema.org data (JSON-LD), in the built site (`site`, tests/conftest.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from catalogo.site.licence import CONTENT
from catalogo.site.render import json_ld
from catalogo.site.settings import read_settings
from conftest import REPO


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    from catalogo.loading.catalogue import load_catalogue

    return load_catalogue(REPO, vocabularies)


SITE_URL = read_settings(REPO).site_url


class _Page(HTMLParser):
    """What a page shows of its place: the active tabs, the breadcrumb trail, the JSON-LD."""

    def __init__(self) -> None:
        super().__init__()
        self.tabs: list[str] = []
        self.crumbs: list[tuple[str, str | None, bool]] = []  # name, href, current
        self.json_ld: list[dict] = []
        self._in: str | None = None
        self._text: list[str] = []
        self._crumb: tuple[str | None, bool] | None = None
        self._in_crumbs = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "li" and "md-tabs__item--active" in classes:
            self._in, self._text = "tab", []
        elif tag == "nav" and "migas" in classes:
            self._in_crumbs = True
        elif self._in_crumbs and tag in ("a", "span") and self._crumb is None:
            self._crumb = (attributes.get("href"), "aria-current" in attributes)
            self._in, self._text = "crumb", []
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in, self._text = "json", []

    def handle_endtag(self, tag) -> None:
        text = "".join(self._text).strip()
        if self._in == "tab" and tag == "li":
            self.tabs.append(" ".join(text.split()))
            self._in = None
        elif self._in == "crumb" and tag in ("a", "span") and self._crumb is not None:
            self.crumbs.append((text, *self._crumb))
            self._in, self._crumb = None, None
        elif self._in == "json" and tag == "script":
            self.json_ld.append(json.loads(text))
            self._in = None
        elif tag == "nav":
            self._in_crumbs = False

    def handle_data(self, data) -> None:
        if self._in:
            self._text.append(data)


def _read(site: Path, url: str) -> _Page:
    page = _Page()
    page.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return page


def _node(page: _Page, kind: str) -> dict:
    assert len(page.json_ld) == 1, page.json_ld
    document = page.json_ld[0]
    assert document["@context"] == "https://schema.org"
    nodes = [node for node in document["@graph"] if node["@type"] == kind]
    assert len(nodes) == 1, document
    return nodes[0]


def _check_trail(site: Path, url: str, page: _Page, names: list[str]) -> None:
    """The visible trail and the BreadcrumbList name the same pages, each of which exists."""
    assert [name for name, _, _ in page.crumbs] == names
    assert [current for _, _, current in page.crumbs] == [False] * (len(names) - 1) + [True]
    items = _node(page, "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in items] == names
    assert [item["position"] for item in items] == list(range(1, len(names) + 1))
    assert items[-1]["item"] == SITE_URL + url
    for (_, href, current), item in zip(page.crumbs, items, strict=True):
        path = item["item"].removeprefix(SITE_URL)
        assert (site / path / "index.html").is_file(), item
        if not current:  # the link goes where the structured data says
            target = (site / url / href).resolve()
            assert target == (site / path).resolve(), (href, path)


def test_json_ld_is_json_that_cannot_close_its_script():
    data = {"name": "</script><script>alert(1)</script> <!-- & -->", "n": [1, "ñ"]}
    text = str(json_ld(data))
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data
    assert "ñ" in text  # readable, not \\u-escaped beyond what the script needs


def test_problem_pages_show_their_trail_tab_and_schema_org_data(site, catalogue, vocabularies):
    for entry in catalogue.problems:
        problem, comuna = entry.problem, entry.comuna
        url = f"problemas/{problem.comuna}/{entry.slug}/"
        page = _read(site, url)
        assert page.tabs == ["Comunas"], url
        _check_trail(site, url, page, ["Inicio", comuna.region, comuna.name, problem.title])
        work = _node(page, "CreativeWork")
        assert work["url"] == SITE_URL + url
        assert work["identifier"] == problem.problem_id
        assert work["name"] == problem.title and work["description"] == problem.summary
        assert work["creativeWorkStatus"] == vocabularies.problem_states[problem.state].name
        place = work["spatialCoverage"]
        assert place["@type"] == "AdministrativeArea" and place["name"] == comuna.name
        assert place["containedInPlace"] == {"@type": "AdministrativeArea", "name": comuna.region}
        assert work["dateCreated"] == problem.registered.isoformat()
        assert work["dateModified"] == (problem.updated or problem.registered).isoformat()
        assert work["license"] == CONTENT.url
        assert work["about"] == [vocabularies.themes[t].name for t in problem.themes]


def test_listing_pages_show_their_trail_tab_and_breadcrumb_list(site, catalogue, vocabularies):
    entry = catalogue.problems[0]
    comuna = entry.comuna
    region = _read(site, "regiones/").crumbs  # a page in the nav: Material's own, no trail
    assert region == []
    theme_slug, theme = next(iter(vocabularies.themes.items()))
    solution = catalogue.solutions[0]
    region_url = next(
        f"regiones/{p.name}/"
        for p in (site / "regiones").iterdir()
        if p.is_dir() and f">{comuna.region}<" in (p / "index.html").read_text(encoding="utf-8")
    )
    cases = [
        (f"comunas/{comuna.slug}/", "Comunas", ["Inicio", comuna.region, comuna.name]),
        (region_url, "Regiones", ["Inicio", comuna.region]),
        (f"temas/{theme_slug}/", "Temas", ["Inicio", "Temas", theme.name]),
        (
            f"soluciones/{solution.slug}/",
            "Soluciones",
            ["Inicio", "Soluciones", solution.solution.title],
        ),
    ]
    for url, tab, names in cases:
        page = _read(site, url)
        assert page.tabs == [tab], url
        _check_trail(site, url, page, names)


@pytest.mark.parametrize(
    ("url", "tab"),
    [("", "Inicio"), ("comunas/", "Comunas"), ("explorar/", "Explorar"), ("guias/marco/", "Guías")],
)
def test_pages_in_the_nav_keep_materials_active_tab(site, url, tab):
    assert _read(site, url).tabs == [tab]


def test_chart_bars_are_links_to_pages_that_exist(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<ol class="grafico-barras".*?</ol>', html, re.DOTALL)
    assert len(charts) == 3
    for chart in charts:
        rows = re.findall(r"<li>(.*?)</li>", chart, re.DOTALL)
        assert rows
        for row in rows:
            href = re.match(r'<a class="grafico-etiqueta" href="([^"]+)"', row)
            assert href, row
            path = href.group(1).replace("&amp;", "&").split("?")[0]
            assert (site / path / "index.html").is_file(), href.group(1)
