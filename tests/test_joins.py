"""Problems several comunas share: a comuna joins another's problem with a short file that says
`comparte`; it is validated as a join, loaded beside the problems, and turned from the
«Sumarse a un problema» form into its file."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import ClassVar

import pytest
import yaml

from catalogo.authoring.from_issue import (
    NO_RESPONSE,
    convert,
    expected_headings,
    join_front_matter,
)
from catalogo.authoring.issue_forms import join_fields
from catalogo.core.codes import Code
from catalogo.loading.catalogue import load_catalogue
from catalogo.loading.vocabularies import load_vocabularies
from catalogo.model.join import Join
from catalogo.model.problem import Problem
from catalogo.model.template_text import JOIN_TEMPLATE, join_template
from catalogo.validation.per_file import check_bytes
from catalogo.validation.run import validate_catalogue
from conftest import REPO, run_cli

JOIN = REPO / "problems" / "quinta-normal" / "microbasurales-en-bandejones-y-pasajes.md"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "sumarse-a-un-problema.yml"
TODAY = date(2026, 11, 25)


def _codes(result) -> list[str]:
    return sorted(d.code for d in result.diagnostics)


def test_the_example_joins_validate_and_load_beside_the_problems(vocabularies):
    catalogue = load_catalogue(REPO, vocabularies)
    shared = {j.join.shared for j in catalogue.joins}
    # At least two example problems are shared by other comunas, with realistic joins.
    assert len(shared) >= 2
    assert all(j.join.example for j in catalogue.joins)
    assert [j.comuna.name for j in catalogue.joins_of("13128-001")] == [
        "Puente Alto",
        "Quinta Normal",
    ]
    assert [j.join.shared for j in catalogue.joins_in("quinta-normal")] == ["13128-001"]
    assert catalogue.comunas_of("13128-001") == 3 and catalogue.comunas_of("13119-002") == 1
    # A join is never a problem, and its id is not one of the problems'.
    assert all(catalogue.problem(j.join.join_id) is None for j in catalogue.joins)
    # The one-comuna site keeps the comuna's joins and the joins to its problems.
    renca = catalogue.only_comuna("renca")
    assert {j.comuna.slug for j in renca.joins} == {"quinta-normal", "puente-alto"}
    # A scoped site keeps the problems in its scope and the joins to them: Quinta Normal's
    # own join to Renca's problem goes with that problem, which its site does not hold.
    quinta = catalogue.only_comuna("quinta-normal")
    assert quinta.joins == [] and quinta.problem("13128-001") is None


def test_a_file_is_a_join_by_its_comparte_key_and_says_so(vocabularies):
    """A join with a problem's fields and without its own is told as a join (missing its own
    fields, the problem's named as the shared problem's), not as a broken problem."""
    text = (
        "---\ncomparte: 13128-001\nid: '13119-003'\ntitulo: Microbasurales también aquí\n"
        "comuna: maipu\ntemas: [salud]\n---\n\nTexto.\n"
    )
    result = check_bytes("problems/maipu/x.md", "problema", text.encode(), vocabularies)
    messages = {d.code: d for d in result.diagnostics}
    assert Code.JOIN_INHERITED_FIELD in messages
    unknown = messages[Code.UNKNOWN_FIELD]
    assert "`titulo` es de un problema" in unknown.message and "borre `comparte`" in unknown.hint
    missing = [d for d in result.diagnostics if d.code == Code.MISSING_FIELD]
    assert {d.message.split("`")[1] for d in missing} == {
        "area_responsable",
        "poblacion_afectada",
        "datos",
        "contacto",
        "fecha_registro",
    }
    assert all(JOIN_TEMPLATE in d.hint for d in missing)
    assert "Situación en la comuna" in messages[Code.MISSING_SECTION].message
    # Nothing says a problem's own fields (resumen, estado...) are missing.
    assert not any("resumen" in d.message or "estado" in d.message for d in missing)
    assert result.summary.kind == "adhesion" and result.summary.shares.target == "13128-001"


def test_privacy_and_text_checks_apply_to_joins(vocabularies):
    text = JOIN.read_text(encoding="utf-8").replace(
        "A diferencia de Renca", "Llame al +56 9 8765 4321. A diferencia de Renca"
    )
    text = text.replace("prioridad: alta\n", "prioridad: alta\n# RUT 12.345.678-5\n")
    text = text.replace("comuna: quinta-normal", "comuna: quinta-normal\nnota: <b>x</b>", 1)
    result = check_bytes(
        "problems/quinta-normal/x.md", "problema", text.encode("utf-8"), vocabularies
    )
    assert {Code.PHONE_NUMBER, Code.RUT, Code.UNKNOWN_FIELD} <= set(_codes(result))


def test_the_join_template_is_the_generated_one_and_reads_as_a_join(vocabularies):
    written = (REPO / JOIN_TEMPLATE).read_text(encoding="utf-8")
    assert written == join_template()
    result = check_bytes(JOIN_TEMPLATE, "plantilla", written.encode(), vocabularies)
    assert result.diagnostics == [] and result.summary.kind == "plantilla-adhesion"


def test_a_join_reuses_the_problems_field_types_and_titles():
    for name, field in Join.model_fields.items():
        if name in Problem.model_fields and field.alias != "fecha_registro":
            twin = Problem.model_fields[name]
            assert (field.alias, field.annotation) == (twin.alias, twin.annotation), name


def test_a_comuna_joining_many_problems_is_checked_in_linear_time(vocabularies, tmp_path):
    """Thousands of joins, each looked up once: the cross-file rules stay linear."""
    import time

    problem = (REPO / "problems" / "renca" / "deteccion-de-microbasurales.md").read_text("utf-8")
    problem = problem.replace('relacionados:\n  - "13201-002"\n', "")
    join = JOIN.read_text(encoding="utf-8")

    def timed(count: int) -> float:
        root = tmp_path / str(count)
        (root / "problems" / "renca").mkdir(parents=True)
        (root / "problems" / "maipu").mkdir(parents=True)
        for n in range(1, count + 1):
            (root / "problems" / "renca" / f"p{n}.md").write_text(
                problem.replace("13128-001", f"13128-{n:03d}"), "utf-8"
            )
            (root / "problems" / "maipu" / f"j{n}.md").write_text(
                join.replace('"13128-001"', f'"13128-{n:03d}"')
                .replace("13126-003", f"13119-{n:03d}")
                .replace("quinta-normal", "maipu"),
                "utf-8",
            )
        start = time.perf_counter()
        report = validate_catalogue(root, vocabularies)
        assert report.errors == 0, report.diagnostics[:3]
        return time.perf_counter() - start

    small, large = timed(50), timed(400)
    assert large < small * 8 * 3  # 8 times the files, with room for noise


# The «Sumarse a un problema» form, as GitHub writes a filled one -----------------------------


def _form() -> list[dict]:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    return [element for element in form["body"] if element["type"] != "markdown"]


def _github_body(answers: dict) -> str:
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


ANSWERS = {
    "comparte": " 13201-001 ",
    "comuna": "Ñuñoa",
    "area_responsable": "Dirección de Salud  Municipal",
    "poblacion_afectada-descripcion": "Personas inscritas en los CESFAM de Ñuñoa",
    "poblacion_afectada-personas": "95.000",
    "datos": "- Reporte de horas perdidas por CESFAM | Planilla Excel | Interno | no | 24 reportes",
    "riesgos": "",
    "contacto-unidad": "Dirección de Salud Municipal",
    "contacto-correo": "salud@nunoa.municipalidad.example",
    "prioridad": "Alta",
    "cuerpo-0": "En Ñuñoa se pierde cerca del 12 % de las horas, sobre todo las dentales.",
    "confirmaciones": [True, True],
}


@pytest.mark.parametrize("variant", ["tal-cual", "crlf-y-nfd"])
def test_the_join_form_filled_as_people_fill_it_becomes_a_join_that_validates(
    catalogue_copy, tmp_path, vocabularies, variant
):
    body = _github_body(ANSWERS)
    if variant == "crlf-y-nfd":
        body = unicodedata.normalize("NFD", body).replace("\n", "\r\n")
    issue, comment = tmp_path / "issue.md", tmp_path / "comentario.md"
    issue.write_text(body, encoding="utf-8")
    result = run_cli(
        "desde-issue", str(issue), "--raiz", str(catalogue_copy), "--fecha", "2026-11-25",
        "--comentario", str(comment),
    )  # fmt: skip
    assert result.returncode == 0, comment.read_text(encoding="utf-8")
    path = result.stdout.strip()
    # Named after the shared problem's file, in the joining comuna's own folder.
    assert path == "problems/nunoa/inasistencia-a-horas-cesfam.md"
    text = (catalogue_copy / path).read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data == {
        "comparte": "13201-001",
        "id": "13120-001",
        "comuna": "nunoa",
        "area_responsable": "Dirección de Salud Municipal",
        "poblacion_afectada": {
            "descripcion": "Personas inscritas en los CESFAM de Ñuñoa",
            "personas": 95000,
        },
        "datos": [
            {
                "nombre": "Reporte de horas perdidas por CESFAM",
                "formato": "xlsx",
                "acceso": "interno",
                "datos_personales": False,
                "volumen": "24 reportes",
            }
        ],
        "contacto": {
            "unidad": "Dirección de Salud Municipal",
            "correo": "salud@nunoa.municipalidad.example",
        },
        "fecha_registro": "2026-11-25",
        "prioridad": "alta",
    }
    assert "## Situación en la comuna\n\nEn Ñuñoa se pierde" in text
    said = comment.read_text(encoding="utf-8")
    assert said.startswith("La adhesión se puede publicar") and path in said
    checked = run_cli("validar", "--raiz", str(catalogue_copy), "--formato", "json")
    assert json.loads(checked.stdout)["errores"] == 0, checked.stdout


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"comparte": "13201-099"}, Code.JOIN_UNKNOWN_PROBLEM),
        ({"comparte": "13126-003"}, Code.JOIN_OF_A_JOIN),
        ({"comuna": "Puente Alto"}, Code.JOIN_SAME_COMUNA),
        ({"comuna": "Maipú"}, Code.JOIN_REPEATED),
    ],
)
def test_desde_issue_checks_a_join_against_the_catalogue(
    catalogue_copy, vocabularies, change, code
):
    conversion = convert(_github_body({**ANSWERS, **change}), catalogue_copy, vocabularies, TODAY)
    assert [d.code for d in conversion.errors] == [code]


def test_the_join_form_and_desde_issue_ask_the_same_questions():
    form = _form()
    fields = join_fields()
    assert [e["attributes"]["label"] for e in form] == expected_headings(fields)
    assert [e["id"] for e in form if e["type"] != "checkboxes"] == [
        f.id.replace(".", "-") for f in fields
    ]

    class Reading(dict):
        read: ClassVar[set[str]] = set()

        def get(self, key, default=None):
            self.read.add(key)
            return super().get(key, default)

        def __getitem__(self, key):
            self.read.add(key)
            return super().__getitem__(key)

    values = Reading({f.id: "x" for f in fields})
    join_front_matter(values, load_vocabularies(), TODAY)
    assert Reading.read == {e["id"].replace("-", ".") for e in form if e["type"] != "checkboxes"}


def test_every_answer_of_the_join_form_changes_what_desde_issue_makes(catalogue_copy, vocabularies):
    other = {
        "comparte": "13128-001",
        "comuna": "Macul",
        "area_responsable": "Departamento de Salud",
        "poblacion_afectada-descripcion": "Otras personas",
        "poblacion_afectada-personas": "1200",
        "datos": "Otro registro | CSV | Público | no",
        "riesgos": "Otro riesgo de la comuna",
        "contacto-unidad": "Otra unidad",
        "contacto-correo": "otra@nunoa.municipalidad.example",
        "prioridad": "Baja",
        "cuerpo-0": "Otra situación en la comuna.",
        "confirmaciones": [True, False],
    }
    assert set(other) == {e["id"] for e in _form()}
    base = convert(_github_body(ANSWERS), catalogue_copy, vocabularies, TODAY)
    assert not base.errors and base.join
    for field_id, answer in other.items():
        changed = convert(
            _github_body({**ANSWERS, field_id: answer}), catalogue_copy, vocabularies, TODAY
        )
        assert (changed.path, changed.text, changed.errors) != (base.path, base.text, []), field_id


def test_a_proposal_form_is_still_read_as_a_proposal(catalogue_copy, vocabularies):
    body = (REPO / "tests" / "fixtures" / "issues" / "propuesta.md").read_text(encoding="utf-8")
    conversion = convert(body, catalogue_copy, vocabularies, TODAY)
    assert not conversion.join and "titulo:" in conversion.text


def test_the_kit_has_each_joining_comunas_situation_data_and_contact(tmp_path):
    folder = tmp_path / "kit"
    result = run_cli("kit", "13126-003", "--raiz", str(REPO), "--salida", str(folder))
    assert result.returncode == 0, result.stderr
    assert "adhesión de Quinta Normal al problema 13128-001" in result.stderr
    readme = (folder / "README.md").read_text(encoding="utf-8")
    part = readme.split("## También en otras comunas", 1)[1].split("## Cómo se medirá", 1)[0]
    assert "### Puente Alto" in part and "### Quinta Normal" in part
    assert "unas 185.000 personas" in part  # 60.000 + 90.000 + 35.000
    assert "Registro de retiros de microbasurales" in part
    assert "aseo@⁠quintanormal.municipalidad.example" in part
    assert "En Quinta Normal los microbasurales se repiten" in part
    record = json.loads((folder / "problema.json").read_text(encoding="utf-8"))
    assert record["comunas"] == ["renca", "puente-alto", "quinta-normal"]
    assert record["personas_total"] == 185000
    assert [a["id"] for a in record["adhesiones"]] == ["13201-003", "13126-003"]
