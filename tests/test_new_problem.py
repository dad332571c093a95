"""`catalogo nuevo`: a new problem from the template, with the next free id, never over a file."""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from annotated_types import MaxLen, MinLen
from pydantic import TypeAdapter, ValidationError

from catalogo.authoring.new_problem import ask_answers, create, theme_slugs
from catalogo.model import Problem
from catalogo.model.types import Title
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
        ["Gotham", "Ñuñoa", "corto", "Reclamos por ruidos molestos de noche", "2, 2, 5", "2,5", ""]
    )
    answers = ask_answers(lambda prompt: next(replies), vocabularies, {})
    said = capsys.readouterr().out
    assert "no es una comuna" in said and "tiene 5 caracteres" in said
    assert f"«{vocabularies.themes[list(vocabularies.themes)[1]].name}» está más de una vez" in said
    themes = list(vocabularies.themes)
    assert answers.comuna == "nunoa" and answers.themes == [themes[1], themes[4]]
    assert answers.title == "Reclamos por ruidos molestos de noche" and answers.unit == ""
    path = create(root, answers, vocabularies, date(2026, 11, 25))
    assert path == "problems/nunoa/reclamos-por-ruidos-molestos-de-noche.md"
    assert 'id: "13120-001"' in (root / path).read_text(encoding="utf-8")


# Issue 12 · catalogo nuevo ----


class _Terminal:
    """Standard input as a terminal: `nuevo` asks its questions only there."""

    def isatty(self) -> bool:
        return True


def _interactive(monkeypatch, root: Path, replies: list[str], *options: str):
    """`catalogo nuevo` in a terminal where a person types `replies`, one per question; the
    output holds each question and its answer as the terminal shows them."""
    pending = iter(replies)

    def typed(prompt: str = "") -> str:
        print(prompt, end="")
        reply = next(pending, None)
        if reply is None:
            raise EOFError  # as if the person pressed Ctrl-D: the test asked for too little
        print(reply)
        return reply

    monkeypatch.setattr("builtins.input", typed)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    return run_cli("nuevo", "--raiz", str(root), *options)


def _limits(attribute: str) -> tuple[int, int]:
    metadata = Problem.model_fields[attribute].metadata
    low = next(m.min_length for m in metadata if isinstance(m, MinLen))
    high = next(m.max_length for m in metadata if isinstance(m, MaxLen))
    return low, high


def _written(result) -> str:
    return re.search(r"^Escrito (\S+\.md)\.$", result.stdout, re.M).group(1)


def _error(result) -> str:
    return result.stderr.removeprefix("catalogo: error: ").strip()


TITLE = "Reclamos por ruidos molestos de noche"


@pytest.mark.parametrize("wrong", ["medio ambiente, Seguridad", "x", "0", "9,9,9,9", "1,2,3,4"])
def test_a_wrong_theme_answer_is_said_as_the_flag_says_it_and_asked_again(
    root, monkeypatch, vocabularies, wrong
):
    flag = _new(root, "--comuna", "maipu", "--titulo", TITLE, "--temas", wrong)
    assert flag.returncode == 2 and _error(flag)
    result = _interactive(
        monkeypatch, root, [wrong, "Seguridad, medio ambiente y residuos", ""],
        "--comuna", "maipu", "--titulo", TITLE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    asked = [line for line in result.stdout.splitlines() if line.startswith("Temas:")]
    assert len(asked) == 2  # asked again, never replaced by a default
    assert _error(flag) in result.stdout
    text = (root / _written(result)).read_text(encoding="utf-8")
    assert "temas:\n  - seguridad\n  - medio-ambiente-y-residuos\n" in text
    assert "atencion-ciudadana" not in text.split("temas:", 1)[1].split("\n\n", 1)[0]


def test_the_theme_messages_say_what_is_wrong_and_what_to_write(root):
    low, high = _limits("themes")
    cases = {
        "medio ambiente, Seguridad": [
            "«medio ambiente»",
            "¿Quiso decir «medio-ambiente-y-residuos»?",
        ],
        "0": ["«0» no es un número de la lista"],
        "9,9,9,9": ["está más de una vez"],
        "1,2,3,4": [f"de {low} a {high} temas y escribió 4"],
        ",": ["no escribió ninguno"],
    }
    for answer, parts in cases.items():
        said = _error(_new(root, "--comuna", "maipu", "--titulo", TITLE, "--temas", answer))
        for part in [*parts, f"Escriba de {low} a {high} temas separados por comas"]:
            assert part in said, (answer, said)


@pytest.mark.parametrize(
    "answer",
    ["3, 1", "Seguridad, Atención ciudadana", "seguridad,atencion-ciudadana",
     "SEGURIDAD , atencion ciudadana", unicodedata.normalize("NFD", "Seguridad, Atención ciudadana")],
    ids=["numeros", "nombres", "nombres-cortos", "mayusculas-sin-tilde", "tildes-combinadas"],
)  # fmt: skip
def test_themes_are_read_by_number_name_or_slug(vocabularies, answer):
    assert theme_slugs(answer, vocabularies) == ["seguridad", "atencion-ciudadana"]


def test_an_empty_theme_answer_takes_the_default_the_question_shows(
    root, monkeypatch, vocabularies
):
    first = next(iter(vocabularies.themes.values()))
    result = _interactive(
        monkeypatch, root, [""], "--comuna", "maipu", "--titulo", TITLE, "--area", "x"
    )
    question = next(line for line in result.stdout.splitlines() if line.startswith("Temas:"))
    assert f"Enter: 1, {first.name}" in question
    written = (root / _written(result)).read_text(encoding="utf-8")
    assert f"temas:\n  - {first.slug}\n" in written


def test_a_title_out_of_the_models_limits_is_refused_with_the_reason(root, monkeypatch):
    low, high = _limits("title")
    long_title = ("Reclamos " * 100)[:500].strip()
    for title, count in (("corto", 5), (long_title, len(long_title))):
        flag = _new(root, "--comuna", "maipu", "--temas", "salud", "--titulo", title)
        assert flag.returncode == 2
        assert f"tiene {count} caracteres y debe tener de {low} a {high}" in flag.stderr
        result = _interactive(
            monkeypatch, root, [title, f"{TITLE} ({count})"], "--comuna", "maipu", "--temas", "1",
            "--area", "Medio Ambiente",
        )  # fmt: skip
        assert result.returncode == 0 and _error(flag) in result.stdout
        assert result.stdout.count(f"Título del problema (de {low} a {high} caracteres)") == 2
    # The limits are the model's: one character either side of them is what it refuses.
    edge = "Reclamos " + "x" * (high - len("Reclamos "))
    assert (
        len(edge) == high
        and _new(root, "--comuna", "maipu", "--temas", "1", "--titulo", edge).returncode == 0
    )
    assert _new(root, "--comuna", "maipu", "--temas", "1", "--titulo", edge + "x").returncode == 2


def test_a_title_without_letters_is_refused_as_the_validator_would(root, vocabularies):
    with pytest.raises(ValidationError, match=r"CAT049|no tiene letras"):
        TypeAdapter(Title).validate_python("!!!! ???? 1234")
    result = _new(root, "--comuna", "maipu", "--temas", "1", "--titulo", "!!!! ???? 1234")
    assert result.returncode == 2 and "no tiene letras" in result.stderr


@pytest.mark.parametrize("title", ["ОИРС жалобы на шум ночью", "道路积水问题长期未解决了"])
def test_a_title_in_another_script_names_its_file_after_its_id(root, title):
    paths = []
    for _ in range(2):  # twice: the second file must not collide with the first
        result = _new(root, "--comuna", "maipu", "--temas", "1", "--titulo", title)
        assert result.returncode == 0, result.stderr
        path = _written(result)
        problem_id = re.search(r'^id: "(.+)"', (root / path).read_text(encoding="utf-8"), re.M)
        assert path == f"problems/maipu/problema-{problem_id.group(1)}.md"
        assert "se llama como su id" in result.stdout and path.rsplit("/", 1)[1] in result.stdout
        paths.append(path)
    assert paths[0] != paths[1]
    # Its name is one the validator accepts, and the title keeps its own letters.
    checked = run_cli("validar", "--raiz", str(root), *paths, "--formato", "json")
    assert "CAT021" not in checked.stdout and "CAT049" not in checked.stdout


@pytest.mark.parametrize("hidden", ["\u200b", "\x07", "\u202e"])
def test_a_title_with_an_invisible_character_is_refused_before_anything_is_written(root, hidden):
    before = sorted(root.rglob("*.md"))
    title = f"Reclamos{hidden} de vecinos que se pierden"
    result = _new(root, "--comuna", "maipu", "--temas", "1", "--titulo", title)
    assert result.returncode == 2
    assert f"carácter invisible (U+{ord(hidden):04X})" in result.stderr
    assert sorted(root.rglob("*.md")) == before
