"""Shared test helpers: the vocabularies, the fixtures folder and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from catalogo.loading.vocabularies import load_vocabularies

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def vocabularies():
    return load_vocabularies()


# The CLI's result cache goes to a folder of the test run, never the user's own.
CACHE_HOME = Path(tempfile.mkdtemp(prefix="catalogo-pruebas-cache-"))


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A copy of the repository's catalogue (problems, solutions, vocabularies) to change."""
    root = tmp_path / "catalogo"
    for name in ("problems", "solutions", "schema"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture
def root(catalogue_copy: Path) -> Path:
    """A catalogue as a repository holds it: its folders, docs, overrides and a .git folder."""
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, catalogue_copy / name)
    shutil.copy(REPO / "mkdocs.yml", catalogue_copy / "mkdocs.yml")
    (catalogue_copy / ".git").mkdir()
    (catalogue_copy / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return catalogue_copy


def run_cli(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `catalogo` as a user would: a separate process, its output and exit code."""
    return subprocess.run(
        [sys.executable, "-m", "catalogo", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)},
    )
