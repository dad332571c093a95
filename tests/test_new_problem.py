"""`catalogo nuevo`: a new problem from the template, with the next free id, never over a file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from catalogo.authoring.new_problem import ask_answers, create
from conftest import REPO, run_cli


@pytest.fixture
def root(catalogue_copy) -> Path:
    return catalogue_copy


def _new(root: Path, *options: str):
    return run_cli("nuevo", "--raiz", str(root), "--sin-preguntas", *options)


def test_flags_make_a_file_with_the_next_id_that_validates(root):
    options = ["--comuna", "Maipú", "--titulo", "Perros abandonados en la vía pública"]
    result = _new(root, *options, "--temas", "atencion-ciudadana,salud", "--area", "Medio Ambiente")
    assert result.returncode == 0, result.stderr
    path = root / "problems" / "maipu" / "perros-abandonados-en-la-via-publica.md"
    text = path.read_text(encoding="utf-8")
    used = [
        int(number)
        for file in (REPO / "problems" / "maipu").glob("*.md")
        for number in re.findall(r'^id: "?13119-(\d{3})', file.read_text(encoding="utf-8"), re.M)
    ]
    assert f'id: "13119-{max(used) + 1:03d}"' in text
    assert (
        "  - atencion-ciudadana\n  - salud\n" in text
        and 'area_responsable: "Medio Ambiente"' in text
    )
    assert f"fecha_registro: {date.today().isoformat()}" in text
    # It says which fields still hold the template's example text, and the validator refuses
    # the file for them alone until they are replaced (tests/test_template_text.py).
    assert "error" not in result.stdout
    assert "resumen" in result.stdout and "indicadores" in result.stdout
    checked = run_cli("validar", "--raiz", str(root))
    assert checked.returncode == 1 and "error CAT067" in checked.stdout
    assert not re.search(r"error CAT0(?!67)", checked.stdout)

    again = _new(root, *options, "--temas", "salud")
    assert again.returncode == 1 and "ya existe" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_missing_flags_without_a_terminal_are_a_usage_error(root):
    before = set((root / "problems").rglob("*.md"))
    result = _new(root, "--comuna", "maipu")
    assert result.returncode == 2 and "--titulo, --temas" in result.stderr
    unknown = _new(
        root, "--comuna", "Maipo", "--titulo", "Un título bastante largo", "--temas", "salud"
    )
    assert unknown.returncode == 1 and "¿Quiso decir «maipu»?" in unknown.stderr
    assert set((root / "problems").rglob("*.md")) == before


def test_questions_fill_what_the_flags_did_not_give(root, vocabularies, capsys):
    replies = iter(
        ["Gotham", "Ñuñoa", "corto", "Reclamos por ruidos molestos de noche", "2, 2, 5", ""]
    )
    answers = ask_answers(lambda prompt: next(replies), vocabularies, {})
    assert "no es una comuna" in capsys.readouterr().out
    themes = list(vocabularies.themes)
    assert answers.comuna == "nunoa" and answers.themes == [themes[1], themes[4]]
    assert answers.title == "Reclamos por ruidos molestos de noche" and answers.unit == ""
    path = create(root, answers, vocabularies, date(2026, 11, 25))
    assert path == "problems/nunoa/reclamos-por-ruidos-molestos-de-noche.md"
    assert 'id: "13120-001"' in (root / path).read_text(encoding="utf-8")
