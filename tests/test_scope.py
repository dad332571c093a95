"""Sites of one comuna, one region or one theme (`catalogo sitio --comuna|--region|--tema`):
each is built once from the example catalogue, searchable, and checked for what it says of its
scope: title, home, Explorar, the listings, the open data and the link to the national site."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from catalogo.loading.catalogue import load_catalogue
from catalogo.site.scope import ScopeError, resolve_scope
from conftest import REPO, run_cli
from site_build import build

# One worker builds the three sites once and runs every test that reads them.
pytestmark = pytest.mark.xdist_group("alcance")

NATIONAL = "https://municipios-vanguardia.github.io/catalogo/"
SCOPES = {
    "comuna": ("--comuna", "Renca", "Problemas de Renca"),
    "region": ("--region", "05", "Problemas de la Región de Valparaíso"),
    "tema": ("--tema", "SALUD", "Problemas de Salud"),
}


@pytest.fixture(scope="module")
def catalogue(vocabularies):
    return load_catalogue(REPO, vocabularies)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return {
        kind: build(REPO, tmp_path_factory.mktemp(f"alcance-{kind}"), option, value)
        for kind, (option, value, _) in SCOPES.items()
    }


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _json(path: Path) -> dict:
    return json.loads(_text(path))


def _in_scope(kind: str, entry) -> bool:
    return {
        "comuna": entry.problem.comuna == "renca",
        "region": entry.comuna.region_cut == "05",
        "tema": "salud" in entry.problem.themes,
    }[kind]


def _captions(html: str) -> list[str]:
    return re.findall(r"<figcaption[^>]*>([^<]*)</figcaption>", html)


def _bars(html: str, chart: str) -> list[str]:
    figure = html.split(f'id="{chart}"', 1)[1].split("</figure>", 1)[0]
    return [
        unescape(label) for label in re.findall(r'class="grafico-etiqueta"[^>]*>([^<]*)<', figure)
    ]


@pytest.mark.parametrize("kind", SCOPES)
def test_every_page_is_named_after_the_scope_and_links_to_the_national_catalogue(sites, kind):
    site, title = sites[kind], SCOPES[kind][2]
    pages = [
        site / "index.html",
        site / "explorar" / "index.html",
        *site.glob("problemas/*/*/index.html"),
    ]
    assert len(pages) > 2
    for page in pages:
        html = _text(page)
        assert re.search(rf"<title>[^<]* - {re.escape(title)}</title>", html), page
        assert f'<a href="{NATIONAL}">Ver el catálogo nacional</a>' in html, page
        assert "Este sitio muestra solo los problemas" in html
        assert f'title="{title}: problemas recientes (Atom)"' in html
    home = _text(site / "index.html")
    assert f">{title}</h1>" in home or f">{title}<a" in home
    assert _text(site / "llms.txt").startswith(f"# {title}\n\nEste sitio reúne solo ")
    assert f"{title}: problemas recientes" in _json(site / "api" / "novedades.json")["title"]
    assert f"<title>{title}: problemas recientes</title>" in _text(site / "api" / "novedades.xml")
    assert "Este sitio es «" + title + "»" in _text(site / "datos-abiertos" / "index.html")


@pytest.mark.parametrize("kind", SCOPES)
def test_open_data_holds_the_scope_and_says_so(sites, catalogue, kind):
    site = sites[kind]
    expected = [e.problem.problem_id for e in catalogue.problems if _in_scope(kind, e)]
    document = _json(site / "api" / "problemas.json")
    assert [p["id"] for p in document["problemas"]] == expected and document["total"] == len(
        expected
    )
    scope = {
        "comuna": {"tipo": "comuna", "clave": "renca", "nombre": "Renca"},
        "region": {"tipo": "region", "clave": "valparaiso", "nombre": "Región de Valparaíso"},
        "tema": {"tipo": "tema", "clave": "salud", "nombre": "Salud"},
    }[kind]
    for name in ("problemas.json", "soluciones.json", "comunas.json"):
        assert _json(site / "api" / name)["alcance"] == scope, name
    assert _json(site / "api" / "novedades.json")["_catalogo"]["alcance"] == scope
    solutions = _json(site / "api" / "soluciones.json")["soluciones"]
    assert all(set(s["problemas"]) & set(expected) for s in solutions)
    comunas = _json(site / "api" / "comunas.json")["comunas"]
    expected_comunas = {"comuna": 1, "region": 38, "tema": 346}[kind]
    assert len(comunas) == expected_comunas
    assert sum(c["problemas"] for c in comunas) == len(expected)
    # Every page of a problem, and only those, is built and indexed for search.
    built = sorted(
        p.parent.name
        for p in site.glob("problemas/*/*/index.html")
        if p.parent.parent.name != "transparencia"  # the records, at a problem page's depth
    )
    assert built == sorted(e.slug for e in catalogue.problems if _in_scope(kind, e))
    entry = _json(site / "pagefind" / "pagefind-entry.json")
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(expected)


def test_comuna_site_home_shows_no_country_wide_figures(sites):
    html = _text(sites["comuna"] / "index.html")
    assert "Problemas por región" not in _captions(html)
    assert "Problemas por comuna" not in _captions(html)
    assert "Problemas por tema" in _captions(html)
    assert 'cifra-nombre">comunas<' not in html
    # The themes chart offers only the themes of Renca's problems, each with its page.
    themes = _bars(html, "grafico-temas")
    assert themes and len(themes) < 10
    assert sorted(p.name for p in (sites["comuna"] / "problemas").iterdir()) == ["renca"]
    # One region, the comuna's; its index says where the others are.
    assert [p.name for p in (sites["comuna"] / "regiones").iterdir() if p.is_dir()] == [
        "metropolitana-de-santiago"
    ]
    assert "catálogo nacional" in _text(sites["comuna"] / "regiones" / "index.html")


def test_region_site_home_charts_its_comunas(sites, catalogue):
    html = _text(sites["region"] / "index.html")
    assert "Problemas por región" not in _captions(html)
    comunas = _bars(html, "grafico-comunas")
    assert comunas == sorted(
        {e.comuna.name for e in catalogue.problems if e.comuna.region_cut == "05"}
    )
    assert "Problemas de la Región de Valparaíso</h1>" in html or "Valparaíso<a" in html
    listing = _text(sites["region"] / "comunas" / "index.html")
    assert "de 38, de la Región de Valparaíso." in unescape(listing)
    assert [p.name for p in (sites["region"] / "regiones").iterdir() if p.is_dir()] == [
        "valparaiso"
    ]


def test_theme_site_keeps_every_region_and_drops_its_own_theme_chart(sites, catalogue):
    html = _text(sites["tema"] / "index.html")
    assert "Problemas por tema" not in _captions(html)
    assert len(_bars(html, "grafico-regiones")) == 16
    regions = _text(sites["tema"] / "regiones" / "index.html")
    assert "Las 16 regiones de Chile y los problemas de Salud" in regions
    themes = {p.name for p in (sites["tema"] / "temas").iterdir() if p.is_dir()}
    present = {t for e in catalogue.problems if _in_scope("tema", e) for t in e.problem.themes}
    assert themes == present and "salud" in themes


@pytest.mark.parametrize("kind", SCOPES)
def test_explorar_offers_only_the_values_present(sites, catalogue, kind):
    index = _json(sites[kind] / "api" / "explorar.json")
    entries = [e for e in catalogue.problems if _in_scope(kind, e)]
    assert index["valores"]["comuna"] == sorted(
        {e.comuna.name for e in entries}, key=lambda n: n.lower()
    )
    assert set(index["valores"]["region"]) == {e.comuna.region for e in entries}
    assert len(index["problemas"]) == len(entries)
    html = unescape(_text(sites[kind] / "explorar" / "index.html"))
    for name in index["valores"]["comuna"]:
        assert name in html


def test_the_national_site_records_its_scope_and_shows_no_notice(site):
    assert _json(site / "api" / "problemas.json")["alcance"] == {"tipo": "nacional"}
    assert "Ver el catálogo nacional" not in _text(site / "index.html")
    assert "Problemas por región" in _captions(_text(site / "index.html"))


@pytest.mark.parametrize(
    ("kind", "value", "slug", "name"),
    [
        ("comuna", "MAIPÚ", "maipu", "Maipú"),
        ("comuna", "puerto varas", "puerto-varas", "Puerto Varas"),
        ("region", "Valparaíso", "valparaiso", "Región de Valparaíso"),
        ("region", "region de valparaiso", "valparaiso", "Región de Valparaíso"),
        ("region", "5", "valparaiso", "Región de Valparaíso"),
        ("region", "V", "valparaiso", "Región de Valparaíso"),
        ("region", "13", "metropolitana-de-santiago", "Región Metropolitana de Santiago"),
        (
            "region",
            "ohiggins",
            "libertador-general-bernardo-o-higgins",
            "Región del Libertador General Bernardo O'Higgins",
        ),
        ("region", "Biobío", "biobio", "Región del Biobío"),
        ("tema", "salud", "salud", "Salud"),
    ],
)
def test_scope_names_are_read_like_comunas(vocabularies, kind, value, slug, name):
    scope = resolve_scope(kind, value, vocabularies)
    assert (scope.kind, scope.slug, scope.name) == (kind, slug, name)


def test_scope_answers_what_it_includes(vocabularies):
    region = resolve_scope("region", "valparaiso", vocabularies)
    assert region.includes_comuna("zapallar") and not region.includes_comuna("maipu")
    assert [r.name for r in region.regions(vocabularies)] == ["Valparaíso"]
    assert len(region.comunas_of(vocabularies)) == 38
    comuna = resolve_scope("comuna", "maipu", vocabularies)
    assert comuna.includes_comuna(vocabularies.comunas["maipu"])
    assert [r.cut for r in comuna.regions(vocabularies)] == ["13"]
    theme = resolve_scope("tema", "salud", vocabularies)
    assert theme.includes_comuna("maipu") and len(theme.regions(vocabularies)) == 16


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--comuna", "nunoaa"], "«nunoaa» no es una comuna del registro. ¿Quiso decir «nunoa»?"),
        (["--region", "valparaizo"], "no es una región de Chile. ¿Quiso decir «valparaiso»?"),
        (["--region", "17"], "«17» no es una región de Chile."),
        (["--tema", "salu"], "«salu» no es un tema del catálogo. ¿Quiso decir «salud»?"),
        (["--tema", ""], "«» no es un tema del catálogo."),
        (["--comuna", "maipu", "--tema", "salud"], "no se permite junto con --comuna"),
        (["--region", "05", "--region"], "se esperaba un valor"),
    ],
)
def test_a_wrong_scope_is_a_spanish_usage_error(tmp_path, arguments, message):
    result = run_cli("sitio", "--salida", str(tmp_path / "build"), *arguments)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize(
    ("option", "value", "whose"),
    [
        ("--comuna", "Ñuñoa", "la comuna de Ñuñoa"),
        ("--region", "ohiggins", "las comunas de la Región del Libertador General Bernardo"),
    ],
)
def test_a_scope_without_problems_is_refused_and_the_last_build_kept(
    tmp_path, option, value, whose
):
    out = tmp_path / "build"
    assert run_cli("sitio", "--salida", str(out), "--comuna", "renca").returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = run_cli("sitio", "--salida", str(out), option, value)
    assert result.returncode == 1, result.stderr
    assert f"El catálogo aún no tiene problemas de {whose}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_scope_error_is_raised_for_an_unknown_kind(vocabularies):
    with pytest.raises(ScopeError, match="no es un alcance"):
        resolve_scope("provincia", "Santiago", vocabularies)


def _readme_section(title: str) -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(title)
    return readme[start : readme.index("\n## ", start)]


def test_readme_commands_for_a_scoped_site_exist_and_resolve(vocabularies):
    """Each `make site X=...` and `catalogo sitio ...` line the README gives a municipality or
    a ministry: the Makefile takes the variable, and the command's options parse and name a
    real comuna, region or theme."""
    import shlex

    from catalogo.cli import build_parser

    section = _readme_section("## El sitio de un municipio o un ministerio")
    block = section[
        section.index("```sh\n") + 6 : section.index("```", section.index("```sh\n") + 6)
    ]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in block.splitlines()]
    seen = set()
    for line in [line for line in lines if line]:
        words = shlex.split(line)
        if words[:2] == ["make", "site"]:
            for assignment in words[2:]:
                variable, value = assignment.split("=", 1)
                assert re.search(rf'\$\$\{{{variable}:\+--\w+ "\$\${variable}"\}}', makefile)
                kind = {"COMUNA": "comuna", "REGION": "region", "TEMA": "tema"}[variable]
                resolve_scope(kind, value, vocabularies)
                seen.add(kind)
        elif words[:2] == ["catalogo", "sitio"]:
            arguments = build_parser().parse_args(words[1:])
            for kind in ("comuna", "region", "tema"):
                if getattr(arguments, kind):
                    resolve_scope(kind, getattr(arguments, kind), vocabularies)
                    seen.add(kind)
        else:
            assert words[:2] == ["mkdocs", "build"], line
    assert seen == {"comuna", "region", "tema"}


def test_readme_and_the_workflow_agree_on_the_variables_and_inputs():
    import yaml

    section = _readme_section("## El sitio de un municipio o un ministerio")
    workflow_text = (REPO / ".github" / "workflows" / "publicar.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(workflow_text)
    inputs = workflow[True]["workflow_dispatch"]["inputs"]
    assert set(inputs) == {"alcance", "nombre", "direccion"}
    assert inputs["alcance"]["options"] == ["publicado", "comuna", "region", "tema"]
    for name in inputs:
        assert f"`{name}`" in section
    for variable in ("CATALOGO_ALCANCE", "CATALOGO_NOMBRE", "CATALOGO_DIRECCION"):
        assert f"`{variable}`" in section and f"vars.{variable}" in workflow_text
    # The choices reach the command only through the environment, never inside a script.
    build = workflow["jobs"]["construir"]
    assert {"ALCANCE", "NOMBRE", "DIRECCION"} <= set(build["env"])
    scripts = "\n".join(step.get("run", "") for step in build["steps"])
    assert "${{" not in scripts
    # A manual build of another scope is an artifact only: Pages keeps the published site.
    assert "inputs.alcance == 'publicado'" in workflow["jobs"]["desplegar"]["if"]
    assert "sitio-comuna-maipu" in section


def test_the_workflow_names_the_artifact_after_the_scope(sites):
    """The artifact's name comes from the build folder's record, as the workflow reads it."""
    import shlex
    import subprocess
    import sys

    text = (REPO / ".github" / "workflows" / "publicar.yml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "nombre_artefacto=$(python -c" in line)
    code = shlex.split(line.split("$(", 1)[1].rsplit(")", 1)[0])[2]
    names = {}
    for kind, site in sites.items():
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=site.parent,
            capture_output=True,
            text=True,
            check=True,
        )
        names[kind] = result.stdout.strip()
    assert names == {
        "comuna": "sitio-comuna-renca",
        "region": "sitio-region-valparaiso",
        "tema": "sitio-tema-salud",
    }


def test_a_comuna_that_joined_a_problem_of_the_scope_lists_it_on_its_page(sites, catalogue):
    # Maipú joined Puente Alto's no-shows problem (Salud): on the Salud site its page lists
    # that problem under its shared problems, whether or not it has Salud problems of its own.
    joins = [j for j in catalogue.joins_in("maipu") if j.join.shared == "13201-001"]
    assert joins, "the examples have Maipú joining 13201-001"
    html = _text(sites["tema"] / "comunas" / "maipu" / "index.html")
    assert "Problemas que comparte con otras comunas" in html
    shared = catalogue.problem("13201-001")
    assert f"/problemas/puente-alto/{shared.slug}/" in html
