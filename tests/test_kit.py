"""`catalogo kit`: a hackathon team's folder for one problem."""

from __future__ import annotations

import json
import shutil

from catalogo.core.text_safety import markdown_literal
from conftest import REPO, run_cli

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

    # The solution file validates as it is, in a copy of the catalogue.
    root = catalogue_copy
    shutil.copy(folder / "solucion.md", root / "solutions" / "prototipo-del-kit.md")
    checked = run_cli(
        "validar", "--raiz", str(root), str(root / "solutions" / "prototipo-del-kit.md")
    )
    assert checked.returncode == 0, checked.stdout


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
