"""Shared test helpers: the vocabularies, the fixtures folder, the CLI runners (in this process
and, for the few tests about the process itself, as a separate one) and the one shared site."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogo import cli
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


@dataclass(frozen=True)
class CliResult:
    """What `subprocess.CompletedProcess` says of a run: its exit code and both outputs."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_cli(*arguments: str, cwd: Path = REPO) -> CliResult:
    """Run `catalogo` in this process, as its console entry point would (`cli.main(argv)`), from
    the folder `cwd`, with its output captured and the result cache in the test run's folder.
    argparse ends `--help` and usage mistakes with SystemExit: its code is the exit code."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        _environment(XDG_CACHE_HOME=str(CACHE_HOME)),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = cli.main(list(arguments))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


def run_cli_process(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `catalogo` as a user does: `python -m catalogo` in a separate process. Only for what
    the process itself must show (its exit code as the shell sees it, no traceback on stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "catalogo", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)},
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once per test run (`catalogo sitio` then `mkdocs build
    --strict`) and shared by every test that only reads it, in every xdist worker: the first
    worker to take the lock builds it, the others wait for the lock and reuse it."""
    from site_build import build

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's folder sits in the run's own
        base = base.parent
    work = base / "sitio-compartido"
    work.mkdir(exist_ok=True)
    done = work / "listo"
    with (work.parent / "sitio-compartido.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.is_file():
                build(REPO, work)
                done.write_text("ok", encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return work / "site"
