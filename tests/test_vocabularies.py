"""One resolver for every name people write: a slug or the name shown on the site and forms."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize(
    ("vocabulary", "written", "slug"),
    [
        ("comunas", "maipu", "maipu"),
        ("comunas", "Maipú", "maipu"),
        ("comunas", "  MAIPU ", "maipu"),
        ("comunas", "Ñuñoa", "nunoa"),
        ("themes", "Medio ambiente y residuos", "medio-ambiente-y-residuos"),
        ("themes", "atencion ciudadana", "atencion-ciudadana"),
        ("data_formats", "xlsx", "xlsx"),
    ],
)
def test_a_slug_or_a_name_resolves_to_its_slug(vocabularies, vocabulary, written, slug):
    assert vocabularies.resolve(vocabulary, written) == slug


@pytest.mark.parametrize(
    ("vocabulary", "written", "hint"),
    [
        ("comunas", "Maipo", " ¿Quiso decir «maipu»?"),
        ("themes", "seguridd", " ¿Quiso decir «seguridad»?"),
        ("themes", "xq", ""),
    ],
)
def test_an_unknown_value_is_none_with_the_nearest_as_a_hint(
    vocabularies, vocabulary, written, hint
):
    assert vocabularies.resolve(vocabulary, written) is None
    assert vocabularies.suggestion(vocabulary, written) == hint


def test_the_cli_the_issue_form_and_nuevo_share_the_resolver(tmp_path, catalogue_copy):
    from catalogo.authoring.from_issue import _by_name
    from catalogo.authoring.new_problem import NewProblemError, comuna_slug
    from catalogo.loading.vocabularies import load_vocabularies
    from conftest import run_cli

    vocabularies = load_vocabularies(catalogue_copy / "schema")
    assert comuna_slug("Quinta Normal", vocabularies) == "quinta-normal"
    with pytest.raises(NewProblemError, match=re.escape("¿Quiso decir «maipu»?")):
        comuna_slug("Maipo", vocabularies)
    assert _by_name("Seguridad", vocabularies, "themes") == "seguridad"
    assert _by_name("Segurida", vocabularies, "themes") == "Segurida"  # the validator names it
    result = run_cli(
        "nuevo",
        "--raiz",
        str(catalogue_copy),
        "--comuna",
        "Quinta Normal",
        "--titulo",
        "Tiempos de espera en el consultorio",
        "--temas",
        "Seguridad,atencion-ciudadana",
        "--sin-preguntas",
    )
    assert result.returncode in (0, 1), result.stderr
    written = list((catalogue_copy / "problems" / "quinta-normal").glob("tiempos-de-espera*.md"))
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    assert "  - seguridad\n  - atencion-ciudadana\n" in text
    unknown = run_cli(
        "nuevo", "--raiz", str(catalogue_copy), "--temas", "Segurida", "--sin-preguntas"
    )
    assert unknown.returncode == 2 and "¿Quiso decir «seguridad»?" in unknown.stderr
