"""The result cache: a warm run reports exactly what a cold run reports, and any change misses."""

from __future__ import annotations

import shutil

import pytest

from catalogo.core import parallel
from catalogo.loading.catalogue import load_catalogue
from catalogo.validation.cache import ResultCache
from catalogo.validation.run import validate_and_load, validate_catalogue
from conftest import FIXTURES, REPO, run_cli


@pytest.fixture
def catalogue(tmp_path):
    root = tmp_path / "catalogo"
    shutil.copytree(REPO / "problems", root / "problems")
    shutil.copytree(REPO / "solutions", root / "solutions")
    shutil.copy(
        FIXTURES / "invalidos" / "problemas" / "estado_no.md",
        root / "problems" / "maipu" / "roto.md",
    )
    return root


def _cache(tmp_path, root, schema=REPO / "schema"):
    return ResultCache.for_catalogue(tmp_path / "cache", root, schema)


def _findings(report):
    return [
        (d.file, d.line, d.column, d.code, d.severity, d.message, d.hint)
        for d in report.diagnostics
    ]


def test_warm_run_reports_exactly_what_a_cold_run_reports(tmp_path, catalogue, vocabularies):
    cold = validate_catalogue(catalogue, vocabularies)
    first = _cache(tmp_path, catalogue)
    assert _findings(validate_catalogue(catalogue, vocabularies, cache=first)) == _findings(cold)
    assert first.hits == 0
    warm = _cache(tmp_path, catalogue)
    assert _findings(validate_catalogue(catalogue, vocabularies, cache=warm)) == _findings(cold)
    assert warm.hits == cold.files
    # Cross-file findings (roto.md reuses maipú's first id) come out of the cache too.
    assert {"CAT033", "CAT080"} <= {d.code for d in cold.diagnostics}


def test_a_changed_file_is_checked_again(tmp_path, catalogue, vocabularies):
    validate_catalogue(catalogue, vocabularies, cache=_cache(tmp_path, catalogue))
    broken = catalogue / "problems" / "maipu" / "roto.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("estado: no", "estado: priorizado"),
        encoding="utf-8",
    )
    cache = _cache(tmp_path, catalogue)
    report = validate_catalogue(catalogue, vocabularies, cache=cache)
    assert "CAT033" not in {d.code for d in report.diagnostics}
    assert cache.hits == report.files - 1


def test_changed_vocabularies_invalidate_everything(tmp_path, catalogue, vocabularies):
    validate_catalogue(catalogue, vocabularies, cache=_cache(tmp_path, catalogue))
    schema = tmp_path / "schema"
    shutil.copytree(REPO / "schema", schema)
    with (schema / "temas.yml").open("a", encoding="utf-8") as handle:
        handle.write("# un cambio\n")
    cache = _cache(tmp_path, catalogue, schema)
    validate_catalogue(catalogue, vocabularies, cache=cache)
    assert cache.hits == 0


def test_a_corrupt_cache_is_ignored(tmp_path, catalogue, vocabularies):
    cache = _cache(tmp_path, catalogue)
    cache.file.parent.mkdir(parents=True)
    cache.file.write_text('{"formato": 1, "huella": "x", "archivos": [', encoding="utf-8")
    cold = validate_catalogue(catalogue, vocabularies)
    reread = _cache(tmp_path, catalogue)
    assert _findings(validate_catalogue(catalogue, vocabularies, cache=reread)) == _findings(cold)


def test_cli_keeps_its_cache_outside_the_catalogue(tmp_path, catalogue):
    before = sorted(path.relative_to(catalogue) for path in catalogue.rglob("*"))
    first = run_cli("validar", "--raiz", str(catalogue), "--formato", "json")
    second = run_cli("validar", "--raiz", str(catalogue), "--formato", "json")
    uncached = run_cli("validar", "--raiz", str(catalogue), "--formato", "json", "--sin-cache")
    assert first.stdout == second.stdout == uncached.stdout
    assert first.returncode == second.returncode == uncached.returncode == 1
    assert sorted(path.relative_to(catalogue) for path in catalogue.rglob("*")) == before


def _entries(catalogue):
    problems = [(e.source, e.problem, e.body, e.raw, e.comuna) for e in catalogue.problems]
    return problems, [(e.source, e.solution, e.body) for e in catalogue.solutions]


@pytest.mark.parametrize("threshold", [10**9, 1], ids=["en-serie", "en-procesos"])
def test_the_sites_validation_is_validars_and_its_catalogue_the_loaded_one(
    tmp_path, catalogue, vocabularies, monkeypatch, threshold
):
    """`catalogo sitio` validates and loads from one parse of each file: what it reports must
    be what `validar` reports, cold or warm, and what it loads what `load_catalogue` loads."""
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", threshold)
    cold = validate_catalogue(catalogue, vocabularies)
    for _ in ("fría", "tibia"):
        cache = _cache(tmp_path, catalogue)
        report, loaded = validate_and_load(catalogue, vocabularies, cache)
        assert _findings(report) == _findings(cold) and report.files == cold.files
        assert loaded is None  # roto.md has errors: nothing to publish
    assert cache.hits == cold.files
    (catalogue / "problems" / "maipu" / "roto.md").unlink()
    expected = _entries(load_catalogue(catalogue, vocabularies))
    assert expected[0] and expected[1]
    for cache in (None, _cache(tmp_path, catalogue), _cache(tmp_path, catalogue)):
        report, loaded = validate_and_load(catalogue, vocabularies, cache)
        assert report.errors == 0 and loaded is not None
        assert _entries(loaded) == expected
    assert cache is not None and cache.hits == report.files
