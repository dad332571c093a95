"""The public site in a real browser: Playwright drives Debian's Chromium against the built site
served on localhost.

The site is the one built once per test run into a temporary folder (never the repository's
build/ or site/), with the real example catalogue, shared with tests/test_site.py (the `site`
fixture of tests/conftest.py), and served by a small HTTP server on 127.0.0.1.

The fixtures live in this module on purpose: a tests/browser/conftest.py would be imported under
the module name `conftest` and shadow tests/conftest.py, which the other test modules import
with `from conftest import ...`.

Pages are visited once per session and what they showed is kept (session caches), so tests
that look at the same page do not load it again.
"""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from devtools.bench_site import serve_folder
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright
from pypdf import PdfReader

from catalogo.site.transparency import QUESTIONS
from site_build import build
from transparency_catalogue import (
    RECORD_PROBLEM_ID,
    RECORD_PROBLEM_PAGE,
    RECORD_PROBLEM_TITLE,
    RECORD_SOLUTION,
    RECORD_SOLUTION_TITLE,
    write_catalogue,
)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Generous: these tests wait on conditions, never on fixed sleeps, and a machine running other
# test suites beside this one can take many seconds to draw a page.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)

# With pytest-xdist, the tests of this module run in a few groups, each in one worker: one browser
# and one session cache of visited pages per worker, instead of one of each per test. The page
# and journey tests form one group; the accessibility checks (one group per width) and the
# search-payload site form others, so that the module, the longest of the suite, is spread over
# the workers instead of being the run's critical path on its own.
pytestmark = pytest.mark.xdist_group("navegador")
ACCESSIBILITY_GROUP = pytest.mark.xdist_group("accesibilidad")

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}

PROBLEM = "problemas/renca/deteccion-de-microbasurales/"
PROBLEM_SOURCE = REPO / "problems" / "renca" / "deteccion-de-microbasurales.md"
PROBLEM_ID = "13128-001"
SOLUTION = "soluciones/ojo-limpio/"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# The pages the issue names: the home page, a comuna, a theme, a region, a problem, the
# solutions, the hackathon and the (long, generated) error reference.
PAGES = {
    "inicio": "",
    "comuna": "comunas/maipu/",
    "tema": "temas/salud/",
    "region": "regiones/metropolitana-de-santiago/",
    "problema": PROBLEM,
    "soluciones": "soluciones/",
    "hackaton": "hackaton/",
    "referencia-de-errores": "guias/referencia-de-errores/",
    "explorar": "explorar/",
    "solucion": SOLUTION,
    "proponer-un-problema": "guias/proponer-un-problema/",
    "marco": "guias/marco/",
    "trabajar-en-un-problema": "guias/trabajar-en-un-problema/",
    "datos-abiertos": "datos-abiertos/",
    "comunas": "comunas/",
    "regiones": "regiones/",
    "temas": "temas/",
    "accesibilidad": "accesibilidad/",
    # Issue 13: a comuna without problems and the programme's coverage.
    "comuna-sin-problemas": "comunas/nunoa/",
    "cobertura": "cobertura/",
    # Issue 14: the crosswalk of the transparency registers, wide tables on a phone.
    "equivalencias-transparencia": "guias/equivalencias-transparencia/",
}
# Every page type, at both widths and in both palettes.
AXE_PAGES = tuple(PAGES)


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


PROBLEM_DATA = _front_matter(PROBLEM_SOURCE)
# Problems, not the joins of comunas to other comunas' problems (a file with `comparte`).
PROBLEM_COUNT = sum(
    "\ncomparte:" not in path.read_text(encoding="utf-8")
    for path in (REPO / "problems").glob("*/*.md")
)


# Building and serving the site ---------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(site: Path) -> Path:
    """The repository's site, built once per test run for every test (tests/conftest.py)."""
    assert (site / "index.html").is_file()
    return site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served at the root of http://127.0.0.1:<free port>/."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"No está {CHROMIUM}: las pruebas del navegador usan el Chromium de Debian. "
            "Instálelo con `apt-get install chromium`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        pytest.fail(
            f"No está {AXE.relative_to(REPO)}: instale axe-core con `npm ci` en la raíz del repositorio.",
            pytrace=False,
        )
    return AXE


def _context_opener(
    browser: Browser, base_url: str, **defaults
) -> Iterator[Callable[..., BrowserContext]]:
    """Yields a function that opens fresh browser contexts on one site (desktop size unless
    told otherwise), and closes them all after the test."""
    contexts: list[BrowserContext] = []

    def open_context(viewport: dict[str, int] = DESKTOP, **options) -> BrowserContext:
        context = browser.new_context(
            base_url=base_url, viewport=viewport, locale="es-CL", **defaults, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def new_context(browser: Browser, base_url: str) -> Iterator[Callable[..., BrowserContext]]:
    """Opens fresh browser contexts on the catalogue's site, closed after the test."""
    yield from _context_opener(browser, base_url, accept_downloads=True)


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


def _goto(page: Page, path: str, wait_until: str = "load") -> None:
    response = page.goto(path, wait_until=wait_until)
    assert response is not None and response.status == 200, (
        f"{path}: {response and response.status}"
    )


def _heading_text(page: Page) -> str:
    """The article's H1 without its permalink («¶»)."""
    return page.locator("article h1").first.evaluate(
        "h1 => [...h1.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )


def _card_value(page: Page, label: str) -> Locator:
    """The <dd> that follows the card's <dt>label</dt>."""
    return page.locator(
        f"xpath=//dl[contains(concat(' ', @class, ' '), ' ficha ')]/dt[normalize-space()='{label}']"
        "/following-sibling::dd[1]"
    )


def _absolute(base_url: str, path: str) -> str:
    return urljoin(base_url, path)


# 1. The problem page ------------------------------------------------------------------------


def test_problem_page_shows_title_banner_card_and_actions(page: Page, base_url: str):
    _goto(page, PROBLEM)
    assert _heading_text(page) == PROBLEM_DATA["titulo"]
    assert page.title().startswith(PROBLEM_DATA["titulo"])

    banner = page.locator(".aviso-ejemplo")
    expect(banner).to_be_visible()
    expect(banner.locator(".admonition-title")).to_have_text("Ejemplo ilustrativo")
    expect(page.get_by_role("note").filter(has_text="Ejemplo ilustrativo")).to_be_visible()

    expect(page.locator("dl.ficha")).to_be_visible()
    expect(_card_value(page, "Identificador")).to_have_text(PROBLEM_ID)
    comuna = _card_value(page, "Comuna").get_by_role("link")
    expect(comuna).to_have_text("Renca")
    assert comuna.evaluate("a => a.href") == _absolute(base_url, "comunas/renca/")
    region = _card_value(page, "Región").get_by_role("link")
    expect(region).to_have_text("Metropolitana de Santiago")
    assert region.evaluate("a => a.href") == _absolute(
        base_url, "regiones/metropolitana-de-santiago/"
    )
    state = _card_value(page, "Estado").locator(".estado")
    expect(state).to_be_visible()
    expect(state).to_have_text("Con prototipo")
    expect(state).to_have_class(re.compile(r"\bestado--con-prototipo\b"))
    email = PROBLEM_DATA["contacto"]["correo"]
    contact = _card_value(page, "Contacto").get_by_role("link")
    expect(contact).to_have_text(email)
    expect(contact).to_have_attribute("href", f"mailto:{email}")

    actions = page.get_by_role("group", name="Acciones")
    names = [
        "Trabajar en este problema",
        "Editar en GitHub",
        "Comentar o corregir",
        "Descargar JSON",
        "Descargar Markdown",
        "Sumar mi comuna a este problema",
    ]
    for name in names:
        expect(actions.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(actions.get_by_role("link")).to_have_count(len(names))
    edit = actions.get_by_role("link", name="Editar en GitHub")
    href = edit.get_attribute("href") or ""
    assert href.startswith("https://github.com/"), href
    assert href.endswith("/edit/main/problems/renca/deteccion-de-microbasurales.md"), href

    actions.get_by_role("link", name="Trabajar en este problema").click()
    expect(page).to_have_url(_absolute(base_url, PROBLEM) + "#trabajar-en-este-problema")
    section = page.locator("h2#trabajar-en-este-problema")
    expect(section).to_have_text(re.compile(r"^Trabajar en este problema"))
    expect(section).to_be_in_viewport()

    comuna.click()
    expect(page).to_have_url(_absolute(base_url, "comunas/renca/"))
    assert _heading_text(page) == "Renca"


def test_problem_page_lists_its_solution_which_links_back(page: Page, base_url: str):
    _goto(page, PROBLEM)
    solutions = page.locator("h2#soluciones + ul.lista-soluciones")
    expect(solutions).to_be_visible()
    link = solutions.get_by_role("link", name=re.compile(r"^Ojo Limpio"))
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(_absolute(base_url, SOLUTION))
    assert _heading_text(page).startswith("Ojo Limpio")

    addressed = page.locator("h2#problemas-que-aborda + ul.lista-problemas")
    expect(addressed).to_be_visible()
    back = addressed.get_by_role("link", name=PROBLEM_DATA["titulo"], exact=True)
    expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(_absolute(base_url, PROBLEM))
    assert _heading_text(page) == PROBLEM_DATA["titulo"]


def test_problem_page_lists_similar_problems_from_other_comunas(page: Page, base_url: str):
    _goto(page, "problemas/zapallar/alerta-de-incendios-forestales/")
    similar = page.locator("h2#problemas-similares-en-otras-comunas + ul.lista-problemas > li")
    expect(similar.first).to_be_visible()
    assert 1 <= similar.count() <= 3
    places = similar.locator(".tarjeta-lugar").all_inner_texts()
    assert all(not place.startswith("Zapallar") for place in places), places
    # Zapallar's forest fires find Catemu's rural fire warnings.
    link = similar.get_by_role("link", name=re.compile("incendio", re.IGNORECASE)).first
    link.click()
    expect(page).to_have_url(re.compile(re.escape(_absolute(base_url, "problemas/catemu/"))))


def test_explorar_filters_combine_count_and_live_in_the_address(page: Page, base_url: str):
    _goto(page, "explorar/")
    status = page.locator(".explorar-estado")
    expect(status).to_have_text(re.compile(rf"^{PROBLEM_COUNT} problemas"), timeout=TIMEOUT_MS)
    cards = page.locator(".explorar-resultados > li")
    assert cards.count() == min(PROBLEM_COUNT, 20)
    # Each region option carries how many problems it has.
    region = page.locator("#explorar-region")
    expect(region.locator("option", has_text="Valparaíso (6)")).to_have_count(1)

    region.select_option("Valparaíso")
    expect(status).to_have_text(re.compile(r"^6 problemas"))
    assert all(
        place.endswith("Valparaíso") for place in page.locator(".tarjeta-lugar").all_inner_texts()
    )
    # Every card names its themes and summary, as the listings do.
    assert all(page.locator(".explorar-resultados .tarjeta-temas").all_inner_texts())
    assert all(page.locator(".explorar-resultados .tarjeta-resumen").all_inner_texts())
    # The counts of the other filters now describe Valparaíso's problems only.
    expect(page.locator("#explorar-comuna option", has_text="Catemu (2)")).to_have_count(1)
    expect(page.locator("#explorar-comuna option", has_text="Maipú (0)")).to_have_count(1)

    page.locator("#explorar-comuna").select_option("Catemu")
    expect(status).to_have_text(re.compile(r"^2 problemas"))
    page.locator("#explorar-q").fill("incendio")
    expect(status).to_have_text(re.compile(r"^1 problema"))
    address = urlsplit(page.url)
    assert address.path.endswith("/explorar/")
    assert "region=Valpara%C3%ADso" in address.query and "comuna=Catemu" in address.query
    assert "q=incendio" in address.query

    page.reload()
    expect(status).to_have_text(re.compile(r"^1 problema"), timeout=TIMEOUT_MS)
    expect(page.locator("#explorar-region")).to_have_value("Valparaíso")
    expect(page.locator("#explorar-comuna")).to_have_value("Catemu")
    expect(page.locator("#explorar-q")).to_have_value("incendio")
    assert "¶" not in page.locator(".explorar-resultados").inner_text()

    page.get_by_role("button", name="Quitar los filtros").click()
    expect(status).to_have_text(re.compile(rf"^{PROBLEM_COUNT} problemas"))
    assert urlsplit(page.url).query == ""


def test_explorar_arrives_filled_and_loads_its_index_only_when_filtering(page: Page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _goto(page, "explorar/")
    expect(page.locator(".explorar-resultados > li")).to_have_count(min(PROBLEM_COUNT, 20))
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "api/explorar.json" in url or "/pagefind/" in url]

    status = page.locator(".explorar-estado")
    unfiltered = status.inner_text()
    page.locator("#explorar-region").select_option("Los Lagos")
    # The page arrived saying "N problemas" already: wait for the filtered count, not any count.
    expect(status).not_to_have_text(unfiltered)
    expect(status).to_have_text(re.compile(r"^\d+ problemas?\b"))
    assert any("api/explorar.json" in url for url in requested)
    places = page.locator(".tarjeta-lugar")
    expect(places.first).to_be_visible()
    assert all(p.endswith("Los Lagos") for p in places.all_inner_texts())
    # The cards the script draws look like the ones the page arrived with.
    card = page.locator(".explorar-resultados > li").first
    for part in (
        ".tarjeta-titulo",
        ".estado",
        ".tarjeta-lugar",
        ".tarjeta-temas",
        ".tarjeta-resumen",
    ):
        expect(card.locator(part)).not_to_be_empty()


def test_explorar_pages_through_results(page: Page):
    _goto(page, "explorar/")
    pager = page.locator(".explorar-paginas")
    expect(pager).to_be_visible(timeout=TIMEOUT_MS)
    first = page.locator(".explorar-resultados > li .tarjeta-titulo").first.inner_text()
    pager.get_by_role("button", name="Siguiente").click()
    expect(page.locator(".explorar-pagina-actual")).to_have_text(re.compile(r"^Página 2 de"))
    assert page.locator(".explorar-resultados > li").count() == PROBLEM_COUNT - 20
    assert page.locator(".explorar-resultados > li .tarjeta-titulo").first.inner_text() != first
    assert "pagina=2" in page.url


def test_explorar_without_javascript_leads_to_the_listings(
    new_context: Callable[..., BrowserContext],
):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    _goto(page, "explorar/")
    # The newest problems are there without JavaScript too.
    expect(page.locator(".explorar-resultados > li")).to_have_count(min(PROBLEM_COUNT, 20))
    for listing in ("comuna", "región", "tema"):
        expect(
            page.locator("article").get_by_role("link", name=listing, exact=True).first
        ).to_be_visible()


# 2. Downloads and open data -----------------------------------------------------------------


def test_problem_downloads_json_and_original_markdown(page: Page):
    _goto(page, PROBLEM)
    actions = page.get_by_role("group", name="Acciones")

    with page.expect_download() as info:
        actions.get_by_role("link", name="Descargar JSON").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == f"{PROBLEM_ID}.json"
    record = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert record["problema"]["id"] == PROBLEM_ID
    assert record["problema"]["titulo"] == PROBLEM_DATA["titulo"]

    with page.expect_download() as info:
        actions.get_by_role("link", name="Descargar Markdown").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == f"{PROBLEM_ID}.md"
    assert Path(download.path()).read_bytes() == PROBLEM_SOURCE.read_bytes()


def test_open_data_files_are_served(page: Page):
    problems = page.request.get("api/problemas.json")
    assert problems.status == 200
    data = problems.json()
    assert data["total"] == len(data["problemas"]) == PROBLEM_COUNT
    assert PROBLEM_ID in {problem["id"] for problem in data["problemas"]}

    table = page.request.get("api/problemas.csv")
    assert table.status == 200
    rows = list(csv.DictReader(io.StringIO(table.body().decode("utf-8-sig"))))
    assert len(rows) == PROBLEM_COUNT
    assert PROBLEM_ID in {row["id"] for row in rows}

    feed = page.request.get("api/novedades.xml")
    assert feed.status == 200
    root = ElementTree.fromstring(feed.body())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.findall("{http://www.w3.org/2005/Atom}entry")


# 3. Charts and their text alternatives ------------------------------------------------------


CHART_DATA = """figures => figures.map(figure => {
    const text = e => (e ? e.textContent.replace(/\\s+/g, " ").trim() : null);
    const list = figure.querySelector("ol.grafico-barras");
    return {
        id: figure.id,
        caption: text(figure.querySelector("figcaption")),
        labelledby: list && list.getAttribute("aria-labelledby"),
        bars: [...figure.querySelectorAll("ol.grafico-barras > li")].map(li => ({
            label: text(li.querySelector("a.grafico-etiqueta")),
            href: li.querySelector("a.grafico-etiqueta") && li.querySelector("a.grafico-etiqueta").href,
            value: text(li.querySelector(".grafico-valor")),
            width: li.querySelector(".grafico-barra").getBoundingClientRect().width,
        })),
    };
})"""


def test_home_charts_are_lists_of_links_with_their_values_as_text(page: Page):
    _goto(page, "")
    figures = page.locator("figure.grafico")
    expect(figures).to_have_count(3)
    charts = figures.evaluate_all(CHART_DATA)
    sums = {}
    for chart in charts:
        title = chart["caption"]
        assert title and chart["labelledby"] == f"{chart['id']}-titulo"
        expect(page.locator(f"figure#{chart['id']} ol")).to_have_accessible_name(title)
        bars = chart["bars"]
        assert bars, f"el gráfico «{title}» no tiene barras"
        values = []
        for bar in bars:
            assert bar["label"] and bar["href"], bar
            number, _, unit = bar["value"].partition(" ")
            assert number.isdigit() and unit == "problemas", bar
            values.append(int(number))
        # The longest bar is the largest value; the others are in proportion to it.
        peak = max(values)
        widest = max(bar["width"] for bar in bars)
        for bar, value in zip(bars, values, strict=True):
            assert abs(bar["width"] - widest * value / peak) < 2, (title, bar)
        sums[title] = sum(values)

    # Every problem has exactly one state and one region; themes are 1 to 3 per problem.
    published = page.request.get("api/problemas.json").json()
    total = published["total"]
    assert sums["Problemas por estado"] == total
    # A region counts each problem present in it: its comunas' own and those they joined, so a
    # problem shared across regions counts in each of them.
    regions = {
        c["slug"]: c["region"] for c in page.request.get("api/comunas.json").json()["comunas"]
    }
    present = sum(len({regions[c] for c in p["comunas"]}) for p in published["problemas"])
    assert present > total  # the examples share a problem across regions
    assert sums["Problemas por región"] == present
    assert total <= sums["Problemas por tema"] <= 3 * total


# What a visit to a page shows, kept for the session.


@pytest.fixture(scope="session")
def observed() -> dict:
    return {}


@pytest.fixture(scope="session")
def axe_cache() -> dict:
    return {}


def _observe(new_context: Callable[..., BrowserContext], observed: dict, path: str) -> dict:
    """Loads a page (desktop, networkidle) recording its requests, failures and console errors."""
    if path in observed:
        return observed[path]
    context = new_context()
    record: dict = {"requests": [], "failures": [], "errors": [], "lang": None}
    context.on("request", lambda request: record["requests"].append(request.url))
    context.on(
        "requestfailed",
        lambda request: record["failures"].append((request.url, f"{request.failure}")),
    )
    context.on(
        "response",
        lambda response: (
            response.status >= 400
            and record["failures"].append((response.url, f"{response.status}"))
        ),
    )
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and record["errors"].append((message.location.get("url"), f"consola: {message.text}"))
        ),
    )
    page.on("pageerror", lambda error: record["errors"].append((None, f"excepción: {error}")))
    _goto(page, path, wait_until="networkidle")
    record["lang"] = page.locator("html").get_attribute("lang")
    context.close()
    observed[path] = record
    return record


# 4 and 7. Only the site's own origin, no console errors, and Spanish -----------------------


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_is_local_error_free_and_in_spanish(
    new_context: Callable[..., BrowserContext], observed: dict, base_url: str, path: str
):
    record = _observe(new_context, observed, path)
    assert record["lang"] == "es"
    assert record["requests"], "no se registró ninguna petición"
    outside = []
    for url in record["requests"]:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue
        if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
            outside.append(url)
    assert not outside, "peticiones fuera de localhost:\n" + "\n".join(outside)

    failures = [f"{url}: {why}" for url, why in record["failures"]]
    errors = [f"{text} ({url})" for url, text in record["errors"]]
    assert not failures, "peticiones fallidas:\n" + "\n".join(failures)
    assert not errors, "\n".join(errors)


# 5. Accessibility with axe-core -------------------------------------------------------------

AXE_RUN = """async (options) => {
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
    }));
}"""


# The palettes change colours only, never the page's elements: the dark palette is checked with
# the rules that read colours, the light one with every rule. Half the time of a full second run.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _axe(
    new_context: Callable[..., BrowserContext],
    axe_script: Path,
    axe_cache: dict,
    path: str,
    viewport: dict[str, int],
    scheme: str = "light",
) -> list[dict]:
    """The serious and critical violations axe-core finds on a page."""
    key = (path, viewport["width"], viewport["height"], scheme)
    if key not in axe_cache:
        page = new_context(viewport, color_scheme=scheme).new_page()
        _goto(page, path)
        page.add_script_tag(path=str(axe_script))
        options: dict = {"resultTypes": ["violations"]}
        if scheme == "dark":
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        violations = page.evaluate(AXE_RUN, options)
        axe_cache[key] = [v for v in violations if v["impact"] in ("serious", "critical")]
        page.context.close()
    return axe_cache[key]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... y {len(violation['nodes']) - 5} elementos más")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["claro", "oscuro"])
# One xdist group per width: the longest checks of the suite share both workers.
@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param(DESKTOP, id="escritorio", marks=pytest.mark.xdist_group("axe-escritorio")),
        pytest.param(PHONE, id="telefono", marks=pytest.mark.xdist_group("axe-telefono")),
    ],
)
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_reports_no_serious_or_critical_violation(
    new_context: Callable[..., BrowserContext],
    axe_script: Path,
    axe_cache: dict,
    name: str,
    viewport: dict[str, int],
    scheme: str,
):
    violations = _axe(new_context, axe_script, axe_cache, PAGES[name], viewport, scheme)
    where = f"{PAGES[name] or 'Inicio'} ({viewport['width']} px, paleta {scheme})"
    assert not violations, f"axe-core en {where}:\n" + _describe(violations)


# 6. Phone width -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["problema", "inicio", "hackaton", "equivalencias-transparencia"])
def test_page_does_not_scroll_sideways_on_a_phone(
    new_context: Callable[..., BrowserContext], name: str
):
    page = new_context(PHONE).new_page()
    _goto(page, PAGES[name])
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, (
        f"{PAGES[name] or 'Inicio'} mide {width} px de ancho en una pantalla de 360 px"
    )
    # Tables may be wider than the screen: they scroll inside their own container.
    for table in page.locator(".tabla-datos").all():
        expect(table).to_be_visible()
        assert table.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        assert table.evaluate("e => e.getBoundingClientRect().right") <= PHONE["width"] + 1
    # On these pages every data table (a problem's sources, the hackathon's teams) stacks into
    # cards on a phone: nothing of it is hidden past the box's edge.
    for table in page.locator(".tabla-datos").all():
        # Material wraps each table in a box of its own that scrolls: measure that one.
        inner, outer = table.evaluate(
            "e => { const box = e.querySelector('.md-typeset__scrollwrap') || e;"
            " return [box.scrollWidth, box.clientWidth]; }"
        )
        assert inner <= outer + 1, f"una tabla de datos se desplaza de lado: {inner} > {outer} px"


# 8. Search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("viewport", "words", "target_page"),
    [
        (DESKTOP, "microbasurales", PROBLEM),
        (PHONE, "microbasurales", PROBLEM),
        # Typed without accents, as on a phone: "Clasificación y derivación de reclamos".
        (DESKTOP, "clasificacion derivacion", "problemas/maipu/clasificacion-de-reclamos-oirs/"),
        (PHONE, "transito estacionamientos", None),
    ],
    ids=["escritorio", "telefono", "sin-tildes", "sin-tildes-telefono"],
)
def test_search_finds_the_problem(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    viewport: dict[str, int],
    words: str,
    target_page: str | None,
):
    page = new_context(viewport).new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _goto(page, "")
    query = page.locator("input.md-search__input")
    toggle = page.locator("input#__search")
    if viewport is PHONE:
        # On a phone the header shows a search button that opens the search overlay.
        expect(toggle).not_to_be_checked()
        page.locator("label.md-header__button[for='__search']").click()
        expect(toggle).to_be_checked()
    expect(query).to_be_visible()
    query.click()
    query.press_sequentially(words, delay=20)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible(timeout=TIMEOUT_MS)
    # Each result says where the problem is, under its title.
    expect(items.first.locator(".catalogo-resultado-lugar")).to_have_text(
        re.compile(r"^\S.*, \S.*$")
    )
    assert all(urlsplit(url).hostname in LOCAL_HOSTS for url in requests if url.startswith("http"))
    if target_page is None:
        return
    target = page.locator(f".md-search-result__item a[href*='{target_page}']")
    expect(target.first).to_be_visible()
    target.first.click()
    expect(page).to_have_url(re.compile(re.escape(_absolute(base_url, target_page))))


# Search stays small as the catalogue grows ---------------------------------------------------

SEARCH_PROBLEMS = 400
# One query (after the page itself) may download at most this much: the Pagefind runtime and
# the index pieces for the words typed, not the whole index.
SEARCH_BUDGET_KB = 300


@ACCESSIBILITY_GROUP  # its own site of SEARCH_PROBLEMS problems: the groups' times even out
def test_one_search_downloads_only_a_small_part_of_the_index(
    browser: Browser, tmp_path, vocabularies
):
    from devtools.bench_site import browser_payloads, prepare_catalogue

    root = tmp_path / "catalogo"
    prepare_catalogue(root, vocabularies, SEARCH_PROBLEMS)
    site = build(root, tmp_path / "salida")
    index_kb = (
        sum(path.stat().st_size for path in (site / "pagefind").rglob("*") if path.is_file()) / 1024
    )
    payload = browser_payloads(site, browser)
    assert payload["search_kb"] < SEARCH_BUDGET_KB, payload
    # Not the whole index: what a query needs is a fraction of it.
    assert payload["search_kb"] < index_kb / 2, (payload, index_kb)
    # How fast results show is measured by `make bench`, not asserted: a busy machine is slow.


# Issue 11 · hackathon page, events and readiness ----------------------------------------------


def _hackathon_event(page: Page) -> Locator:
    return page.locator("article.evento--hackaton").filter(has_text="10 de julio de 2025")


def test_a_team_goes_from_the_hackathon_events_to_a_ready_problem_and_its_kit(page: Page):
    _goto(page, "hackaton/")
    event = _hackathon_event(page)
    expect(event).to_be_visible()
    expect(event.locator(".evento-cuando")).to_contain_text("Renca")
    # From the event's problems, one marked ready.
    ready = event.locator(".evento-problemas li").filter(has_text="Preparación: Lista").first
    title = ready.locator("a").inner_text()
    ready.locator("a").click()
    expect(page.locator("article h1")).to_contain_text(title)
    readiness = page.locator(".preparacion")
    expect(readiness).to_contain_text("Lista: cumple 4 de 4 criterios.")
    expect(readiness.locator("li.falta")).to_have_count(0)
    # The kit: what the page offers a team to start with.
    page.get_by_role("link", name="Trabajar en este problema").first.click()
    work = page.locator(".trabajar")
    expect(work).to_be_in_viewport()
    expect(work.locator("pre code")).to_contain_text("problemas:")
    with page.expect_download() as info:
        page.get_by_role("group", name="Acciones").get_by_role(
            "link", name="Descargar JSON"
        ).click()
    record = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert record["problema"]["titulo"] == title
    assert record["problema"]["preparacion"] == "lista"


def test_a_team_goes_from_the_hackathon_page_to_explorar_ready_and_unsolved(page: Page):
    _goto(page, "hackaton/")
    link = page.get_by_role("link", name=re.compile(r"^Ver los problemas listos y sin solución"))
    count = int(re.search(r"\((\d+)\)", link.inner_text()).group(1))
    assert count > 0
    link.click()
    expect(page.locator("#explorar-preparacion")).to_have_value("Lista")
    expect(page.locator("#explorar-solucion")).to_have_value("Sin solución")
    status = page.locator(".explorar-estado")
    expect(status).to_have_text(re.compile(rf"^{count} problemas?\b"))
    cards = page.locator(".explorar-resultados > li")
    expect(cards).to_have_count(count)
    cards.first.locator(".tarjeta-titulo").click()
    expect(page.locator(".preparacion")).to_contain_text("Lista: cumple 4 de 4 criterios.")
    expect(page.get_by_text("Aún no hay soluciones para este problema.")).to_be_visible()
    expect(page.get_by_role("link", name="Trabajar en este problema").first).to_be_visible()


def test_a_problem_not_ready_shows_the_criteria_and_what_is_missing(page: Page):
    _goto(page, "hackaton/")
    criteria = page.locator(".criterios-preparacion li")
    expect(criteria).to_have_count(4)
    names = [text.split(".")[0] for text in criteria.all_inner_texts()]
    not_ready = _hackathon_event(page).locator(".evento-problemas li")
    not_ready.filter(has_text="Preparación: En preparación").first.locator("a").click()
    readiness = page.locator(".preparacion")
    expect(readiness).to_contain_text(re.compile(r"En preparación: cumple \d de 4 criterios"))
    # Every criterion is listed, met or not, and each one missing says what to do.
    expect(readiness.locator("li")).to_have_count(len(names))
    for name in names:
        expect(readiness.locator("li", has_text=name)).to_have_count(1)
    missing = readiness.locator("li.falta")
    assert missing.count() >= 2
    for item in missing.all():
        expect(item.locator(".que-falta")).to_contain_text(re.compile(r"Qué falta: \S"))


# Issue 11 · reuse: the open-data journey ------------------------------------------------------


def test_open_data_journey_from_the_nav_to_the_spreadsheets(
    new_context: Callable[..., BrowserContext], tmp_path: Path
):
    """Someone who reuses the data: finds «Datos abiertos» in the nav, reads and copies the JSON
    example, downloads the CSV and the XLSX from the page and opens them with the accents."""
    import openpyxl

    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    _goto(page, "")
    page.locator(".md-tabs").get_by_role("link", name="Guías").click()
    page.locator(".md-sidebar--primary").get_by_role("link", name="Datos abiertos").click()
    expect(page).to_have_url(re.compile(r"/datos-abiertos/$"))
    assert _heading_text(page) == "Datos abiertos"

    published = page.request.get("api/problemas.json").json()
    shown = page.locator("article pre code.language-json")
    assert json.loads(shown.inner_text()) == published["problemas"][0]
    shown.hover()
    page.locator("article pre").get_by_title("Copiar al portapapeles").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    assert json.loads(page.evaluate("navigator.clipboard.readText()")) == published["problemas"][0]

    def download(name: str) -> Path:
        with page.expect_download() as info:
            page.locator(f"article a[href$='api/{name}']").first.click()
        assert info.value.failure() is None and info.value.suggested_filename == name
        target = tmp_path / name
        info.value.save_as(target)
        return target

    table = download("problemas.csv")
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    sheet = openpyxl.load_workbook(download("problemas.xlsx"))["problemas"]
    cells = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert len(rows) == len(cells) == published["total"] + 1
    assert cells[0] == rows[0] and rows[0][:2] == ["id", "titulo"]
    header = rows[0]
    for records in (rows[1:], cells[1:]):
        by_id = {row[0]: dict(zip(header, row, strict=True)) for row in records}
        assert by_id.keys() == {record["id"] for record in published["problemas"]}
        for record in published["problemas"]:
            row = by_id[record["id"]]
            assert (row["titulo"], row["comuna_nombre"], row["region"]) == (
                record["titulo"],
                record["comuna_nombre"],
                record["region"],
            )
    names = {record["comuna_nombre"] for record in published["problemas"]}
    assert any(not name.isascii() for name in names), names  # «Maipú» and the like
    assert failed == []


def test_every_page_head_announces_the_feeds(page: Page):
    for path in ("", "datos-abiertos/", PROBLEM, "comunas/maipu/"):
        _goto(page, path)
        for kind, root_tag in (
            ("application/atom+xml", "{http://www.w3.org/2005/Atom}feed"),
            ("application/feed+json", None),
        ):
            link = page.locator(f"head link[rel='alternate'][type='{kind}']")
            expect(link).to_have_count(1)
            assert link.get_attribute("title")
            feed = page.request.get(link.evaluate("link => link.href"))
            assert feed.status == 200, (path, kind)
            if root_tag:
                assert ElementTree.fromstring(feed.body()).tag == root_tag
            else:
                assert feed.json()["version"] == "https://jsonfeed.org/version/1.1"


# Issue 11 · proposing and taking part ------------------------------------------------------
# The links to the repository's issue forms are followed as a visitor would, but GitHub is never
# asked: the browser's requests to it are answered here, and the address it asked for is what
# the tests read (the site itself makes no third-party request).

GITHUB = "https://github.com/"


def _repository() -> str:
    from catalogo.site.settings import read_settings

    repository = read_settings(REPO).repository.rstrip("/")
    assert repository.startswith(GITHUB), repository
    return repository


def _follow_to_github(page: Page, link: Locator) -> str:
    """Clicks `link` and returns the GitHub address the browser went to (answered locally)."""
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")

    page.route(f"{GITHUB}**", answer)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(re.compile("^" + re.escape(GITHUB)))
    page.unroute(f"{GITHUB}**")
    assert len(asked) == 1, asked
    return asked[0]


def _form_query(url: str, template: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    assert url.startswith(f"{_repository()}/issues/new?template={template}"), url
    return parse_qs(urlsplit(url).query)


def test_home_proposes_a_problem_with_the_issue_form(page: Page):
    _goto(page, "")
    link = page.locator(".participar").get_by_role("link", name="Proponer un problema", exact=True)
    url = _follow_to_github(page, link)
    assert url == f"{_repository()}/issues/new?template=proponer-problema.yml"


def test_a_comuna_page_proposes_a_problem_for_its_comuna(page: Page):
    _goto(page, PAGES["comuna"])
    link = page.get_by_role("link", name="Proponer un problema para Maipú")
    query = _form_query(_follow_to_github(page, link), "proponer-problema.yml")
    assert query == {"template": ["proponer-problema.yml"], "comuna": ["Maipú"]}


def test_a_problem_page_comments_and_registers_solutions_naming_the_problem(page: Page):
    _goto(page, PROBLEM)
    actions = page.get_by_role("group", name="Acciones")
    # Beside «Editar en GitHub».
    expect(actions.get_by_role("link", name="Editar en GitHub")).to_be_visible()
    comment = actions.get_by_role("link", name="Comentar o corregir")
    query = _form_query(_follow_to_github(page, comment), "comentar-o-corregir.yml")
    assert query["problema"] == [PROBLEM_ID]
    assert PROBLEM_ID in query["title"][0] and PROBLEM_DATA["titulo"] in query["title"][0]

    _goto(page, PROBLEM)
    register = page.locator(".trabajar").get_by_role("link", name="Registrar una solución")
    query = _form_query(_follow_to_github(page, register), "registrar-solucion.yml")
    assert query["problemas"] == [PROBLEM_ID]


def test_the_hackathon_page_and_the_guide_reach_the_solution_form(page: Page):
    _goto(page, PAGES["hackaton"])
    link = page.locator("article").get_by_role("link", name="Registrar una solución").first
    query = _form_query(_follow_to_github(page, link), "registrar-solucion.yml")
    assert query == {"template": ["registrar-solucion.yml"]}

    # From the home page to the guide, and from the guide to the form.
    _goto(page, "")
    page.locator(".participar").get_by_role("link", name="Trabajar en un problema").click()
    expect(page.locator("article h1")).to_contain_text("Trabajar en un problema")
    link = page.locator("article").get_by_role("link", name="Registrar una solución").first
    query = _form_query(_follow_to_github(page, link), "registrar-solucion.yml")
    assert query == {"template": ["registrar-solucion.yml"]}


def test_an_empty_solutions_list_invites_to_propose_one(page: Page, base_url: str):
    problems = page.request.get("api/problemas.json").json()["problemas"]
    solved = {
        i
        for s in page.request.get("api/soluciones.json").json()["soluciones"]
        for i in s["problemas"]
    }
    unsolved = next(p for p in problems if p["id"] not in solved)
    _goto(page, unsolved["url"])
    invite = page.locator("p.vacio").get_by_role("link", name="¿Quiere proponer una?")
    invite.click()
    expect(page).to_have_url(re.compile("#trabajar-en-este-problema$"))
    expect(page.locator("#trabajar-en-este-problema")).to_be_in_viewport()


def test_solutions_say_which_problem_and_comuna_they_address(page: Page):
    _goto(page, "soluciones/")
    cards = page.locator(".tarjeta-solucion")
    expect(cards.filter(has_text="Aborda:")).to_have_count(cards.count())
    card = cards.filter(has=page.get_by_role("link", name=re.compile("^Ojo Limpio")))
    expect(card.locator(".tarjeta-aborda")).to_contain_text("(Renca)")
    card.locator(".tarjeta-aborda").get_by_role("link", name=PROBLEM_DATA["titulo"]).click()
    expect(page).to_have_url(re.compile(re.escape(PROBLEM) + "$"))
    assert _heading_text(page) == PROBLEM_DATA["titulo"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
def test_the_footer_links_the_repository_licences_and_accessibility(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
):
    page = new_context(viewport).new_page()
    _goto(page, PROBLEM)
    footer = page.locator("footer.md-footer")
    footer.scroll_into_view_if_needed()
    repository = _repository()
    expect(footer.get_by_role("link", name="Repositorio en GitHub")).to_have_attribute(
        "href", repository
    )
    expect(footer.get_by_role("link", name="Contacto en GitHub")).to_have_attribute(
        "href", f"{repository}/issues"
    )
    expect(footer.get_by_role("link", name="CC BY 4.0")).to_have_attribute(
        "href", "https://creativecommons.org/licenses/by/4.0/deed.es"
    )
    expect(footer).to_contain_text("Código: MIT")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    footer.get_by_role("link", name="Accesibilidad").click()
    expect(page.locator("article h1")).to_contain_text("Declaración de accesibilidad")
    expect(page.locator("article")).to_contain_text("WCAG 2.2")


# Issue 11 · Explorar ------------------------------------------------------------------------


def test_explorar_journey_on_a_phone(new_context: Callable[..., BrowserContext], base_url: str):
    page = new_context(PHONE).new_page()
    _goto(page, "explorar/")
    results = page.locator(".explorar-resultados > li")
    status = page.locator(".explorar-estado")
    pager = page.locator(".explorar-paginas")
    # The ten selects are folded behind «Filtros»: the first result is on the first screen.
    toggle = page.get_by_role("button", name=re.compile(r"^Filtros"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    region = page.locator("#explorar-region")
    expect(region).to_be_hidden()
    first_result = results.first.bounding_box()
    assert first_result is not None and first_result["y"] < PHONE["height"], first_result

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(region).to_be_visible()
    region.select_option("Metropolitana de Santiago")
    expect(toggle).to_have_text("Filtros (1 activo)")
    expect(status).to_have_text(re.compile(r"^13 problemas\.$"))
    expect(results).to_have_count(13)
    # One page of results: no pager.
    expect(pager).to_be_hidden()

    page.get_by_role("button", name="Quitar los filtros").click()
    expect(toggle).to_have_text("Filtros")
    expect(status).to_have_text(re.compile(rf"^{PROBLEM_COUNT} problemas; página 1 de 2\.$"))
    expect(pager).to_be_visible()
    previous = pager.get_by_role("button", name="Anterior")
    following = pager.get_by_role("button", name="Siguiente")
    expect(previous).to_be_disabled()
    # A disabled button does not look like the enabled one beside it.
    style = "b => [getComputedStyle(b).borderStyle, getComputedStyle(b).color]"
    assert previous.evaluate(style) != following.evaluate(style)

    first_title = results.first.locator(".tarjeta-titulo").inner_text()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bottom = page.evaluate("scrollY")
    following.click()
    expect(status).to_have_text(re.compile(r"página 2 de 2\.$"))
    expect(results).to_have_count(PROBLEM_COUNT - 20)
    heading = page.locator(".explorar h2")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert page.evaluate("scrollY") < bottom
    assert "pagina=2" in page.url

    # Back returns to each earlier state of the results, not to the page before Explorar.
    page.go_back()
    expect(status).to_have_text(re.compile(r"página 1 de 2\.$"))
    expect(results.first.locator(".tarjeta-titulo")).to_have_text(first_title)
    assert urlsplit(page.url).query == ""
    page.go_back()
    expect(status).to_have_text(re.compile(r"^13 problemas\.$"))
    expect(region).to_have_value("Metropolitana de Santiago")
    expect(toggle).to_have_text("Filtros (1 activo)")
    assert urlsplit(page.url).path.endswith("/explorar/")


CARD_PARTS = """items => items.map(li => [
    li.querySelector('.tarjeta-titulo').textContent, li.querySelector('.estado').className,
    Boolean(li.querySelector('.etiqueta-ejemplo')), li.outerHTML])"""


def test_explorar_script_cards_keep_the_example_badge_and_state_colours(page: Page):
    _goto(page, "explorar/")
    cards = page.locator(".explorar-resultados > li")
    served = cards.evaluate_all(CARD_PARTS)
    assert any(example for _, _, example, _ in served)
    assert len({state for _, state, _, _ in served}) > 1
    # Choosing «Todos» in a filter draws the same first page with the script: the same cards.
    status = page.locator(".explorar-estado")
    page.locator("#explorar-estado").select_option("Priorizado")
    expect(status).not_to_have_text(re.compile(rf"^{PROBLEM_COUNT} "))
    page.locator("#explorar-estado").select_option("")
    expect(status).to_have_text(re.compile(rf"^{PROBLEM_COUNT} problemas"))
    drawn = cards.evaluate_all(CARD_PARTS)
    # The same markup, attribute for attribute: both come from one template.
    assert drawn == served
    # With words too (Pagefind's results), the badge and the state's colour stay.
    page.locator("#explorar-q").fill("microbasurales")
    found = page.locator(".explorar-resultados > li", has_text=PROBLEM_DATA["titulo"])
    expect(found.locator(".etiqueta-ejemplo")).to_have_text("Ejemplo")
    expect(found.locator(".estado")).to_have_class("estado estado--con-prototipo")


def test_explorar_without_javascript_shows_no_form_that_does_nothing(
    new_context: Callable[..., BrowserContext],
):
    # A static site cannot honour a GET form's filters, so the form is not shown: the page
    # shows its newest problems and says how to reach the others.
    page = new_context(PHONE, java_script_enabled=False).new_page()
    _goto(page, "explorar/")
    expect(page.locator("form.explorar-filtros")).to_be_hidden()
    expect(page.locator(".explorar-paginas")).to_be_hidden()
    # (Playwright's text search skips <noscript>: find the sentence by its class.)
    sentence = page.locator(".explorar-sin-script")
    expect(sentence).to_be_visible()
    expect(sentence).to_contain_text("Sin JavaScript esta página no puede filtrar")
    expect(page.locator(".explorar-resultados > li")).to_have_count(min(PROBLEM_COUNT, 20))


@ACCESSIBILITY_GROUP
@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["claro", "oscuro"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
def test_axe_on_explorar_with_the_filters_open(
    new_context: Callable[..., BrowserContext],
    axe_script: Path,
    viewport: dict[str, int],
    scheme: str,
):
    page = new_context(viewport, color_scheme=scheme).new_page()
    _goto(page, "explorar/")
    if viewport is PHONE:
        page.get_by_role("button", name=re.compile(r"^Filtros")).click()
    page.locator("#explorar-tema").select_option(index=1)
    expect(page.locator(".explorar-estado")).not_to_have_text(re.compile(rf"^{PROBLEM_COUNT} "))
    expect(page.locator("#explorar-preparacion")).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    where = f"explorar/ con los filtros abiertos ({viewport['width']} px, paleta {scheme})"
    assert not serious, f"axe-core en {where}:\n" + _describe(serious)


# Issue 11 · Understand: a phone's journey, charts, breadcrumbs and the active tab ----


def _trail(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("nav.migas li").all_inner_texts()]


def _active_tab(page: Page) -> str:
    return page.locator(".md-tabs__item--active").inner_text().strip()


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url} mide {width} px en 360 px"


def test_a_phone_goes_from_home_to_a_region_a_comuna_and_a_problem(
    new_context: Callable[..., BrowserContext], base_url: str
):
    page = new_context(PHONE).new_page()
    _goto(page, "")
    region = page.locator("#grafico-regiones a.grafico-etiqueta", has_text="Metropolitana")
    region.click()
    expect(page).to_have_url(_absolute(base_url, PAGES["region"]))
    expect(page.locator("nav.migas")).to_be_visible()
    assert _trail(page)[-1] == _heading_text(page) == "Metropolitana de Santiago"
    _no_sideways_scroll(page)

    page.locator("article .tabla-comunas a", has_text="Renca").click()
    expect(page).to_have_url(_absolute(base_url, "comunas/renca/"))
    assert [t.removeprefix("›").strip() for t in _trail(page)] == [
        "Inicio",
        "Metropolitana de Santiago",
        "Renca",
    ]
    expect(page.locator("nav.migas [aria-current=page]")).to_have_text("Renca")
    _no_sideways_scroll(page)

    page.locator("article a.tarjeta-titulo", has_text=PROBLEM_DATA["titulo"]).click()
    expect(page).to_have_url(_absolute(base_url, PROBLEM))
    trail = page.locator("nav.migas li")
    expect(trail).to_have_count(4)
    expect(trail.nth(3)).to_have_text(PROBLEM_DATA["titulo"])
    # The trail leads back: its region link is the page this journey came from.
    expect(trail.nth(1).locator("a")).to_have_attribute(
        "href", "../../../regiones/metropolitana-de-santiago/"
    )
    # Problems belong to the Comunas section of the header's tabs (shown from 1220 px, in the
    # drawer on a phone): the tab is marked even though problem pages stay out of the nav.
    assert _active_tab(page) == "Comunas"
    _no_sideways_scroll(page)

    # The data sources, each field readable without scrolling sideways.
    sources = page.locator(".tabla-datos", has_text="Fuentes de datos del problema").locator(
        "tbody tr"
    )
    expect(sources).to_have_count(len(PROBLEM_DATA["datos"]))
    for index, source in enumerate(PROBLEM_DATA["datos"]):
        row = sources.nth(index)
        expect(row.locator("th")).to_have_text(source["nombre"])
        for field in ("Formato", "Acceso", "Datos personales", "Volumen"):
            cell = row.locator(f"td[data-campo='{field}']")
            expect(cell).to_be_visible()
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], field
            label = cell.evaluate("e => getComputedStyle(e, '::before').content")
            assert field in label, (field, label)
    for table in page.locator(".tabla-datos").all():
        assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefono", "escritorio"])
def test_chart_labels_are_readable_whole_and_lead_to_their_pages(
    new_context: Callable[..., BrowserContext], base_url: str, viewport: dict[str, int]
):
    page = new_context(viewport).new_page()
    _goto(page, "")
    labels = page.locator("figure.grafico a.grafico-etiqueta")
    assert labels.count() > 20
    measured = labels.evaluate_all(
        """labels => labels.map(a => {
            const box = a.getBoundingClientRect(), figure = a.closest("figure").getBoundingClientRect();
            return {text: a.textContent, size: parseFloat(getComputedStyle(a).fontSize),
                    whole: a.scrollWidth <= a.clientWidth + 1 && box.left >= figure.left - 1
                           && box.right <= figure.right + 1,
                    height: box.height};
        })"""
    )
    for label in measured:
        assert label["size"] >= 12, label
        assert label["whole"] and label["height"] > 0, f"etiqueta cortada: {label}"
    if viewport is PHONE:
        _no_sideways_scroll(page)
    # A bar is a link to its page; a state's bar leads to Explorar filtered by that state.
    page.locator(
        "#grafico-regiones a", has_text="Aysén del General Carlos Ibáñez del Campo"
    ).click()
    expect(page).to_have_url(
        _absolute(base_url, "regiones/aysen-del-general-carlos-ibanez-del-campo/")
    )
    expect(page.locator("nav.migas [aria-current=page]")).to_have_text(
        "Aysén del General Carlos Ibáñez del Campo"
    )
    assert _active_tab(page) == "Regiones"
    page.go_back()
    page.locator("#grafico-estados a", has_text="Priorizado").click()
    expect(page).to_have_url(re.compile(r"/explorar/\?estado=Priorizado$"))
    expect(page.locator("#explorar-estado")).to_have_value("Priorizado")


# Issue 11 · search: words the catalogue lacks, names, ranking, the 404 ------------------------


def _open_search(page: Page, viewport: dict[str, int]) -> Locator:
    query = page.locator("input.md-search__input")
    if viewport is PHONE:
        page.locator("label.md-header__button[for='__search']").click()
    expect(query).to_be_visible()
    query.click()
    return query


def _catalogue_words(site: Path, first: str) -> set[str]:
    entries = json.loads((site / "buscar" / "palabras" / f"{first}.json").read_text("utf-8"))
    return {entry[0] for entry in entries}


def test_phone_search_for_a_missing_word_and_a_misspelt_one(
    new_context: Callable[..., BrowserContext], base_url: str, built_site: Path
):
    page = new_context(PHONE).new_page()
    _goto(page, "")
    query = _open_search(page, PHONE)
    meta = page.locator(".md-search-result__meta")
    items = page.locator(".md-search-result__item")
    help_box = page.locator(".catalogo-busqueda-ayuda")

    query.press_sequentially("semaforo", delay=20)
    expect(meta).to_have_text("Ningún problema del catálogo tiene la palabra «semaforo».")
    expect(items).to_have_count(0)
    # Any word offered instead is one the catalogue has.
    offered = help_box.locator(".catalogo-busqueda-palabra").all_inner_texts()
    assert {word.strip("«»") for word in offered} <= _catalogue_words(built_site, "s"), offered
    explore = help_box.get_by_role("link", name="Explorar el catálogo")
    expect(explore).to_have_attribute("href", _absolute(base_url, "explorar/"))
    propose = help_box.get_by_role("link", name="Proponer un problema")
    expect(propose).to_have_attribute("href", _absolute(base_url, "guias/proponer-un-problema/"))
    expect(propose).to_be_in_viewport()

    query.fill("")
    query.press_sequentially("trancito", delay=20)
    expect(meta).to_have_text("Ningún problema del catálogo tiene la palabra «trancito».")
    expect(items).to_have_count(0)
    suggestion = help_box.get_by_role("button", name="«tránsito»")
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(query).to_have_value("transito")
    expect(items.first).to_be_visible()
    expect(meta).to_have_text(re.compile(r"^\d+ problemas? encontrados?"))
    expect(help_box).to_be_hidden()
    marks = page.locator(".md-search-result__item mark").all_inner_texts()
    assert marks and all(mark.lower().startswith("tránsito") for mark in marks), marks
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1


@pytest.mark.parametrize("word", ["semaforo", "parque", "veterinaria", "plantilla"])
def test_a_word_no_problem_has_finds_nothing_unrelated(page: Page, word: str):
    # Pagefind alone matched the longest word it holds that begins these: se, para, ve, plan.
    _goto(page, "")
    query = _open_search(page, DESKTOP)
    query.fill(word)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        f"Ningún problema del catálogo tiene la palabra «{word}»."
    )
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    expect(page.locator(".catalogo-busqueda-ayuda").get_by_role("link")).to_have_count(2)


def test_basura_ranks_the_problems_about_garbage_first(page: Page, base_url: str):
    _goto(page, "")
    query = _open_search(page, DESKTOP)
    query.fill("basura")
    links = page.locator(".md-search-result__item a")
    expect(links.nth(2)).to_be_visible()
    first_two = {urlsplit(href).path for href in links.evaluate_all("a => a.map(l => l.href)")[:2]}
    assert first_two == {
        urlsplit(_absolute(base_url, PROBLEM)).path,
        urlsplit(
            _absolute(base_url, "problemas/puente-alto/rutas-de-recoleccion-de-residuos/")
        ).path,
    }, first_two


def test_search_shows_comunas_and_solutions_by_name_apart_from_problems(page: Page, base_url: str):
    _goto(page, "")
    query = _open_search(page, DESKTOP)
    query.fill("maipu")
    comunas = page.locator(
        ".catalogo-busqueda-grupo", has=page.get_by_role("heading", name="Comunas")
    )
    expect(comunas.get_by_role("link")).to_have_count(1)
    link = comunas.get_by_role("link")
    expect(link).to_have_attribute("href", _absolute(base_url, "comunas/maipu/"))
    expect(
        page.locator(".md-search-result").get_by_role("heading", name="Problemas", exact=True)
    ).to_be_visible()
    expect(page.locator(".md-search-result__item").first).to_be_visible()

    query.fill("ojo limpio")
    solutions = page.locator(
        ".catalogo-busqueda-grupo", has=page.get_by_role("heading", name="Soluciones", exact=True)
    )
    expect(solutions.get_by_role("link")).to_have_count(1)
    expect(comunas).to_have_count(0)
    solutions.get_by_role("link").click()
    expect(page).to_have_url(_absolute(base_url, SOLUTION))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
def test_header_search_shows_its_whole_placeholder_and_one_clear_button(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
):
    page = new_context(viewport).new_page()
    _goto(page, "")
    query = page.locator("input.md-search__input")
    if viewport is PHONE:
        query = _open_search(page, viewport)
    fits = query.evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = style.font;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [context.measureText(input.placeholder).width, room];
        }"""
    )
    assert fits[0] <= fits[1], f"el texto de la caja de búsqueda mide {fits[0]} px en {fits[1]} px"
    query = _open_search(page, DESKTOP) if viewport is DESKTOP else query
    query.fill("agua")
    # A type=search box gets the browser's own clear button beside Material's.
    assert query.get_attribute("type") == "text"
    expect(page.locator(".md-search__options button[type=reset]")).to_be_visible()


@ACCESSIBILITY_GROUP
@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["claro", "oscuro"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
def test_axe_finds_nothing_serious_with_the_search_open(
    new_context: Callable[..., BrowserContext],
    axe_script: Path,
    viewport: dict[str, int],
    scheme: str,
):
    page = new_context(viewport, color_scheme=scheme).new_page()
    _goto(page, "")
    query = _open_search(page, viewport)
    page.add_script_tag(path=str(axe_script))
    # Results with names, marks and metadata; then the help for a misspelt word.
    for words, shown in (
        ("maipu", ".md-search-result__item mark"),
        ("trancito", ".catalogo-busqueda-palabra"),
    ):
        query.fill(words)
        expect(page.locator(shown).first).to_be_visible()
        violations = page.evaluate(AXE_RUN, {"resultTypes": ["violations"]})
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        where = f"búsqueda «{words}» ({viewport['width']} px, paleta {scheme})"
        assert not serious, f"axe-core en {where}:\n" + _describe(serious)


class _PagesServer(http.server.SimpleHTTPRequestHandler):
    """Serves a site under a path prefix and answers any missing address with its 404.html,
    as GitHub Pages does."""

    prefix = "/"

    def log_message(self, *arguments) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no-existe")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("prefix", ["/catalogo/", "/"], ids=["bajo-catalogo", "en-la-raiz"])
def test_404_page_in_spanish_works_under_any_base_path(
    browser: Browser, built_site: Path, prefix: str
):
    handler = type("Handler", (_PagesServer,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    context = browser.new_context(viewport=PHONE, locale="es-CL")
    try:
        page = context.new_page()
        missing = root + "problemas/renca/no-existe/"
        bad: list[str] = []
        page.on("response", lambda r: r.status >= 400 and r.url != missing and bad.append(r.url))
        page.on("requestfailed", lambda request: bad.append(request.url))
        response = page.goto(missing, wait_until="networkidle")
        assert response is not None and response.status == 404
        assert bad == []
        expect(page.locator("article h1")).to_have_text("Página no encontrada")
        # Material's stylesheet applies: the header sticks to the top.
        assert page.locator(".md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
        content = page.locator("article")
        expect(content.get_by_role("link", name="Ir al inicio")).to_have_attribute("href", "./.")
        assert content.get_by_role("link", name="Ir al inicio").evaluate("a => a.href") == root
        explore = content.get_by_role("link", name="Explorar el catálogo")
        assert explore.evaluate("a => a.href") == root + "explorar/"
        content.get_by_role("button", name="Buscar en el catálogo").click()
        query = page.locator("input.md-search__input")
        expect(query).to_be_focused()
        query.press_sequentially("microbasurales", delay=20)
        first = page.locator(".md-search-result__item a").first
        expect(first).to_be_visible()
        assert first.evaluate("a => a.href").startswith(root + "problemas/")
        first.click()
        expect(page.locator("article h1").first).to_be_visible()
        assert page.url.startswith(root + "problemas/")
    finally:
        context.close()
        server.shutdown()
        server.server_close()


# Issue 12 · a hackathon team's kit: the teams working on a problem ----------------------------


def _working_teams(page: Page) -> dict[str, int]:
    """Distinct teams with a solution in a working state, per problem, from the open data."""
    from catalogo.model.solution import WORKING_STATES

    teams: dict[str, set[str]] = {}
    for solution in page.request.get("api/soluciones.json").json()["soluciones"]:
        if solution["estado"] in WORKING_STATES:
            for problem_id in solution["problemas"]:
                teams.setdefault(problem_id, set()).add(solution["equipo"])
    return {problem_id: len(names) for problem_id, names in teams.items()}


def _fits(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_problem_page_and_explorar_cards_say_how_many_teams_are_working(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
):
    page = new_context(viewport).new_page()
    _goto(page, PROBLEM)
    working = _working_teams(page)
    count = working[PROBLEM_ID]
    words = f"{count} equipo trabajando" if count == 1 else f"{count} equipos trabajando"
    box = page.locator(".equipos-trabajando")
    link = box.get_by_role("link", name=words)
    expect(link).to_be_visible()
    assert box.evaluate("b => b.getBoundingClientRect().right") <= viewport["width"]
    assert _fits(page)
    # The count leads to the solutions listed on the same page.
    link.click()
    expect(page).to_have_url(re.compile("#soluciones$"))
    expect(page.locator("h2#soluciones")).to_be_in_viewport()
    expect(page.locator("h2#soluciones + ul.lista-soluciones > li")).to_have_count(
        len(
            [
                s
                for s in page.request.get("api/soluciones.json").json()["soluciones"]
                if PROBLEM_ID in s["problemas"]
            ]
        )
    )
    # «¿Su equipo empieza a trabajar? Regístrelo»: the form, with the problem and «Idea».
    start = box.get_by_role("link", name="Regístrelo")
    query = _form_query(_follow_to_github(page, start), "registrar-solucion.yml")
    assert query["problemas"] == [PROBLEM_ID] and query["estado"] == ["Idea"]

    # Explorar: the server's card says it, in words, and fits the screen.
    _goto(page, "explorar/")
    card = page.locator(
        ".explorar-resultados > li", has=page.get_by_role("link", name=PROBLEM_DATA["titulo"])
    )
    expect(card.locator(".tarjeta-equipos")).to_have_text(words)
    assert card.evaluate("c => c.getBoundingClientRect().right") <= viewport["width"]
    assert _fits(page)
    # The filter «Con equipos trabajando»: the script's cards, each with its count.
    status = page.locator(".explorar-estado")
    if viewport == PHONE:
        page.get_by_role("button", name=re.compile("^Filtros")).click()
    page.locator("#explorar-equipos").select_option("Con equipos trabajando")
    with_teams = len([n for n in working.values() if n])
    expect(status).to_have_text(f"{with_teams} problemas.")
    expect(page).to_have_url(re.compile(r"equipos=Con\+?(%20)?equipos"))
    cards = page.locator(".explorar-resultados > li")
    expect(cards.locator(".tarjeta-equipos")).to_have_count(with_teams)
    expect(card.locator(".tarjeta-equipos")).to_have_text(words)
    assert _fits(page)
    # A problem no team works on shows nothing on its card: no «0 equipos».
    page.locator("#explorar-equipos").select_option("Sin equipos trabajando")
    expect(status).to_have_text(re.compile(rf"^{PROBLEM_COUNT - with_teams} problemas"))
    expect(cards.first).to_be_visible()
    expect(cards.locator(".tarjeta-equipos")).to_have_count(0)


# Issue 13 · every comuna: search finds one without problems; the coverage page on a phone -----


@pytest.mark.parametrize(
    ("viewport", "typed", "name", "slug"),
    [
        (DESKTOP, "Nunoa", "Ñuñoa", "nunoa"),
        (PHONE, "ñuñoa", "Ñuñoa", "nunoa"),
        (PHONE, "los angeles", "Los Ángeles", "los-angeles"),
        (DESKTOP, "Maipu", "Maipú", "maipu"),
    ],
    ids=["sin-tildes", "con-tildes-telefono", "dos-palabras-telefono", "con-problemas"],
)
def test_search_leads_to_any_comuna_by_name(
    new_context: Callable[..., BrowserContext],
    base_url: str,
    viewport: dict[str, int],
    typed: str,
    name: str,
    slug: str,
):
    page = new_context(viewport).new_page()
    _goto(page, "")
    query = _open_search(page, viewport)
    query.press_sequentially(typed, delay=20)
    found = page.locator(".catalogo-busqueda-nombre").filter(has_text=name)
    expect(found.first).to_be_visible()
    link = found.first.locator("a")
    expect(link).to_have_attribute("href", _absolute(base_url, f"comunas/{slug}/"))
    link.click()
    page.wait_for_url(_absolute(base_url, f"comunas/{slug}/"))
    assert _heading_text(page) == name


def test_a_comuna_without_problems_is_found_and_invites_to_join(
    new_context: Callable[..., BrowserContext], base_url: str
):
    page = new_context(PHONE).new_page()
    _goto(page, "")
    query = _open_search(page, PHONE)
    query.press_sequentially("Nunoa", delay=20)
    found = page.locator(".catalogo-busqueda-nombre").filter(has_text="Ñuñoa")
    expect(found.first).to_contain_text("aún sin problemas")
    query.press("Enter")  # the first link: no problem has the word, the comuna does
    page.wait_for_url(_absolute(base_url, "comunas/nunoa/"))
    expect(page.locator("article")).to_contain_text("aún no ha documentado problemas")
    propose = page.get_by_role("link", name="Proponer un problema para Ñuñoa")
    expect(propose).to_be_visible()
    join = page.get_by_role("link", name="¿También pasa en Ñuñoa? Súmese")
    expect(join.first).to_be_visible()
    _no_sideways_scroll(page)


def test_cobertura_reads_on_a_phone_and_opens_a_region(
    new_context: Callable[..., BrowserContext], base_url: str
):
    page = new_context(PHONE).new_page()
    _goto(page, "cobertura/")
    _no_sideways_scroll(page)
    region = page.locator("details.cobertura-region").filter(has_text="Arica y Parinacota")
    link = region.get_by_role("link", name="Putre")
    expect(link).to_be_hidden()
    region.locator("summary").click()
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(_absolute(base_url, "comunas/putre/"))


# Issue 13 · maps ------------------------------------------------------------------------------

MAPS = {"inicio": ("", "#mapa-pais"), "region": ("regiones/valparaiso/", "#mapa-region-05")}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["escritorio", "telefono"])
@pytest.mark.parametrize("name", list(MAPS))
def test_a_map_is_visible_fits_the_width_and_its_links_take_the_keyboard(
    new_context: Callable[..., BrowserContext], name: str, viewport: dict[str, int]
):
    # No script is needed to see a map: the page is loaded with JavaScript off.
    page = new_context(viewport, java_script_enabled=False).new_page()
    path, figure_id = MAPS[name]
    _goto(page, path)
    figure = page.locator(figure_id)
    drawing = figure.locator("svg.mapa-dibujo")
    drawing.scroll_into_view_if_needed()
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 0.6 * min(viewport["width"], 700)
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"] + 1
    # Every shape is drawn: each link has an area on the screen.
    links = drawing.locator("a")
    assert links.count() >= 16
    for link in links.all():
        shape = link.bounding_box()
        assert shape is not None and shape["width"] > 0 and shape["height"] > 0
    expect(figure.locator(".mapa-leyenda li").first).to_be_visible()
    # The keyboard reaches the shapes in order, from the map's title.
    figure.locator("figcaption").first.click()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused == links.first.get_attribute("aria-label")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert focused == links.nth(1).get_attribute("aria-label")


def test_a_map_link_leads_to_its_region(page: Page):
    _goto(page, "")
    region = page.locator('#mapa-pais a[aria-label^="Metropolitana de Santiago:"]')
    region.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/regiones/metropolitana-de-santiago/$"))
    expect(page.locator("#mapa-region-13")).to_be_visible()


# Issue 13 · problems several comunas share --------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_a_shared_problem_shows_its_comunas_and_explorar_filters_and_sorts_by_them(
    new_context: Callable[..., BrowserContext], viewport: dict[str, int]
):
    page = new_context(viewport).new_page()
    _goto(page, PROBLEM)
    section = page.locator("#tambien-en-otras-comunas")
    expect(section).to_have_text(re.compile("^También en 2 comunas"))
    table = page.locator(".tabla-compartido")
    expect(table.locator("tbody tr")).to_have_count(4)  # Renca, the two joins, the total
    expect(table.locator("tbody tr").last).to_contain_text("185.000")
    # Each comuna's part, reachable from the table; its contact readable without scrolling.
    table.get_by_role("link", name="Quinta Normal").click()
    expect(page).to_have_url(re.compile("#comuna-quinta-normal$"))
    part = page.locator("section.comuna-compartida", has=page.locator("#comuna-quinta-normal"))
    expect(part).to_contain_text("aseo@quintanormal.municipalidad.example")
    assert _fits(page)
    # The «Sumarse» form, prefilled with the problem's id, from the page and each suggestion.
    join = page.get_by_role("link", name="Sumar mi comuna a este problema")
    expect(join).to_have_attribute("href", re.compile(r"template=sumarse-a-un-problema\.yml"))
    expect(join).to_have_attribute("href", re.compile(rf"comparte={PROBLEM_ID}"))
    suggestions = page.locator(".tarjeta-sumarse a")
    expect(suggestions.first).to_have_attribute("href", re.compile(r"comparte=\d{5}-\d{3}"))

    _goto(page, "explorar/?compartido=S%C3%AD&orden=comunas")
    status = page.locator(".explorar-estado")
    expect(status).to_have_text("2 problemas.")
    cards = page.locator(".explorar-resultados > li")
    expect(cards.locator(".tarjeta-compartido")).to_have_count(2)
    expect(cards.first.locator(".tarjeta-compartido")).to_have_text("También en 2 comunas")
    expect(page.locator("#explorar-orden")).to_have_value("comunas")
    assert _fits(page)


# 9. A site of one comuna -------------------------------------------------------------------


@pytest.fixture(scope="module")
def comuna_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Renca's own site (`catalogo sitio --comuna renca`), built once and served."""
    site = build(REPO, tmp_path_factory.mktemp("sitio-de-renca"), "--comuna", "renca")
    with serve_folder(site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["claro", "oscuro"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefono", "escritorio"])
def test_a_comuna_site_names_itself_and_links_to_the_national_catalogue(
    browser: Browser,
    axe_script: Path,
    comuna_site_url: str,
    viewport: dict[str, int],
    scheme: str,
):
    context = browser.new_context(
        base_url=comuna_site_url, viewport=viewport, color_scheme=scheme, locale="es-CL"
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        _goto(page, "")
        expect(page).to_have_title("Inicio - Problemas de Renca")
        expect(page.get_by_role("heading", level=1)).to_have_accessible_name("Problemas de Renca")
        national = page.get_by_role("link", name="Ver el catálogo nacional")
        expect(national).to_be_visible()
        settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        expect(national).to_have_attribute("href", settings["site_url"])
        assert _fits(page)
        page.add_script_tag(path=str(axe_script))
        options: dict = {"resultTypes": ["violations"]}
        if scheme == "dark":
            options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
        violations = page.evaluate(AXE_RUN, options)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, _describe(serious)
    finally:
        context.close()


# Issue 14 · the «Ficha de transparencia algorítmica», on a small catalogue of its own
# (tests/transparency_catalogue.py): read on a phone and a desktop, and printed on A4.

TRANSPARENCY_PAGES = {
    "ficha-problema": f"problemas/transparencia/{RECORD_PROBLEM_ID}/",
    "ficha-solucion": f"transparencia/soluciones/{RECORD_SOLUTION}/",
    "fichas": "transparencia/",
    "problema-con-ficha": RECORD_PROBLEM_PAGE,
}


@pytest.fixture(scope="module")
def records_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = write_catalogue(tmp_path_factory.mktemp("transparencia") / "catalogo")
    site = build(root, tmp_path_factory.mktemp("sitio-transparencia"))
    with serve_folder(site) as url:
        yield url


@pytest.fixture
def records_context(
    browser: Browser, records_site_url: str
) -> Iterator[Callable[..., BrowserContext]]:
    yield from _context_opener(browser, records_site_url)


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["claro", "oscuro"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["telefono", "escritorio"])
@pytest.mark.parametrize("name", list(TRANSPARENCY_PAGES))
def test_a_transparency_record_reads_on_a_phone_and_a_desktop(
    records_context: Callable[..., BrowserContext],
    axe_script: Path,
    name: str,
    viewport: dict[str, int],
    scheme: str,
):
    page = records_context(viewport, color_scheme=scheme).new_page()
    _goto(page, TRANSPARENCY_PAGES[name])
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1, f"{page.url} mide {width} px en {viewport['width']} px"
    for table in page.locator(".tabla-datos").all():
        inner, outer = table.evaluate(
            "e => { const box = e.querySelector('.md-typeset__scrollwrap') || e;"
            " return [box.scrollWidth, box.clientWidth]; }"
        )
        assert inner <= outer + 1, f"una tabla se desplaza de lado: {inner} > {outer} px"
    page.add_script_tag(path=str(axe_script))
    options: dict = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    violations = page.evaluate(AXE_RUN, options)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe-core en {page.url} ({viewport['width']} px, {scheme}):\n" + (
        _describe(serious)
    )


@pytest.mark.parametrize("name", ["ficha-problema", "ficha-solucion"])
def test_a_transparency_record_prints_on_one_or_two_a4_pages(
    records_context: Callable[..., BrowserContext], name: str, tmp_path: Path
):
    page = records_context().new_page()
    _goto(page, TRANSPARENCY_PAGES[name])
    expect(page.get_by_role("heading", level=1)).to_have_accessible_name(
        re.compile("^Ficha de transparencia algorítmica")
    )
    # What the print layout hides and keeps from breaking, read in print media.
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".migas"):
        hidden = page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        assert hidden == "none", f"{selector} se imprime"
    for row in page.locator(".ficha-transparencia tr").all():
        assert row.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / f"{name}.pdf").write_bytes(pdf)  # kept for whoever looks at a failure
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} páginas: {tmp_path / name}.pdf"
    box = reader.pages[0].mediabox  # A4 is 595 × 842 points; Chromium rounds to whole pixels
    assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2, box
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    expected = [
        "Ficha de transparencia algorítmica",
        RECORD_PROBLEM_TITLE if name == "ficha-problema" else RECORD_SOLUTION_TITLE,
        *(question for _, question, _ in QUESTIONS),
        "no es asesoría legal",
        # Outside links print their address.
        "(https://algoritmes.overheid.nl/)",
        "Ficha publicada en http",
    ]
    missing = [words for words in expected if words not in text]
    assert not missing, f"faltan en el PDF: {missing}"
    # Neither the site's search nor its tabs reach the paper.
    assert "Buscar" not in text and "Hackatón" not in text
