"""Build the site into a temporary folder, as `make site` does, without touching build/ or site/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import CACHE_HOME, REPO

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


def build(
    root: Path,
    work: Path,
    *sitio_options: str,
    plugins: list | None = None,
    validate: bool = True,
) -> Path:
    """Generate with `catalogo sitio` and render with `mkdocs build --strict` (its `catalogo`
    plugin also indexes the site for search); returns the site."""
    build_folder, site = work / "build", work / "site"
    docs = build_folder / "docs"
    generate = [
        sys.executable,
        "-m",
        "catalogo",
        "sitio",
        "--raiz",
        str(root),
        "--salida",
        str(build_folder),
    ]
    # `catalogo sitio` validates first: its result cache goes to the test run's folder.
    environment = {**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)}
    if not validate:
        generate = [sys.executable, "-c", _GENERATE_ONLY, str(root), str(build_folder)]
    subprocess.run(
        [*generate, *sitio_options], check=True, capture_output=True, text=True, env=environment
    )
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(site))
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    if plugins is not None:
        config["plugins"] = plugins
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site
