"""«catalogo revision»: the review that follows the risk a pull request's files declare.

The read-only half reads the changed files of a git repository; the privileged half trusts
nothing of what the first half wrote, so every way a record can be forged is tried here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from catalogo.authoring.review import (
    DECISIONS,
    HIGH_RISK,
    LABELS,
    MAX_FINDINGS,
    MAX_RECORD_BYTES,
    PERSONAL,
    SENSITIVE,
    Finding,
    ReviewError,
    check_record,
    find_changes,
    labels,
    plan,
    record,
    summary,
)
from conftest import run_cli

HEAD = "a" * 40
PROBLEM = "problems/maipu/actas-del-concejo-municipal.md"  # 13119-002, acta-viva's problem
JOIN = "problems/maipu/inasistencia-a-horas-en-cesfam.md"  # joins 13201-001
SOLUTION = "solutions/acta-viva.md"
DECLARED = """\
proteccion_datos:
  datos_sensibles: [salud, ninos-ninas-adolescentes]
  base_legal: funcion-publica
  evaluacion_impacto: false
evaluacion_riesgo:
  nivel: alto
  motivo: Ordena la atención de personas según su riesgo.
  decisiones_sobre_personas: apoya
  supervision_humana: Una enfermera revisa cada lista antes de llamar.
"""


def _git(root: Path, *arguments: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Prueba",
        "GIT_AUTHOR_EMAIL": "prueba@example.org",
        "GIT_COMMITTER_NAME": "Prueba",
        "GIT_COMMITTER_EMAIL": "prueba@example.org",
    }
    return subprocess.run(
        ["git", "-C", str(root), *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout


def _declare(root: Path, path: str, lines: str) -> None:
    """Adds front matter lines at the end of a file's front matter."""
    target = root / path
    _, front, body = target.read_text(encoding="utf-8").split("---\n", 2)
    target.write_text(f"---\n{front}{lines}---\n{body}", encoding="utf-8")


def _undeclare(root: Path, path: str) -> None:
    """Removes a file's own `proteccion_datos` and `evaluacion_riesgo`, so that a test adds
    exactly what it declares."""
    target = root / path
    _, front, body = target.read_text(encoding="utf-8").split("---\n", 2)
    kept, skipping = [], False
    for line in front.splitlines(keepends=True):
        if not line.startswith(" "):
            skipping = line.startswith(("proteccion_datos:", "evaluacion_riesgo:"))
        if not skipping:
            kept.append(line)
    target.write_text(f"---\n{''.join(kept)}---\n{body}", encoding="utf-8")


@pytest.fixture
def repository(catalogue_copy: Path) -> Path:
    _undeclare(catalogue_copy, PROBLEM)
    _git(catalogue_copy, "init", "--quiet", "--initial-branch=main")
    _git(catalogue_copy, "add", "--all")
    _git(catalogue_copy, "commit", "--quiet", "--message", "base")
    return catalogue_copy


def _commit(root: Path) -> None:
    _git(root, "add", "--all")
    _git(root, "commit", "--quiet", "--message", "cambio")


def test_nothing_changed_declares_nothing(repository):
    assert find_changes(repository, "HEAD") == []
    result = run_cli("revision", "--base", "HEAD", "--raiz", str(repository))
    assert result.returncode == 0
    assert "no se agregan etiquetas de revisión" in result.stdout


def test_a_problem_declaring_sensitive_data_high_risk_and_decisions(repository):
    _declare(repository, PROBLEM, DECLARED)
    _commit(repository)
    assert find_changes(repository, "HEAD~1") == [
        Finding(PROBLEM, PERSONAL),  # its sources had personal data already
        Finding(PROBLEM, SENSITIVE, ("salud", "ninos-ninas-adolescentes")),
        Finding(PROBLEM, HIGH_RISK, ("alto",)),
        Finding(PROBLEM, DECISIONS, ("apoya",)),
    ]


def test_an_unchanged_problem_is_not_reviewed_again(repository):
    _declare(repository, PROBLEM, DECLARED)
    _commit(repository)
    (repository / "solutions" / "otra.md").write_text("no es un archivo válido\n")
    _commit(repository)
    assert find_changes(repository, "HEAD~1") == []  # an unreadable file declares nothing


def test_a_solution_and_a_join_carry_their_problems_declarations(repository):
    _declare(repository, PROBLEM, DECLARED)
    _commit(repository)
    # A later pull request only touches the solution of that problem, and a join whose own
    # sources have personal data.
    solution = repository / SOLUTION
    solution.write_text(solution.read_text(encoding="utf-8") + "\nMás texto.\n", "utf-8")
    join = repository / JOIN
    join.write_text(join.read_text(encoding="utf-8") + "\nMás texto.\n", encoding="utf-8")
    _commit(repository)
    found = find_changes(repository, "HEAD~1")
    assert Finding(JOIN, PERSONAL) in found
    assert [f for f in found if f.path == SOLUTION] == [
        Finding(SOLUTION, SENSITIVE, ("salud", "ninos-ninas-adolescentes"), "13119-002"),
        Finding(SOLUTION, HIGH_RISK, ("alto",), "13119-002"),
        Finding(SOLUTION, DECISIONS, ("apoya",), "13119-002"),
    ]
    text = summary(found, _vocabularies(repository), "@municipios-vanguardia/proteccion-de-datos")
    assert "por el problema `13119-002` que atiende" in text
    assert (
        "`revision:riesgo-alto`" in text and "`@municipios-vanguardia/proteccion-de-datos`" in text
    )


def _vocabularies(root: Path):
    from catalogo.loading.vocabularies import load_vocabularies

    return load_vocabularies(root / "schema")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("evaluacion_riesgo:\n  nivel: limitado\n  decisiones_sobre_personas: ninguna\n", []),
        ("evaluacion_riesgo:\n  nivel: inaceptable\n", [HIGH_RISK]),
        ("evaluacion_riesgo: alto\n", []),  # the wrong shape declares nothing; CAT says why
        ("proteccion_datos:\n  datos_sensibles: []\n", []),
        ("proteccion_datos:\n  datos_sensibles: salud\n", []),
        ("evaluacion_riesgo:\n  decisiones_sobre_personas: decide\n", [DECISIONS]),
    ],
)
def test_what_counts_as_a_declaration(repository, lines, expected):
    _declare(repository, PROBLEM, lines)
    _commit(repository)
    found = find_changes(repository, "HEAD~1")
    assert [f.declaration for f in found] == [PERSONAL, *expected]


def test_the_record_round_trips_and_makes_the_plan(repository):
    _declare(repository, PROBLEM, DECLARED)
    _commit(repository)
    registro = repository.parent / "registro" / "revision.json"
    registro.parent.mkdir()
    result = run_cli(
        "revision", "--base", "HEAD~1", "--raiz", str(repository),
        "--pull-request", "42", "--cabeza", HEAD, "--registro", str(registro),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    plan_file = repository.parent / "plan.json"
    checked = run_cli(
        "revision", "--raiz", str(repository), "--comprobar", str(registro),
        "--cabeza", HEAD, "--plan", str(plan_file),
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    # The privileged half says the same as the half that read the files.
    assert checked.stdout == result.stdout
    assert "Salud" in checked.stdout and "`problems/maipu/actas-del-concejo-municipal.md`" in (
        checked.stdout
    )
    made = json.loads(plan_file.read_text(encoding="utf-8"))
    assert made == {
        "pull_request": 42,
        "etiquetas": [
            {
                "nombre": LABELS[key].name,
                "descripcion": LABELS[key].description,
                "color": LABELS[key].color,
            }
            for key in (PERSONAL, SENSITIVE, HIGH_RISK, DECISIONS)
        ],
        "equipo": "proteccion-de-datos",
        "organizacion": "municipios-vanguardia",
    }


def test_personal_data_alone_is_labelled_without_asking_the_team():
    found = [Finding(JOIN, PERSONAL)]
    assert [label.name for label in labels(found)] == ["revision:datos-personales"]
    assert plan(7, found, "@org/equipo")["equipo"] == ""


def test_every_label_fits_github():
    for label in LABELS.values():
        assert label.name.startswith("revision:") and len(label.name) <= 50
        assert len(label.description) <= 100
        assert len(label.color) == 6 and int(label.color, 16) >= 0


def _raw(**changes) -> bytes:
    data = record([Finding(PROBLEM, HIGH_RISK, ("alto",))], 42, HEAD)
    data.update(changes)
    return json.dumps(data).encode()


def _finding(**changes) -> bytes:
    item = {"archivo": PROBLEM, "declaracion": HIGH_RISK, "valores": ["alto"], "problema": None}
    item.update(changes)
    return _raw(hallazgos=[item])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe", "no es JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "no es JSON"),
        (b" " * (MAX_RECORD_BYTES + 1), "supera"),
        (json.dumps([1, 2]).encode(), "claves"),
        (_raw(extra=1), "claves"),
        (_raw(formato=2), "claves"),
        (_raw(pull_request=True), "número"),
        (_raw(pull_request=-3), "número"),
        (_raw(pull_request="42"), "número"),
        (_raw(pull_request=4.2e1), "número"),
        (_raw(cabeza="b" * 40), "otro commit"),
        (_raw(cabeza="$(curl evil)"), "no es un commit"),
        (_raw(hallazgos={"a": 1}), "lista"),
        (_raw(omitidos=-1), "omitidos"),
        (_raw(omitidos="3"), "omitidos"),
        (_raw(hallazgos=[{}] * 3000), "lista"),
        (_finding(archivo="problems/../../.github/workflows/x.md"), "no nombra un archivo"),
        (_finding(archivo="problems/maipu/`x`.md"), "no nombra un archivo"),
        (_finding(archivo="README.md"), "no nombra un archivo"),
        (_finding(declaracion="revision:admin"), "declaraciones"),
        (_finding(valores=["alto](https://evil.example)"]), "valores"),
        (_finding(valores=["@org/team"]), "valores"),
        (_finding(valores="alto"), "valores"),
        (_finding(valores=["a" * 61]), "valores"),
        (_finding(problema="13119-002 @todos"), "problema"),
        (_finding(extra="x"), "claves"),
    ],
)
def test_a_forged_record_is_refused(raw, message):
    with pytest.raises(ReviewError, match=message) as error:
        check_record(raw, HEAD)
    assert str(error.value).startswith("No se usó el registro de la revisión:")


def test_a_forged_record_fails_the_command_in_spanish(tmp_path, catalogue_copy):
    forged = tmp_path / "revision.json"
    forged.write_bytes(_finding(declaracion="revision:admin"))
    result = run_cli(
        "revision", "--raiz", str(catalogue_copy), "--comprobar", str(forged), "--cabeza", HEAD
    )
    assert result.returncode == 1
    assert "catalogo: error: No se usó el registro" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_record_that_is_a_symlink_is_not_followed(tmp_path, catalogue_copy):
    secret = tmp_path / "secreto.json"
    secret.write_bytes(_raw())
    link = tmp_path / "revision.json"
    link.symlink_to(secret)
    result = run_cli(
        "revision", "--raiz", str(catalogue_copy), "--comprobar", str(link), "--cabeza", HEAD
    )
    assert result.returncode == 1 and "no se pudo leer el registro" in result.stderr


def test_the_record_needs_its_pull_request(catalogue_copy):
    result = run_cli(
        "revision", "--raiz", str(catalogue_copy), "--registro", "x.json", "--base", "HEAD"
    )
    assert result.returncode == 2 and "--pull-request y --cabeza" in result.stderr


def test_the_summary_quotes_no_markup(vocabularies):
    # Slugs unknown to this branch's vocabularies are shown as code, never as Markdown.
    found = [
        Finding(PROBLEM, SENSITIVE, ("salud-mental",)),
        Finding(SOLUTION, HIGH_RISK, ("alto",), "13119-002"),
    ]
    text = summary(found, vocabularies, None)
    assert "`salud-mental`" in text
    assert "no nombra un equipo de protección de datos" in text


def test_the_contributing_guide_lists_every_label_and_who_reviews():
    from conftest import REPO

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Revisión según el riesgo", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(revision:[a-z-]+)` \|.*\| (.+) \|$", section, re.MULTILINE)
    assert [name for name, _ in rows] == [label.name for label in LABELS.values()]
    for (_, who), label in zip(rows, LABELS.values(), strict=True):
        assert ("protección de datos" in who and "además" in who) == label.team
    assert "no reemplazan las revisiones de privacidad" in section
    # The secret the README tells maintainers to define is the one the workflow reads.
    workflow = (REPO / ".github" / "workflows" / "pedir-revision.yml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "secrets.TOKEN_REVISION_EQUIPOS" in workflow and "`TOKEN_REVISION_EQUIPOS`" in readme


def test_a_huge_pull_request_keeps_every_label_and_says_how_many_were_left_out(vocabularies):
    many = [Finding(f"problems/maipu/p{n}.md", PERSONAL) for n in range(MAX_FINDINGS + 500)]
    found = [*many, Finding("problems/maipu/ultimo.md", HIGH_RISK, ("alto",))]
    data = record(found, 3, HEAD)
    assert len(data["hallazgos"]) == MAX_FINDINGS and data["omitidos"] == 501
    number, findings, left_out = check_record(json.dumps(data).encode(), HEAD)
    assert (number, left_out) == (3, 501)
    assert [label.name for label in labels(findings)] == [
        "revision:datos-personales",
        "revision:riesgo-alto",
    ]
    assert "y 501 declaraciones más" in summary(findings, vocabularies, None, left_out)


def test_broken_changed_files_declare_nothing_and_stop_nothing(repository):
    """What the validator refuses (a symlink, a file too large, broken or deeply nested YAML,
    bytes that are not text) is its to explain: the review reads on, and finds the rest."""
    problems = repository / "problems" / "maipu"
    (problems / "enlace.md").symlink_to(repository / PROBLEM)
    (problems / "enorme.md").write_text("---\nid: x\n---\n" + "a" * 3_000_000)
    (problems / "roto.md").write_text("---\nevaluacion_riesgo: [\n---\n")
    (problems / "profundo.md").write_text("---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n")
    (problems / "binario.md").write_bytes(b"\xff\xfe\x00" * 1000)
    _declare(repository, PROBLEM, "evaluacion_riesgo:\n  nivel: alto\n")
    _commit(repository)
    assert [(f.path, f.declaration) for f in find_changes(repository, "HEAD~1")] == [
        (PROBLEM, PERSONAL),
        (PROBLEM, HIGH_RISK),
    ]


def test_a_base_that_is_not_a_ref_is_said_in_spanish(repository):
    for base in ("--output=/tmp/x", "no-existe"):
        result = run_cli("revision", f"--base={base}", "--raiz", str(repository))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"«{base}» no es" in result.stderr or f"comparar con «{base}»" in result.stderr
