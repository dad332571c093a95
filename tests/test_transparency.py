"""What the site and the open data show of the responsible-AI fields (issue 14): the problem
page's indicators, impact, personal data and risk; the «Ficha de transparencia algorítmica» of
a problem and of a solution; their index; api/transparencia.json and .csv; the new columns of
the problem exports; Explorar's «Nivel de riesgo».

A small catalogue of its own (tests/transparency_catalogue.py), built once for the module: the
tests do not depend on which example of the repository has which record."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from catalogo.model.responsible import Impact, Indicator, IndicatorResult, TransparencyRecord
from catalogo.site.exports import CSV_COLUMNS
from catalogo.site.records import CSV_COLUMNS as RECORD_CSV_COLUMNS
from catalogo.site.records import RECORD_FIELDS
from catalogo.site.transparency import (
    CROSSWALK,
    DECISIONS_QUESTION,
    QUESTIONS,
    REFERENCES,
    RESULTS_QUESTION,
    REVIEW_QUESTION,
    RISK_QUESTION,
    impact_details,
    indicator_rows,
    number_text,
)
from conftest import REPO, run_cli
from site_build import build, generate
from transparency_catalogue import (
    FORMULA_TERMS,
    INDICATOR,
    PLAIN_PROBLEM_ID,
    PLAIN_PROBLEM_PAGE,
    RECORD_PROBLEM_ID,
    RECORD_PROBLEM_PAGE,
    RECORD_PROBLEM_TITLE,
    RECORD_SOLUTION,
    RECORD_SOLUTION_TITLE,
    write_catalogue,
)

RECORD_PAGE = f"problemas/transparencia/{RECORD_PROBLEM_ID}/"
SOLUTION_RECORD_PAGE = f"transparencia/soluciones/{RECORD_SOLUTION}/"


@pytest.fixture(scope="module")
def catalogue_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_catalogue(tmp_path_factory.mktemp("transparencia") / "catalogo")


@pytest.fixture(scope="module")
def built(catalogue_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(catalogue_root, tmp_path_factory.mktemp("sitio-transparencia"))


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


_INLINE = re.compile(r"</?(?:a|span|time|strong|em|code)\b[^>]*>")


def _text(html: str) -> str:
    """A page's words as a reader sees them: inline tags removed, the others a space."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", _INLINE.sub("", html))).split())


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def _headings(html: str) -> list[str]:
    return [
        _text(re.sub(r'<a class="headerlink".*?</a>', "", h))
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.DOTALL)
    ]


# Numbers as written in Chile ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(3000000, "3.000.000"), (4.5, "4,5"), (21.5, "21,5"), (0, "0"), (1200, "1.200"),
     (33.0, "33"), (1234.25, "1.234,25"), (0.1, "0,1")],
)  # fmt: skip
def test_numbers_are_written_the_chilean_way(value, text):
    assert number_text(value) == text


def test_indicator_rows_keep_every_result_a_record_declares():
    indicators = [
        Indicator.model_validate(
            {"nombre": "Días de espera", "unidad": "días", "linea_base": 20,
             "fecha_linea_base": "2025-03-31", "meta": 5}
        ),
        "Reclamos resueltos a tiempo",
    ]  # fmt: skip
    results = [
        IndicatorResult.model_validate({"indicador": n, "valor": v, "fecha": f})
        for n, v, f in [
            ("Días de espera", 12, "2026-01-31"),
            ("Días de espera", 9.5, "2026-06-30"),
            ("Reclamos resueltos a tiempo", 80, "2026-06-30"),
            ("Un indicador que no existe", 3, "2026-06-30"),
        ]
    ]
    rows = indicator_rows(indicators, results)
    assert [(r["name"], r["legacy"], r["result"]) for r in rows] == [
        ("Días de espera", False, "9,5"),  # the latest
        ("Reclamos resueltos a tiempo", True, "80"),
    ]
    assert (rows[0]["baseline"], rows[0]["target"], rows[0]["unit"]) == ("20", "5", "días")
    with_unmatched = indicator_rows(indicators, results, unmatched=True)
    assert with_unmatched[-1]["name"] == "Un indicador que no existe"
    assert with_unmatched[-1]["result"] == "3"


def test_impact_reads_as_sentences(vocabularies):
    impact = Impact.model_validate(
        {"frecuencia": {"casos": 1, "periodo": "semana"},
         "costo_actual": {"minimo": 40, "maximo": 40, "unidad": "horas", "periodo": "mes"}},
        context={"vocabularios": vocabularies},
    )  # fmt: skip
    assert impact_details(impact, vocabularies) == {
        "frequency": "1 caso por semana",
        "cost": "40 horas de trabajo por mes",
    }
    assert impact_details(None, vocabularies) is None


def test_every_field_of_the_record_is_answered_on_its_page():
    answered = {attribute for _, _, fields in QUESTIONS for attribute, _ in fields}
    # The results and the date of the last review have parts of their own.
    assert answered | {"results", "last_review"} == set(TransparencyRecord.model_fields)
    assert list(RECORD_FIELDS) == [
        field.alias for field in TransparencyRecord.model_fields.values()
    ]


def test_the_small_catalogue_is_valid(catalogue_root: Path):
    result = run_cli("validar", "--raiz", str(catalogue_root))
    assert result.returncode == 0, result.stdout + result.stderr


# The problem's page -----------------------------------------------------------------------------


def test_the_problem_page_shows_indicators_as_a_table_with_baseline_result_and_target(built):
    html = _article(_html(built, RECORD_PROBLEM_PAGE))
    table = html[html.index("tabla-indicadores") :]
    table = table[: table.index("</table>")]
    rows = [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)]
    assert rows[0] == "Indicador Unidad Línea base Resultado Meta"
    # The latest of the record's two results (29 on 30 June, not 31 in March).
    assert rows[1] == (
        f"{INDICATOR} % de estudiantes 33 (31 de marzo de 2025) 29 (30 de junio de 2026) 25"
    )
    assert rows[2] == (
        "Días entre la alerta y el primer contacto con la familia días "
        "21,5 (31 de marzo de 2025) — 7"
    )


def test_a_plain_text_indicator_reads_without_baseline(built):
    html = _article(_html(built, PLAIN_PROBLEM_PAGE))
    table = html[html.index("tabla-indicadores") :]
    text = _text(table[: table.index("</table>")])
    assert "Tiempo entre el reclamo y la visita del inspector Sin línea base" in text


def test_the_problem_page_shows_impact_cost_data_protection_and_risk(built, vocabularies):
    html = _article(_html(built, RECORD_PROBLEM_PAGE))
    text = _text(html)
    assert "Frecuencia 1.200 casos por mes" in text
    assert "Costo actual entre $3.000.000 y $5.000.000 por mes" in text
    assert "Personas afectadas Unas 9.800" in text
    assert "Datos sensibles Niñas, niños y adolescentes, Situación socioeconómica" in text
    basis = vocabularies.legal_bases["funcion-publica"]
    assert f'<a href="{basis.link}" rel="noopener">{basis.name}</a>' in html
    assert 'href="https://renca.example/transparencia/eipd-alerta-escolar.pdf"' in html
    assert '<span class="riesgo riesgo--alto">Alto</span>' in html
    assert "Ordena a niñas, niños y adolescentes según su riesgo" in text
    assert f"Decisiones sobre personas {vocabularies.decision_roles['apoya'].name}" in text
    assert "Supervisión humana La dupla psicosocial de cada escuela revisa" in text
    # The card's risk tier leads to its reason.
    assert 'href="#riesgos-y-consideraciones"' in html
    assert 'id="riesgos-y-consideraciones"' in html


def test_the_problem_page_links_its_record_and_a_problem_without_one_does_not(built):
    # From problemas/<comuna>/<slug>/ to problemas/transparencia/<id>/.
    assert f'href="../../transparencia/{RECORD_PROBLEM_ID}/"' in _html(built, RECORD_PROBLEM_PAGE)
    plain = _html(built, PLAIN_PROBLEM_PAGE)
    assert "Ficha de transparencia" not in _article(plain)
    assert "Sin evaluar" in _text(_article(plain))
    assert not (built / "problemas" / "transparencia" / PLAIN_PROBLEM_ID).exists()


# The record's page ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [RECORD_PAGE, SOLUTION_RECORD_PAGE], ids=["problema", "solucion"])
def test_the_record_asks_each_question_and_says_what_it_follows(built, page):
    html = _article(_html(built, page))
    headings = _headings(html)
    for _, question, _ in QUESTIONS:
        assert question in headings
    for question in (RISK_QUESTION, DECISIONS_QUESTION, RESULTS_QUESTION, REVIEW_QUESTION):
        assert question in headings
    for name, _, href in REFERENCES:
        assert f'href="{href}"' in html and name in html
    crosswalk = "../../../"  # both records sit three folders deep
    assert f'href="{crosswalk}{CROSSWALK.removesuffix(".md")}/"' in html
    text = _text(html)
    assert "no es asesoría legal ni certifica el cumplimiento" in text
    assert "Ficha publicada en https://" in text


def test_the_problem_record_shows_its_fields_risk_and_results(built):
    html = _article(_html(built, RECORD_PAGE))
    text = _text(html)
    assert f"Problema: {RECORD_PROBLEM_TITLE}" in text
    assert 'href="../../renca/alerta-de-inasistencia-escolar-grave/"' in html
    assert "Cargo responsable: Jefatura del Departamento de Convivencia Escolar" in text
    assert "Contacto: Dirección de Educación Municipal, educacion@renca" in text
    assert "Última revisión 15 de julio de 2026" in text
    assert "Alto Ordena a niñas, niños y adolescentes" in text
    assert f"{INDICATOR} % de estudiantes 33 (31 de marzo de 2025) 29 (30 de junio de 2026) 25" in (
        text
    )


def test_the_solution_record_measures_the_indicators_of_its_problem(built):
    html = _article(_html(built, SOLUTION_RECORD_PAGE))
    text = _text(html)
    assert f"Solución: {RECORD_SOLUTION_TITLE}" in text
    assert "Equipo Brújula" in text
    assert f"Problema que aborda {RECORD_PROBLEM_TITLE}" in text
    # Its own result, against the problem's baseline and target; the problem's other
    # indicator, which the solution does not measure, is left out.
    assert f"{INDICATOR} % de estudiantes 33 (31 de marzo de 2025) 30 (30 de junio de 2026) 25" in (
        text
    )
    assert "Días entre la alerta" not in text
    # The risk and data of the problem it addresses.
    assert '<span class="riesgo riesgo--alto">Alto</span>' in html
    assert "Niñas, niños y adolescentes" in text
    solution_page = _html(built, f"soluciones/{RECORD_SOLUTION}")
    assert f'href="../../{SOLUTION_RECORD_PAGE}"' in solution_page


def test_the_index_lists_every_record_and_the_nav_reaches_it(built):
    html = _article(_html(built, "transparencia"))
    assert f'href="../problemas/transparencia/{RECORD_PROBLEM_ID}/"' in html
    assert f'href="soluciones/{RECORD_SOLUTION}/"' in html
    assert "2 fichas de transparencia" in _text(html)
    assert 'href="../api/transparencia.json"' in html
    assert 'href="transparencia/"' in (built / "index.html").read_text(encoding="utf-8")
    llms = (built / "llms.txt").read_text(encoding="utf-8")
    assert "api/transparencia.json)" in llms and "api/transparencia.csv)" in llms


# Open data --------------------------------------------------------------------------------------


def test_api_transparencia_json_holds_every_record_with_every_field(built):
    data = json.loads((built / "api" / "transparencia.json").read_text(encoding="utf-8"))
    assert {"version", "generado", "licencia", "alcance"} <= set(data)
    assert data["total"] == 2
    problem, solution = data["fichas"]
    for record in data["fichas"]:
        assert set(RECORD_FIELDS) <= set(record)
        assert (built / record["url"] / "index.html").is_file()
        assert (built / record["pagina"] / "index.html").is_file()
    assert (problem["tipo"], problem["id"]) == ("problema", RECORD_PROBLEM_ID)
    assert (solution["tipo"], solution["id"]) == ("solucion", RECORD_SOLUTION)
    assert problem["nivel_riesgo"] == solution["nivel_riesgo"] == "alto"
    assert solution["problemas"] == [RECORD_PROBLEM_ID]
    assert problem["datos_sensibles"] == ["ninos-ninas-adolescentes", "situacion-socioeconomica"]
    assert problem["resultados"][-1] == {"indicador": INDICATOR, "valor": 29, "fecha": "2026-06-30"}
    assert solution["condiciones"] == FORMULA_TERMS


def _csv(site: Path, name: str) -> list[list[str]]:
    raw = (site / "api" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_api_transparencia_csv_has_one_row_per_record_and_no_formula(built):
    header, *rows = _csv(built, "transparencia.csv")
    assert header == RECORD_CSV_COLUMNS
    assert len(rows) == 2
    problem, solution = (dict(zip(header, row, strict=True)) for row in rows)
    assert problem["nivel_riesgo"] == "Alto"
    assert problem["tipo"] == "problema" and solution["tipo"] == "solución"
    assert problem["resultados"] == (f"{INDICATOR}: 31 (2026-03-31); {INDICATOR}: 29 (2026-06-30)")
    # A cell that starts like a formula is text: an apostrophe before it, as in problemas.csv.
    assert solution["condiciones"] == "'" + FORMULA_TERMS


def test_the_problem_exports_carry_the_new_fields(built):
    header, *rows = _csv(built, "problemas.csv")
    assert header == CSV_COLUMNS
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    record, plain = by_id[RECORD_PROBLEM_ID], by_id[PLAIN_PROBLEM_ID]
    assert record["indicadores"].startswith(
        f"{INDICATOR} (% de estudiantes): línea base 33 al 31 de marzo de 2025, meta 25; "
    )
    assert record["indicadores_con_linea_base"] == "2"
    assert (record["frecuencia_casos"], record["frecuencia_periodo"]) == ("1200", "mes")
    assert (record["costo_minimo"], record["costo_maximo"], record["costo_unidad"]) == (
        "3000000",
        "5000000",
        "pesos",
    )
    assert record["datos_sensibles"] == "ninos-ninas-adolescentes; situacion-socioeconomica"
    assert (record["base_legal"], record["evaluacion_impacto"]) == ("funcion-publica", "sí")
    assert (record["nivel_riesgo"], record["decisiones_sobre_personas"]) == ("alto", "apoya")
    assert record["ficha_transparencia"] == RECORD_PAGE
    assert plain["indicadores"] == "Tiempo entre el reclamo y la visita del inspector"
    assert plain["indicadores_con_linea_base"] == "0"
    assert plain["nivel_riesgo"] == plain["ficha_transparencia"] == ""
    data = json.loads((built / "api" / "problemas.json").read_text(encoding="utf-8"))
    published = {p["id"]: p for p in data["problemas"]}
    assert published[RECORD_PROBLEM_ID]["evaluacion_riesgo"]["nivel"] == "alto"
    assert published[RECORD_PROBLEM_ID]["transparencia"]["ultima_revision"] == "2026-07-15"
    assert published[RECORD_PROBLEM_ID]["ficha_transparencia"] == RECORD_PAGE
    assert published[PLAIN_PROBLEM_ID]["ficha_transparencia"] is None
    one = json.loads((built / "api" / "problemas" / f"{RECORD_PROBLEM_ID}.json").read_text("utf-8"))
    assert one["problema"] == published[RECORD_PROBLEM_ID] | {"similares": []}


def test_the_open_data_page_documents_the_records_files(built):
    html = _html(built, "datos-abiertos")
    section = _text(html[html.index('id="formato-de-apitransparenciajson-y-csv"') :])
    section = section[: section.index("Licencia y uso")]
    assert (
        "Columnas de api/transparencia.csv, en este orden: " + ", ".join(RECORD_CSV_COLUMNS)
        in section
    )
    for name in RECORD_FIELDS:
        assert name in section
    data = json.loads((built / "api" / "transparencia.json").read_text(encoding="utf-8"))
    # Every key a record has is named in the table of the section or in its list of fields.
    for key in data["fichas"][0]:
        assert key in section, key
    assert 'href="../api/transparencia.json"' in html and 'href="../api/transparencia.csv"' in html
    assert "ficha_transparencia" in _text(html)


def test_explorar_filters_by_risk_tier(built):
    html = _html(built, "explorar")
    select = html[html.index('name="riesgo"') :]
    select = _text(select[: select.index("</select>")])
    assert "Nivel de riesgo" not in select  # the label is outside the select
    assert "Alto (1)" in select and "Sin evaluar (1)" in select
    index = json.loads((built / "api" / "explorar.json").read_text(encoding="utf-8"))
    assert "riesgo" in index["filtros"]
    assert index["valores"]["riesgo"] == ["Alto", "Sin evaluar"]


# Contributed text stays text ---------------------------------------------------------------------


def test_a_record_with_markup_is_shown_as_text(catalogue_root: Path, tmp_path: Path):
    """The validator refuses markup; the generator, its second layer, escapes it anyway."""
    hostile = tmp_path / "catalogo"
    import shutil

    shutil.copytree(catalogue_root, hostile)
    path = hostile / "problems" / "renca" / "alerta-de-inasistencia-escolar-grave.md"
    text = path.read_text(encoding="utf-8").replace(
        "  proposito: Ordenar cada semana",
        '  proposito: <script>alert(1)</script> <img src=x onerror="alert(2)"> Ordenar cada semana',
    )
    path.write_text(text, encoding="utf-8")
    docs = generate(hostile, tmp_path, validate=False) / "docs"
    page = (docs / "problemas" / "transparencia" / f"{RECORD_PROBLEM_ID}.md").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_readme_says_where_the_records_live():
    # The paths it names are the ones the site writes.
    from catalogo.site.urls import problem_record_page, solution_record_page

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Las fichas de transparencia algorítmica") :]
    section = section[: section.index("\n## ")]
    pages = [problem_record_page("<id>"), solution_record_page("<archivo>")]
    addresses = [f"`{page.removesuffix('.md')}/`" for page in pages]
    for words in (*addresses, "`api/transparencia.json`", "`api/transparencia.csv`", "A4"):
        assert words in section, words
    for _, question, _ in QUESTIONS[:2]:
        assert f"«{question}»" in section


def test_the_records_references_link_where_the_crosswalk_does():
    """The record page names its references in a sentence each; the crosswalk file is where
    their addresses are kept. Every register the record links is linked by the crosswalk at
    the same address, so the two cannot drift apart; the law is linked at the Library of
    Congress."""
    from catalogo.loading.crosswalk import load_crosswalk
    from catalogo.site.transparency import REFERENCES

    crosswalk = load_crosswalk()
    linked = {link.url for reference in crosswalk.references for link in reference.links}
    registers = [href for _, _, href in REFERENCES if "bcn.cl" not in href]
    assert registers and set(registers) <= linked
    laws = [href for _, _, href in REFERENCES if "bcn.cl" in href]
    assert laws and all(href.startswith("https://www.bcn.cl/leychile/navegar?") for href in laws)
