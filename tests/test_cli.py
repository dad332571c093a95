"""`catalogo validar` as a user runs it: formats, exit codes, file selection, no writes."""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from catalogo import argparse_es, cli
from conftest import FIXTURES, run_cli, run_cli_process

VALID = FIXTURES / "validos" / "problema-completo.md"
TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|advertencia) (?P<code>CAT\d{3}): .+$"
)


def _catalogue(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (root / "problems").mkdir(exist_ok=True)
    return root


@pytest.fixture
def broken(tmp_path):
    valid = VALID.read_text(encoding="utf-8")
    return _catalogue(
        tmp_path,
        {
            "problems/maipu/reclamos.md": valid,
            "problems/maipu/estado.md": valid.replace('"13119-001"', '"13119-002"').replace(
                "estado: priorizado", "estado: no"
            ),
            "problems/maipu/vacia.md": valid.replace('"13119-001"', '"13119-003"').replace(
                "Dos funcionarias leen cada reclamo; la derivación tarda hasta cuatro días hábiles.\n",
                "",
            ),
            "problems/renca/latin1.md": valid.replace("maipu", "renca")
            .replace("13119", "13128")
            .encode("latin-1"),
        },
    )


def test_text_format_points_at_file_line_column_with_hint(broken):
    # As a separate process: a broken file is a finding and an exit code, never a traceback.
    result = run_cli_process("validar", "--raiz", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings = [line for line in lines if TEXT_LINE.match(line)]
    assert any(
        line.startswith(
            "problems/maipu/estado.md:8:9: error CAT033: «Estado»: «no» no es un estado permitido."
        )
        for line in findings
    )
    assert any(
        line.startswith("problems/renca/latin1.md:3:") and "CAT001" in line for line in findings
    )
    assert any(
        line.startswith("problems/maipu/vacia.md:") and " advertencia CAT064: " in line
        for line in findings
    )
    # Each finding is followed by its hint, indented.
    for index, line in enumerate(lines):
        if TEXT_LINE.match(line):
            assert lines[index + 1].startswith("    ayuda: ")
    assert lines[-1] == "4 archivos revisados: 2 errores y 1 advertencia."
    assert "Traceback" not in result.stdout + result.stderr


def test_github_format_annotations(broken):
    result = run_cli("validar", "--raiz", str(broken), "--formato", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 3
    assert any(
        line.startswith(
            "::error file=problems/maipu/estado.md,line=8,col=9,title=CAT033::«Estado»: «no»"
        )
        for line in annotations
    )
    assert any(line.startswith("::warning file=problems/maipu/vacia.md,") for line in annotations)
    # The hint travels inside the same annotation, on its own line.
    assert all("%0AAyuda: " in line for line in annotations)


def test_json_format_has_exactly_the_documented_shape(broken):
    result = run_cli("validar", "--raiz", str(broken), "--formato", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert list(document) == ["errores", "advertencias", "diagnosticos"]
    assert (document["errores"], document["advertencias"]) == (2, 1)
    keys = ["archivo", "linea", "columna", "codigo", "severidad", "mensaje", "ayuda"]
    assert all(list(item) == keys for item in document["diagnosticos"])
    assert {item["severidad"] for item in document["diagnosticos"]} == {"error", "advertencia"}
    assert all(not Path(item["archivo"]).is_absolute() for item in document["diagnosticos"])


def test_clean_catalogue_and_warnings_only_exit_zero(tmp_path):
    valid = VALID.read_text(encoding="utf-8")
    clean = _catalogue(tmp_path / "limpio", {"problems/maipu/reclamos.md": valid})
    result = run_cli("validar", "--raiz", str(clean))
    assert (result.returncode, result.stdout) == (
        0,
        "Todo en orden: 1 archivo revisado, sin errores.\n",
    )
    warned = _catalogue(
        tmp_path / "advertencias",
        {
            "problems/maipu/reclamos.md": valid.replace("Texto.", "").replace(
                "Dos funcionarias leen cada reclamo; la derivación tarda hasta cuatro días hábiles.\n",
                "",
            )
        },
    )
    result = run_cli("validar", "--raiz", str(warned))
    assert result.returncode == 0
    assert "advertencia CAT064" in result.stdout


def test_selected_files_are_still_checked_against_the_whole_catalogue(tmp_path):
    valid = VALID.read_text(encoding="utf-8")
    root = _catalogue(
        tmp_path,
        {
            "problems/maipu/a.md": valid,
            "problems/maipu/b.md": valid.replace(
                "estado: priorizado", "estado: no"
            ),  # same id as a.md
        },
    )
    result = run_cli("validar", "problems/maipu/b.md", "--formato", "json", cwd=root)
    codes = [(d["archivo"], d["codigo"]) for d in json.loads(result.stdout)["diagnosticos"]]
    # b.md's own error and the duplicate id (detected against a.md), nothing about a.md.
    assert sorted(codes) == [("problems/maipu/b.md", "CAT033"), ("problems/maipu/b.md", "CAT080")]
    result = run_cli("validar", "problems/maipu/a.md", cwd=root)
    assert result.returncode == 0


def test_usage_errors_exit_two_in_spanish(tmp_path):
    # The exit code as the shell sees it, from a separate process.
    result = run_cli_process("validar", "--formato", "xml")
    assert result.returncode == 2
    assert "opción no válida" in result.stderr and "usage" not in result.stderr
    result = run_cli("validar", "problems/no-existe/x.md")
    assert result.returncode == 2 and "No existe el archivo" in result.stderr
    result = run_cli("validar", "--raiz", str(tmp_path))
    assert result.returncode == 2 and "no contiene la carpeta problems/" in result.stderr
    result = run_cli("validar", "mkdocs.yml")
    assert result.returncode == 2 and "no es un archivo del catálogo" in result.stderr
    result = run_cli()
    assert result.returncode == 2 and "uso: catalogo" in result.stdout
    assert all("Traceback" not in text for text in (result.stdout, result.stderr))


def test_help_is_in_spanish():
    for arguments in (
        ["--help"],
        ["validar", "--help"],
        ["esquema", "--help"],
        ["reglas", "--help"],
    ):
        # `python -m catalogo --help` as a user types it; the rest in this process.
        runner = run_cli_process if arguments == ["--help"] else run_cli
        result = runner(*arguments)
        assert result.returncode == 0
        assert result.stdout.startswith("uso: catalogo")
        for english in ("usage:", "show this help", "options:", "positional arguments"):
            assert english not in result.stdout


def _tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    return {
        str(path.relative_to(root)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_validation_never_writes_to_the_catalogue(broken):
    before = _tree_digest(broken)
    for output in ("texto", "github", "json"):
        run_cli("validar", "--raiz", str(broken), "--formato", output)
    assert _tree_digest(broken) == before


def test_internal_error_is_a_spanish_message_not_a_traceback(monkeypatch, capsys, tmp_path):
    (tmp_path / "problems").mkdir()

    def explode(*_args, **_kwargs):
        raise RuntimeError("falla simulada")

    monkeypatch.setattr("catalogo.validation.run.validate_catalogue", explode)
    assert cli.main(["validar", "--raiz", str(tmp_path)]) == cli.EXIT_INTERNAL
    captured = capsys.readouterr()
    assert "error interno inesperado" in captured.err and "Traceback" not in captured.err


def test_a_failing_check_becomes_a_diagnostic_and_the_run_goes_on(
    monkeypatch, tmp_path, vocabularies
):
    from catalogo.validation import per_file as file_checks
    from catalogo.validation import run as validate

    def explode(ctx):
        raise ValueError("falla simulada")

    monkeypatch.setattr(file_checks, "check_body", explode)
    valid = VALID.read_text(encoding="utf-8")
    root = _catalogue(
        tmp_path,
        {
            "problems/maipu/a.md": valid,
            "problems/maipu/b.md": valid.replace("13119-001", "13119-002"),
        },
    )
    report = validate.validate_catalogue(root, vocabularies)
    assert [(d.file, d.code) for d in report.diagnostics] == [
        ("problems/maipu/a.md", "CAT099"),
        ("problems/maipu/b.md", "CAT099"),
    ]


def test_parallel_and_serial_runs_agree(tmp_path, vocabularies, monkeypatch):
    from devtools.synthetic import write_catalogue

    from catalogo.core import parallel
    from catalogo.validation import run as validate

    write_catalogue(tmp_path, vocabularies, 450)
    shutil.copy(
        FIXTURES / "invalidos" / "problemas" / "estado_no.md",
        tmp_path / "problems" / "maipu" / "x.md",
    )
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10)
    in_processes = validate.validate_catalogue(tmp_path, vocabularies)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10**9)
    serial = validate.validate_catalogue(tmp_path, vocabularies)
    assert in_processes.diagnostics == serial.diagnostics
    # x.md reuses maipu's first id: its own error plus the duplicate, and nothing else.
    assert sorted(d.code for d in serial.diagnostics) == ["CAT033", "CAT080"]


def test_summary_format_is_a_markdown_table_of_what_to_fix():
    fixture = FIXTURES / "invalidos" / "catalogos"
    root = sorted(path for path in fixture.iterdir() if path.is_dir())[0]
    json_result = run_cli("validar", "--raiz", str(root), "--formato", "json")
    findings = json.loads(json_result.stdout)["diagnosticos"]
    result = run_cli("validar", "--raiz", str(root), "--formato", "resumen")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "## Revisión del catálogo"
    assert "| Archivo | Línea | Mensaje | Cómo corregir |" in lines
    rows = [line for line in lines if line.startswith("| `")]
    assert len(rows) == len(findings) >= 1
    for row, finding in zip(rows, findings, strict=True):
        assert finding["codigo"] in row and f"| {finding['linea']} |" in row
        assert row.count(" | ") == 3  # no `|` inside a cell splits the row


@pytest.mark.parametrize("address", ["nope", "127.0.0.1:99999", ":80", "127.0.0.1:80;rm", "h:８０"])
def test_a_wrong_preview_address_is_a_spanish_usage_error(address):
    result = run_cli("sitio", "--vigilar", "--direccion", address)
    assert result.returncode == 2
    assert "no es una dirección HOST:PUERTO" in result.stderr and "Traceback" not in result.stderr


# Issue 12 · The CLI ----

# English a user could meet in argparse's help and errors (whole words: Spanish «argumento»
# and «opciones» are not «argument» and «options»).
_ENGLISH = re.compile(
    r"\b(?:usage|show|help message|version number|exit|options|optional arguments|"
    r"positional arguments|arguments?|default|required|invalid|choose from|expected|"
    r"unrecognized|not allowed|ambiguous|could match|ignored|explicit|deprecated|warning)\b",
    re.IGNORECASE,
)
# argparse's messages about how a program made its parser, never about how it was called.
_DEVELOPER_ONLY = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
}


def _commands() -> list[str]:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(commands.choices)


def test_every_commands_help_is_spanish():
    commands = _commands()
    assert {"validar", "nuevo", "desde-issue", "sitio"} <= set(commands)
    for arguments in [["--help"], *([command, "--help"] for command in commands)]:
        result = run_cli(*arguments)
        assert result.returncode == 0 and result.stdout.startswith("uso: catalogo")
        assert not _ENGLISH.search(result.stdout), (arguments, _ENGLISH.search(result.stdout))
    assert "--version     muestra la versión y termina" in run_cli("--help").stdout
    assert run_cli("--version").stdout.startswith("catalogo ")


@pytest.mark.parametrize(
    "arguments",
    [
        ["no-existe"], ["validar", "--formato", "x"], ["esquema", "--verificar=1"], ["kit"],
        ["validar", "--nada"], ["sitio", "--direccion"], ["sitio", "--direccion", "x"],
        ["sitio", "--s"], ["reglas", "sobra"],
    ],
    ids=[
        "comando", "opcion-no-valida", "valor-de-mas", "falta-argumento", "opcion-desconocida",
        "falta-valor", "valor-invalido", "opcion-ambigua", "argumento-de-mas",
    ],
)  # fmt: skip
def test_usage_errors_are_spanish(arguments):
    result = run_cli(*arguments)
    assert result.returncode == 2 and result.stderr.startswith("uso: catalogo")
    assert "error:" in result.stderr
    assert not _ENGLISH.search(result.stderr), _ENGLISH.search(result.stderr)


def test_every_argparse_message_a_user_can_see_is_translated():
    """Read from the installed argparse, so a Python with new messages fails here first."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    messages = {
        argument.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"_", "ngettext"}
        for argument in node.args
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
    }
    assert "usage: " in messages and "expected %s arguments" in messages  # the reading works
    untranslated = messages - _DEVELOPER_ONLY - set(argparse_es._SPANISH)
    assert not untranslated
    spanish = set(argparse_es._SPANISH.values())
    assert not any(_ENGLISH.search(text.replace("%(prog)s: error", "")) for text in spanish)
