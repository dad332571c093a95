"""What the header search needs besides Pagefind's index: the words the index holds, split by
first letter, the parts of compound words it also indexes, and the names of the comunas and
solutions, written as small JSON files.

Pagefind answers a word it does not hold with the longest word it holds that begins it
(`find_word_extensions` in pagefind_web/src/search.rs: "semaforo" finds every "se"), and has no
option to turn that off. The search box therefore first checks the query against these words:
a word the catalogue lacks gets no results, and the closest words it does hold are offered
instead («¿Quiso decir «tránsito»?»). The words are folded without accents as Pagefind folds
them, and split by their first letter so that a query downloads one short list, not the
catalogue's whole vocabulary.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from catalogo.core.outputs import inside, write_text
from catalogo.model.vocabularies import Comuna
from catalogo.site import urls
from catalogo.site.views import ProblemView, Views

WORDS = "buscar/palabras"  # one file per first letter: WORDS/<letter>.json
NAMES = "buscar/nombres.json"
_WORD = re.compile(r"[^\W_]+")
_LETTER = re.compile(r"[a-z0-9]")
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
# Prefixes Spanish glues to a word ("microbasurales"): Pagefind matches words from their
# start, so the word after the prefix is indexed too, and "basura" finds the microbasurales.
_PREFIXES = ("micro", "macro", "mini", "multi", "semi", "super", "inter", "auto", "tele", "sub")
_STEM = 5  # a part counts when another word of the catalogue begins with its first letters


def fold(text: str) -> str:
    """Lower case without accents, as Pagefind and buscar.js fold words («Tránsito», «transito»)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def letter(folded: str) -> str:
    """The file a folded word is listed in: its first letter or digit, or `_`."""
    return folded[0] if _LETTER.fullmatch(folded[0]) else "_"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class SearchWords:
    """The catalogue's indexed words, read once from every problem's search fields."""

    def __init__(self, views: Views) -> None:
        self._per_problem: dict[str, set[str]] = {}
        every_fields = [view.search_fields() for view in views.problems]
        for view, fields in zip(views.problems, every_fields, strict=True):
            texts = [
                fields[key] for key in ("title", "summary", "place", "themes", "tags", "state")
            ]
            self._per_problem[view.problem_id] = set(_words(" ".join([*texts, view.body_text])))
        stems = {fold(word)[:_STEM] for words in self._per_problem.values() for word in words}
        self._stems = {stem for stem in stems if len(stem) == _STEM}
        self._parts = {
            view.problem_id: self._compound_parts(fields)
            for view, fields in zip(views.problems, every_fields, strict=True)
        }

    def _compound_parts(self, fields: dict) -> list[str]:
        """The words after a prefix in the problem's title, summary and tags, when the
        catalogue has words like them ("basurales": "basura"), not fragments ("ridad")."""
        parts = []
        for word in _words(" ".join([fields["title"], fields["summary"], fields["tags"]])):
            prefix = next((p for p in _PREFIXES if word.startswith(p)), None)
            part = word[len(prefix) :] if prefix else ""
            if len(part) >= _STEM and fold(part)[:_STEM] in self._stems and part not in parts:
                parts.append(part)
        return parts

    def parts(self, view: ProblemView) -> str:
        return " ".join(self._parts[view.problem_id])

    def write(self, docs: Path) -> None:
        """Writes WORDS/<letter>.json: `[folded, problems, shown]` per word, `shown` only when
        it has accents (the form most problems use), words in more problems first."""
        problems: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for problem_id, words in self._per_problem.items():
            words = words | set(self._parts[problem_id])
            for word in words:
                forms[fold(word)][word] += 1
            problems.update({fold(word) for word in words})
        by_letter: dict[str, list[list]] = defaultdict(list)
        for folded, count in sorted(problems.items(), key=lambda item: (-item[1], item[0])):
            shown = forms[folded].most_common(1)[0][0]
            entry = [folded, count, shown] if shown != folded else [folded, count]
            by_letter[letter(folded)].append(entry)
        # A file for every letter, even one no word starts with: no query asks for a
        # missing file.
        for key in sorted(set(LETTERS) | set(by_letter)):
            _write_json(inside(docs, f"{WORDS}/{key}.json"), by_letter.get(key, []))


def write_search_names(docs: Path, views: Views, comunas: list[Comuna] | None = None) -> None:
    """Writes NAMES: the comunas the site has a page for (`comunas`, by default those with
    problems), those without problems too, and every solution, which the search box finds by
    name, with or without accents, and shows apart from problems. Compact, as every query
    reads it whole: a comuna is its slug, name, region (an index into `regiones`) and
    problems."""
    by_comuna: Counter[str] = Counter(view.entry.comuna.slug for view in views.problems)
    if comunas is None:
        comunas = [views.catalogue.vocabularies.comunas[slug] for slug in by_comuna]
    comunas = sorted(comunas, key=lambda c: c.slug)
    regions = sorted({comuna.region for comuna in comunas})
    names = {
        "url_comuna": urls.url_of(urls.comuna_page("{slug}")),
        "regiones": regions,
        "comunas": [[c.slug, c.name, regions.index(c.region), by_comuna[c.slug]] for c in comunas],
        "soluciones": [
            [
                urls.url_of(view.page),
                view.entry.solution.title,
                view.entry.solution.team,
                view.state_name,
            ]
            for view in views.solutions
        ],
    }
    _write_json(inside(docs, NAMES), names)


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
