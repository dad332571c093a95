"""What the header search reads besides Pagefind's index (catalogo/site/search_words.py), what
Pagefind indexes for a problem, and the 404 page, in the repository's built site (`site`,
tests/conftest.py). The search itself, in a browser, is in tests/browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

from catalogo.site.search_words import LETTERS, fold, letter

RENCA_RECORD = "busqueda/problemas/renca/deteccion-de-microbasurales/index.html"


def _words(site: Path, first: str) -> dict[str, list]:
    entries = json.loads((site / "buscar" / "palabras" / f"{first}.json").read_text("utf-8"))
    return {entry[0]: entry[1:] for entry in entries}


def test_fold_and_letter_agree_with_pagefind():
    assert fold("Tránsito") == "transito"
    assert fold("Ñuñoa") == "nunoa"
    assert letter("transito") == "t" and letter("7") == "7" and letter("øre") == "_"


def test_word_lists_hold_the_catalogue_words_with_their_accents(site: Path):
    records = [
        path.read_text("utf-8").lower()
        for path in (site.parent / "build" / "busqueda").rglob("*.html")
    ]
    catalogue_text = "\n".join(records)
    # How many problems have the word, then the form they write when it has accents.
    transito = _words(site, "t")["transito"]
    assert transito[1] == "tránsito"
    assert transito[0] == sum(bool(re.search(r"\btránsito\b", text)) for text in records)
    assert _words(site, "b")["basura"] == [
        sum(bool(re.search(r"\bbasura\b", text)) for text in records)
    ]
    # Words are listed by their first letter only, folded, each once; every letter has a file.
    files = {path.stem for path in (site / "buscar" / "palabras").glob("*.json")}
    assert files == set(LETTERS)
    for path in (site / "buscar" / "palabras").glob("*.json"):
        entries = json.loads(path.read_text("utf-8"))
        words = [entry[0] for entry in entries]
        assert len(words) == len(set(words)), path
        assert all(letter(word) == path.stem and fold(word) == word for word in words), path
        counts = [entry[1] for entry in entries]
        assert counts == sorted(counts, reverse=True), path
    # A word no problem has is in no list: the search box says so instead of searching.
    assert "semaforo" not in catalogue_text and "semaforo" not in _words(site, "s")
    assert "trancito" not in _words(site, "t")


def test_compound_words_index_the_word_after_their_prefix(site: Path):
    record = (site.parent / "build" / RENCA_RECORD).read_text("utf-8")
    assert re.search(r'data-pagefind-meta="partes:[^"]*\bbasurales\b', record)
    # Tags and summary are weighted above the body, and searchable on their own.
    assert re.search(
        r'data-pagefind-meta="etiquetas" data-pagefind-weight="\d+">[^<]*microbasurales', record
    )
    assert 'data-pagefind-meta="resumen" data-pagefind-weight=' in record
    # A prefix before a fragment no other word begins with is not split ("autoridad").
    parts = re.findall(
        r'partes:([^"]*)',
        "\n".join(
            p.read_text("utf-8") for p in (site.parent / "build" / "busqueda").rglob("*.html")
        ),
    )
    assert "ridad" not in " ".join(parts).split()
    assert "basurales" in _words(site, "b")


def test_names_list_comunas_with_problems_and_every_solution(site: Path):
    names = json.loads((site / "buscar" / "nombres.json").read_text("utf-8"))
    comunas = {entry[0]: entry for entry in names["comunas"]}
    _, name, region, problems = comunas["renca"]
    assert name == "Renca" and names["regiones"][region] == "Metropolitana de Santiago"
    records = site.parent / "build" / "busqueda" / "problemas" / "renca"
    assert problems == len(list(records.iterdir()))
    urls = [names["url_comuna"].replace("{slug}", slug) for slug in comunas]
    assert urls[0].startswith("comunas/") and all((site / u / "index.html").is_file() for u in urls)
    published = json.loads((site / "api" / "soluciones.json").read_text("utf-8"))
    assert len(names["soluciones"]) == published["total"]
    solution = next(s for s in names["soluciones"] if s[1].startswith("Ojo Limpio"))
    assert solution[0] == "soluciones/ojo-limpio/" and (site / solution[0] / "index.html").is_file()


def test_404_is_spanish_with_search_and_links_that_follow_the_address(site: Path):
    html = (site / "404.html").read_text("utf-8")
    assert "Not found" not in html and "<h1>Página no encontrada</h1>" in html
    assert "data-catalogo-abrir-busqueda" in html and "data-catalogo-buscar" in html
    # Assets and links are relative to a <base> set from the address, not fixed to a path.
    assert 'href="./assets/' in html and 'href="/catalogo/' not in html and 'src="/' not in html
    assert 'href="./explorar/"' in html and 'href="./."' in html
    head = html[: html.index("<link")]
    assert 'document.createElement("base")' in head and '"/catalogo/"' in head
