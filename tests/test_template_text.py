"""Issue 12 · the template must never pass as a problem: the example texts' one source, the
committed templates made from it, and the rule CAT067 that refuses a file still holding them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from catalogo.core.codes import Code
from catalogo.loading.reader import read_document
from catalogo.model.sections import headings
from catalogo.model.solution import SOLUTION_SECTIONS
from catalogo.model.template_text import (
    PROBLEM_BODY,
    PROBLEM_FIELDS,
    PROBLEM_TEMPLATE,
    SOLUTION_BODY,
    SOLUTION_FIELDS,
    SOLUTION_TEMPLATE,
    problem_template,
    solution_template,
)
from catalogo.site.views import front_matter_snippet
from catalogo.validation.checks.template_text import made_of_examples, template_text_places
from conftest import REPO, run_cli

PROBLEM_ID = "13119-001"


def _findings(root: Path, path: str) -> tuple[int, list[str]]:
    result = run_cli("validar", "--raiz", str(root), "--sin-cache", "--formato", "json", path)
    import json

    report = json.loads(result.stdout)
    return result.returncode, sorted(f"{d['codigo']}@{d['linea']}" for d in report["diagnosticos"])


def _expected(text: str, kind: str) -> list[str]:
    """Where each example text of `kind` stands in `text`: found here by reading the file line
    by line, not by the rule, so that a rule that finds less (or more) fails."""
    fields = PROBLEM_FIELDS if kind == "problema" else SOLUTION_FIELDS
    body = PROBLEM_BODY if kind == "problema" else SOLUTION_BODY
    lines = text.split("\n")
    closing = lines.index("---", 1)
    found = []
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("#") and number <= closing:
            continue  # a comment, not a value
        examples = fields.values() if number <= closing else body.values()
        if any(e.text in line for e in examples):
            found.append(f"{Code.TEMPLATE_TEXT}@{number}")
    return sorted(found)


def _filled(text: str, kind: str) -> str:
    """`text` with every example replaced by a real-looking text of the same kind."""
    fields = PROBLEM_FIELDS if kind == "problema" else SOLUTION_FIELDS
    body = PROBLEM_BODY if kind == "problema" else SOLUTION_BODY
    for key, example in fields.items():
        if "@" in example.text:
            real = "oirs@maipu.cl"
        elif example.text.startswith("https://"):
            real = "https://github.com/equipo-vanguardia/derivador-oirs"
        else:
            real = f"Texto propio para {key}, escrito por quien conoce el caso"
        text = text.replace(example.text, real)
    for title, example in body.items():
        text = text.replace(example.text, f"Lo que de verdad pasa, en la sección {title}.")
    return text


def _check_fails_then_passes(root: Path, path: str, kind: str) -> None:
    text = (root / path).read_text(encoding="utf-8")
    code, found = _findings(root, path)
    assert code == 1
    assert found == _expected(text, kind) and found, found
    (root / path).write_text(_filled(text, kind), encoding="utf-8")
    assert _findings(root, path) == (0, [])


def test_templates_are_up_to_date_and_made_from_the_source():
    result = run_cli("plantillas", "--verificar", "--raiz", str(REPO))
    assert result.returncode == 0, result.stdout
    assert (REPO / PROBLEM_TEMPLATE).read_text(encoding="utf-8") == problem_template()
    assert (REPO / SOLUTION_TEMPLATE).read_text(encoding="utf-8") == solution_template()


def test_verificar_fails_when_a_template_was_edited_by_hand(catalogue_copy):
    path = catalogue_copy / SOLUTION_TEMPLATE
    path.write_text(path.read_text(encoding="utf-8") + "\nOtro párrafo.\n", encoding="utf-8")
    result = run_cli("plantillas", "--verificar", "--raiz", str(catalogue_copy))
    assert result.returncode == 1 and "solutions/_plantilla.md está desactualizado" in result.stdout
    assert run_cli("plantillas", "--raiz", str(catalogue_copy)).returncode == 0
    assert path.read_text(encoding="utf-8") == solution_template()


def test_the_templates_themselves_pass_the_whole_catalogue(catalogue_copy):
    result = run_cli("validar", "--raiz", str(catalogue_copy), "--sin-cache")
    assert result.returncode == 0, result.stdout
    assert "CAT0" not in result.stdout


def test_untouched_problem_template_at_a_problem_path_fails_until_filled(catalogue_copy):
    path = "problems/maipu/copia-de-la-plantilla.md"
    text = (catalogue_copy / PROBLEM_TEMPLATE).read_text(encoding="utf-8")
    (catalogue_copy / path).write_text(text.replace("13119-999", "13119-090"), encoding="utf-8")
    _check_fails_then_passes(catalogue_copy, path, "problema")


def test_solution_template_at_a_solution_path_fails_until_filled(catalogue_copy):
    path = "solutions/copia-de-la-plantilla.md"
    text = (catalogue_copy / SOLUTION_TEMPLATE).read_text(encoding="utf-8")
    (catalogue_copy / path).write_text(text.replace("13119-999", PROBLEM_ID), encoding="utf-8")
    _check_fails_then_passes(catalogue_copy, path, "solucion")


def test_nuevo_output_fails_until_filled_and_nuevo_says_what_remains(catalogue_copy):
    result = run_cli(
        "nuevo",
        "--raiz",
        str(catalogue_copy),
        "--sin-preguntas",
        "--comuna",
        "maipu",
        "--titulo",
        "Perros abandonados en la vía pública",
        "--temas",
        "salud",
        "--area",
        "Medio Ambiente",
    )
    assert result.returncode == 0, result.stderr
    path = "problems/maipu/perros-abandonados-en-la-via-publica.md"
    # One sentence lists what remains, from the rule's own findings; no error per field.
    text = (catalogue_copy / path).read_text(encoding="utf-8")
    remaining = [p.label for p in template_text_places(read_document(text.encode()), "problema")]
    assert "titulo" not in remaining and "area_responsable" not in remaining
    said = result.stdout.split("Aún tienen el texto de ejemplo de la plantilla:\n", 1)[1]
    said = said.split("Reemplácelos")[0]
    assert said.startswith(f"  - los campos {remaining[0]}, ")
    assert all(label in said for label in remaining)
    assert "CAT067" not in result.stdout
    _check_fails_then_passes(catalogue_copy, path, "problema")


def test_kit_solution_fails_until_filled(catalogue_copy, tmp_path):
    folder = tmp_path / "kit"
    assert run_cli("kit", PROBLEM_ID, "--raiz", str(REPO), "--salida", str(folder)).returncode == 0
    solution = (folder / "solucion.md").read_text(encoding="utf-8")
    assert solution == solution_template(PROBLEM_ID)
    assert [h.title for h in headings(solution) if h.level == 2] == list(SOLUTION_SECTIONS)
    shutil.copy(folder / "solucion.md", catalogue_copy / "solutions" / "prototipo-del-kit.md")
    _check_fails_then_passes(catalogue_copy, "solutions/prototipo-del-kit.md", "solucion")


def test_site_snippet_fails_until_filled(catalogue_copy):
    snippet = front_matter_snippet(PROBLEM_ID)
    assert "#" not in snippet.split("\n---\n")[0]  # the short form: no comments
    (catalogue_copy / "solutions" / "copiada-del-sitio.md").write_text(snippet, encoding="utf-8")
    _check_fails_then_passes(catalogue_copy, "solutions/copiada-del-sitio.md", "solucion")


@pytest.mark.parametrize(
    "text",
    [
        "Título breve que describe el problema",
        "  TITULO BREVE QUE DESCRIBE EL PROBLEMA...  ",
        "Nombre de la solución. Nombre de la solución",
        "Nombre del equipo: Nombre de la solución",
        "https://github.com/su-equipo/su-repositorio",
        "unidad@municipalidad.cl",
        "Describa en dos o tres frases qué ocurre,\n a quién afecta y por qué importa resolverlo",
    ],
)
def test_values_made_of_examples_are_found(text):
    assert made_of_examples(text)


@pytest.mark.parametrize(
    "text",
    [
        # Vocabulary choices, numbers and states the template shows may be the right answer.
        "atencion-ciudadana",
        "xlsx",
        "interno",
        "1000",
        "idea",
        "MIT",
        "LatamGPT",
        "13119-999",
        # An example followed or preceded by real text is the person's own.
        "Título breve que describe el problema de los perros abandonados",
        "Equipo Vanguardia, Nombre del equipo",
        "oirs@municipalidad.cl",
        "",
    ],
)
def test_real_values_are_not_found(text):
    assert not made_of_examples(text)


def test_finding_points_at_the_value_and_says_what_to_write(catalogue_copy):
    path = catalogue_copy / "solutions" / "asistente.md"
    text = solution_template(PROBLEM_ID).replace(
        'equipo: "Nombre del equipo"', "equipo: Equipo Sur"
    )
    path.write_text(text, encoding="utf-8")
    result = run_cli("validar", "--raiz", str(catalogue_copy), "--sin-cache", str(path))
    line = text.split("\n").index('titulo: "Nombre de la solución"') + 1
    assert (
        f"solutions/asistente.md:{line}:9: error CAT067: El campo «titulo» aún tiene el texto de "
        "ejemplo de la plantilla («Nombre de la solución»)." in result.stdout
    )
    assert SOLUTION_FIELDS["titulo"].hint in result.stdout
    assert "«equipo»" not in result.stdout


def test_the_rule_is_linear_on_a_long_paragraph_of_examples():
    example = SOLUTION_BODY[SOLUTION_SECTIONS[0]].text

    def seconds(copies: int) -> float:
        # Examples over and over, then one real word: the worst case reads to the end.
        text = (example + " ") * copies + "fin"
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            assert not made_of_examples(text)
            best = min(best, time.perf_counter() - start)
        return best

    # Eight times the text takes about eight times as long (a quadratic rule, 64 times).
    # Sizes large enough that the small run measures the walk, not the fixed costs around it.
    small, large = seconds(1000), seconds(8000)
    assert large < 2.0 and large < small * 8 * 3


def test_problem_page_offers_the_solution_template_and_no_page_for_it(site, vocabularies):
    from markupsafe import escape

    from catalogo.loading.catalogue import load_catalogue

    entry = load_catalogue(REPO, vocabularies).problem(PROBLEM_ID)
    page = site / "problemas" / entry.problem.comuna / entry.slug / "index.html"
    html = page.read_text(encoding="utf-8")
    assert str(escape(solution_template(PROBLEM_ID, comments=False))) in html
    assert not any("plantilla" in p.name for p in (site / "soluciones").iterdir())


def test_solution_template_lists_every_field_of_the_model():
    from catalogo.model import Solution

    text = solution_template()
    written = set(read_document(text.encode()).data)
    commented = {
        line.lstrip("# ").split(":")[0]
        for line in text.splitlines()
        if line.startswith("# ") and ":" in line and " " not in line.lstrip("# ").split(":")[0]
    }
    model_keys = {field.alias for field in Solution.model_fields.values()}
    assert model_keys - written - commented == {"ejemplo"}


def _made_of_examples_plainly(text: str) -> bool:
    """The rule's reference: every word folded, then whether the examples' word lists,
    concatenated in any order and number, make exactly the text's words."""
    from catalogo.model.template_text import ALL_EXAMPLES
    from catalogo.validation.checks.template_text import _words

    examples = [_words(example.text) for example in ALL_EXAMPLES]
    words = _words(text)
    reachable = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        reachable[end] = any(
            0 < len(e) <= end and reachable[end - len(e)] and words[end - len(e) : end] == e
            for e in examples
        )
    return bool(words) and reachable[-1]


@pytest.mark.parametrize(
    "text",
    [
        "Título breve que describe el problema",
        "¿Título breve que describe el problema?",
        "__Nombre de la solución__",
        "«Quiénes se ven afectados»",
        "QUIÉNES se ven afectados",
        "Quienes se ven afectados por el ruido",
        "Ñandú en la vía",
        "Über Nombre de la solución",
        "NOMBRE de la solución",
        "1000 Nombre de la solución",
        "— Nombre del equipo",
        "Cómo se resuelve hoy",
        "...",
        "",
    ],
)
def test_the_first_word_shortcut_agrees_with_the_plain_reference(text):
    # `made_of_examples` decides most values by their first word alone; it must never
    # disagree with the plain comparison of every word.
    assert made_of_examples(text) == _made_of_examples_plainly(text)
