"""Shared test helpers: the vocabularies, the fixtures folder and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from catalogo.vocabularies import load_vocabularies

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def vocabularies():
    return load_vocabularies()


def run_cli(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `catalogo` as a user would: a separate process, its output and exit code."""
    return subprocess.run(
        [sys.executable, "-m", "catalogo", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
