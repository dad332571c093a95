"""Fixtures made from bytes: encodings, BOMs, NUL bytes and sizes that an editor would mangle
if they were committed as text files. Their expectations live in fixtures/esperado.yml."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

BASE = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")


def _with_nul() -> bytes:
    heading = "## Descripción del problema\n"
    return BASE.replace(heading, heading + "\x00", 1).encode()


def _with_control_character() -> bytes:
    return BASE.replace("La OIRS recibe miles", "La OIRS\x0b recibe miles", 1).encode()


def _replaced(old: str, new: str) -> bytes:
    assert old in BASE
    return BASE.replace(old, new, 1).encode()


_TITLE = "titulo: Derivación de reclamos que llegan a la OIRS"
_BODY = "Dos funcionarias leen cada reclamo;"

FILES: dict[str, bytes] = {
    "codificacion_latin1": BASE.encode("latin-1"),
    "codificacion_utf16": BASE.encode("utf-16"),
    "bom_inicio": b"\xef\xbb\xbf" + BASE.encode(),
    "nul_binario": _with_nul(),
    "tamano_excesivo": (BASE + "Texto de relleno. " * 12_000).encode(),
    "yaml_caracter-de-control": _with_control_character(),
    "finales-de-linea_windows": BASE.replace("\n", "\r\n").encode(),
    "finales-de-linea_mac-antiguo": BASE.replace("\n", "\r").encode(),
    "finales-de-linea_windows-con-error": BASE.replace("estado: priorizado", "estado: no")
    .replace("\n", "\r\n")
    .encode(),
    # Invisible characters: written in the file, as YAML escapes and as HTML entities.
    "invisible_espacio-de-ancho-cero": _replaced(_TITLE, _TITLE.replace(" de ", " de\u200b ")),
    "invisible_escape-yaml": _replaced(
        _TITLE, 'titulo: "Derivación de reclamos \\e[2J que llegan"'
    ),
    "invisible_nul-escapado": _replaced(_TITLE, 'titulo: "Derivación de reclamos\\0 que llegan"'),
    "invisible_inversion-en-el-cuerpo": _replaced(
        _BODY, "Dos funcionarias \u202eleen cada reclamo;"
    ),
    "invisible_entidad": _replaced(_BODY, "Dos funcionarias&#8203; leen cada reclamo;"),
    "invisible_separador-de-linea": _replaced(_BODY, "Dos funcionarias\u2028leen cada reclamo;"),
    # Bodies beyond what the site can render quickly: thousands of lines, or of marks.
    "cuerpo_demasiadas-lineas": (BASE + "Una línea más.\n" * 2_100).encode(),
    "cuerpo_demasiadas-marcas": (BASE + "\n" + "\\[" * 3_000 + "\n").encode(),
    "invisible_relleno-coreano": _replaced(_TITLE, "titulo: " + "\u3164" * 12),
    "invisible_solo-invisibles": _replaced(
        _TITLE, 'titulo: "\\u200b\\u200b\\u200b\\u200b\\u200b\\u200b\\u200b\\u200b\\u200b\\u200b"'
    ),
}


def _symlinked_catalogue(root: Path) -> None:
    folder = root / "problems" / "maipu"
    folder.mkdir(parents=True)
    (folder / "reclamos.md").write_text(BASE, encoding="utf-8")
    # A link could publish any file of the machine that builds the site: never followed.
    (folder / "enlace.md").symlink_to("/etc/passwd")


def _linked_folder(name: str):
    def make(root: Path) -> None:
        (root / "problems" / "maipu").mkdir(parents=True)
        (root / "problems" / "maipu" / "reclamos.md").write_text(BASE, encoding="utf-8")
        (root / "elsewhere").mkdir()
        # A folder committed as a link: the tools would write, or the site publish, through it.
        (root / name).symlink_to(root / "elsewhere", target_is_directory=True)

    return make


CATALOGUES = {
    "catalogo_enlace-simbolico": _symlinked_catalogue,
    "carpeta_docs-enlazada": _linked_folder("docs"),
    "carpeta_build-enlazada": _linked_folder("build"),
    "carpeta_soluciones-enlazada": _linked_folder("solutions"),
}
