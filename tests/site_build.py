"""Build the site into a temporary folder, as `make site` does, without touching build/ or site/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, run_cli


def build(root: Path, work: Path, *sitio_options: str, plugins: list | None = None) -> Path:
    """Generate with `catalogo sitio` (in this process) and render with `mkdocs build --strict`
    (its own process; its `catalogo` plugin also indexes the site for search); returns the
    site."""
    build_folder, site = work / "build", work / "site"
    docs = build_folder / "docs"
    generated = run_cli("sitio", "--raiz", str(root), "--salida", str(build_folder), *sitio_options)
    assert generated.returncode == 0, generated.stdout + generated.stderr
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
