"""Property tests: no input crashes the validator or makes it slow, and valid problems survive
a round trip. The whole file runs in well under 20 s."""

from __future__ import annotations

import string
import time
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogo.loading.reader import SourceDocument, read_document
from catalogo.loading.vocabularies import load_vocabularies
from catalogo.loading.writer import markdown_file
from catalogo.model import Problem
from catalogo.model.sections import headings
from catalogo.validation.checks.privacy import _Folded, fold
from catalogo.validation.per_file import check_bytes
from conftest import FIXTURES

VOCABULARIES = load_vocabularies()
PATH = "problems/maipu/x.md"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = ["id", "titulo", "comuna", "temas", "estado", "resumen", "datos", "contacto", "x", "ejemplo"]


# Per file, on a busy machine: linear checks take milliseconds, a quadratic one far more.
SECONDS_PER_FILE = 3.0


def _never_crashes(raw: bytes, kind: str = "problema") -> None:
    start = time.process_time()  # CPU seconds: the same on a busy machine as on an idle one
    result = check_bytes(PATH if kind == "problema" else "solutions/x.md", kind, raw, VOCABULARIES)
    assert time.process_time() - start < SECONDS_PER_FILE
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.message and diagnostic.code.startswith("CAT")
        assert diagnostic.code != "CAT099", diagnostic.message


@SETTINGS
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(raw):
    _never_crashes(raw)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_inside_front_matter_never_crash(raw):
    _never_crashes(b"---\n" + raw + b"\n---\n\n## Descripci\xc3\xb3n del problema\n")


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_text_front_matter_never_crashes(text):
    _never_crashes(f"---\n{text}\n---\ncuerpo\n".encode("utf-8", "surrogatepass"), "solucion")


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.dates()
    | st.sampled_from(["no", "off", "sí", "2025-06-12", "13119-001", "maipu", "<b>x</b>"])
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=10), _values, max_size=10))
def test_arbitrary_yaml_never_crashes(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    _never_crashes(f"---\n{text}---\n## Situación actual\n".encode())


@SETTINGS
@given(_values)
def test_arbitrary_yaml_document_never_crashes(value):
    _never_crashes(f"---\n{yaml.safe_dump(value, allow_unicode=True)}---\n".encode())


# Text the catalogue accepts: no surrounding blanks (they are stripped), no control or
# format characters, no `<` (a tag to any HTML parser) and no `@` (an e-mail address).
def _text(min_size: int, max_size: int):
    alphabet = st.characters(
        blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), blacklist_characters="<@"
    )
    return st.text(alphabet, min_size=min_size, max_size=max_size).filter(
        lambda value: value == value.strip() and len(value) >= min_size
    )


def _title():
    return _text(10, 120).filter(lambda value: any(c.isalpha() for c in value))


_slug = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
_comunas = sorted(VOCABULARIES.comunas)


@st.composite
def problems(draw):
    comuna = draw(st.sampled_from(_comunas))
    cut = VOCABULARIES.comunas[comuna].cut
    personal = draw(st.booleans())
    registered = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)))
    data = {
        "id": f"{cut}-{draw(st.integers(0, 999)):03d}",
        "titulo": draw(_title()),
        "comuna": comuna,
        "temas": draw(
            st.lists(
                st.sampled_from(sorted(VOCABULARIES.themes)), min_size=1, max_size=3, unique=True
            )
        ),
        "estado": draw(st.sampled_from(sorted(VOCABULARIES.problem_states))),
        "resumen": draw(_text(40, 400)),
        "area_responsable": draw(_text(2, 60)),
        "poblacion_afectada": {
            "descripcion": draw(_text(3, 80)),
            "personas": draw(st.none() | st.integers(0, 10**7)),
        },
        "tareas_ia": draw(
            st.lists(
                st.sampled_from(sorted(VOCABULARIES.ai_tasks)), min_size=1, max_size=4, unique=True
            )
        ),
        "datos": [
            {
                "nombre": draw(_text(3, 60)),
                "formato": draw(st.sampled_from(sorted(VOCABULARIES.data_formats))),
                "acceso": draw(st.sampled_from(sorted(VOCABULARIES.data_access))),
                "datos_personales": personal,
                "url": draw(st.none() | _slug.map(lambda s: f"https://datos.example.cl/{s}")),
            }
        ],
        "indicadores": draw(st.lists(_text(3, 80), min_size=1, max_size=3)),
        "riesgos": draw(st.lists(_text(3, 80), min_size=1 if personal else 0, max_size=3)),
        "contacto": {
            "unidad": draw(_text(2, 40)),
            "correo": draw(_slug.map(lambda s: f"{s}@muni.example")),
        },
        "fecha_registro": registered.isoformat(),
        "prioridad": draw(st.none() | st.sampled_from(sorted(VOCABULARIES.priorities))),
        "etiquetas": draw(st.lists(_slug, max_size=3, unique=True)),
        "ejemplo": draw(st.booleans()),
    }
    return Problem.model_validate(data, context={"vocabularios": VOCABULARIES})


@SETTINGS
@given(problems())
def test_valid_problem_round_trips(problem):
    text = markdown_file(problem, "## Descripción del problema\n\nTexto.")
    document = read_document(text.encode())
    assert document.issues == []
    reloaded = Problem.model_validate(document.data, context={"vocabularios": VOCABULARIES})
    assert reloaded == problem


# Mutated valid files: what a web editor, a copy from Word or an attacker makes of a good file.
# Each must be checked without an exception and quickly, however it was broken.
_BASE = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
_PIECES = [
    "\n", " ", "\t", ":", "-", "#", "<", ">", "[", "]", "(", ")", "`", "*", "_", "&#8203;",
    "\\", '"', "'", "&", "@", "{", "}", "|", "!", "\u200b", "\u202e", "\x1b", "\x0b", "\r",
    "\ufeff", "é", "١", "＠", "9" * 30, "---\n", "## ", "> ", "- ", "<!--", "](data:", "&lt;",
    "javascript:", "12.345.678-5", "+56 9 1234 5678",
]  # fmt: skip


@st.composite
def _mutated(draw):
    text = _BASE
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat", "line"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(_PIECES)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 40)) :]
        elif action == "repeat":  # a long run of one piece: the shape that stalls regexes
            piece = draw(st.sampled_from(_PIECES))
            text = text[:position] + piece * draw(st.integers(100, 3000)) + text[position:]
        else:
            lines = text.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[draw(st.integers(0, len(lines) - 1))])
            text = "\n".join(lines)
    return text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(_mutated())
def test_mutated_valid_files_never_crash_and_stay_fast(raw):
    _never_crashes(raw)


# Optimisations against plain references ------------------------------------------------------


@SETTINGS
@given(st.text(alphabet="ab \n\t#", max_size=60), st.data())
def test_line_index_finds_what_counting_lines_finds(text, data):
    """SourceDocument looks line numbers up in an index of line breaks; counting the breaks
    before each offset is the plain reference."""
    document = SourceDocument(text=text)
    offset = data.draw(st.integers(0, len(text)))
    before = text[:offset]
    assert document.offset_position(offset) == (
        before.count("\n") + 1,
        offset - (before.rfind("\n") + 1) + 1,
    )


def _reference_headings(body: str) -> list[tuple[int, int, str]]:
    """ATX headings outside fences, line by line as CommonMark describes them."""
    found, fence, offset = [], None, 0
    for line in body.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        rest = line[indent:]
        if indent <= 3 and rest[:3] in ("```", "~~~"):
            if fence is None:
                fence = rest[0]
            elif rest[0] == fence:
                fence = None
        elif indent <= 3 and fence is None and rest.startswith("#"):
            level = len(rest) - len(rest.lstrip("#"))
            after = rest[level:]
            if level <= 6 and (after == "" or after[0] in " \t"):
                title = after.strip(" \t")
                closed = title.rstrip("#")
                if closed != title and (closed == "" or closed[-1] in " \t"):
                    title = closed.rstrip(" \t")
                found.append((offset, level, title))
        offset += len(line) + 1
    return found


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "## Título",
                "#",
                "###### x ##",
                "####### no",
                "   # a #",
                "    # no",
                "#x",
                "```",
                "~~~",
                "texto",
                "",
                "## a#",
                "##\tb",
                "## ##",
            ]
        ),
        max_size=12,
    )
)
def test_headings_match_a_line_by_line_reference(lines):
    body = "\n".join(lines)
    found = [(h.start, h.level, h.title) for h in headings(body)]
    assert found == _reference_headings(body)


@SETTINGS
@given(st.text(max_size=80))
def test_folding_for_personal_data_keeps_offsets_and_skips_ascii_safely(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == text.translate(_Folded())  # the ASCII shortcut changes nothing
