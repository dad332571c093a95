"""Broken and hostile input: one bad file is one finding, broken configuration is a Spanish
sentence, contributed text stays text in every output, and ids and names cannot be spoofed.

The single-file cases with an expected finding are fixtures (fixtures/esperado.yml); these are
the cases about whole runs, configuration and outputs.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from catalogo.cli import main
from catalogo.core import text_safety
from catalogo.core.text_safety import markdown_literal, printable, spreadsheet_cell
from catalogo.loading.catalogue import CatalogueError, load_catalogue
from catalogo.loading.naming import NamingError, next_id
from catalogo.site.exports import CSV_COLUMNS, _row, llms_text
from catalogo.site.settings import SiteSettings
from catalogo.site.spreadsheet import write_csv
from catalogo.site.views import Views
from catalogo.validation.cache import ResultCache
from conftest import FIXTURES, REPO

VALID = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")


def _run(capsys, *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _problem(root: Path, name: str, text: str) -> None:
    path = root / "problems" / "maipu" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# One bad file is one finding ---------------------------------------------------------------


def test_a_number_too_long_for_python_is_one_finding_and_the_run_goes_on(catalogue_copy, capsys):
    root = catalogue_copy
    _problem(root, "cifras", VALID.replace("personas: 42000", "personas: " + "9" * 5000))
    _problem(root, "estado", VALID.replace('"13119-001"', '"13119-901"').replace(
        "estado: priorizado", "estado: no"
    ))  # fmt: skip
    code, out, err = _run(capsys, "validar", "--raiz", str(root), "--sin-cache")
    assert code == 1 and err == ""
    assert "problems/maipu/cifras.md:16:" in out and "CAT048" in out
    assert "problems/maipu/estado.md:8:" in out and "CAT033" in out
    assert "CAT099" not in out and "interno" not in out
    # The site validates first: it says what «validar» says, generates nothing and exits 1.
    validated = out
    code, out, err = _run(capsys, "sitio", "--raiz", str(root), "--salida", str(root / "build"))
    assert (code, out, err) == (1, validated, "")
    assert not (root / "build" / "docs").exists()


def test_serve_reports_a_failed_regeneration_in_one_line(monkeypatch, capsys, tmp_path):
    from catalogo.site import serve

    def broken(*arguments):
        raise ValueError("Exceeds the limit (4300 digits)")

    monkeypatch.setattr(serve, "regenerate", broken)
    assert serve._regenerate_safely(tmp_path) is False
    out = capsys.readouterr().out
    assert "No se pudo regenerar el sitio" in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("temas.yml", "- slug: [roto\n", "schema/temas.yml no es YAML válido (línea 2)"),
        ("temas.yml", "slug: salud\n", "schema/temas.yml debe ser una lista de términos"),
        ("temas.yml", "- slug: salud\n  nombre: Salud\n", "el término n.º 1 no los tiene"),
        ("comunas.csv", "cut,slug\n13119,maipu\n", "schema/comunas.csv, línea 2"),
        ("comunas.csv", b"cut,slug,comuna\n\xff\xfe", "schema/comunas.csv no es un CSV en UTF-8"),
        ("estados.yml", None, "No se pudo leer schema/estados.yml"),
        ("dominios-correo-personal.yml", "gmail.com: 1\n", "debe ser una lista de dominios"),
        (
            "comunas.csv",
            "cut,slug,comuna,provincia,region_cut,region,municipalidad\n"
            "13119,maipu,Maipú,Santiago,13,Metropolitana de Santiago,quizás\n",
            "línea 2: «municipalidad» debe ser «sí» o «no»",
        ),
    ],
    ids=["yaml", "forma", "campos", "columnas", "codificacion", "falta", "dominios", "municipio"],
)
def test_broken_vocabularies_are_a_spanish_error_naming_the_file(
    catalogue_copy, capsys, name, content, expected
):
    path = catalogue_copy / "schema" / name
    if content is None:
        path.unlink()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    for command in (["validar"], ["sitio"], ["kit", "13119-001"], ["nuevo", "--sin-preguntas"]):
        code, _, err = _run(capsys, *command, "--raiz", str(catalogue_copy))
        assert code == 1 and expected in err and "Traceback" not in err, (command, err)


def test_a_broken_mkdocs_yml_is_a_spanish_error(catalogue_copy, capsys):
    (catalogue_copy / "mkdocs.yml").write_text("site_url: [\n", encoding="utf-8")
    code, _, err = _run(capsys, "formularios", "--raiz", str(catalogue_copy), "--verificar")
    assert code == 1 and "mkdocs.yml" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "stored",
    [
        "[]",
        '{"formato": 1, "huella": "HUELLA", "archivos": []}',
        '{"formato": 1, "huella": "HUELLA", "archivos": {"CLAVE": [[["1", 1, "x", "error", "m", "h"]], [null, 0, 0, []]]}}',
        '{"formato": 1, "huella": "HUELLA", "archivos": {"CLAVE": {"a": 1}}}',
        '{"formato": 1, "huella": "HUELLA", "archivos": {"CLAVE": [[], [true, 0, 0, []]]}}',
        "{",
    ],
    ids=["lista", "archivos-lista", "linea-texto", "entrada-dict", "id-bool", "json-roto"],
)
def test_a_cache_of_the_wrong_shape_is_a_miss(tmp_path, vocabularies, stored):
    from catalogo.validation.cache import file_key, fingerprint
    from catalogo.validation.run import validate_catalogue

    root = tmp_path / "catalogo"
    _problem(root, "reclamos", VALID)
    key = file_key("problems/maipu/reclamos.md", "problema", VALID.encode())
    huella = fingerprint(REPO / "schema")
    cache_file = tmp_path / "cache.json"
    cache_file.write_text(stored.replace("HUELLA", huella).replace("CLAVE", key))
    cache = ResultCache(cache_file, huella)
    report = validate_catalogue(root, vocabularies, cache=cache)
    assert report.diagnostics == []


# Text is text ------------------------------------------------------------------------------


def test_the_invisible_character_lists_match_unicode():
    """text_safety lists the characters instead of computing them at start-up: the lists must
    be exactly Unicode's categories for this Python."""
    wanted = {
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        and chr(code) not in "\t\n"
    } | {0xFFFE, 0xFFFF, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}
    listed = {
        code for code in range(sys.maxunicode + 1) if text_safety.INVISIBLE_RE.match(chr(code))
    }
    assert listed == wanted
    controls = {c for c in wanted if unicodedata.category(chr(c)) not in ("Cf", "Lo", "So")}
    assert {c for c in wanted if text_safety.CONTROL_RE.match(chr(c))} == controls


def test_terminal_output_never_carries_control_characters(catalogue_copy, capsys):
    root = catalogue_copy
    _problem(root, "escape", VALID.replace(
        "titulo: Derivación de reclamos que llegan a la OIRS",
        'titulo: "Derivación \\e[2J\\e[31m de reclamos \\u202e que llegan"',
    ))  # fmt: skip
    (root / "problems" / "maipu" / "a\x1b[31mb.md").write_text(VALID, encoding="utf-8")
    for output_format in ("texto", "github", "json", "resumen"):
        code, out, err = _run(
            capsys, "validar", "--raiz", str(root), "--sin-cache", "--formato", output_format
        )
        assert code == 1
        assert "\x1b" not in out + err and "\u202e" not in out + err, output_format
        assert "[U+001B]" in out or "\\u001b" in out or "U+001B" in out
    code, _, err = _run(capsys, "validar", "--raiz", str(root), "problems/\x1b[2J.md")
    assert code == 2 and "\x1b" not in err and "[U+001B]" in err


def test_a_file_with_invisible_characters_never_reaches_an_output(catalogue_copy, vocabularies):
    root = catalogue_copy
    _problem(root, "nul", VALID.replace('"13119-001"', '"13119-902"').replace(
        "titulo: Derivación de reclamos que llegan a la OIRS",
        'titulo: "Derivación de reclamos\\0 que llegan a la OIRS"',
    ))  # fmt: skip
    with pytest.raises(CatalogueError, match=r"nul\.md"):
        load_catalogue(root, vocabularies)


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("https://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"]
)
def test_spreadsheet_cells_never_start_a_formula(value):
    assert spreadsheet_cell(value) == "'" + value
    assert spreadsheet_cell("Reclamos de aseo") == "Reclamos de aseo"


def test_every_csv_cell_is_neutralised(tmp_path):
    record = {
        "id": "13119-001",
        "titulo": "=cmd|' /C calc'!A0",
        "temas": ["-tema"],
        "tareas_ia": ["+x"],
        "datos": [
            {"nombre": "@d", "formato": "csv", "acceso": "publico", "datos_personales": False}
        ],
        "indicadores": ["=1"],
        "riesgos": [],
        "poblacion_afectada": {"descripcion": "\tvecinos"},
        "contacto": {"unidad": "-", "correo": "=a@b.cl"},
    }
    # Through the writer the site uses, read back as a spreadsheet program would.
    path = tmp_path / "problemas.csv"
    write_csv(path, CSV_COLUMNS, [_row(record)])
    header, row = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert header == CSV_COLUMNS
    assert len(row) == len(CSV_COLUMNS)
    assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


HOSTILE = "Título [clic](https://malo.example) ![x](https://malo.example/i.png) @municipios/todos <b>x</b> `c` | tabla # *a* \x1b[31m"


def test_markdown_literal_leaves_no_markdown_link_or_mention():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = parser.render("- " + markdown_literal(HOSTILE))
    assert "<a " not in html and "<img" not in html and "<b>" not in html and "<code>" not in html
    assert "<em>" not in html and "<table" not in html and "\x1b" not in html
    assert "@\u2060municipios" in html  # a mention that GitHub will not link
    assert "https:\u2060//" in html  # nor an address it would turn into a link


def test_llms_txt_and_kit_quote_contributed_text_as_text(catalogue_copy, vocabularies, tmp_path):
    root = catalogue_copy
    _problem(root, "reclamos", VALID.replace('"13119-001"', '"13119-903"').replace(
        "titulo: Derivación de reclamos que llegan a la OIRS",
        'titulo: "Reclamos [gana](https://malo.example) @equipo"',
    ))  # fmt: skip
    catalogue = load_catalogue(root, vocabularies)
    settings = SiteSettings("Catálogo", "https://ejemplo.cl/", "https://github.com/x/y")
    text = llms_text(Views(catalogue), settings)
    assert "[gana](" not in text and "@equipo" not in text
    assert markdown_literal("Reclamos [gana](https://malo.example) @equipo") in text

    from catalogo.authoring.kit import kit_files

    readme = kit_files(catalogue.problem("13119-903"), catalogue, settings)["README.md"]
    assert "[gana](" not in readme and "@equipo" not in readme


def test_printable_shows_every_invisible_character():
    assert printable("a\x1b[2Jb\u202ec\nd\te") == "a[U+001B][2Jb[U+202E]c[U+000A]d[U+0009]e"


# Ids, names and personal data ----------------------------------------------------------------


def test_next_id_reads_front_matter_only(catalogue_copy):
    root = catalogue_copy
    body_line = VALID.replace('"13119-001"', '"13119-904"') + "\nid: 13119-999\n"
    _problem(root, "cuerpo", body_line.replace("# comentario", ""))
    assert next_id(root, "13119") == "13119-905"


def test_next_id_stops_at_999_and_says_what_is_free(catalogue_copy):
    root = catalogue_copy
    _problem(root, "ultimo", VALID.replace('"13119-001"', '"13119-999"'))
    # Maipú's problems are 001 and 002, and its join to Puente Alto's problem is 003: a join's
    # id is numbered with its comuna's problems.
    with pytest.raises(NamingError, match="13119-004 a mano"):
        next_id(root, "13119")
    code = main(
        ["nuevo", "--raiz", str(root), "--sin-preguntas", "--comuna", "maipu",
         "--titulo", "Un problema más de Maipú", "--temas", "salud"]
    )  # fmt: skip
    assert code == 1


def test_the_published_schema_takes_ascii_digits_only():
    import jsonschema

    schema = json.loads((REPO / "schema" / "problema.schema.json").read_text(encoding="utf-8"))
    pattern = schema["properties"]["id"]["pattern"]
    assert pattern == "^[0-9]{5}-[0-9]{3}$"
    checker = jsonschema.Draft202012Validator({"type": "string", "pattern": pattern})
    assert not checker.is_valid("13119-00١") and checker.is_valid("13119-001")


def test_validar_takes_folders_and_names_relative_to_the_root(catalogue_copy, capsys, monkeypatch):
    root = catalogue_copy
    _problem(root, "mal", VALID.replace('"13119-001"', '"13119-905"').replace(
        "estado: priorizado", "estado: no"
    ))  # fmt: skip
    monkeypatch.chdir(root.parent)
    code, out, _ = _run(capsys, "validar", "--raiz", str(root), "--sin-cache", "problems/maipu")
    files = len(list((root / "problems" / "maipu").glob("*.md")))
    assert code == 1 and "problems/maipu/mal.md:8:" in out
    assert f"{files} archivos revisados" in out
    code, out, _ = _run(capsys, "validar", "--raiz", str(root), "--sin-cache", "solutions")
    assert code == 0 and f"{len(list((root / 'solutions').glob('*.md')))} archivos" in out
    code, _, err = _run(capsys, "validar", "--raiz", str(root), "schema")
    assert code == 2 and "no es un archivo del catálogo" in err


def test_desde_issue_with_pending_branches_takes_the_next_free_id(catalogue_copy, tmp_path):
    """Two proposals approved one after the other: the second must not reuse the id of the
    first, which is still a pull request (a branch), not in main."""
    root = catalogue_copy

    def git(*arguments: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *arguments], check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    git("switch", "-q", "-c", "problema-desde-issue-7")
    pending = VALID.replace('"13119-001"', '"13120-001"').replace("comuna: maipu", "comuna: nunoa")
    (root / "problems" / "nunoa").mkdir()
    (root / "problems" / "nunoa" / "pendiente.md").write_text(pending, encoding="utf-8")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "pendiente")
    git("switch", "-q", "main")
    shutil.rmtree(root / "problems" / "nunoa", ignore_errors=True)
    issue = tmp_path / "issue.md"
    issue.write_text((FIXTURES / "issues" / "propuesta.md").read_text(encoding="utf-8"))
    code = main(
        ["desde-issue", str(issue), "--raiz", str(root), "--fecha", "2026-11-25",
         "--ids-de-rama", "problema-desde-issue-7", "--base", "main"]
    )  # fmt: skip
    assert code == 0
    written = next((root / "problems" / "nunoa").glob("*.md")).read_text(encoding="utf-8")
    assert "id: 13120-002\n" in written
    assert date.fromisoformat("2026-11-25")  # the date given is the one written


def test_an_id_with_blanks_around_it_is_the_same_id(catalogue_copy, vocabularies):
    from catalogo.validation.run import validate_catalogue

    root = catalogue_copy
    for name, written in (
        ("uno", '"13119-910 "'),
        ("dos", '" 13119-910"'),
        ("tres", '"13119-910\\u00a0"'),
    ):
        _problem(root, name, VALID.replace('"13119-001"', written))
    report = validate_catalogue(root, vocabularies)
    assert sorted(d.file for d in report.diagnostics if d.code == "CAT080") == [
        "problems/maipu/tres.md",
        "problems/maipu/uno.md",
    ]
    assert next_id(root, "13119") == "13119-911"


def test_the_kit_shows_the_body_as_text(catalogue_copy, vocabularies):
    from catalogo.authoring.kit import kit_files

    root = catalogue_copy
    hostile = (
        "Ver ![foto](https://rastreo.example/p.png) y [el acta](https://phishing.example), "
        "avisar a @municipios/nucleo y www.phishing.example"
    )
    _problem(root, "kit", VALID.replace('"13119-001"', '"13119-911"').replace(
        "Dos funcionarias leen cada reclamo;", hostile + "\n\n- Dos funcionarias leen cada reclamo;"
    ))  # fmt: skip
    catalogue = load_catalogue(root, vocabularies)
    settings = SiteSettings("Catálogo", "https://x.cl/", "https://github.com/x/y")
    readme = kit_files(catalogue.problem("13119-911"), catalogue, settings)["README.md"]
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(readme)
    assert "rastreo" in html and "<img" not in html and 'href="https://phishing' not in html
    assert "@municipios" not in html and "www.phishing" not in html
    assert "<li>Dos funcionarias" in html  # lists are still lists


def test_files_nested_thousands_deep_are_spanish_errors(
    catalogue_copy, capsys, tmp_path, monkeypatch
):
    root = catalogue_copy
    (root / "mkdocs.yml").write_text("a: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    code, _, err = _run(
        capsys, "kit", "13119-001", "--raiz", str(root), "--salida", str(tmp_path / "k")
    )
    assert code == 1 and "mkdocs.yml" in err and "interno" not in err
    cache_home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    (root / "mkdocs.yml").unlink()
    assert _run(capsys, "validar", "--raiz", str(root))[0] == 0  # writes the cache
    for cache_file in (cache_home / "catalogo").glob("*.json"):
        cache_file.write_text("[" * 200_000 + "]" * 200_000)
    code, out, err = _run(capsys, "validar", "--raiz", str(root))
    assert code == 0 and "Todo en orden" in out and err == ""


def test_a_schema_folder_without_its_comunas_is_an_error_not_other_vocabularies(
    catalogue_copy, capsys
):
    (catalogue_copy / "schema" / "comunas.csv").unlink()
    code, _, err = _run(capsys, "validar", "--raiz", str(catalogue_copy))
    assert code == 1 and "schema/comunas.csv" in err


def test_the_quick_test_for_invisible_characters_agrees_with_the_pattern():
    """`has_invisible` looks through a cheaper class first; the full pattern is the reference."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        assert text_safety.has_invisible(f"a{character}b") == bool(
            text_safety.INVISIBLE_RE.match(character)
        ), hex(code)


# schema/programa.yml, the programme's cohorts (issue 13) ------------------------------------

_COHORT = "cohortes:\n  - numero: 1\n    nombre: Cohorte 1\n    comunas:\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            _COHORT + "      - Maipo\n      - Ñuñoa\n",
            ["schema/programa.yml:5:9: «Maipo» no es una comuna de schema/comunas.csv. "
             "¿Quiso decir «Maipú»?"],
        ),
        (
            _COHORT + "      - Maipú\n  - numero: 2\n    nombre: Cohorte 2\n    comunas: [maipu]\n",
            ["schema/programa.yml:8:15: Maipú ya está en la cohorte 1 (línea 5); "
             "una comuna pertenece a una sola cohorte."],
        ),
        (
            _COHORT + "      - Antártica\n      - Maipo\n",
            ["Antártica no tiene municipalidad propia", "5:9", "¿Quiso decir «Maipú»?", "6:9",
             "tiene 2 errores"],
        ),
        (
            "cohortes: &todas\n  - numero: 1\n    nombre: x\n    comunas: *todas\n",
            ["schema/programa.yml:1:11: usa un ancla (&)", "4:14: usa un alias (*)"],
        ),
        ("cohortes: " + "[" * 5000 + "]" * 5000, ["schema/programa.yml"]),
        ("- Maipú\n- Renca\n", ["el archivo debe tener «cohortes»"]),
        (_COHORT.replace("numero: 1", "numero: uno") + "      - Renca\n",
         ["2:13: «numero» debe ser un número entero"]),
        (_COHORT.replace("comunas:", "comuna:") + "      - Renca\n",
         ["«comuna» no es un campo de schema/programa.yml", "¿Quiso decir «comunas»?"]),
        ("cohortes: []\ncohortes: []\n", ["2:1: la clave «cohortes» está repetida"]),
        (b"cohortes:\n  - nombre: \xff\n", ["schema/programa.yml no está guardado en UTF-8"]),
        (b"x" * (300 * 1024), ["schema/programa.yml pesa más de 256 KB"]),
        (_COHORT + "      - <script>alert(1)</script>\n", ["«<script>alert(1)</script>» no es"]),
    ],
    ids=["desconocida", "dos-cohortes", "todos-los-errores", "alias", "anidado", "lista",
         "numero", "campo", "repetida", "codificacion", "enorme", "marcado"],
)  # fmt: skip
def test_a_broken_programme_is_a_spanish_error_at_its_line(
    catalogue_copy, capsys, content, expected
):
    path = catalogue_copy / "schema" / "programa.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    for command in (["validar"], ["sitio"]):
        code, _, err = _run(capsys, *command, "--raiz", str(catalogue_copy))
        assert code == 1 and "Traceback" not in err, (command, err)
        for text in expected:
            assert text in err, (command, err)


def test_a_programme_written_on_windows_reads_like_any_other(catalogue_copy, vocabularies):
    from catalogo.loading.vocabularies import load_vocabularies

    path = catalogue_copy / "schema" / "programa.yml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert load_vocabularies(catalogue_copy / "schema").programme == vocabularies.programme


def test_a_catalogue_without_a_programme_has_no_cohorts(catalogue_copy, capsys):
    from catalogo.loading.vocabularies import load_vocabularies

    (catalogue_copy / "schema" / "programa.yml").unlink()
    assert load_vocabularies(catalogue_copy / "schema").programme.cohorts == ()
    code, _, err = _run(capsys, "validar", "--raiz", str(catalogue_copy))
    assert code == 0, err


def test_a_symlinked_programme_is_refused(catalogue_copy, capsys, tmp_path):
    elsewhere = tmp_path / "otro.yml"
    elsewhere.write_text(_COHORT + "      - Renca\n", encoding="utf-8")
    path = catalogue_copy / "schema" / "programa.yml"
    path.unlink()
    path.symlink_to(elsewhere)
    code, _, err = _run(capsys, "validar", "--raiz", str(catalogue_copy))
    assert code == 1 and "schema/programa.yml es un enlace simbólico" in err
