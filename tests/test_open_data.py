"""Reusing the catalogue (issue 11): the content's licence in every export, the CSV and XLSX
spreadsheets, the Atom and JSON feeds announced by every page, and the open-data page's example.

`site` is the repository's site, built once per test run (tests/conftest.py)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime
from html import unescape

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from catalogo.core.text_safety import spreadsheet_cell
from catalogo.site.exports import CSV_COLUMNS
from catalogo.site.licence import CODE, CONTENT, CONTENT_FILE
from catalogo.site.render import fenced_code
from catalogo.site.spreadsheet import write_xlsx
from conftest import REPO


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    from catalogo.loading.catalogue import load_catalogue

    return load_catalogue(REPO, vocabularies)


def _code_blocks(html: str) -> list[str]:
    """The text of each <pre><code> block of a page, as a browser shows it."""
    return [
        unescape(re.sub(r"<[^>]+>", "", block))
        for block in re.findall(r"<pre[^>]*>.*?<code[^>]*>(.*?)</code>", html, re.DOTALL)
    ]


def test_open_data_page_shows_a_record_as_json_that_parses(site):
    page = (site / "datos-abiertos" / "index.html").read_text(encoding="utf-8")
    records = json.loads((site / "api" / "problemas.json").read_text(encoding="utf-8"))
    blocks = _code_blocks(page)
    assert len(blocks) == 1
    # Escaped once (by Markdown), not twice: the example is the first record, as published.
    assert json.loads(blocks[0]) == records["problemas"][0]
    assert "&amp;#34;" not in page and "&amp;quot;" not in page


_CODE_TEXT = st.lists(
    st.text(
        alphabet=st.one_of(
            st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
            st.sampled_from("`<>&\"'~"),
        ),
        min_size=1,
    ).filter(lambda line: line.strip()),
    min_size=1,
    max_size=5,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_CODE_TEXT)
def test_a_fenced_code_block_shows_any_text_exactly_once_escaped(text):
    import markdown

    extensions = ["fenced_code", "tables", "attr_list", "admonition", "toc"]
    html = markdown.markdown(fenced_code(text, "json"), extensions=extensions)
    # One block and nothing outside it: no line of the text closes the fence early.
    assert html.startswith("<pre><code") and html.endswith("</code></pre>")
    assert html.count("<pre>") == 1
    assert _code_blocks(html) == [text + "\n"]


def test_every_export_names_the_content_licence(site, catalogue):
    for name in ("problemas.json", "soluciones.json", "comunas.json"):
        document = json.loads((site / "api" / name).read_text(encoding="utf-8"))
        assert document["licencia"] == CONTENT.record(), name
    problem_id = catalogue.problems[0].problem.problem_id
    own = json.loads((site / "api" / "problemas" / f"{problem_id}.json").read_text("utf-8"))
    assert own["licencia"] == CONTENT.record() and own["problema"]["id"] == problem_id
    feed = ElementTree.fromstring((site / "api" / "novedades.xml").read_bytes())
    assert CONTENT.url in feed.find("{http://www.w3.org/2005/Atom}rights").text
    json_feed = json.loads((site / "api" / "novedades.json").read_text(encoding="utf-8"))
    assert json_feed["_catalogo"]["licencia"] == CONTENT.record()
    assert f"[{CONTENT.name}]({CONTENT.url})" in (site / "llms.txt").read_text(encoding="utf-8")
    workbook = openpyxl.load_workbook(site / "api" / "problemas.xlsx")
    assert CONTENT.url in workbook.properties.description
    assert {p.name: p.value for p in workbook.custom_doc_props.props}["licencia"] == CONTENT.spdx
    page = (site / "datos-abiertos" / "index.html").read_text(encoding="utf-8")
    assert f'href="{CONTENT.url}"' in page and f'href="{CODE.url}"' in page


def test_the_repository_says_which_licence_covers_what():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Licencia") :]
    assert CONTENT.url in section and CONTENT_FILE in section and "MIT" in section
    content = (REPO / CONTENT_FILE).read_text(encoding="utf-8")
    assert CONTENT.url in content and "LICENSE" in content
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")


def test_csv_has_a_bom_and_the_xlsx_the_same_rows(site, catalogue):
    raw = (site / "api" / "problemas.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    workbook = openpyxl.load_workbook(site / "api" / "problemas.xlsx")
    sheet = workbook["problemas"]
    cells = [list(row) for row in sheet.iter_rows()]
    assert all(cell.data_type == "s" for row in cells for cell in row)
    values = [[cell.value or "" for cell in row] for row in cells]
    assert values[0] == rows[0] == CSV_COLUMNS
    # The CSV's cells are the XLSX's with a formula's start made text.
    assert [[spreadsheet_cell(value) for value in row] for row in values[1:]] == rows[1:]
    assert len(rows) == len(catalogue.problems) + 1
    for column, name in (("comuna_nombre", "name"), ("region", "region")):
        shown = {row[CSV_COLUMNS.index(column)] for row in rows[1:]}
        assert shown == {getattr(entry.comuna, name) for entry in catalogue.problems}
        assert any(not value.isascii() for value in shown), column  # «Maipú», «Valparaíso»
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(CSV_COLUMNS))}{len(rows)}"
    stamp = json.loads((site / "api" / "problemas.json").read_text("utf-8"))["generado"]
    assert workbook.properties.created.isoformat() + "Z" == stamp


def test_xlsx_cells_stay_text_and_the_file_is_reproducible(tmp_path):
    columns = ["id", "titulo", "comuna"]
    rows = [
        ["13119-001", '=HYPERLINK("https://x")', "Maipú"],
        ["13120-001", "-2+3", "Ñuñoa"],
        ["13101-001", "https://ejemplo.cl", "0042"],
    ]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_xlsx(first, columns, rows, "Catálogo", datetime(2026, 1, 2, 3, 4, 5))
    write_xlsx(second, columns, rows, "Catálogo", datetime(2026, 1, 2, 3, 4, 5))
    assert first.read_bytes() == second.read_bytes()
    sheet = openpyxl.load_workbook(first).active
    cells = {cell.coordinate: cell for row in sheet.iter_rows() for cell in row}
    assert [[cells[f"{c}{r}"].value for c in "ABC"] for r in (2, 3, 4)] == rows
    assert all(cell.data_type == "s" for cell in cells.values())
    # The cells that would start a formula carry Excel's quote prefix: editing keeps them text.
    assert {k for k, cell in cells.items() if cell.quotePrefix} == {"B2", "B3"}
    assert not sheet["B4"].hyperlink


def test_json_feed_has_the_atom_feeds_entries(site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring((site / "api" / "novedades.xml").read_bytes())
    entries = feed.findall(f"{atom}entry")
    json_feed = json.loads((site / "api" / "novedades.json").read_text(encoding="utf-8"))
    assert json_feed["version"] == "https://jsonfeed.org/version/1.1"
    assert json_feed["feed_url"] == feed.find(f"{atom}link[@rel='self']").get("href").replace(
        ".xml", ".json"
    )
    assert [(item["id"], item["title"], item["date_modified"]) for item in json_feed["items"]] == [
        (e.find(f"{atom}id").text, e.find(f"{atom}title").text, e.find(f"{atom}updated").text)
        for e in entries
    ]
    assert all(item["content_text"] for item in json_feed["items"])


def test_every_page_announces_both_feeds(site):
    wanted = {"application/atom+xml": "novedades.xml", "application/feed+json": "novedades.json"}
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        links = dict(
            re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', head)
        )
        assert links.keys() == wanted.keys(), page
        for kind, href in links.items():
            base = page.parent if page.name != "404.html" else site
            path = href.removeprefix("/catalogo/") if page.name == "404.html" else href
            target = (base / path).resolve()
            assert target == (site / "api" / wanted[kind]).resolve() and target.is_file(), page
    # Material fetches «sitemap.xml» beside any alternate link: it is there, and empty.
    sitemap = ElementTree.fromstring((site / "api" / "sitemap.xml").read_bytes())
    assert sitemap.tag.endswith("urlset") and len(sitemap) == 0
