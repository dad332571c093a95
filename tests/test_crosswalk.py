"""Issue 14 · schema/equivalencias-transparencia.yml: every responsible-AI field of the model is
in the crosswalk, every key of the crosswalk is a field of the model, and a broken file is
refused in Spanish with every mistake at its line."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from catalogo.loading.crosswalk import (
    CROSSWALK_FILE,
    CrosswalkError,
    load_crosswalk,
    model_keys,
    parse_crosswalk,
)
from catalogo.model import Problem, Solution
from catalogo.model.responsible import (
    DataProtection,
    Impact,
    Indicator,
    RiskAssessment,
    TransparencyRecord,
)
from catalogo.model.types import nested_model
from conftest import REPO

RESPONSIBLE = (Indicator, Impact, DataProtection, RiskAssessment, TransparencyRecord)
SOURCE = (REPO / "schema" / CROSSWALK_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def crosswalk():
    return load_crosswalk()


def _prefix(model: type) -> str:
    """The problem's key that holds `model` (indicadores, impacto, transparencia...)."""
    return next(
        field.alias
        for field in Problem.model_fields.values()
        if nested_model(field.annotation) is model
    )


@pytest.mark.parametrize("model", RESPONSIBLE, ids=lambda model: model.__name__)
def test_every_field_of_the_responsible_ai_classes_is_in_the_crosswalk(crosswalk, model):
    keys = crosswalk.keys("problema")
    prefix = _prefix(model)
    missing = [
        f"{prefix}.{field.alias}"
        for field in model.model_fields.values()
        if f"{prefix}.{field.alias}" not in keys
    ]
    assert missing == []


def test_every_key_of_the_crosswalk_is_a_key_of_the_model(crosswalk):
    # The loader refuses any other (below); this says the repository's file passes it, and
    # that the solution's rows name the solution's fields.
    for file, model in (("problema", Problem), ("solucion", Solution)):
        assert crosswalk.keys(file) <= set(model_keys(model))
    assert crosswalk.keys("solucion")


def test_every_row_answers_for_every_reference_and_the_references_link_over_https(crosswalk):
    keys = [reference.key for reference in crosswalk.references]
    assert keys == ["atrs", "algoritmeregister", "inventario_eeuu", "cplt"]
    for reference in crosswalk.references:
        assert reference.links and all(link.url.startswith("https://") for link in reference.links)
    for group in crosswalk.groups:
        for row in group.rows:
            assert len(row.cells) == len(keys)
            # A register without the field says so, in a sentence.
            assert all(cell.fields or cell.note for cell in row.cells), row.keys


def test_the_uk_cells_name_their_tier(crosswalk):
    """The UK standard's names are cited with their tier (or the record's metadata), as the
    issue asks: «Tier 1 › Name», «Tier 2 › … › Senior responsible owner»."""
    cells = [row.cells[0] for group in crosswalk.groups for row in group.rows]
    names = [name for cell in cells for name in cell.fields]
    assert names
    assert all(name.startswith(("Tier 1 › ", "Tier 2 › ", "Metadata › ")) for name in names)
    assert any(name.startswith("Tier 1 › ") for name in names)


def test_a_key_that_is_not_in_the_model_is_refused_at_its_line():
    broken = SOURCE.replace(
        "claves: [transparencia.impugnacion]", "claves: [transparencia.apelacion]"
    )
    with pytest.raises(CrosswalkError) as error:
        parse_crosswalk(broken)
    line = broken[: broken.index("transparencia.apelacion")].count("\n") + 1
    message = str(error.value)
    assert f"schema/{CROSSWALK_FILE}:{line}:" in message
    assert "«transparencia.apelacion» no es una clave de un problema del catálogo" in message


def test_a_solution_row_is_checked_against_the_solution():
    broken = SOURCE.replace("  - claves: [repositorio]\n", "  - claves: [titulo, resumen]\n", 1)
    with pytest.raises(CrosswalkError, match="«resumen» no es una clave de una solución"):
        parse_crosswalk(broken)


def _minimal(**changes) -> str:
    document = {
        "referencias": [
            {
                "clave": "atrs",
                "nombre": "Reino Unido",
                "corto": "RU",
                "version": "v3.0",
                "nota": "Una nota.",
                "enlaces": [{"texto": "Guía", "url": "https://www.gov.uk/x"}],
            }
        ],
        "grupos": [
            {
                "nombre": "Grupo",
                "descripcion": "Una descripción.",
                "filas": [{"claves": ["titulo"], "atrs": {"campos": ["Tier 1 › Name"]}}],
            }
        ],
    }
    for path, value in changes.items():
        target = document
        *steps, last = path.split("__")
        for step in steps:
            target = target[int(step)] if step.isdigit() else target[step]
        target[int(last) if last.isdigit() else last] = value
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def test_a_minimal_crosswalk_reads():
    crosswalk = parse_crosswalk(_minimal())
    (row,) = crosswalk.groups[0].rows
    assert row.keys == ("titulo",) and row.titles == ("Título",)
    assert row.cells[0].fields == ("Tier 1 › Name",)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"referencias__0__enlaces__0__url": "http://www.gov.uk/x"},
            "«url» debe ser una dirección que empieza con https://",
        ),
        (
            {"referencias__0__enlaces__0__url": "javascript:alert(1)"},
            "«url» debe ser una dirección que empieza con https://",
        ),
        ({"grupos__0__filas__0__atrs": None}, "falta «atrs»"),
        (
            {"grupos__0__filas__0__atrs": {"campos": []}},
            "«nota» es una frase; es obligatoria cuando «campos» está vacío",
        ),
        (
            {"grupos__0__filas__0__cplt": {"campos": []}},
            "«cplt» no es un campo de schema/equivalencias-transparencia.yml",
        ),
        ({"grupos__0__filas__0__claves": "titulo"}, "«claves» es una lista"),
        ({"grupos__0__filas__0__archivo": "adhesion"}, "«archivo» es «problema»"),
        ({"referencias__0__clave": "Reino Unido"}, "«clave» va en minúsculas"),
        ({"referencias__0__clave": "nota"}, "es un campo de las filas"),
        ({"grupos__0__filas__0__atrs": {"campos": ["x"], "sin_confirmar": "sí"}}, "true o false"),
        ({"grupos__0__filas": []}, "«filas» es una lista con al menos una fila"),
        ({"grupos": []}, "«referencias» y «grupos»"),
    ],
)
def test_a_broken_crosswalk_is_refused_in_spanish(changes, message):
    with pytest.raises(CrosswalkError, match=message):
        parse_crosswalk(_minimal(**changes))


def test_every_mistake_is_said_in_one_run():
    text = _minimal(
        referencias__0__enlaces__0__url="http://x",
        grupos__0__filas__0__claves=["titulo", "no_existe"],
    )
    with pytest.raises(CrosswalkError) as error:
        parse_crosswalk(text)
    message = str(error.value)
    assert message.startswith(f"schema/{CROSSWALK_FILE} tiene 2 errores:")
    assert "https://" in message and "«no_existe»" in message


@pytest.mark.parametrize(
    "text",
    ["referencias: [\n", "a: &x 1\nb: *x\n", "- una\n- lista\n", "", "referencias: 1\ngrupos: 2\n"],
    ids=["sin-cerrar", "alias", "lista", "vacio", "sin-listas"],
)
def test_a_file_that_is_not_a_crosswalk_is_refused_without_a_traceback(text):
    with pytest.raises(CrosswalkError, match=f"schema/{CROSSWALK_FILE}"):
        parse_crosswalk(text)


def test_the_file_is_read_as_windows_writes_it_and_refused_when_it_is_not_text(tmp_path: Path):
    schema = tmp_path / "schema"
    schema.mkdir()
    (schema / CROSSWALK_FILE).write_bytes(
        b"\xef\xbb\xbf" + _minimal().replace("\n", "\r\n").encode()
    )
    assert load_crosswalk(schema).groups[0].rows[0].keys == ("titulo",)
    (schema / CROSSWALK_FILE).write_bytes(b"\xff\xfe" + "referencias".encode("utf-16-le"))
    with pytest.raises(CrosswalkError, match="no está guardado en UTF-8"):
        load_crosswalk(schema)
    (schema / CROSSWALK_FILE).write_bytes(b"#" * (600 * 1024))
    with pytest.raises(CrosswalkError, match="pesa más de"):
        load_crosswalk(schema)


def test_a_symlink_is_refused_and_a_catalogue_without_the_file_reads_the_package_s(
    tmp_path: Path,
):
    schema = tmp_path / "schema"
    schema.mkdir()
    assert load_crosswalk(schema) == load_crosswalk()
    (schema / CROSSWALK_FILE).symlink_to(REPO / "schema" / CROSSWALK_FILE)
    with pytest.raises(CrosswalkError, match="enlace simbólico"):
        load_crosswalk(schema)


def test_a_reference_named_twice_is_refused():
    document = yaml.safe_load(_minimal())
    document["referencias"].append(copy.deepcopy(document["referencias"][0]))
    with pytest.raises(CrosswalkError, match="la clave «atrs» está repetida"):
        parse_crosswalk(yaml.safe_dump(document, allow_unicode=True))


def test_the_page_shows_the_file_s_text_as_text():
    """The crosswalk is the project's own file, but its text still never becomes markup: a
    `<script>` in a note or a field name is shown, not run, and no link is made of it."""
    from catalogo.site.render import PageToc, render

    crosswalk = parse_crosswalk(
        _minimal(
            referencias__0__nota="<script>alert(1)</script>",
            grupos__0__filas__0__atrs={"campos": ["<b>negrita</b>"], "nota": "[x](javascript:1)"},
        )
    )
    html = render(
        "equivalencias-transparencia.html.j2",
        toc=PageToc(),
        references=crosswalk.references,
        groups=crosswalk.groups,
        framework_href="marco.md",
        edit_href=None,
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert 'href="javascript' not in html
