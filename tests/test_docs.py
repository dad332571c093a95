"""Tests that keep the documentation true: every command and rule is documented."""

from __future__ import annotations

import argparse
import json
import re
from urllib.parse import urlsplit

import yaml

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


# A guide's links: `](target)` in Markdown, `<https://...>` autolinks, and raw HTML attributes.
_GUIDE_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]*)|<((?:https?:)?//[^>\s]*)>|(?:href|src)=[\"']([^\"']*)"
)
# What would make a reader's browser ask another site for something: the site makes no
# third-party request (a link is followed only when clicked).
_EMBEDDED = re.compile(
    r"!\[|<\s*(?:img|iframe|script|link|object|embed|video|audio|source)\b|src=", re.I
)


def test_guides_link_inside_the_site_or_to_references_over_https():
    """A guide links to its own site by relative address and to the repository with
    `catalogo:` (so that a fork's site leads to the fork); the laws and registers it cites are
    `https://` links, never `http://` nor protocol-relative; and it embeds nothing."""
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    repository = urlsplit(settings["extra"]["repositorio"])
    for guide in sorted((REPO / "docs" / "guias").glob("*.md")):
        text = guide.read_text(encoding="utf-8")
        targets = [next(part for part in match if part) for match in _GUIDE_LINK.findall(text)]
        assert targets, guide.name
        for target in targets:
            parts = urlsplit(target)
            where = f"{guide.name}: {target}"
            if target.startswith("catalogo:"):
                continue
            if parts.scheme or target.startswith("//"):
                assert parts.scheme == "https" and parts.hostname, where
                own = (parts.hostname, parts.path.strip("/").split("/")[:2])
                assert own != (repository.hostname, repository.path.strip("/").split("/")), where
            else:
                assert target.startswith("#") or target.split("#")[0].endswith((".md", "/")), where
        assert _EMBEDDED.findall(text) == [], guide.name


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


# Issue 14 · the guides of the responsible-AI fields ---------------------------------------------


def _guide(name: str) -> str:
    return (REPO / "docs" / "guias" / name).read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """From `heading` to the next heading of the same or a higher level."""
    start = text.index(heading)
    level = heading.split(" ", 1)[0]
    following = re.compile(rf"^#{{1,{len(level)}}} ", re.MULTILINE)
    ends = [match.start() for match in following.finditer(text, start + 1)]
    return text[start : ends[0]] if ends else text[start:]


def _table(text: str) -> list[list[str]]:
    """The rows of the first Markdown table in `text`, its header and rule left out."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(first, len(lines)) if not lines[i].startswith("|")), len(lines))
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[first:end]][
        2:
    ]


def test_the_guide_table_of_each_stage_is_what_the_validator_asks():
    """«Qué pide cada etapa» of the framework guide, against the model's stages and the checks'
    rules: a problem's framing from `priorizado` on, warnings in `propuesto` only, and the
    transparency record from `en-piloto` (from `con-prototipo` when the risk is high)."""
    from catalogo.loading.vocabularies import load_vocabularies
    from catalogo.model.responsible import HIGH_RISK, framing_required, record_required
    from catalogo.validation.checks.responsible import PROPOSED

    rows = _table(_section(_guide("marco.md"), "### Qué pide cada etapa"))
    states = list(load_vocabularies().problem_states)
    assert [row[0] for row in rows] == [f"`{state}`" for state in states]
    for row in rows:
        state = row[0].strip("`")
        framing = "Sí" if framing_required(state) else None
        warned = "Aviso" if state == PROPOSED else "No"
        assert row[1:4] == [framing or "No", framing or warned, framing or warned], state
        record = (
            "Sí"
            if record_required(state, "limitado")
            else f"Si es `{HIGH_RISK}`"
            if record_required(state, HIGH_RISK)
            else "No"
        )
        assert row[4] == record, state


def test_the_team_guide_says_which_solution_states_need_the_record():
    from catalogo.loading.vocabularies import load_vocabularies
    from catalogo.model.responsible import SOLUTION_RECORD_STATES

    rows = _table(_section(_guide("trabajar-en-un-problema.md"), "### La ficha de transparencia"))
    states = list(load_vocabularies().solution_states)
    assert [row[0] for row in rows] == [f"`{state}`" for state in states]
    for state, (_, required) in zip(states, rows, strict=True):
        assert required == ("Obligatoria" if state in SOLUTION_RECORD_STATES else "Opcional")


def test_the_guide_lists_every_sensitive_data_category_and_legal_basis_with_its_norm():
    from catalogo.loading.vocabularies import load_vocabularies

    vocabularies = load_vocabularies()
    section = _section(_guide("marco.md"), "### `proteccion_datos`")
    sensitive = _table(section[section.index("Las categorías de datos sensibles") :])
    assert [(row[0], row[1]) for row in sensitive] == [
        (f"`{slug}`", term.name) for slug, term in vocabularies.sensitive_data.items()
    ]
    bases = _table(section[section.index("Las bases de licitud") :])
    assert [row[0] for row in bases] == [f"`{slug}`" for slug in vocabularies.legal_bases]
    for row, term in zip(bases, vocabularies.legal_bases.values(), strict=True):
        assert row[1] == term.name
        assert term.link.startswith("https://") and f"]({term.link})" in row[3], term.slug


def test_the_guide_explains_every_risk_level_and_decision_role():
    from catalogo.loading.vocabularies import load_vocabularies

    vocabularies = load_vocabularies()
    section = _section(_guide("marco.md"), "### `evaluacion_riesgo`")
    # One heading per level, in the vocabulary's order, each with what it is, municipal
    # examples and what it asks for.
    levels = re.findall(r"^#### `([^`]+)`\n\n((?:- .*\n(?:  .*\n)*)+)", section, re.MULTILINE)
    assert [slug for slug, _ in levels] == list(vocabularies.risk_levels)
    for slug, bullets in levels:
        starts = re.findall(r"^- \*\*([^*]+):\*\*", bullets, re.MULTILINE)
        assert starts == ["Qué es", "Ejemplos en un municipio", "Qué pide"], slug
    for role in vocabularies.decision_roles:
        assert f"`{role}`" in section, role
    for code in ("CAT095", "CAT096"):
        assert code in section


def test_the_guides_say_they_are_not_legal_advice_and_certify_nothing():
    from catalogo.site.render import environment

    template = environment().loader.get_source(environment(), "equivalencias-transparencia.html.j2")
    for text in (_section(_guide("marco.md"), "## IA responsable"), template[0]):
        assert "no es asesoría legal" in text.lower()
        assert "no certifica el cumplimiento" in text


def test_the_readme_points_to_the_responsible_ai_guides():
    section = _section(README, "### Datos personales, riesgo y transparencia algorítmica")
    assert "docs/guias/marco.md#ia-responsable-datos-personales-riesgo-y-transparencia" in section
    assert "guias/equivalencias-transparencia/" in section
    assert "schema/equivalencias-transparencia.yml" in section


def test_the_complete_example_of_the_framework_guide_is_valid(tmp_path):
    """The example a municipal official copies first must pass the validator, new fields and
    all, at the stage it says."""
    text = _guide("marco.md")
    start = text.index("```yaml\n---\n") + len("```yaml\n")
    example = text[start : text.index("```", start)]
    front = yaml.safe_load(example.split("---\n")[1])
    path = tmp_path / "problems" / front["comuna"] / "reclamos-oirs.md"
    path.parent.mkdir(parents=True)
    path.write_text(example, encoding="utf-8")
    result = run_cli("validar", "--raiz", str(tmp_path), "--sin-cache")
    assert result.returncode == 0, result.stdout
    assert front["estado"] != "propuesto"  # an example that shows what a later stage asks
