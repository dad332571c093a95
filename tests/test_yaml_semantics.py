"""YAML 1.1's surprises must not slip through: values are read as the text written."""

from __future__ import annotations

from catalogo.loading.yaml_tree import parse
from catalogo.validation.per_file import check_bytes
from conftest import FIXTURES

BASE = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")


def _check(text: str, vocabularies):
    return check_bytes("problems/maipu/x.md", "problema", text.encode(), vocabularies).diagnostics


def _codes(text: str, vocabularies) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in _check(text, vocabularies)]


def test_yes_no_on_off_and_dates_stay_text():
    tree = parse(
        "a: no\nb: off\nc: yes\nd: 2025-06-12\ne: 012\nf: 1:20\ng: ~\nh: true\ni: 3\nj: 1.5"
    )
    assert tree.data == {
        "a": "no",
        "b": "off",
        "c": "yes",
        "d": "2025-06-12",
        "e": "012",
        "f": "1:20",
        "g": None,
        "h": True,
        "i": 3,
        "j": 1.5,
    }


def test_estado_no_is_an_unknown_state_not_false(vocabularies):
    diagnostics = _check(BASE.replace("estado: priorizado", "estado: no"), vocabularies)
    (finding,) = diagnostics
    assert finding.code == "CAT033" and "«no»" in finding.message


def test_comuna_off_is_an_unknown_comuna(vocabularies):
    assert _codes(BASE.replace("comuna: maipu", "comuna: off"), vocabularies) == [("CAT039", 4)]


def test_a_date_where_text_is_expected_is_read_as_text(vocabularies):
    # 2025-06-12 as a title is ten characters of text: valid length, kept as written.
    diagnostics = _check(
        BASE.replace("area_responsable: OIRS", "area_responsable: 2025-06-12"), vocabularies
    )
    assert diagnostics == []


def test_yes_is_not_a_boolean(vocabularies):
    line = BASE.split("\n").index("ejemplo: true") + 1
    assert _codes(BASE.replace("ejemplo: true", "ejemplo: yes"), vocabularies) == [("CAT032", line)]


def test_a_number_where_text_is_expected_says_to_quote_it(vocabularies):
    diagnostics = _check(
        BASE.replace("area_responsable: OIRS", "area_responsable: 1409"), vocabularies
    )
    (finding,) = diagnostics
    assert finding.code == "CAT032" and "comillas" in finding.hint


def test_alias_bomb_is_refused_without_expanding():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    tree = parse(bomb)
    assert tree.data is None
    assert {issue.kind for issue in tree.issues} == {"anchor", "alias"}


def test_deep_nesting_is_reported_not_a_crash():
    tree = parse("a: " + "[" * 200 + "]" * 200)
    assert tree.issues and tree.issues[0].kind == "unsupported"


def test_duplicate_keys_are_found_at_every_level():
    tree = parse("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert sorted((issue.kind, issue.line, issue.extra["first_line"]) for issue in tree.issues) == [
        ("duplicate", 3, 2),
        ("duplicate", 4, 0),
    ]
