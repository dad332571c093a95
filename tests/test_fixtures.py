"""Every fixture against the one table of expected diagnostics (fixtures/esperado.yml)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

import generated_fixtures
from catalogo.core.codes import Code
from catalogo.validation import clock
from catalogo.validation.per_file import check_bytes
from catalogo.validation.rules import RULES
from catalogo.validation.run import validate_catalogue
from conftest import FIXTURES


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    """The fixtures are checked on one day, so a date "after today" stays after it."""
    monkeypatch.setattr(clock, "today", lambda: FIXTURES_DAY)


FIXTURES_DAY = date(2026, 1, 15)
EXPECTED: dict[str, list[str]] = yaml.safe_load(
    (FIXTURES / "esperado.yml").read_text(encoding="utf-8")
)
INVALID = FIXTURES / "invalidos"
SINGLE_FILE_KINDS = {
    "problemas": ("problema", "problems/maipu/fixture.md"),
    "soluciones": ("solucion", "solutions/fixture.md"),
}


def _fixture_names() -> set[str]:
    names = {
        f"{folder}/{path.name}"
        for folder in SINGLE_FILE_KINDS
        for path in (INVALID / folder).glob("*.md")
    }
    names |= {
        f"catalogos/{path.name}" for path in (INVALID / "catalogos").iterdir() if path.is_dir()
    }
    names |= {f"generados/{name}" for name in generated_fixtures.FILES}
    names |= {f"generados/{name}" for name in generated_fixtures.CATALOGUES}
    return names


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    names = _fixture_names()
    assert sorted(names - EXPECTED.keys()) == [], "fixtures sin expectativa en esperado.yml"
    assert sorted(EXPECTED.keys() - names) == [], "expectativas sin fixture"


def test_fixture_names_say_key_and_reason():
    for name in _fixture_names():
        stem = name.split("/", 1)[1].removesuffix(".md")
        key, separator, reason = stem.partition("_")
        assert separator and key and reason, f"{name}: el nombre debe ser <campo>_<motivo>"


def _single(diagnostics) -> list[str]:
    return sorted(f"{d.code}@{d.line}:{d.column}" for d in diagnostics)


def _catalogue(diagnostics) -> list[str]:
    return sorted(f"{d.code}@{d.file}:{d.line}:{d.column}" for d in diagnostics)


@pytest.mark.parametrize(
    "name", sorted(n for n in EXPECTED if n.split("/")[0] in SINGLE_FILE_KINDS)
)
def test_single_file_fixture(name, vocabularies):
    folder, _ = name.split("/")
    kind, path = SINGLE_FILE_KINDS[folder]
    result = check_bytes(path, kind, (INVALID / name).read_bytes(), vocabularies)
    assert _single(result.diagnostics) == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(generated_fixtures.FILES))
def test_generated_file_fixture(name, vocabularies):
    result = check_bytes(
        "problems/maipu/fixture.md", "problema", generated_fixtures.FILES[name], vocabularies
    )
    assert _single(result.diagnostics) == sorted(EXPECTED[f"generados/{name}"])


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.startswith("catalogos/")))
def test_catalogue_fixture(name, vocabularies, tmp_path):
    root = tmp_path / "catalogo"
    shutil.copytree(INVALID / name, root)
    report = validate_catalogue(root, vocabularies)
    assert _catalogue(report.diagnostics) == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(generated_fixtures.CATALOGUES))
def test_generated_catalogue_fixture(name, vocabularies, tmp_path):
    generated_fixtures.CATALOGUES[name](tmp_path)
    report = validate_catalogue(tmp_path, vocabularies)
    assert _catalogue(report.diagnostics) == sorted(EXPECTED[f"generados/{name}"])


# CAT099 reports a bug in the validator itself: no input is meant to cause it
# (test_properties asserts that none does); test_cli covers how it is reported.
NO_FIXTURE = {"CAT099"}


def test_every_rule_has_a_fixture_where_only_it_fires():
    alone = set(NO_FIXTURE)
    for expected in EXPECTED.values():
        codes = {entry.split("@")[0] for entry in expected}
        if len(codes) == 1:
            alone |= codes
    assert sorted(set(RULES) - alone) == []


def test_every_code_has_a_rule_and_every_rule_a_code():
    assert set(RULES) == set(Code)
    assert all(isinstance(code, Code) and rule.code is code for code, rule in RULES.items())


def test_expected_codes_exist():
    used = Counter(entry.split("@")[0] for expected in EXPECTED.values() for entry in expected)
    assert sorted(set(used) - set(RULES)) == []


@pytest.mark.parametrize("name", ["problema-completo.md", "problema-minimo.md"])
def test_valid_problem_fixtures_have_no_findings(name, vocabularies):
    raw = (FIXTURES / "validos" / name).read_bytes()
    assert check_bytes("problems/maipu/fixture.md", "problema", raw, vocabularies).diagnostics == []


def test_valid_solution_fixture_has_no_findings(vocabularies):
    raw = (FIXTURES / "validos" / "solucion-completa.md").read_bytes()
    assert check_bytes("solutions/fixture.md", "solucion", raw, vocabularies).diagnostics == []


def test_windows_line_endings_keep_line_numbers(vocabularies):
    """A CRLF file reports the same line as its LF twin."""
    source = (INVALID / "problemas" / "estado_no.md").read_bytes()
    unix = check_bytes("problems/maipu/x.md", "problema", source, vocabularies).diagnostics
    windows = check_bytes(
        "problems/maipu/x.md", "problema", source.replace(b"\n", b"\r\n"), vocabularies
    ).diagnostics
    assert [(d.code, d.line, d.column) for d in unix] == [
        (d.code, d.line, d.column) for d in windows
    ]


def test_every_expected_finding_is_told_apart_by_its_position():
    """Two findings of one rule on one line differ by their column: an entry never repeats."""
    for name, expected in EXPECTED.items():
        assert [e for e, n in Counter(expected).items() if n > 1] == [], name
        assert all(re.fullmatch(r"CAT\d{3}@(.+:)?\d+:\d+", e) for e in expected), name


def test_fixture_paths_are_relative(tmp_path: Path):
    assert not any(Path(name).is_absolute() for name in EXPECTED)
