"""Inputs made to be slow, for `make bench` and the tests: every check must stay linear.

Two families:
- for every regular expression of the package, strings built from the pattern itself: long
  runs of each character its repetitions loop over, after what leads up to them, followed by
  what makes the match fail (the shape that makes a backtracking engine try every split);
- whole files under the size cap with such runs where contributed text goes: a heading, a
  link, a YAML comment or value, a paragraph, thousands of keys, tags or addresses.

`python -m devtools.adversarial` prints the slowest pattern and the slowest file.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse

import catalogo
from catalogo.loading.reader import MAX_BYTES

# Modules that are not imported to collect patterns: importing them runs a program.
_NOT_IMPORTED = {"catalogo.__main__"}
_LOOPS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# Characters tried for a category or a negated class: one of each kind a text can have.
_SAMPLES = " \t\n.a9_-<[(#>*`&@:/\\\"'é"


@dataclass(frozen=True, slots=True)
class Pattern:
    where: str  # module.NAME
    compiled: re.Pattern[str]


def package_patterns() -> list[Pattern]:
    """Every compiled pattern held by a module of the package."""
    found = []
    for module in _modules():
        for name, value in sorted(vars(module).items()):
            values = value.values() if isinstance(value, dict) else [value]
            if isinstance(value, tuple | list):
                values = value
            for item in values:
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.append(Pattern(f"{module.__name__}.{name}", item))
    unique: dict[tuple[str, int], Pattern] = {}
    for pattern in found:
        unique.setdefault((pattern.compiled.pattern, pattern.compiled.flags), pattern)
    return list(unique.values())


def _modules():
    for info in pkgutil.walk_packages(catalogo.__path__, "catalogo."):
        if info.name not in _NOT_IMPORTED:
            yield importlib.import_module(info.name)


def inline_patterns() -> list[str]:
    """`re.sub(r"...", ...)` and the like written inside functions, as file:line. The package
    keeps every pattern a module constant, so that `package_patterns` sees them all."""
    calls = {
        "compile",
        "sub",
        "subn",
        "search",
        "match",
        "fullmatch",
        "findall",
        "finditer",
        "split",
    }
    found = []
    root = Path(catalogo.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if path.name == "adversarial.py":  # builds patterns from other patterns, on purpose
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr in calls
                    and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "re"
                ):
                    found.append(f"{path.relative_to(root.parent)}:{call.lineno}")
    return found


# Strings from a pattern's structure -----------------------------------------------------------


def _characters(items) -> str:
    """Characters that can start a match of a parsed sub-pattern (a sample for classes)."""
    chars = ""
    for op, value in items:
        if op is sre.LITERAL:
            return chars + chr(value)
        if op is sre.NOT_LITERAL:
            return chars + "".join(c for c in _SAMPLES if ord(c) != value)
        if op is sre.ANY:
            return chars + _SAMPLES.replace("\n", "")
        if op is sre.IN:
            return chars + _in_class(value)
        if op is sre.SUBPATTERN:
            return chars + _characters(value[-1])
        if op is sre.BRANCH:
            return chars + "".join(_characters(branch) for branch in value[1])
        if op in _LOOPS:
            chars += _characters(value[2])
            if value[0] > 0:
                return chars
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF):
            continue
        return chars
    return chars


def _in_class(items) -> str:
    negate = bool(items) and items[0][0] is sre.NEGATE
    pattern = re.compile(sre_parse_class_source(items))
    chars = [c for c in _SAMPLES if pattern.fullmatch(c)]
    if not negate:
        for op, value in items:
            if op is sre.LITERAL:
                chars.append(chr(value))
            elif op is sre.RANGE:
                chars += [chr(value[0]), chr(value[1])]
    return "".join(dict.fromkeys(chars))


def sre_parse_class_source(items) -> str:
    """A character class written back from its parsed form, to test sample characters."""
    parts = []
    for op, value in items:
        if op is sre.NEGATE:
            parts.insert(0, "^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is sre.CATEGORY:
            parts.append(_CATEGORIES.get(value, ""))
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else "[^\\s\\S]"


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _sample(items) -> str:
    """A short string that the parsed sub-pattern matches (or nearly): what leads up to a loop."""
    text = ""
    for op, value in items:
        if op is sre.LITERAL:
            text += chr(value)
        elif op in (sre.IN, sre.ANY, sre.NOT_LITERAL):
            text += (_characters([(op, value)]) or "a")[0]
        elif op is sre.SUBPATTERN:
            text += _sample(value[-1])
        elif op is sre.BRANCH:
            text += _sample(value[1][0])
        elif op in _LOOPS:
            text += _sample(value[2]) * max(value[0], 1 if value[0] else 0)
    return text


def _loops(items, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(what leads up to the loop, characters the loop takes) for every repetition."""
    lead = prefix
    for op, value in items:
        if op in _LOOPS:
            if value[1] > 8:
                yield lead, _characters(value[2])
            yield from _loops(value[2], lead)
        elif op is sre.SUBPATTERN:
            yield from _loops(value[-1], lead)
        elif op is sre.BRANCH:
            for branch in value[1]:
                yield from _loops(branch, lead)
        lead += _sample([(op, value)])


def pattern_attacks(pattern: re.Pattern[str], size: int) -> Iterator[str]:
    """Strings of about `size` characters that would make a backtracking pattern slow."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    seen: set[str] = set()
    for lead, chars in _loops(list(tree)):
        for char in dict.fromkeys(chars[:12]):
            for suffix in ("", "\x01", "\n"):
                for text in (
                    lead + char * size + suffix,
                    # A character the loop before cannot take, so that this run is left to
                    # the loops after it (`## x` + spaces + `y` for a heading pattern).
                    lead + "x" + char * size + suffix,
                    lead + "\x01" + char * size + suffix,
                    (lead + char * 3 + suffix) * (size // (len(lead) + 4)),
                    (lead + char * 40 + suffix) * (size // (len(lead) + 41)),
                    lead[:1] * size + lead[1:] + suffix,
                ):
                    if text not in seen:
                        seen.add(text)
                        yield text


def time_pattern(pattern: re.Pattern[str], text: str) -> float:
    # CPU seconds of this process, not the wall clock: what the pattern costs, the same on a
    # machine busy with other work (where the tests also run) as on an idle one.
    start = time.process_time()
    for _ in pattern.finditer(text):
        pass
    return time.process_time() - start


def slowest_patterns(size: int = 20_000) -> list[tuple[float, str, str]]:
    """(seconds, pattern, what the slowest string was) for every pattern, slowest first."""
    results = []
    for pattern in package_patterns():
        worst, shape = 0.0, ""
        for text in pattern_attacks(pattern.compiled, size):
            seconds = time_pattern(pattern.compiled, text)
            if seconds > worst:
                worst, shape = seconds, repr(text[:24])
        results.append((worst, pattern.where, shape))
    return sorted(results, reverse=True)


# Whole files ----------------------------------------------------------------------------------

BASE = """---
id: "13119-001"
titulo: Derivación de reclamos que llegan a la OIRS
comuna: maipu
temas:
  - atencion-ciudadana
estado: priorizado
resumen: >-
  La OIRS recibe miles de reclamos al mes y cada uno se deriva a mano a la unidad que
  corresponde, lo que retrasa las respuestas.
area_responsable: OIRS
poblacion_afectada:
  descripcion: Vecinas y vecinos que presentan reclamos
  personas: 42000
tareas_ia:
  - clasificacion-de-texto
datos: []
indicadores:
  - Porcentaje de reclamos derivados a la unidad correcta (meta 90 %)
riesgos: []
contacto:
  unidad: OIRS
  correo: oirs@maipu.municipalidad.example
fecha_registro: 2025-06-12
# COMENTARIO
---

## Descripción del problema

Los reclamos llegan por web, correo y ventanilla, y se derivan a mano.

## Situación actual

CUERPO

## Cómo podría ayudar la IA

Un modelo de lenguaje podría proponer la unidad de destino para que una persona la confirme.
"""


def _fill(piece: str, room: int) -> str:
    return piece * max(1, room // max(1, len(piece.encode("utf-8"))))


def adversarial_files() -> dict[str, bytes]:
    """Files just under the size cap, each with one hostile shape where contributed text goes."""
    room = MAX_BYTES - len(BASE.encode("utf-8")) - 64
    body = {
        "encabezado-con-espacios": "## x" + " " * room + "y",
        "encabezado-con-almohadillas": "## x" + " #" * (room // 2) + "x",
        "corchetes": "[" * room,
        "enlace-sin-cerrar": _fill("[a](", room),
        "enlaces-anidados": _fill("[", room // 2) + _fill("](", room // 2),
        "imagenes": _fill("![", room),
        "espacios-y-x": " " * room + "x",
        "tabla": _fill("|" + " " * 8, room),
        "regla-de-tabla": _fill(" -", room),
        "menor-que-y-espacios": "<a" + " " * room + "x",
        "menores-que": "<" * room,
        "etiquetas": _fill("<b>x</b>\n", room),
        "etiquetas-en-un-parrafo": _fill("<b>", room),
        "comillas-invertidas": _fill("`", room // 2) + "x" + _fill("``", room // 2),
        "enfasis": _fill("*a", room),
        "guiones-bajos": _fill("_a ", room),
        "citas-anidadas": "> " * (room // 2),
        "listas-anidadas": "".join("  " * i + "- a\n" for i in range(400)),
        "entidades": _fill("&#8203", room),
        "datos": _fill("](  data", room),
        "javascript": _fill("java   ", room),
        "correos": _fill("a@b.cl ", room),
        "arrobas": _fill("@a.", room),
        "digitos": _fill("1 ", room),
        "telefonos": _fill("+56 9 1234 5678 ", room),
        # Nine digits each, none a number in use: each one asks phonenumbers.
        "telefonos-invalidos": " ".join(f"1{(i * 7919) % 10**8:08d}" for i in range(room // 10)),
        "rut": _fill("12.345.678-5 ", room),
        "almohadillas-sueltas": _fill("#", room),
        "texto-sin-saltos": _fill("palabra ", room),
        # Invisible characters: each a finding whose place must be found without recounting
        # the lines before it.
        "controles": "\x0b" * room,
        "controles-y-letras": _fill("a\x0b", room),
        "invisibles": _fill("\u200b", room),
        "entidades-invisibles": _fill("&#8203;", room),
        # Headings that look like a required section but are not one: each is compared with
        # each section's title (issue 12).
        "titulos-parecidos": _fill("# Situacion actuaX\n", room),
        "titulos-largos-parecidos": _fill("### " + "Situacion actual " * 20 + "\n", room),
    }
    # Bodies the validator accepts, as costly as its limits allow: what the site must render.
    at_limit = {
        "limite-corchetes": "\\[" * 2400,
        "limite-imagenes": "!\\[" * 1600,
        "limite-enfasis": "*a" * 2400,
        "limite-enlaces": "[a](b) " * 1200,
        "limite-parrafos": "a\n\n" * 980,
        "limite-lista": "- a\n" * 1950,
        "limite-tabla": "| a | b |\n| - | - |\n" + "| a | b |\n" * 1600 + "\n",
        "limite-entidades": "&amp;" * 4900,
    }
    # Filled up to the size cap with plain words, which cost little each.
    at_limit = {
        name: text + _fill("palabra ", room - len(text.encode("utf-8")))
        for name, text in at_limit.items()
    }
    body |= {f"valido-{name}": text for name, text in at_limit.items()}
    files = {
        f"cuerpo-{name}": BASE.replace("CUERPO", text).encode("utf-8", "surrogatepass")
        for name, text in body.items()
    }
    front = {
        "comentario-yaml-etiqueta": "# <a" + " " * room + "x",
        "comentario-yaml-correos": "# " + _fill("x@y.cl ", room),
        "claves-desconocidas": "".join(f"k{i}: x\n" for i in range(room // 10)),
        "claves-repetidas": _fill("titulo: x\n", room),
        "etiquetas-largas": "etiquetas:\n" + _fill("  - A\n", room),
        "lista-en-linea": "relacionados: [" + _fill("13119-001, ", room) + "]",
        "valor-enorme": "area_responsable: " + _fill("a ", room),
        "comillas-con-escapes": 'area_responsable: "' + _fill("\\x3c", room) + '"',
        "fechas": "actualizado: " + "9" * room,
        "anidamiento-yaml": "x: " + "[" * 1000 + "]" * 1000,
        "comentario-yaml-controles": "# " + "\x0b" * room,
        "comentario-yaml-invisibles": "# " + _fill("\u200b", room),
        "comentario-yaml-etiquetas": "# " + _fill("<b>", room),
        "comentarios-yaml-etiquetas": _fill("# <b>\n", room),
        # Syntax errors on many lines: the front matter is read again after each (issue 12).
        "lineas-rotas": _fill("k: a: b\n", room),
        "lineas-rotas-y-sanas": _fill("k: a: b\nx: 1\n", room),
        "comillas-sin-cerrar": _fill('k: "a\n', room),
        "comillas-tipograficas": "etiquetas:\n" + _fill("  - “a”\n", room),
    }
    files |= {
        f"encabezado-{name}": BASE.replace("# COMENTARIO", text).encode()
        for name, text in front.items()
    }
    # Short shapes are filled up to the cap with plain words at the end of the body.
    return {
        name: (raw + b"\n\n" + _fill("palabra ", MAX_BYTES - len(raw) - 8).encode())[:MAX_BYTES]
        for name, raw in files.items()
    }


def time_file(raw: bytes) -> dict[str, float]:
    """CPU seconds (as in `time_pattern`) to validate one file and, when it validates (the site
    publishes nothing else), to make what the site shows of it."""
    # Similarity imports scikit-learn on first use: imported here, so that the import is not
    # timed as the work of whichever file comes first.
    import sklearn.feature_extraction.text  # noqa: F401

    from catalogo.loading.reader import read_document
    from catalogo.loading.vocabularies import load_vocabularies
    from catalogo.site.render import body_sections
    from catalogo.site.search_index import plain_text
    from catalogo.site.similarity import Document, similar
    from catalogo.validation.per_file import check_bytes

    vocabularies = _vocabularies(load_vocabularies)
    start = time.process_time()
    result = check_bytes("problems/maipu/x.md", "problema", raw, vocabularies)
    validated = time.process_time()
    if any(d.severity == "error" for d in result.diagnostics):
        return {"validar": validated - start, "sitio": 0.0}
    body = read_document(raw).body
    body_sections(body)
    plain_text(body)
    similar([Document("a", "maipu", body), Document("b", "renca", BASE)])
    return {"validar": validated - start, "sitio": time.process_time() - validated}


_cached: list = []


def _vocabularies(load: Callable):
    if not _cached:
        _cached.append(load())
    return _cached[0]


def main() -> int:
    size = 20_000
    patterns = slowest_patterns(size)
    print(
        f"Peor caso de cada uno de los {len(patterns)} patrones, con {size:,} caracteres:".replace(
            ",", "."
        )
    )
    for seconds, where, shape in patterns[:3]:
        print(f"  {seconds:.3f} s  {where}  {shape}")
    timings = {name: time_file(raw) for name, raw in adversarial_files().items()}
    print(f"Peor caso de {len(timings)} archivos hostiles de {MAX_BYTES // 1024} KB:")
    for stage, what in (("validar", "al validar"), ("sitio", "al generar su página")):
        worst = sorted(timings, key=lambda n: timings[n][stage], reverse=True)[:3]
        print(f"  {what}: " + ", ".join(f"{n} {timings[n][stage]:.2f} s" for n in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
