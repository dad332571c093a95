"""The files that shape contributions on GitHub: the pre-commit hook and the PR template."""

from __future__ import annotations

import re

import yaml

from conftest import REPO, run_cli


def test_pre_commit_runs_the_validator_on_changed_catalogue_files():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"]]
    assert hook["entry"].endswith("/catalogo validar") and hook["pass_filenames"]
    pattern = re.compile(hook["files"])
    assert pattern.search("problems/maipu/reclamos.md") and pattern.search("solutions/a.md")
    assert not pattern.search("README.md") and not pattern.search("scripts/catalogo/cli.py")
    # What the hook runs: the validator on the files a commit changes.
    result = run_cli(
        "validar",
        "--raiz",
        str(REPO),
        str(REPO / "problems" / "maipu" / "actas-del-concejo-municipal.md"),
    )
    assert result.returncode == 0, result.stdout


def test_pull_request_template_asks_for_a_clean_validation_and_no_personal_data():
    text = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "catalogo validar" in text and "RUT" in text
    assert text.count("- [ ]") >= 4
