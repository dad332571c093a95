"""Build the site into a temporary folder, as `make site` does, without touching build/ or site/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import CACHE_HOME, REPO, run_cli

# Material 9.x prints this notice (its end of life, 2027-05-05) on every MkDocs run: the project
# keeps it visible (see docs/arquitectura.md), and only the tests that require a build without
# warnings take out exactly that block, which names its own variable NO_MKDOCS_2_WARNING.
END_OF_LIFE_NOTICE = re.compile(
    r"[^\n]*Material for MkDocs reaches end of life on May 5, 2027\..*?"
    r"To disable this warning, set NO_MKDOCS_2_WARNING=1\.[^\n]*\n",
    re.DOTALL,
)

# The generator alone, as `catalogo sitio` runs it once the catalogue validates: for the tests
# of what the site does with a file the validator refuses (its second layer of defence).
_GENERATE_ONLY = """
import sys
from pathlib import Path
from catalogo.loading.vocabularies import load_vocabularies
from catalogo.site.build import build_site
from catalogo.site.settings import read_settings
root, schema = Path(sys.argv[1]), Path(sys.argv[1]) / "schema"
vocabularies = load_vocabularies(schema) if schema.exists() else load_vocabularies()
build_site(root, vocabularies, read_settings(root), Path(sys.argv[2]))
"""


def without_end_of_life_notice(stderr: str) -> str:
    return END_OF_LIFE_NOTICE.sub("", stderr, count=1)


def generate(root: Path, work: Path, *sitio_options: str, validate: bool = True) -> Path:
    """`catalogo sitio` into work/build, in this process (or, with validate=False, the generator
    alone in a process of its own); returns that build folder."""
    build_folder = work / "build"
    if validate:
        arguments = ["sitio", "--raiz", str(root), "--salida", str(build_folder), *sitio_options]
        generated = run_cli(*arguments)
        assert generated.returncode == 0, generated.stdout + generated.stderr
        return build_folder
    environment = {**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)}
    generator = [sys.executable, "-c", _GENERATE_ONLY, str(root), str(build_folder)]
    subprocess.run(generator, check=True, capture_output=True, text=True, env=environment)
    return build_folder


def render(
    build_folder: Path,
    work: Path,
    plugins: list | None = None,
    overrides: Path | None = None,
    **settings,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the generated pages into work/site (its own process), with the
    repository's mkdocs.yml and any of its settings replaced."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(build_folder / "docs"), site_dir=str(work / "site"), **settings)
    config["theme"]["custom_dir"] = str(overrides or REPO / "overrides")
    if plugins is not None:
        config["plugins"] = plugins
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )


def build(
    root: Path,
    work: Path,
    *sitio_options: str,
    plugins: list | None = None,
    validate: bool = True,
) -> Path:
    """Generate with `catalogo sitio` and render with `mkdocs build --strict` (its `catalogo`
    plugin also indexes the site for search); returns the site."""
    result = render(generate(root, work, *sitio_options, validate=validate), work, plugins)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in without_end_of_life_notice(result.stderr), result.stderr
    return work / "site"
