"""CODEOWNERS comes from schema/responsables.yml and stays in step with it and with problems/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogo.authoring.owners import (
    CODEOWNERS,
    PRIVACY_VOCABULARIES,
    REGISTRY,
    load_owners,
    without_owner,
)
from conftest import REPO, run_cli


def test_codeowners_is_up_to_date():
    result = run_cli("responsables", "--verificar", "--raiz", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_comuna_folder_has_an_owner(vocabularies):
    owners = load_owners(REPO, vocabularies)
    assert without_owner(REPO, owners) == []
    text = (REPO / CODEOWNERS).read_text(encoding="utf-8")
    for folder in sorted(p.name for p in (REPO / "problems").iterdir() if p.is_dir()):
        assert f"/problems/{folder}/ {owners.comunas[folder]}\n" in text
    # The core team owns the tooling, and the last rule for it is the core team's own.
    for path in ("/.github/", "/scripts/", "/schema/", "/mkdocs.yml", "/Makefile"):
        assert f"{path} {owners.core}\n" in text


def _catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogo"
    (root / "problems" / "maipu").mkdir(parents=True)
    shutil.copytree(REPO / "schema", root / "schema")
    (root / ".github").mkdir()
    shutil.copy(REPO / CODEOWNERS, root / CODEOWNERS)
    return root


def test_verificar_fails_when_the_registry_changed(tmp_path):
    root = _catalogue(tmp_path)
    registry = root / REGISTRY
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("municipio-maipu", "maipu-nuevo"),
        encoding="utf-8",
    )
    result = run_cli("responsables", "--verificar", "--raiz", str(root))
    assert result.returncode == 1
    assert ".github/CODEOWNERS está desactualizado" in result.stdout
    before = (root / CODEOWNERS).read_text(encoding="utf-8")
    assert run_cli("responsables", "--raiz", str(root)).returncode == 0
    after = (root / CODEOWNERS).read_text(encoding="utf-8")
    assert after != before and "/problems/maipu/ @municipios-vanguardia/maipu-nuevo\n" in after


def test_a_comuna_folder_without_owner_fails(tmp_path):
    root = _catalogue(tmp_path)
    (root / "problems" / "pudahuel").mkdir()
    result = run_cli("responsables", "--verificar", "--raiz", str(root))
    assert result.returncode == 1
    assert "problems/pudahuel/ no tiene responsable" in result.stderr


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("  maipu:", "  maipo:", "«maipo» no es el nombre corto de una comuna"),
        ('"@municipios-vanguardia/municipio-renca"', "renca", "El equipo de «renca»"),
        ("nucleo:", "nucleo_:", "«nucleo» debe ser un equipo"),
        ('"@municipios-vanguardia/proteccion-de-datos"', "dpo", "«proteccion_datos» debe ser"),
        ('"@municipios-vanguardia/proteccion-de-datos"', "[a, b]", "«proteccion_datos» debe ser"),
        ("comunas:", "comunas: [\n", "no es YAML válido"),
    ],
)
def test_a_broken_registry_is_explained_without_a_traceback(tmp_path, replace, by, message):
    root = _catalogue(tmp_path)
    registry = root / REGISTRY
    registry.write_text(registry.read_text(encoding="utf-8").replace(replace, by), encoding="utf-8")
    result = run_cli("responsables", "--raiz", str(root))
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_data_protection_team_reviews_the_privacy_vocabularies(vocabularies):
    owners = load_owners(REPO, vocabularies)
    assert owners.data_protection == "@municipios-vanguardia/proteccion-de-datos"
    text = (REPO / CODEOWNERS).read_text(encoding="utf-8")
    for path in PRIVACY_VOCABULARIES:
        # After the `/schema/` rule, so that it wins; the core team keeps its say.
        rule = f"{path} {owners.core} {owners.data_protection}\n"
        assert text.index(rule) > text.index(f"/schema/ {owners.core}\n")
        assert (REPO / path.lstrip("/")).is_file()


def test_a_registry_without_a_data_protection_team_still_works(tmp_path, vocabularies):
    root = _catalogue(tmp_path)
    registry = root / REGISTRY
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("proteccion_datos:")),
        encoding="utf-8",
    )
    owners = load_owners(root, vocabularies)
    assert owners.data_protection is None
    assert run_cli("responsables", "--raiz", str(root)).returncode == 0
    assert "datos-sensibles.yml" not in (root / CODEOWNERS).read_text(encoding="utf-8")
