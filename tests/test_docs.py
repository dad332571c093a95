"""Tests that keep the documentation true: every command and rule is documented."""

from __future__ import annotations

import argparse
import json
import re

from catalogo.cli import build_parser
from catalogo.validation.rules import GROUPS, RULES
from conftest import REPO, run_cli

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


def test_json_output_shape_in_readme_matches_the_code():
    assert (
        '{"errores": N, "advertencias": N, "diagnosticos": [{"archivo", "linea", "columna", "codigo", "severidad", "mensaje", "ayuda"}]}'
        in README
    )


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
