"""Tests that keep the documentation true: every command and rule is documented."""

from __future__ import annotations

import argparse
import json
import re

from catalogo.cli import build_parser
from catalogo.validation.rules import GROUPS, RULES
from conftest import FIXTURES, REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_readme_starts_with_the_two_commands():
    setup = README.index("## Empezar")
    assert (
        README.index("make site", setup)
        < README.index("make test", setup)
        < README.index("## ", setup + 3)
    )


def test_every_command_and_option_is_documented_in_the_readme():
    for name, parser in _subcommands().items():
        assert f"### `catalogo {name}`" in README, name
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"catalogo {name} {option}"


def test_every_rule_has_a_stable_code_title_explanation_and_hint():
    for code, rule in RULES.items():
        assert re.fullmatch(r"CAT\d{3}", code)
        assert rule.group in GROUPS
        assert rule.title and rule.explanation and rule.hint
        assert rule.title[0].isupper() and not rule.title.endswith(".")


def test_rules_command_lists_every_rule():
    rows = json.loads(run_cli("reglas", "--formato", "json").stdout)
    assert [row["codigo"] for row in rows] == list(RULES)
    text = run_cli("reglas").stdout
    assert all(code in text for code in RULES)


def _readme_block(language: str, after: str) -> str:
    """The first ```language block of the README after the text `after`."""
    start = README.index(f"```{language}\n", README.index(after)) + len(language) + 4
    return README[start : README.index("```", start)]


def test_validar_examples_in_readme_are_what_the_command_prints(tmp_path):
    """The README's text and JSON examples of `catalogo validar`, against the command's real
    output on the catalogue the example describes: its one problem with `estado: no`."""
    text_example = _readme_block("text", "### `catalogo validar`")
    json_example = _readme_block("json", "El formato JSON es exactamente")
    shown = json.loads(json_example)["diagnosticos"][0]
    valid = (FIXTURES / "validos" / "problema-completo.md").read_text(encoding="utf-8")
    problem = tmp_path / shown["archivo"]
    problem.parent.mkdir(parents=True)
    problem.write_text(valid.replace("estado: priorizado", "estado: no"), encoding="utf-8")
    text = run_cli("validar", "--raiz", str(tmp_path), "--sin-cache")
    assert (text.returncode, text.stdout) == (1, text_example)
    as_json = run_cli("validar", "--raiz", str(tmp_path), "--sin-cache", "--formato", "json")
    assert (as_json.returncode, as_json.stdout.rstrip("\n")) == (1, json_example.rstrip("\n"))
    # The shape the README states in one line is the output's, keys in their order.
    shape = re.search(r"`(\{\"errores\".*?\}\]\})`", README).group(1)
    document = json.loads(as_json.stdout)
    assert re.findall(r'"(\w+)"', shape) == [*document, *document["diagnosticos"][0]]


def test_framework_guide_explains_every_field_of_the_model():
    from catalogo.model import Problem, Solution
    from catalogo.model.types import nested_model

    guide = (REPO / "docs" / "guias" / "marco.md").read_text(encoding="utf-8")
    team_guide = (REPO / "docs" / "guias" / "trabajar-en-un-problema.md").read_text(
        encoding="utf-8"
    )

    def keys(model):
        for field in model.model_fields.values():
            yield field.alias
            nested = nested_model(field.annotation)
            if nested is not None:
                yield from keys(nested)

    assert [key for key in keys(Problem) if f"`{key}`" not in guide] == []
    assert [key for key in keys(Solution) if f"`{key}`" not in team_guide] == []


def test_guides_link_only_inside_the_site():
    for guide in (REPO / "docs" / "guias").glob("*.md"):
        text = guide.read_text(encoding="utf-8")
        assert re.findall(r"\]\((?:https?:)?//", text) == [], guide.name


def test_readme_describes_every_field_of_programa_yml():
    from catalogo.loading.programme import COHORT_KEYS, TOP_KEYS

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Todas las comunas y la cobertura del programa") :]
    section = section[: section.index("\n## ")]
    assert "`schema/programa.yml`" in section and "`api/cobertura.json`" in section
    for key in (*TOP_KEYS, *COHORT_KEYS):
        assert f"`{key}`" in section, key


def test_the_stylesheets_close_every_block_they_open():
    # A block left open (as a merge once did) silently disables every rule after it.
    for path in sorted((REPO / "docs" / "assets").glob("*.css")):
        depth = 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.name}:{number}"
        assert depth == 0, path.name
