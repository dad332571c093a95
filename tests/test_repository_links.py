"""Issue 11 · proposing and taking part: every link to the repository and its issue forms
comes from one setting (`extra.repositorio`), on the generated pages, the guides, the kit and
the footer; without a repository, no page links to one."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from catalogo.core.errors import ConfigurationError
from catalogo.site.doc_links import TARGETS, DocLinkError, fill_links
from catalogo.site.settings import (
    COMMENT_FORM,
    PROPOSE_FORM,
    SOLUTION_FORM,
    SiteSettings,
    read_settings,
)
from conftest import REPO
from site_build import generate, render, without_end_of_life_notice

FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
SETTINGS = read_settings(REPO)
REPOSITORY = SETTINGS.repository.rstrip("/")
PROBLEM = "problemas/renca/deteccion-de-microbasurales/index.html"
PROBLEM_ID = "13128-001"
HREF = re.compile(r'href="([^"]*)"')


def _form_ids(form: str) -> set[str]:
    document = yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))
    return {element["id"] for element in document["body"] if "id" in element}


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def _hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in HREF.findall(html)]


def _read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


# Settings ------------------------------------------------------------------------------------


def test_issue_form_urls_encode_every_value_and_name_real_forms_and_fields():
    settings = SiteSettings("Catálogo", "https://x.cl/", "https://github.com/a/b/")
    value = "Ñuñoa & Co #1 100% ?x=y+z"
    url = settings.issue_form_url(PROPOSE_FORM, comuna=value, titulo="Título")
    assert url.startswith("https://github.com/a/b/issues/new?template=proponer-problema.yml&")
    assert " " not in url and "#" not in url and "+" not in url
    assert _query(url) == {"template": [PROPOSE_FORM], "comuna": [value], "titulo": ["Título"]}
    assert settings.issues_url() == "https://github.com/a/b/issues"
    # The forms and the fields the site fills exist in the repository's issue forms.
    assert {"comuna", "titulo"} <= _form_ids(PROPOSE_FORM)
    assert "problemas" in _form_ids(SOLUTION_FORM)
    assert "problema" in _form_ids(COMMENT_FORM)


def test_without_a_repository_there_is_no_link():
    settings = SiteSettings("Catálogo", "https://x.cl/", "")
    assert settings.issue_form_url(PROPOSE_FORM, comuna="Renca") is None
    assert settings.issues_url() is None
    assert settings.edit_url("problems/renca/x.md") is None


def test_the_repository_is_read_by_mkdocs_with_env_and_must_be_https(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  repositorio: !ENV [CATALOGO_REPO_PRUEBA, 'https://github.com/a/b']\n",
        encoding="utf-8",
    )
    assert read_settings(tmp_path).repository == "https://github.com/a/b"
    monkeypatch.setenv("CATALOGO_REPO_PRUEBA", "https://github.com/otro/catalogo")
    assert read_settings(tmp_path).repository == "https://github.com/otro/catalogo"
    monkeypatch.setenv("CATALOGO_REPO_PRUEBA", "javascript:alert(1)")
    with pytest.raises(ConfigurationError, match=r"extra\.repositorio"):
        read_settings(tmp_path)


# The guides' placeholders ---------------------------------------------------------------------


def test_doc_links_are_filled_from_the_settings_or_left_as_text():
    text = "Abra [el formulario](catalogo:proponer-problema) o [los issues](catalogo:issues)."
    filled = fill_links(text, SETTINGS)
    assert filled == (
        f"Abra [el formulario]({SETTINGS.issue_form_url(PROPOSE_FORM)}) o "
        f"[los issues]({REPOSITORY}/issues)."
    )
    bare = fill_links(text, SiteSettings("Catálogo", "https://x.cl/", ""))
    assert bare == "Abra el formulario o los issues."
    with pytest.raises(DocLinkError, match="catalogo:proponer-problemas"):
        fill_links("[x](catalogo:proponer-problemas)", SETTINGS, "docs/guia.md")


def test_the_docs_use_only_known_placeholders():
    used = set()
    for page in (REPO / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        used |= set(re.findall(r"\]\(catalogo:([^)\s]*)\)", text))
        assert "catalogo:" not in fill_links(text, SETTINGS, page.name), page.name
    assert used <= set(TARGETS)
    assert {"proponer-problema", "registrar-solucion", "comentar-o-corregir"} <= used


# The repository's site ------------------------------------------------------------------------


def test_pages_link_to_the_issue_forms(site: Path):
    home = _hrefs(_read(site, "index.html"))
    assert f"{REPOSITORY}/issues/new?template={PROPOSE_FORM}" in home

    comuna = _hrefs(_read(site, "comunas/renca/index.html"))
    prefilled = [h for h in comuna if h.startswith(f"{REPOSITORY}/issues/new?")]
    assert [_query(h) for h in prefilled] == [{"template": [PROPOSE_FORM], "comuna": ["Renca"]}]
    assert "Proponer un problema para Renca</a>" in _read(site, "comunas/renca/index.html")

    problem = _read(site, PROBLEM)
    forms = {
        _query(h)["template"][0]: _query(h)
        for h in _hrefs(problem)
        if h.startswith(f"{REPOSITORY}/issues/new?")
    }
    assert forms[COMMENT_FORM]["problema"] == [PROBLEM_ID]
    assert PROBLEM_ID in forms[COMMENT_FORM]["title"][0]
    assert forms[SOLUTION_FORM]["problemas"] == [PROBLEM_ID]

    for page in ("hackaton/index.html", "soluciones/index.html"):
        assert f"{REPOSITORY}/issues/new?template={SOLUTION_FORM}" in _hrefs(_read(site, page))


def test_guides_link_to_the_forms_of_the_configured_repository(site: Path):
    propose = _hrefs(_read(site, "guias/proponer-un-problema/index.html"))
    assert SETTINGS.issue_form_url(PROPOSE_FORM) in propose
    assert REPOSITORY in propose
    work = _hrefs(_read(site, "guias/trabajar-en-un-problema/index.html"))
    assert SETTINGS.issue_form_url(SOLUTION_FORM) in work
    statement = _read(site, "accesibilidad/index.html")
    assert "WCAG 2.2" in statement and SETTINGS.issue_form_url(COMMENT_FORM) in _hrefs(statement)
    assert not list(site.rglob("*catalogo:*"))
    assert "catalogo:" not in _read(site, "guias/proponer-un-problema/index.html")


def test_solutions_say_which_problem_and_comuna_they_address(site: Path):
    html = _read(site, "soluciones/index.html")
    cards = re.findall(r'<li class="tarjeta-solucion">.*?</li>', html, re.DOTALL)
    assert cards and all("Aborda:" in card for card in cards)
    card = next(c for c in cards if 'href="ojo-limpio/"' in c)
    assert "(Renca)" in card
    assert "../problemas/renca/deteccion-de-microbasurales/" in _hrefs(card)


@pytest.mark.parametrize("page", ["index.html", PROBLEM, "guias/marco/index.html"])
def test_every_page_has_the_footer(site: Path, page: str):
    html = _read(site, page)
    footer = html[html.index('<footer class="md-footer">') :]
    hrefs = _hrefs(footer)
    assert REPOSITORY in hrefs and f"{REPOSITORY}/issues" in hrefs
    assert "https://creativecommons.org/licenses/by/4.0/deed.es" in hrefs
    assert "CC BY 4.0" in footer and "Código:" in footer and "MIT" in footer
    statement = [h for h in hrefs if h.endswith("accesibilidad/")]
    assert len(statement) == 1
    assert (site / Path(page).parent / statement[0] / "index.html").resolve().is_file()


# A site without a repository -------------------------------------------------------------------


def test_a_site_without_a_repository_has_no_link_to_one(root: Path, tmp_path: Path):
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["repositorio"] = ""
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    build_folder = generate(root, tmp_path, "--comuna", "renca")
    result = render(build_folder, tmp_path, extra=config["extra"])
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in without_end_of_life_notice(result.stderr), result.stderr
    site = tmp_path / "site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in _hrefs(html):
            assert href != "None" and not href.startswith(("/issues", "/edit", "/blob"))
            assert "github.com" not in href or "municipios-vanguardia" not in href, (page, href)
        assert "catalogo:" not in html, page
    # The buttons lead to the guides instead, and the guides keep the forms' names as text.
    comuna = _read(site, "comunas/renca/index.html")
    assert 'href="../../guias/proponer-un-problema/">Proponer un problema para Renca' in comuna
    guide = _read(site, "guias/proponer-un-problema/index.html")
    assert "Abra el formulario Proponer un problema." in guide
    problem = _read(site, PROBLEM)
    assert "Comentar o corregir" not in problem and "Editar en GitHub" not in problem
    footer = problem[problem.index('<footer class="md-footer">') :]
    assert "Repositorio en GitHub" not in footer and "accesibilidad/" in footer


# The kit -----------------------------------------------------------------------------------------


def test_the_kit_links_to_the_solution_form_for_its_problem(vocabularies):
    from catalogo.authoring.kit import kit_files
    from catalogo.loading.catalogue import load_catalogue

    catalogue = load_catalogue(REPO, vocabularies)
    entry = catalogue.problem(PROBLEM_ID)
    readme = kit_files(entry, catalogue, SETTINGS)["README.md"]
    # With the problem and the state a starting team registers (issue 12).
    idea = vocabularies.solution_states["idea"].name
    form = SETTINGS.issue_form_url(SOLUTION_FORM, problemas=PROBLEM_ID, estado=idea)
    assert f"[Registrar una solución]({form})" in readme
    bare = kit_files(entry, catalogue, SiteSettings("Catálogo", "https://x.cl/", ""))
    assert "formulario «Registrar una solución»" in bare["README.md"]
    assert "/issues/new" not in bare["README.md"]
