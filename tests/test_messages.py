"""Issue 12 · the messages for the mistakes people make: `catalogo validar` as a person runs it,
and the exact words of each message (thousands separators, near-miss headings, a repeated id,
several broken YAML lines, words for a data format, typographic quotes and dates after today)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalogo.loading import yaml_tree
from catalogo.loading.naming import NamingError, free_id
from catalogo.validation import clock
from catalogo.validation.checks.body import match_sections
from catalogo.validation.checks.numbers import integer_advice
from catalogo.validation.per_file import check_bytes
from conftest import FIXTURES, run_cli

VALID = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
INVALID = FIXTURES / "invalidos" / "problemas"
DAY = date(2026, 1, 15)


def _line(text: str) -> int:
    """The line of the valid fixture that reads `text`: its lines move when it gains a field."""
    return VALID.split("\n").index(text) + 1


CONTACT_UNIT = _line("  unidad: OIRS")
UPDATED = _line("actualizado: 2025-07-01")
FIRST_TAG = _line("  - reclamos")
FIRST_PARAGRAPH = _line("Los reclamos llegan por web, correo y ventanilla, y se derivan a mano.")
SECTION = _line("## Situación actual")
BODY = VALID.split("\n").index("---", 1) + 2  # the body's first line, where a missing one is


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: DAY)


def _edited(*pairs: tuple[str, str]) -> str:
    text = VALID
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _validate(root: Path, files: dict[str, str]) -> tuple[int, list[str]]:
    (root / "problems").mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    result = run_cli("validar", "--raiz", str(root))
    return result.returncode, result.stdout.splitlines()


def _findings(name: str, vocabularies) -> list[tuple[str, int, int, str, str]]:
    raw = (INVALID / name).read_bytes()
    result = check_bytes("problems/maipu/fixture.md", "problema", raw, vocabularies)
    return [(d.code, d.line, d.column, d.message, d.hint) for d in result.diagnostics]


# 1 · Whole numbers written with thousands separators ------------------------------------------


@pytest.mark.parametrize(
    ("written", "message", "hint"),
    [
        (
            "42.000",
            "se escribió «42.000», que se leyó 42 con decimales: el punto separa los decimales, "
            "no los miles.",
            "Escriba 42000, sin puntos.",
        ),
        (
            "1.250.000",
            "se escribió «1.250.000», que no se lee como número: el punto separa los decimales, "
            "no los miles.",
            "Escriba 1250000, sin puntos.",
        ),
        (
            '"42.000"',
            "se escribió «42.000», que no se lee como número: el punto separa los decimales, "
            "no los miles.",
            "Escriba 42000, sin puntos.",
        ),
        (
            "42,000",
            "se escribió «42,000», que no se lee como número: las cifras van sin separar los "
            "miles.",
            "Escriba 42000, sin comas.",
        ),
        (
            "42 000",
            "se escribió «42 000», que no se lee como número: las cifras van sin separar los "
            "miles.",
            "Escriba 42000, sin espacios.",
        ),
        (
            '"42000"',
            "se escribió «42000» entre comillas, que lo vuelven texto.",
            "Escriba 42000, sin comillas.",
        ),
        (
            "unas 200 mil",
            "se escribió «unas 200 mil», con palabras.",
            "Escriba solo la cifra: 200000 (una cifra aproximada basta).",
        ),
        (
            "42.5",
            "se escribió «42.5», un número con decimales.",
            "Escriba un número entero, sin decimales, por ejemplo 42.",
        ),
    ],
)
def test_a_whole_number_written_with_separators_says_what_to_write(
    written, message, hint, vocabularies
):
    raw = _edited(("  personas: 42000", f"  personas: {written}")).encode()
    result = check_bytes("problems/maipu/x.md", "problema", raw, vocabularies)
    assert [(d.code, d.line, d.column, d.message, d.hint) for d in result.diagnostics] == [
        (
            "CAT032",
            16,
            13,
            f"«Población afectada › Personas» debe ser un número entero; {message}",
            hint,
        )
    ]


def test_integer_advice_is_said_from_what_was_written_not_from_a_list():
    assert integer_advice("7.300")[1] == "Escriba 7300, sin puntos."
    assert integer_advice("12.345.678")[1] == "Escriba 12345678, sin puntos."
    assert integer_advice("3,5 millones")[1].startswith("Escriba solo la cifra: 3500000")
    assert integer_advice("muchas") is None
    assert integer_advice("1" * 50) is None


# 2 · Near-miss headings ----------------------------------------------------------------------


def test_a_heading_at_the_wrong_level_is_pointed_at_with_the_heading_to_write(vocabularies):
    assert _findings("seccion_nivel-equivocado.md", vocabularies) == [
        (
            "CAT060",
            74,
            1,
            "Falta la sección «## Cómo podría ayudar la IA»: la línea «### Cómo podría ayudar "
            "la IA» parece serlo, pero es un título de nivel 3 («### ») y las secciones van con "
            "«## ».",
            "Cambie esa línea por «## Cómo podría ayudar la IA», exactamente así.",
        )
    ]


def test_a_section_heading_without_its_accents_is_a_warning_with_the_exact_heading(vocabularies):
    assert _findings("seccion_titulo-sin-tildes.md", vocabularies) == [
        (
            "CAT069",
            70,
            1,
            "El título «## Situacion Actual» se escribe «## Situación actual».",
            "Cambie esa línea por «## Situación actual», exactamente así (con sus tildes y "
            "mayúsculas, sin dos puntos).",
        )
    ]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("# Situacion actual", "CAT060"),
        ("### Situación actual", "CAT060"),
        ("## Situacion atual", "CAT060"),
        ("## Situción actual", "CAT060"),
        ("## Situación actual:", "CAT069"),
        ("## SITUACIÓN ACTUAL", "CAT069"),
    ],
)
def test_every_kind_of_near_miss_is_found_at_its_own_line(written, code, vocabularies):
    raw = _edited(("## Situación actual", written)).encode()
    result = check_bytes("problems/maipu/x.md", "problema", raw, vocabularies)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [(code, SECTION, 1)]
    assert "«## Situación actual»" in result.diagnostics[0].hint


def test_a_heading_about_something_else_is_not_a_near_miss(vocabularies):
    raw = _edited(("## Situación actual", "## Presupuesto del año")).encode()
    result = check_bytes("problems/maipu/x.md", "problema", raw, vocabularies)
    assert [(d.code, d.line, d.message) for d in result.diagnostics] == [
        ("CAT060", BODY, "Falta la sección «## Situación actual».")
    ]


def test_section_matching_takes_any_list_of_sections():
    from catalogo.model.sections import headings
    from catalogo.model.solution import SOLUTION_SECTIONS

    body = "## Que hace\n\nx\n\n### Cómo funciona\n\ny\n\n## Resultados\n\nz\n"
    matches = match_sections(headings(body), SOLUTION_SECTIONS)
    assert [(m.title, m.index, m.exact, m.near) for m in matches] == [
        ("Qué hace", 0, False, None),
        ("Cómo funciona", None, False, 1),
        ("Resultados", 2, True, None),
        ("Próximos pasos", None, False, None),
    ]


# 3 · A repeated id ---------------------------------------------------------------------------


def test_free_id_is_one_more_than_the_comuna_highest():
    assert free_id("13119", ["13119-001", "13119-007", "13128-009", "x"]) == "13119-008"
    assert free_id("13119", []) == "13119-001"
    with pytest.raises(NamingError):
        free_id("13119", [f"13119-{n:03d}" for n in range(1, 1000)])


def test_cli_repeated_id_suggests_the_next_free_id_of_its_comuna(tmp_path):
    code, lines = _validate(
        tmp_path,
        {
            "problems/maipu/reclamos.md": VALID,
            "problems/maipu/luminarias.md": VALID.replace('"13119-001"', '"13119-004"'),
            "problems/maipu/seguridad.md": VALID,
            "problems/maipu/veredas.md": VALID,
            "problems/renca/patentes.md": VALID.replace('"13119-001"', '"13128-009"').replace(
                "comuna: maipu", "comuna: renca"
            ),
        },
    )
    assert code == 1
    assert lines[:4] == [
        "problems/maipu/seguridad.md:2:5: error CAT080: El id «13119-001» ya lo usa "
        "problems/maipu/reclamos.md.",
        "    ayuda: Cambie el id por «13119-005», el siguiente correlativo libre de la comuna.",
        "problems/maipu/veredas.md:2:5: error CAT080: El id «13119-001» ya lo usa "
        "problems/maipu/reclamos.md.",
        "    ayuda: Cambie el id por «13119-006», el siguiente correlativo libre de la comuna.",
    ]


# 4 · Several broken YAML lines ---------------------------------------------------------------


def test_every_broken_line_is_reported_at_its_place(vocabularies):
    assert [
        (code, line, column, message)
        for code, line, column, message, _ in _findings("yaml_varias-lineas.md", vocabularies)
    ] == [
        (
            "CAT007",
            3,
            31,
            "El encabezado no se puede leer: hay dos puntos («: ») dentro de un valor sin "
            "comillas, o la sangría no cuadra. Hay 2 líneas más con errores en el encabezado "
            "(8, 40).",
        ),
        ("CAT007", 8, 9, "El encabezado no se puede leer: hay comillas sin cerrar."),
        (
            "CAT007",
            40,
            1,
            "El encabezado no se puede leer: hay un tabulador; la sangría debe hacerse con "
            "espacios.",
        ),
    ]


BROKEN = _edited(
    ("titulo: Derivación de reclamos que llegan a la OIRS", "titulo: Reclamos: los de la OIRS"),
    ("comuna: maipu", "comuna: renca"),
    ("estado: priorizado", "estado: no"),
    ("  personas: 42000", "  personas: 42.000"),
    ("  - reclamos", "\t- reclamos"),
    ("## Situación actual", "### Situación actual"),
    ("Los reclamos llegan", "<b>Los</b> reclamos llegan"),
)


def test_cli_after_a_syntax_error_the_rest_of_the_file_is_still_checked(tmp_path):
    code, lines = _validate(tmp_path, {"problems/maipu/reclamos.md": BROKEN})
    assert code == 1
    findings = [line.split(": ", 2)[:2] for line in lines if not line.startswith("    ")]
    assert findings[:-1] == [
        ["problems/maipu/reclamos.md:2:5", "error CAT038"],
        ["problems/maipu/reclamos.md:3:17", "error CAT007"],
        ["problems/maipu/reclamos.md:4:9", "error CAT020"],
        ["problems/maipu/reclamos.md:8:9", "error CAT033"],
        ["problems/maipu/reclamos.md:16:13", "error CAT032"],
        [f"problems/maipu/reclamos.md:{FIRST_TAG}:1", "error CAT007"],
        [f"problems/maipu/reclamos.md:{FIRST_PARAGRAPH}:1", "error CAT062"],
        [f"problems/maipu/reclamos.md:{SECTION}:1", "error CAT060"],
    ]
    assert f"Hay otra línea con errores en el encabezado ({FIRST_TAG})." in lines[2]
    # No field is said to be missing because it sat on a broken line.
    assert not any("CAT030" in line for line in lines)


def test_recovery_gives_up_after_many_broken_entries_and_says_where():
    text = "".join(f"k{n}: a: b\n" for n in range(yaml_tree.MAX_BROKEN + 10))
    tree = yaml_tree.recover(text, yaml_tree.parse(text))
    syntax = [issue.line for issue in tree.issues if issue.kind == "syntax"]
    assert syntax == list(range(yaml_tree.MAX_BROKEN))
    assert tree.unread_from == yaml_tree.MAX_BROKEN


def test_recovered_entries_keep_their_positions():
    text = 'a: 1\nb: "x\nc: [1, 2]\nd:\n  e: f\n'
    tree = yaml_tree.recover(text, yaml_tree.parse(text))
    assert tree.partial and tree.data == {"a": 1, "c": [1, 2], "d": {"e": "f"}}
    _, node, _ = yaml_tree.locate(tree.root, ("d", "e"))
    assert (node.start_mark.line, node.start_mark.column, node.start_mark.index) == (4, 5, 29)
    assert text[node.start_mark.index] == "f"


# 5 · Words for a data format -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "slug"),
    [
        ("Excel", "xlsx"),
        ("planilla de cálculo", "xlsx"),
        ("Hoja de calculo", "xlsx"),
        ("Word", "otro"),
        ("docx", "otro"),
        ("PDF escaneado", "pdf"),
        ("cuaderno", "papel"),
        ("libro", "papel"),
        ("Access", "base-de-datos"),
        ("SQL", "base-de-datos"),
        ("software", "sistema"),
    ],
)
def test_words_people_use_resolve_to_a_data_format(word, slug, vocabularies):
    assert vocabularies.resolve("data_formats", word) == slug
    assert vocabularies.suggestion("data_formats", word) == f" ¿Quiso decir «{slug}»?"


def test_words_people_use_resolve_to_a_data_access(vocabularies):
    assert vocabularies.resolve("data_access", "Confidencial") == "restringido"
    assert vocabularies.resolve("data_access", "datos abiertos") == "publico"


def test_a_word_cannot_name_two_terms(tmp_path):
    from catalogo.loading.vocabularies import VocabularyError, load_vocabularies
    from conftest import REPO

    schema = tmp_path / "schema"
    schema.mkdir()
    for path in (REPO / "schema").iterdir():
        (schema / path.name).write_bytes(path.read_bytes())
    formats = schema / "formatos-datos.yml"
    formats.write_text(
        formats.read_text(encoding="utf-8").replace("[Word,", "[Planilla,"), encoding="utf-8"
    )
    with pytest.raises(VocabularyError, match="«Planilla» es un nombre de «xlsx» y de «otro»"):
        load_vocabularies(schema)


# 6 · Typographic quotes and dates after today ------------------------------------------------


def test_cli_typographic_quotes(tmp_path):
    code, lines = _validate(
        tmp_path,
        {
            "problems/maipu/reclamos.md": _edited(
                (
                    "titulo: Derivación de reclamos que llegan a la OIRS",
                    "titulo: “Derivación de reclamos que llegan a la OIRS”",
                ),
                ("unidad: OIRS", "unidad: «OIRS»"),
            )
        },
    )
    assert code == 0
    assert lines[:4] == [
        "problems/maipu/reclamos.md:3:9: advertencia CAT055: El valor de `titulo` está entre "
        "comillas tipográficas (“ ”), que se publicarían como parte del texto.",
        "    ayuda: Borre las comillas “ y ”: escriba «Derivación de reclamos que llegan a la "
        "OIRS». Si el texto necesita comillas (tiene «: » o empieza con un signo), use las "
        'rectas: "…".',
        f"problems/maipu/reclamos.md:{CONTACT_UNIT}:11: advertencia CAT055: El valor de `unidad` "
        "está entre "
        "comillas tipográficas (« »), que se publicarían como parte del texto.",
        "    ayuda: Borre las comillas « y »: escriba «OIRS». Si el texto necesita comillas "
        '(tiene «: » o empieza con un signo), use las rectas: "…".',
    ]


def test_cli_date_after_today(tmp_path):
    code, lines = _validate(
        tmp_path,
        {
            "problems/maipu/reclamos.md": _edited(
                ("fecha_registro: 2025-06-12", "fecha_registro: 2025-06-12"),
                ("actualizado: 2025-07-01", "actualizado: 2026-07-01"),
            )
        },
    )
    assert code == 0
    assert lines[:2] == [
        f"problems/maipu/reclamos.md:{UPDATED}:14: advertencia CAT056: `actualizado` es "
        "2026-07-01, "
        "una fecha posterior a hoy (2026-01-15).",
        "    ayuda: Escriba una fecha que ya pasó, como AAAA-MM-DD (año, mes y día); suele ser "
        "un error de tipeo en el año o el orden de mes y día.",
    ]


def test_today_decides_and_the_cache_does_not_keep_yesterday_s_verdict(tmp_path, monkeypatch):
    files = {
        "problems/maipu/reclamos.md": _edited(
            ("actualizado: 2025-07-01", "actualizado: 2026-01-16")
        )
    }
    assert any("CAT056" in line for line in _validate(tmp_path, files)[1])
    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 16))
    assert not any("CAT056" in line for line in _validate(tmp_path, files)[1])


# One edit of a valid problem, and the two lines (message and hint) the person reads -----------

ONE_EDIT_MESSAGES = {
    "punto-de-miles": (
        ("  personas: 42000", "  personas: 42.000"),
        [
            "problems/maipu/reclamos.md:16:13: error CAT032: «Población afectada › Personas» debe "
            "ser un número entero; se escribió «42.000», que se leyó 42 con decimales: el punto "
            "separa los decimales, no los miles.",
            "    ayuda: Escriba 42000, sin puntos.",
        ],
    ),
    "titulo-de-seccion-parecido": (
        ("## Situación actual", "# Situacion actual"),
        [
            f"problems/maipu/reclamos.md:{SECTION}:1: error CAT060: Falta la sección «## "
            "Situación actual»: "
            "la línea «# Situacion actual» parece serlo, pero es un título de nivel 1 («# ») y las "
            "secciones van con «## ».",
            "    ayuda: Cambie esa línea por «## Situación actual», exactamente así.",
        ],
    ),
    "titulo-escrito-como-texto": (
        ("## Situación actual", "**Situación actual**"),
        [
            f"problems/maipu/reclamos.md:{SECTION}:1: error CAT060: Falta la sección «## "
            "Situación actual»: "
            "la línea «**Situación actual**» parece serlo, pero no es un título, porque no empieza "
            "con «## ».",
            "    ayuda: Cambie esa línea por «## Situación actual», exactamente así.",
        ],
    ),
    "excel": (
        ("formato: base-de-datos", "formato: Excel"),
        [
            "problems/maipu/reclamos.md:21:14: error CAT033: «Datos › n.º 1 › Formato»: «Excel» no "
            "es un formato permitido. ¿Quiso decir «xlsx»? Valores posibles: csv, xlsx, pdf, papel, "
            "base-de-datos, api, sistema, otro.",
            "    ayuda: «Excel» se escribe «xlsx» en el catálogo: Planilla de Excel u hoja de "
            "cálculo equivalente.",
        ],
    ),
}


@pytest.mark.parametrize("case", ONE_EDIT_MESSAGES)
def test_cli_message_for_one_edit(tmp_path, case):
    edit, expected = ONE_EDIT_MESSAGES[case]
    code, lines = _validate(tmp_path, {"problems/maipu/reclamos.md": _edited(edit)})
    assert code == 1
    assert lines[:2] == expected


def test_each_broken_yaml_line_gets_the_hint_for_its_own_cause(tmp_path):
    code, lines = _validate(tmp_path, {"problems/maipu/reclamos.md": BROKEN})
    hints = {
        line.split(": ", 1)[0]: lines[number + 1]
        for number, line in enumerate(lines)
        if "CAT007" in line
    }
    assert code == 1
    assert hints == {
        "problems/maipu/reclamos.md:3:17": "    ayuda: Si el valor tiene «: », póngalo entero "
        'entre comillas rectas, por ejemplo titulo: "Actas: resumen de las sesiones"; si no, '
        "dele la misma sangría que a las líneas de su nivel.",
        f"problems/maipu/reclamos.md:{FIRST_TAG}:1": "    ayuda: Reemplace el tabulador por "
        "espacios: dos "
        "por cada nivel.",
    }
