"""`catalogo kit`: a hackathon team's folder for one problem."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from catalogo.core.text_safety import markdown_literal
from conftest import CACHE_HOME, REPO, run_cli

PROBLEM_ID = "13119-001"


def test_kit_holds_the_problem_its_data_risks_contact_and_a_solution_to_fill(
    tmp_path, vocabularies, catalogue_copy
):
    from catalogo.loading.catalogue import load_catalogue

    folder = tmp_path / "kit"
    result = run_cli("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert result.returncode == 0, result.stderr
    # The marker says the folder is the tools' own (see catalogo.core.outputs).
    assert sorted(p.name for p in folder.iterdir()) == [
        ".catalogo-generado",
        "README.md",
        "problema.json",
        "solucion.md",
    ]
    problem = load_catalogue(REPO, vocabularies).problem(PROBLEM_ID).problem
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {markdown_literal(problem.title)}\n")
    for indicator in problem.indicators:
        assert f"- {markdown_literal(indicator)}" in readme
    for risk in problem.risks:
        assert f"- [ ] {markdown_literal(risk)}" in readme
    for source in problem.data_sources:
        assert vocabularies.data_access[source.access].name in readme
    assert markdown_literal(problem.contact.email) in readme and "solutions/" in readme
    record = json.loads((folder / "problema.json").read_text(encoding="utf-8"))
    assert record["id"] == PROBLEM_ID and record["titulo"] == problem.title

    # The solution file is refused until its example texts are replaced, and only for them
    # (tests/test_template_text.py fills them in and sees it pass).
    root = catalogue_copy
    shutil.copy(folder / "solucion.md", root / "solutions" / "prototipo-del-kit.md")
    checked = run_cli(
        "validar", "--raiz", str(root), str(root / "solutions" / "prototipo-del-kit.md")
    )
    assert checked.returncode == 1
    assert {line.split(" ")[2] for line in checked.stdout.splitlines() if ": error " in line} == {
        "CAT067:"
    }


def test_kit_never_overwrites_a_folder(tmp_path):
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "notas.txt").write_text("del equipo", encoding="utf-8")
    result = run_cli("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert result.returncode == 1 and "ya existe" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notas.txt"]


def test_kit_of_an_unknown_problem_suggests_the_nearest_id(tmp_path):
    result = run_cli("kit", "13119-01", "--raiz", str(REPO), "--salida", str(tmp_path / "k"))
    assert result.returncode == 2 and "¿Quiso decir «13119-001»?" in result.stderr
    assert not (tmp_path / "k").exists()


# Runs `main` in a fresh interpreter, then reports whether scikit-learn was ever imported.
_WITHOUT_SKLEARN = """
import sys
from catalogo.cli import main
code = main(sys.argv[1:])
print(code, "sklearn" in sys.modules)
"""


def _imports_sklearn(*arguments: str) -> tuple[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_SKLEARN, *arguments],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)},
    )
    return result.stdout.splitlines()[-1], result.stderr


def test_the_kit_and_usage_errors_never_import_scikit_learn(tmp_path):
    """Scikit-learn takes a second or more to import and only the site's similar problems
    need it: a team's kit and a mistyped command must not wait for it."""
    folder = tmp_path / "kit"
    line, errors = _imports_sklearn("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder))
    assert line == "0 False", errors
    assert (folder / "README.md").is_file()
    usage = ["sitio", "--raiz", str(REPO), "--comuna", "nunoaa", "--salida", str(tmp_path / "b")]
    line, errors = _imports_sklearn(*usage)
    assert line == "2 False" and "nunoaa" in errors
    # The check itself can fail: the site's similarity does import it when it runs.
    probe = "from catalogo.site.similarity import Document, similar; import sys\n"
    probe += (
        "similar([Document('1', 'a', 'agua potable rural'), Document('2', 'b', 'agua potable')])\n"
    )
    probe += "print('sklearn' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.stdout.strip() == "True", found.stderr
