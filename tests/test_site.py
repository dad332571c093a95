"""The generated site and its open data, without a browser (see tests/browser for that).

`site` is the repository's site, built once per test run for every test (tests/conftest.py);
the tests that need a differently configured site build their own, as small as they can."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from catalogo.core.outputs import MARKER
from catalogo.site.exports import CSV_COLUMNS
from catalogo.site.serve import sync_tree
from catalogo.site.settings import read_settings
from catalogo.site.urls import relative, url_of
from catalogo.site.views import DERIVED_FIELDS, SOLUTION_DERIVED_FIELDS
from catalogo.validation.rules import RULES
from conftest import FIXTURES, REPO, run_cli
from site_build import build


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    from catalogo.loading.catalogue import load_catalogue

    return load_catalogue(REPO, vocabularies)


def _schema(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
    )


def test_a_page_for_every_problem_comuna_region_theme_and_solution(site, catalogue, vocabularies):
    for entry in catalogue.problems:
        assert (site / "problemas" / entry.problem.comuna / entry.slug / "index.html").is_file()
    for comuna in {entry.problem.comuna for entry in catalogue.problems}:
        assert (site / "comunas" / comuna / "index.html").is_file()
    regions = {c.region for c in vocabularies.comunas.values()}
    assert len(regions) == 16
    assert len([p for p in (site / "regiones").iterdir() if p.is_dir()]) == 16
    for theme in vocabularies.themes:
        assert (site / "temas" / theme / "index.html").is_file()
    for entry in catalogue.solutions:
        assert (site / "soluciones" / entry.slug / "index.html").is_file()
    for page in (
        "index.html",
        "hackaton/index.html",
        "datos-abiertos/index.html",
        "guias/marco/index.html",
    ):
        assert (site / page).is_file()


def test_problem_pages_from_the_mould_equal_the_ones_material_renders(site, tmp_path):
    """The plugin fills one Material page per problem instead of rendering each: the result
    must be what MkDocs itself writes, byte for byte, or the mould has drifted from Material."""
    plugins = [{"catalogo": {"ensamblar_problemas": False}}]
    ordinary = build(REPO, tmp_path, plugins=plugins)
    pages = sorted(path.relative_to(site) for path in site.glob("problemas/*/*/index.html"))
    assert pages == sorted(
        p.relative_to(ordinary) for p in ordinary.glob("problemas/*/*/index.html")
    )
    for page in pages:
        assert (site / page).read_bytes() == (ordinary / page).read_bytes(), page

    def sitemap(folder: Path) -> set[str]:
        tree = ElementTree.parse(folder / "sitemap.xml")
        return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}

    assert sitemap(site) == sitemap(ordinary)
    assert len([u for u in sitemap(site) if "/problemas/" in u]) == len(pages)


def test_error_reference_lists_every_rule(site):
    html = (site / "guias" / "referencia-de-errores" / "index.html").read_text(encoding="utf-8")
    for code in RULES:
        assert f'id="{code.lower()}"' in html, code


FETCHED_RELS = frozenset(
    {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "apple-touch-icon"}
)


class _Loads(HTMLParser):
    """What a browser fetches by itself when it opens a page (links it only follows if clicked
    are not counted, nor metadata such as rel=canonical)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag in (
            "script",
            "img",
            "iframe",
            "source",
            "audio",
            "video",
            "embed",
        ) and attributes.get("src"):
            self.loads.append(attributes["src"])
        if tag == "link" and set((attributes.get("rel") or "").split()) & FETCHED_RELS:
            self.loads.append(attributes.get("href") or "")


def test_pages_declare_spanish_csp_and_load_nothing_from_elsewhere(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="es"' in html, page
        assert 'http-equiv="Content-Security-Policy"' in html, page
        parser = _Loads()
        parser.feed(html)
        assert parser.loads, page
        elsewhere = [url for url in parser.loads if urlsplit(url).scheme or url.startswith("//")]
        assert elsewhere == [], page


SITE_PATH = urlsplit(read_settings(REPO).site_url).path  # the 404 page links from here


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_internal_link_resolves(site):
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "//")) or not parts.path:
                continue
            path = unquote(parts.path)
            if path.startswith(SITE_PATH):  # the 404 page is served at any depth: absolute links
                target = (site / path.removeprefix(SITE_PATH)).resolve()
            else:
                target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert broken == []


def test_problems_json_matches_the_schema_and_the_catalogue(site, catalogue):
    document = json.loads((site / "api" / "problemas.json").read_text(encoding="utf-8"))
    assert document["version"] == "1.0" and document["total"] == len(catalogue.problems)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", document["generado"])
    validator = _schema("problema.schema.json")
    ids = {record["id"]: record["comuna"] for record in document["problemas"]}
    assert any(record["similares"] for record in document["problemas"])
    for record in document["problemas"]:
        front_matter = {k: v for k, v in record.items() if k not in DERIVED_FIELDS}
        assert list(validator.iter_errors(front_matter)) == [], record["id"]
        assert record["url"].startswith(f"problemas/{record['comuna']}/")
        assert (site / record["url"] / "index.html").is_file()
        single = json.loads(
            (site / "api" / "problemas" / f"{record['id']}.json").read_text(encoding="utf-8")
        )
        assert single["problema"] == record
        for other in record["similares"]:
            assert other in ids and ids[other] != record["comuna"]
        original = (REPO / record["archivo"]).read_bytes()
        assert (site / "api" / "problemas" / f"{record['id']}.txt").read_bytes() == original


def test_explorar_index_describes_every_problem_newest_first(site, catalogue, vocabularies):
    index = json.loads((site / "api" / "explorar.json").read_text(encoding="utf-8"))
    rows = index["problemas"]
    assert sorted(row[0] for row in rows) == sorted(
        e.problem.problem_id for e in catalogue.problems
    )
    column = {name: i + 1 for i, name in enumerate(index["filtros"])}
    # Pagefind reads its filters as `name:value` attributes: no value may hold `:` or `,`.
    assert not [v for vs in index["valores"].values() for v in vs if ":" in v or "," in v]

    def values(row, name):
        found = row[column[name]]
        names = index["valores"][name]
        if name in index["multiples"]:
            return [value for i, value in enumerate(names) if found >> i & 1]
        return [names[found]]

    dates = []
    for row in rows:
        problem = catalogue.problem(row[0]).problem
        comuna = vocabularies.comunas[problem.comuna]
        assert values(row, "comuna") == [comuna.name]
        assert values(row, "region") == [comuna.region]
        assert sorted(values(row, "tema")) == sorted(
            vocabularies.themes[t].name for t in problem.themes
        )
        assert values(row, "estado") == [vocabularies.problem_states[problem.state].name]
        dates.append(problem.updated or problem.registered)
    assert dates == sorted(dates, reverse=True)
    # The page itself arrives with the newest problems, so its first load needs no index.
    page = (site / "explorar" / "index.html").read_text(encoding="utf-8")
    newest = catalogue.problem(rows[0][0]).problem.title
    listed = page.split("<template")[0]  # the card template the script fills is not a result
    assert listed.count('class="tarjeta-problema"') == min(20, len(rows)) and newest in listed


def test_problems_csv_has_one_row_per_problem(site, catalogue):
    rows = list(
        csv.reader(io.StringIO((site / "api" / "problemas.csv").read_text(encoding="utf-8-sig")))
    )
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == len(catalogue.problems) + 1
    by_id = {row[0]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    first = catalogue.problems[0].problem
    assert by_id[first.problem_id]["temas"] == "; ".join(first.themes)


def test_solutions_and_comunas_json(site, catalogue, vocabularies):
    solutions = json.loads((site / "api" / "soluciones.json").read_text(encoding="utf-8"))
    validator = _schema("solucion.schema.json")
    assert solutions["total"] == len(catalogue.solutions)
    for record in solutions["soluciones"]:
        assert (
            list(
                validator.iter_errors(
                    {k: v for k, v in record.items() if k not in SOLUTION_DERIVED_FIELDS}
                )
            )
            == []
        )
    comunas = json.loads((site / "api" / "comunas.json").read_text(encoding="utf-8"))["comunas"]
    assert len(comunas) == len(vocabularies.comunas) == 346
    assert sum(c["problemas"] for c in comunas) == len(catalogue.problems)
    assert sum(c["adhesiones"] for c in comunas) == len(catalogue.joins)
    # Every comuna with a municipality has its page, problems or not; Antártica has none.
    municipal = {c.slug for c in vocabularies.comunas.values() if c.municipality}
    assert {c["slug"] for c in comunas if c["url"]} == municipal


def test_schemas_are_published(site):
    for name in ("problema.schema.json", "solucion.schema.json"):
        assert (site / "esquema" / name).read_bytes() == (REPO / "schema" / name).read_bytes()


def test_atom_feed(site, catalogue):
    namespace = {"a": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.fromstring((site / "api" / "novedades.xml").read_bytes())
    entries = feed.findall("a:entry", namespace)
    assert len(entries) == min(len(catalogue.problems), 30)
    for entry in entries:
        assert entry.find("a:title", namespace).text
        assert entry.find("a:link", namespace).get("href").startswith("https://")


def test_llms_txt(site, catalogue):
    text = (site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# ") and "\n> " in text
    assert sum(line.startswith("- [") for line in text.splitlines()) >= len(catalogue.problems)


def test_relative_urls():
    assert url_of("index.md") == "" and url_of("comunas/index.md") == "comunas/"
    assert url_of("problemas/maipu/x.md") == "problemas/maipu/x/"
    assert relative("problemas/maipu/x.md", "comunas/maipu.md") == "../../../comunas/maipu/"
    assert relative("comunas/maipu.md", "index.md") == "../../"
    assert relative("index.md", "index.md") == "./"
    assert (
        relative("problemas/maipu/x.md", "api/problemas/1.json") == "../../../api/problemas/1.json"
    )


def test_relative_urls_agree_with_posixpath():
    pages = [
        "index.md", "explorar.md", "comunas/index.md", "comunas/maipu.md", "temas/salud.md",
        "problemas/maipu/x.md", "problemas/maipu/y.md", "problemas/renca/x.md",
        "api/problemas/1.json", "api/problemas.csv", "guias/marco.md",
    ]  # fmt: skip
    for start in pages:
        for to in pages:
            target, origin = url_of(to), url_of(start).rstrip("/") or "."
            expected = posixpath.relpath(target.rstrip("/") or ".", origin)
            expected = (
                "./"
                if expected == "."
                else expected + ("/" if target.endswith("/") or not target else "")
            )
            assert relative(start, to) == expected, (start, to)


def _hostile_catalogue(root: Path) -> None:
    """A problem that slipped past the validator (its checks are not run here)."""
    text = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
    text = text.replace(
        "titulo: Derivación de reclamos que llegan a la OIRS",
        'titulo: "<b>Negrita</b> y <script>alert(1)</script> en el título"',
    )
    text += (
        "\n<script>alert('cuerpo')</script>\n\n<img src=x onerror=alert(2)>\n\n"
        '[clic](javascript:alert(3)) y <a href="javascript:alert(4)">otro</a>\n\n'
        '<iframe src="https://example.com"></iframe>\n'
    )
    folder = root / "problems" / "maipu"
    folder.mkdir(parents=True)
    (folder / "hostil.md").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, attrs))


def test_html_smuggled_past_the_validator_reaches_the_site_escaped(tmp_path):
    root = tmp_path / "catalogo"
    _hostile_catalogue(root)
    assert run_cli("validar", "--raiz", str(root), "--sin-cache").returncode == 1  # the first layer
    refused = run_cli("sitio", "--raiz", str(root), "--salida", str(tmp_path / "rechazado"))
    assert refused.returncode == 1 and not (tmp_path / "rechazado" / "docs").exists()
    site = build(root, tmp_path / "salida", validate=False)  # the second, were the first skipped
    html = (site / "problemas" / "maipu" / "hostil" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<article") : html.index("</article>")]
    tags = _Tags()
    tags.feed(body)
    assert not {"img", "iframe", "b"} & {tag for tag, _ in tags.found}
    # The only script is the page's schema.org data, which holds the title as JSON text.
    scripts = [dict(attrs) for tag, attrs in tags.found if tag == "script"]
    assert scripts == [{"type": "application/ld+json"}]
    data = body[body.index('<script type="application/ld+json">') :]
    data = data[data.index(">") + 1 : data.index("</script>")]
    assert not {"<", ">", "&"} & set(data)
    assert json.loads(data)["@graph"][0]["name"] == (
        "<b>Negrita</b> y <script>alert(1)</script> en el título"
    )
    attributes = [(name, value or "") for _, attrs in tags.found for name, value in attrs]
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert not [v for name, v in attributes if name in {"href", "src"} and "javascript:" in v]
    assert "&lt;b&gt;Negrita&lt;/b&gt;" in body  # the title is shown as the text written
    assert "Los reclamos llegan por web" in body  # the rest of the body is still there


def test_single_comuna_site(tmp_path, catalogue):
    site = build(REPO, tmp_path, "--comuna", "renca")
    problems = json.loads((site / "api" / "problemas.json").read_text(encoding="utf-8"))[
        "problemas"
    ]
    expected = [e.problem.problem_id for e in catalogue.problems if e.problem.comuna == "renca"]
    assert [p["id"] for p in problems] == expected
    assert sorted(p.name for p in (site / "problemas").iterdir()) == ["renca"]
    solutions = json.loads((site / "api" / "soluciones.json").read_text(encoding="utf-8"))[
        "soluciones"
    ]
    assert solutions and all(set(s["problemas"]) & set(expected) for s in solutions)
    assert "Problemas de Renca" in (site / "index.html").read_text(encoding="utf-8")


def test_unknown_comuna_is_a_usage_error():
    result = run_cli("sitio", "--comuna", "nunoaa", "--salida", "/tmp/no-se-usa")
    assert result.returncode == 2 and "¿Quiso decir «nunoa»?" in result.stderr


def test_sync_tree_touches_only_what_changed(tmp_path):
    source, target = tmp_path / "a", tmp_path / "b"
    (source / "x").mkdir(parents=True)
    (source / "x" / "uno.md").write_text("1")
    (source / "dos.md").write_text("2")
    assert sync_tree(source, target) == 2
    assert sync_tree(source, target) == 0
    (source / "dos.md").write_text("dos")
    (source / "x" / "uno.md").unlink()
    assert sync_tree(source, target) == 2
    assert sorted(str(p.relative_to(target)) for p in target.rglob("*")) == ["dos.md"]


def test_the_built_site_shares_no_file_with_the_catalogue(site):
    """A hard link from the site to a problem once let `make serve` write one problem over
    another: every file of build/ and site/ has its own inode."""
    sources = {
        (p.stat().st_dev, p.stat().st_ino)
        for name in ("problems", "solutions", "docs", "schema", "overrides")
        for p in (REPO / name).rglob("*")
        if p.is_file()
    }
    shared = [
        p
        for folder in (site.parent / "build", site)
        for p in folder.rglob("*")
        if p.is_file() and (p.stat().st_dev, p.stat().st_ino) in sources
    ]
    assert shared == []
    assert (site.parent / "build" / MARKER).is_file() and (site / MARKER).is_file()


# Issue 11 · Explorar ------------------------------------------------------------------------


def test_explore_url_writes_explorar_filters_as_a_plain_query_string():
    from catalogo.model.readiness import LABELS
    from catalogo.site.urls import EXPLORE_FILTER_NAMES, explore_url
    from catalogo.site.views import EXPLORE_ANY, EXPLORE_FILTERS, WITHOUT_SOLUTION

    # The page's selects and the helper's parameters are the same names.
    assert list(EXPLORE_FILTER_NAMES) == [name for name, _ in EXPLORE_FILTERS]
    assert set(EXPLORE_ANY) == set(EXPLORE_FILTER_NAMES)
    link = explore_url("hackaton.md", preparacion=LABELS["lista"], solucion=WITHOUT_SOLUTION)
    assert link == "../explorar/?preparacion=Lista&solucion=Sin%20soluci%C3%B3n"
    assert explore_url("index.md") == "explorar/"
    assert (
        explore_url("comunas/maipu.md", q=" riego ", datos_personales="Sí", pagina=2)
        == "../../explorar/?q=riego&datos-personales=S%C3%AD&pagina=2"
    )
    # An empty value chooses nothing; a name Explorar does not have is a mistake.
    assert explore_url("index.md", comuna="") == "explorar/"
    with pytest.raises(ValueError, match="barrio"):
        explore_url("index.md", barrio="Centro")


def test_explorar_links_name_values_the_page_offers(site, catalogue):
    from catalogo.site.urls import explore_url

    index = json.loads((site / "api" / "explorar.json").read_text(encoding="utf-8"))
    page = (site / "explorar" / "index.html").read_text(encoding="utf-8")
    # The home page leads to Explorar twice: «Si quiere explorar» and after the newest problems.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a class="md-button" href="explorar/">Explorar los problemas</a>' in home
    assert (
        f'<a href="explorar/">Ver los {len(catalogue.problems)} problemas en Explorar</a>' in home
    )
    # Each comuna's page links to Explorar with that comuna chosen, a value its select offers.
    for slug in {entry.problem.comuna for entry in catalogue.problems}:
        comuna = (site / "comunas" / slug / "index.html").read_text(encoding="utf-8")
        name = next(e.comuna.name for e in catalogue.problems if e.problem.comuna == slug)
        href = explore_url(f"comunas/{slug}.md", comuna=name)
        assert f'href="{href}"' in comuna, slug
        assert name in index["valores"]["comuna"]
        assert f'<option value="{name}">' in page
    # Every filter's «any» option agrees with its field: «Todos» for tema, estado, acceso...
    for name, word in (("tema", "Todos"), ("estado", "Todos"), ("region", "Todas")):
        assert f'data-filtro="{name}"><option value="">{word}</option>' in page


def test_explorar_draws_every_card_from_the_server_s_markup(site):
    page = (site / "explorar" / "index.html").read_text(encoding="utf-8")
    # The form and the pager arrive hidden: only the script can honour them.
    assert re.search(r'<form class="explorar-filtros"[^>]* hidden>', page)
    assert re.search(r'<nav class="explorar-paginas"[^>]* hidden>', page)
    template = re.search(r"<template data-tarjeta>(.*?)</template>", page, re.S)
    assert template, "no card template"
    blank = template.group(1)
    results = page.split('<ul class="lista-problemas explorar-resultados">')[1].split("</ul>")[0]
    # A listed example with teams working on it: the blank card holds every optional part.
    example = next(
        card
        for card in results.split("</li>")
        if "etiqueta-ejemplo" in card and "tarjeta-equipos" in card
    )
    # The same elements, with the same classes, in the same order, as a listed example's card.
    classes = re.compile(r'<(\w+) class="([^" ]+)')
    assert classes.findall(blank) == classes.findall(example)
    assert [tag for tag, _ in classes.findall(blank)][:3] == ["li", "a", "span"]


# Issue 14 · the guide «Equivalencias con registros de transparencia» ---------------------------


class _Crosswalk(HTMLParser):
    """The crosswalk page's tables: for each, its rows; for each row, its cells' labels; and
    the page's links to other sites."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self.box = False  # inside a .tabla-equivalencias box, before its table
        self.inside = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "div" and "tabla-equivalencias" in (attributes.get("class") or "").split():
            self.box = True
        elif tag == "table" and self.box:
            self.box, self.inside = False, True
            self.tables.append([])
        elif tag == "tr" and self.inside:
            self.tables[-1].append([])
        elif tag == "td" and self.inside:
            self.tables[-1][-1].append(attributes.get("data-campo") or "")
        elif tag == "a" and (attributes.get("href") or "").startswith(("http:", "https:", "//")):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag) -> None:
        if tag == "table":
            self.inside = False


def test_the_crosswalk_page_has_a_row_per_field_and_a_labelled_cell_per_register(site):
    from catalogo.loading.crosswalk import load_crosswalk

    crosswalk = load_crosswalk()
    html = (site / "guias" / "equivalencias-transparencia" / "index.html").read_text(
        encoding="utf-8"
    )
    parser = _Crosswalk()
    parser.feed(html[html.index("<article") : html.index("</article>")])  # the page, not the frame
    labels = [reference.short for reference in crosswalk.references]
    assert len(parser.tables) == len(crosswalk.groups)
    for table, group in zip(parser.tables, crosswalk.groups, strict=True):
        body = table[1:]  # the header row has no cells of a register
        assert len(body) == len(group.rows), group.name
        # On a phone each cell stacks under its register's name (.tabla-apilable, data-campo).
        assert all(row == labels for row in body), group.name
    # Every key of the catalogue is shown whole, in code (it may only break at a <wbr>), and
    # no reference is left unlinked.
    plain = html.replace("<wbr>", "")
    for group in crosswalk.groups:
        for row in group.rows:
            for key in row.keys:
                assert f"<code>{key}</code>" in plain, key
    references = {link.url for reference in crosswalk.references for link in reference.links}
    assert references <= set(parser.links)
    repository = read_settings(REPO).repository.rstrip("/")
    assert all(
        link.startswith("https://") and (link in references or link.startswith(repository))
        for link in parser.links
    ), parser.links
    assert "no es asesoría legal" in html.lower()
