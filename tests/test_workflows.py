"""Tests that keep the GitHub Actions workflows safe.

actionlint (with ShellCheck and pyflakes for the `run:` scripts) and zizmor must report
nothing, and each security rule the workflows follow is checked on the parsed YAML. Every rule
is a function returning what it found, and one test feeds all of them a bad workflow, so a rule
that can no longer fail is noticed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.y*ml"))
LABELLING_NAME = "Pedir la revisión según el riesgo"

# `owner/repo@<full commit SHA> # vX.Y.Z`: a tag can be moved to other code, a commit cannot.
PINNED_USES = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
PINNED_LINE = re.compile(r"uses: [\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
SECRETS = re.compile(r"\$\{\{[^}]*\bsecrets\b")
# What a person types (an issue, a manual run's inputs, a repository variable) reaches a script
# only through `env:`, never inside its code.
UNTRUSTED_IN_SCRIPT = re.compile(
    r"\$\{\{[^}]*(\bgithub\s*\.\s*(event|head_ref)\b|\binputs\s*\.|\bvars\s*\.)"
)

# A workflow that breaks every rule below.
BAD_WORKFLOW = """\
name: Mala
on:
  pull_request_target:
  workflow_run:
    workflows: [Revisar]
permissions: write-all
jobs:
  mala:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
        env:
          TOKEN: ${{ secrets.TOKEN }}
"""


def _tool(name: str) -> str | None:
    """The command installed with the project (next to this Python), or one on PATH."""
    return shutil.which(
        name, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )


def _load(text: str) -> dict:
    workflow = yaml.safe_load(text)
    # YAML 1.1 reads the key `on` as True.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def _triggers(workflow: dict) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    return set(on or ())


def _steps(workflow: dict) -> Iterator[dict]:
    for job in (workflow.get("jobs") or {}).values():
        yield from job.get("steps") or ()


# Each rule returns what it found wrong in a workflow, given as its text and its parsed YAML.


def denies_all_permissions_at_the_top(text: str, workflow: dict) -> list[str]:
    if workflow.get("permissions") != {}:
        return [f"permisos al inicio: {workflow.get('permissions')!r}, se esperaba {{}}"]
    return []


def every_job_declares_its_permissions(text: str, workflow: dict) -> list[str]:
    return [
        f"el trabajo {name} no declara sus permisos"
        for name, job in (workflow.get("jobs") or {}).items()
        if not isinstance(job.get("permissions"), dict)
    ]


def no_pull_request_target(text: str, workflow: dict) -> list[str]:
    if "pull_request_target" in _triggers(workflow) or "pull_request_target" in text:
        return ["usa pull_request_target"]
    return []


# The one workflow that may run on `workflow_run`, a trigger zizmor reports whatever is done
# with it: the other checks here hold it to running main's code on the review's data only.
LABELLING = "pedir-revision.yml"


def workflow_run_only_for_the_labelling(text: str, workflow: dict) -> list[str]:
    if "workflow_run" in _triggers(workflow) and workflow.get("name") != LABELLING_NAME:
        return ["usa workflow_run fuera del flujo que etiqueta según el riesgo"]
    return []


def uses_are_pinned_to_commits(text: str, workflow: dict) -> list[str]:
    found = [
        f"acción sin fijar a un commit: {step['uses']}"
        for step in _steps(workflow)
        if "uses" in step and not PINNED_USES.match(step["uses"])
    ]
    found += [
        f"línea sin commit completo y comentario # vX.Y.Z: {line.strip()}"
        for line in text.splitlines()
        if re.match(r"\s*(- )?uses:", line) and not PINNED_LINE.search(line.strip())
    ]
    return found


def checkouts_do_not_keep_credentials(text: str, workflow: dict) -> list[str]:
    return [
        f"checkout sin persist-credentials: false: {step['uses']}"
        for step in _steps(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
        and (step.get("with") or {}).get("persist-credentials") is not False
    ]


def pull_requests_get_no_secrets(text: str, workflow: dict) -> list[str]:
    if _triggers(workflow) & {"pull_request", "pull_request_target"} and SECRETS.search(text):
        return ["un flujo de pull requests usa secretos"]
    return []


def scripts_take_no_untrusted_expressions(text: str, workflow: dict) -> list[str]:
    return [
        f"expresión de github.event en un run (pásela por env:): {step.get('name', step['run'])}"
        for step in _steps(workflow)
        if "run" in step and UNTRUSTED_IN_SCRIPT.search(step["run"])
    ]


# Triggers whose runs get a token that can write even when a fork's pull request started them.
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}


def privileged_runs_never_take_pull_request_code(text: str, workflow: dict) -> list[str]:
    """A workflow started on behalf of a pull request with a token that can write checks out
    only the base branch, restores no cache another run wrote, and downloads no artifact into
    the workspace (pedir-revision.yml reads one file of data from $RUNNER_TEMP)."""
    if not _triggers(workflow) & PRIVILEGED_TRIGGERS:
        return []
    found = []
    for step in _steps(workflow):
        uses, options = step.get("uses", ""), step.get("with") or {}
        if uses.startswith("actions/checkout@") and {"ref", "repository"} & set(options):
            found.append(f"un flujo con permisos obtiene otro código: {options}")
        if uses.startswith(("actions/cache@", "actions/download-artifact@")) or "cache" in options:
            found.append(f"un flujo con permisos usa datos de otra ejecución: {uses}")
        if "gh run download" in step.get("run", "") and "$RUNNER_TEMP/" not in step["run"]:
            found.append("un artefacto se descarga fuera de $RUNNER_TEMP")
    return found


RULES: list[Callable[[str, dict], list[str]]] = [
    denies_all_permissions_at_the_top,
    every_job_declares_its_permissions,
    no_pull_request_target,
    workflow_run_only_for_the_labelling,
    uses_are_pinned_to_commits,
    checkouts_do_not_keep_credentials,
    pull_requests_get_no_secrets,
    scripts_take_no_untrusted_expressions,
    privileged_runs_never_take_pull_request_code,
]


def test_the_workflows_exist():
    assert {"publicar.yml", "revisar.yml"} <= {path.name for path in WORKFLOWS}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_follows_rule(path: Path, rule):
    text = path.read_text(encoding="utf-8")
    assert rule(text, _load(text)) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_rule_catches_a_bad_workflow(rule):
    assert rule(BAD_WORKFLOW, _load(BAD_WORKFLOW)) != []


def test_pull_requests_are_checked_read_only():
    workflow = _load((WORKFLOWS_DIR / "revisar.yml").read_text(encoding="utf-8"))
    assert _triggers(workflow) == {"pull_request"}
    assert [job["permissions"] for job in workflow["jobs"].values()] == [{"contents": "read"}]


def test_only_the_deploy_job_can_write_to_pages():
    workflow = _load((WORKFLOWS_DIR / "publicar.yml").read_text(encoding="utf-8"))
    assert _triggers(workflow) == {"push", "workflow_dispatch"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    jobs = workflow["jobs"]
    assert jobs["construir"]["permissions"] == {"contents": "read"}
    assert jobs["desplegar"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["desplegar"]["environment"]["name"] == "github-pages"
    assert workflow["concurrency"]["group"] == "pages"


# The linters: a missing linter skips these tests, but everything they need comes with '.[dev]'.


def _actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    actionlint, shellcheck, pyflakes = _tool("actionlint"), _tool("shellcheck"), _tool("pyflakes")
    if actionlint is None:
        pytest.skip("actionlint no está instalado (pip install -e '.[dev]')")
    # Without them actionlint quietly skips the scripts of `run:` steps.
    assert shellcheck and pyflakes, "faltan shellcheck o pyflakes: pip install -e '.[dev]'"
    return subprocess.run(
        [actionlint, "-no-color", "-oneline", "-shellcheck", shellcheck, "-pyflakes", pyflakes]
        + [str(path) for path in paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def _zizmor(*paths: Path) -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    zizmor = _tool("zizmor")
    if zizmor is None:
        pytest.skip("zizmor no está instalado (pip install -e '.[dev]')")
    # The most demanding persona, and no configuration or comment can hide a finding.
    result = subprocess.run(
        [zizmor, "--offline", "--persona", "pedantic", "--no-config", "--no-ignores"]
        + ["--format", "json", "--no-progress", "--color", "never"]
        + [str(path) for path in paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, json.loads(result.stdout or "null")


def test_actionlint_reports_nothing():
    result = _actionlint(*WORKFLOWS)
    output = result.stdout + result.stderr
    assert (result.returncode, output) == (0, ""), output


def test_zizmor_reports_nothing_but_the_labelling_trigger():
    """zizmor reports every `workflow_run` as a dangerous trigger, however it is used; the
    labelling workflow needs it (a fork's pull request gets no token that can write), and the
    rules above and test_the_labelling_runs_main_on_the_review_data hold it to the safe use."""
    result, findings = _zizmor(WORKFLOWS_DIR)
    described = [
        f"{finding['ident']}: {finding['desc']}: "
        + "; ".join(location["concrete"]["feature"] for location in finding["locations"])
        for finding in findings or ()
    ]
    found = [
        (
            finding["ident"],
            location["concrete"]["feature"],
            Path(location["symbolic"]["key"]["Local"]["verbatim_path"]).name,
        )
        for finding in findings or ()
        for location in finding["locations"][-1:]
    ]
    assert found == [("dangerous-triggers", "workflow_run", LABELLING)], (
        "\n".join(described) or result.stderr
    )


def test_the_linters_catch_a_bad_workflow(tmp_path):
    bad = tmp_path / "mala.yml"
    bad.write_text(
        BAD_WORKFLOW
        + "      - run: ls $RUNNER_TEMP\n"
        + "      - shell: python\n        run: print(nombre_sin_definir)\n",
        encoding="utf-8",
    )
    result = _actionlint(bad)
    assert result.returncode == 1
    for kind in ("[expression]", "[shellcheck]", "[pyflakes]"):
        assert kind in result.stdout
    result, findings = _zizmor(bad)
    assert result.returncode != 0
    assert {"dangerous-triggers", "template-injection", "unpinned-uses"} <= {
        finding["ident"] for finding in findings
    }


def test_issue_approvals_run_one_at_a_time_and_never_share_an_id():
    """Two approvals at the same time: queued in one concurrency group (none cancelled), ids of
    the other pending pull requests reserved, the file re-validated against the latest main just
    before the push, and a push that never overwrites a branch state it did not see."""
    text = (WORKFLOWS_DIR / "desde-issue.yml").read_text(encoding="utf-8")
    workflow = _load(text)
    concurrency = workflow["concurrency"]
    assert "${{" not in concurrency["group"]  # one group for every issue, not one per issue
    assert concurrency["queue"] == "max" and concurrency["cancel-in-progress"] is False
    script = "\n".join(step.get("run", "") for step in _steps(workflow))
    assert "--ids-de-rama" in script and "problema-desde-issue-*" in script
    assert script.index("git rebase origin/main") < script.index("catalogo validar --sin-cache")
    assert script.index("catalogo validar --sin-cache") < script.index("git push")
    assert '--force-with-lease="refs/heads/$RAMA:$actual"' in script
    # Re-applying the label: the open pull request is updated; a merged one is not redone.
    assert "gh pr edit" in script and "MERGED" in text
    # The comment the author and the reviewer read is the one `catalogo desde-issue` wrote.
    assert script.count('--body-file "$RUNNER_TEMP/comentario.md"') >= 1


def test_every_form_desde_issue_converts_starts_the_conversion_workflow():
    # An approved «Sumarse a un problema» issue must become a pull request like a proposal:
    # the workflow's condition names the label of each form `desde-issue` reads.
    forms = REPO / ".github" / "ISSUE_TEMPLATE"
    labels = {
        name: yaml.safe_load((forms / name).read_text(encoding="utf-8"))["labels"][0]
        for name in ("proponer-problema.yml", "sumarse-a-un-problema.yml")
    }
    condition = _load((WORKFLOWS_DIR / "desde-issue.yml").read_text(encoding="utf-8"))["jobs"][
        "convertir"
    ]["if"]
    for name, label in labels.items():
        assert f"contains(github.event.issue.labels.*.name, '{label}')" in condition, name


def test_the_labelling_runs_main_on_the_review_data():
    """The read-only review writes the findings as an artifact; the labelling workflow runs
    main's code on them: it starts only after «Revisar» on a pull request, downloads that one
    artifact into $RUNNER_TEMP, has «catalogo revision --comprobar» check it, and makes sure the
    pull request it names is open at the reviewed commit before it labels anything."""
    from catalogo.authoring.review import ARTIFACT, RECORD_NAME

    review = _load((WORKFLOWS_DIR / "revisar.yml").read_text(encoding="utf-8"))
    text = (WORKFLOWS_DIR / LABELLING).read_text(encoding="utf-8")
    labelling = _load(text)
    assert labelling["name"] == LABELLING_NAME
    assert _triggers(labelling) == {"workflow_run"}
    assert labelling["on"]["workflow_run"] == {
        "workflows": [review["name"]],
        "types": ["completed"],
    }
    [job] = labelling["jobs"].values()
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    assert job["permissions"] == {
        "actions": "read",
        "contents": "read",
        "issues": "write",
        "pull-requests": "write",
    }
    script = "\n".join(step.get("run", "") for step in _steps(labelling))
    assert f'--name {ARTIFACT} --dir "$RUNNER_TEMP/{ARTIFACT}"' in script
    assert f'--comprobar "$RUNNER_TEMP/{ARTIFACT}/{RECORD_NAME}"' in script
    assert '--cabeza "$CABEZA"' in script and job["env"]["CABEZA"] == (
        "${{ github.event.workflow_run.head_sha }}"
    )
    # Nothing is labelled before the pull request is known to be the one that was reviewed.
    assert script.index('"open $CABEZA"') < script.index("labels[]=")
    assert script.index('"open $CABEZA"') < script.index("requested_reviewers")

    # The read-only side: the review of the pull request's own changes (its merge commit
    # against the base, its first parent), with the record uploaded as the artifact.
    [review_job] = review["jobs"].values()
    steps = review_job["steps"]
    assert steps[0]["with"]["fetch-depth"] == 2
    finding = next(step for step in steps if "catalogo revision" in step.get("run", ""))
    assert "--base HEAD^1" in finding["run"]
    # It never stops the validation and the preview that follow it.
    assert finding["continue-on-error"] is True
    assert f"$RUNNER_TEMP/{ARTIFACT}/{RECORD_NAME}" in finding["run"]
    upload = next(
        step
        for step in steps
        if step.get("uses", "").startswith("actions/upload-artifact@")
        and step["with"]["name"] == ARTIFACT
    )
    assert upload["with"]["path"] == f"${{{{ runner.temp }}}}/{ARTIFACT}/{RECORD_NAME}"


def test_desde_issue_puts_the_review_labels_on_the_issue_and_its_pull_request():
    """The labels come from `catalogo desde-issue --etiquetas` (a fixed list), reach the
    shell only as a file, and go on the issue and on the pull request the workflow opened."""
    workflow = _load((WORKFLOWS_DIR / "desde-issue.yml").read_text(encoding="utf-8"))
    steps = list(_steps(workflow))
    convert = next(s for s in steps if "catalogo desde-issue" in s.get("run", ""))
    assert '--etiquetas "$RUNNER_TEMP/etiquetas.tsv"' in convert["run"]
    publish = next(s for s in steps if s.get("id") == "publicar")
    assert 'echo "url=$url" >> "$GITHUB_OUTPUT"' in publish["run"]
    label = next(s for s in steps if "--add-label" in s.get("run", ""))
    assert steps.index(label) > steps.index(publish)
    assert label["env"]["URL"] == "${{ steps.publicar.outputs.url }}"
    assert 'gh issue edit "$NUMERO"' in label["run"] and 'gh pr edit "$URL"' in label["run"]
    assert '< "$RUNNER_TEMP/etiquetas.tsv"' in label["run"]
    # The job's permissions are what it had: labels need nothing more.
    assert workflow["jobs"]["convertir"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
