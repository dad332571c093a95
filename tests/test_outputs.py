"""The tools delete and overwrite only what they made: never the catalogue, a user's folder or
anything reached through a link, and every file is replaced in one step."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from catalogo.cli import main
from catalogo.core.outputs import (
    MARKER,
    OutputError,
    check_inside,
    claim_folder,
    create_new,
    write_bytes,
)
from catalogo.site.serve import sync_tree


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under a folder, without following links: what must not change."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[relative] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[relative] = path.read_bytes()
        else:
            found[relative] = "dir"
    return found


def _site(root: Path, output: str, capsys) -> tuple[int, str]:
    code = main(["sitio", "--raiz", str(root), "--salida", output, "--sin-cache"])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "output",
    [".", "problems", "problems/maipu", "solutions", "schema", "docs", "docs/x", ".git", ".."],
    ids=["raiz", "problems", "comuna", "solutions", "schema", "docs", "dentro-de-docs", "git", "padre"],
)  # fmt: skip
def test_site_output_never_in_the_catalogue(root, output, capsys):
    before = _snapshot(root.parent)
    code, error = _site(root, output, capsys)
    assert code == 1 and "No se escribe en" in error and "Traceback" not in error
    assert _snapshot(root.parent) == before


def test_a_users_folder_and_its_neighbours_are_left_alone(root, tmp_path, capsys):
    mine = tmp_path / "mis-documentos"
    (mine / "fotos").mkdir(parents=True)
    (mine / "carta.txt").write_text("querida vecina")
    for neighbour in ("busqueda", "pagefind"):
        (tmp_path / neighbour).mkdir()
        (tmp_path / neighbour / "mio.txt").write_text("no es del catálogo")
    before = _snapshot(tmp_path)
    code, error = _site(root, str(mine), capsys)
    assert code == 1 and MARKER in error
    assert _snapshot(tmp_path) == before


def test_an_output_reached_through_a_symlink_is_refused(root, tmp_path, capsys):
    elsewhere = tmp_path / "fuera"
    elsewhere.mkdir()
    (elsewhere / "importante.txt").write_text("no borrar")
    (root / "build").symlink_to(elsewhere, target_is_directory=True)
    (tmp_path / "enlace").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(tmp_path)
    for output in ("build", "build/docs", str(tmp_path / "enlace" / "sub")):
        code, error = _site(root, output, capsys)
        assert code == 1 and "enlace simbólico" in error, output
    assert _snapshot(tmp_path) == before


def test_an_output_folder_the_tools_made_is_emptied_and_rebuilt(root, tmp_path):
    out = claim_folder(tmp_path / "salida", root)
    assert (out / MARKER).is_file()
    (out / "viejo").mkdir()
    (out / "viejo" / "pagina.html").write_text("de antes")
    outside = tmp_path / "afuera.txt"
    outside.write_text("intacto")
    (out / "enlace").symlink_to(outside)
    assert claim_folder(out, root) == out
    assert sorted(p.name for p in out.iterdir()) == [MARKER]
    assert outside.read_text() == "intacto"  # the link was removed, not what it points to


def test_a_file_is_not_a_folder_and_an_empty_folder_is_taken(root, tmp_path):
    (tmp_path / "archivo").write_text("x")
    with pytest.raises(OutputError, match="es un archivo"):
        claim_folder(tmp_path / "archivo", root)
    (tmp_path / "vacia").mkdir()
    assert (claim_folder(tmp_path / "vacia", root) / MARKER).is_file()


def test_writes_replace_links_instead_of_writing_through_them(tmp_path):
    source = tmp_path / "fuente.md"
    source.write_text("el problema original")
    linked = tmp_path / "copia.md"
    os.link(source, linked)
    write_bytes(linked, b"otra cosa")
    assert source.read_text() == "el problema original"
    assert linked.read_text() == "otra cosa" and not os.path.samefile(source, linked)
    symlink = tmp_path / "simbolico.md"
    symlink.symlink_to(source)
    write_bytes(symlink, b"tampoco")
    assert source.read_text() == "el problema original" and not symlink.is_symlink()
    with pytest.raises(FileExistsError):
        create_new(linked, "nuevo")
    (tmp_path / "colgante.md").symlink_to(tmp_path / "no-existe.md")
    with pytest.raises(FileExistsError):
        create_new(tmp_path / "colgante.md", "nuevo")
    assert not (tmp_path / "no-existe.md").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_check_inside_refuses_a_linked_folder(tmp_path):
    (tmp_path / "afuera").mkdir()
    (tmp_path / ".github").symlink_to(tmp_path / "afuera", target_is_directory=True)
    with pytest.raises(OutputError, match="enlace simbólico"):
        check_inside(tmp_path, ".github/CODEOWNERS")
    assert check_inside(tmp_path, "schema/x.json") == tmp_path / "schema" / "x.json"


def test_serve_replaces_changed_files_and_never_writes_into_a_source(tmp_path):
    """`make serve` copies regenerated pages over the last ones. Once, a download was a hard
    link to its problem, and the copy wrote through it into problems/."""
    problem = tmp_path / "problems" / "maipu" / "reclamos.md"
    problem.parent.mkdir(parents=True)
    problem.write_text("id: 13119-001")
    target = tmp_path / "build" / "docs"
    target.mkdir(parents=True)
    os.link(problem, target / "13119-001.txt")  # what an earlier version left behind
    fresh = tmp_path / "fresco"
    fresh.mkdir()
    (fresh / "13119-001.txt").write_text("id: 13119-002")
    assert sync_tree(fresh, target) == 1
    assert problem.read_text() == "id: 13119-001"
    assert (target / "13119-001.txt").read_text() == "id: 13119-002"


def _mkdocs(root: Path, site_dir: str) -> subprocess.CompletedProcess[str]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = site_dir
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    (root / "build" / "docs").mkdir(parents=True)
    (root / "build" / MARKER).write_text("")
    (root / "build" / "docs" / "index.md").write_text("# Hola\n")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("site_dir", ["problems", "schema", "docs", "."])
def test_mkdocs_is_never_given_the_catalogue_to_empty(root, site_dir):
    before = _snapshot(root)
    result = _mkdocs(root, site_dir)
    # MkDocs refuses "." itself (docs_dir would lie inside site_dir); the plugin, the rest.
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert site_dir == "." or "No se escribe en" in result.stderr
    after = _snapshot(root)
    assert {k: v for k, v in after.items() if not k.startswith("build")} == {
        k: v for k, v in before.items() if k != "mkdocs.yml"
    } | {"mkdocs.yml": after["mkdocs.yml"]}


def test_mkdocs_site_dir_through_a_symlink_is_refused(root, tmp_path):
    elsewhere = tmp_path / "fuera"
    elsewhere.mkdir()
    (elsewhere / "importante.txt").write_text("no borrar")
    (root / "site").symlink_to(elsewhere, target_is_directory=True)
    result = _mkdocs(root, "site")
    assert result.returncode != 0 and "enlace simbólico" in result.stderr
    assert (elsewhere / "importante.txt").read_text() == "no borrar"


def test_kit_refuses_the_catalogue_links_and_unwritable_places(root, tmp_path, capsys):
    before = _snapshot(root)
    (tmp_path / "un-archivo").write_text("x")
    (tmp_path / "enlace").symlink_to(tmp_path, target_is_directory=True)
    for folder, expected in [
        (str(root / "problems" / "kit"), "No se escribe en"),
        (str(root), "ya existe"),
        (str(tmp_path / "un-archivo" / "kit"), "No se pudo escribir el kit"),
        (str(tmp_path / "enlace" / "kit"), "enlace simbólico"),
    ]:
        code = main(["kit", "13119-001", "--raiz", str(root), "--salida", folder])
        error = capsys.readouterr().err
        assert code == 1 and expected in error and "Traceback" not in error, (folder, error)
    assert _snapshot(root) == before


@pytest.mark.parametrize(
    "link",
    ["overrides/env.txt", "overrides/venv/a.txt", "overrides/__pycache__/b.txt", "docs/assets/x"],
)
def test_a_link_anywhere_in_the_tree_is_reported_and_never_published(root, tmp_path, link):
    """MkDocs copies the theme's folder (overrides/) following links; a folder named like a
    tool's cache, or holding a planted marker or pyvenv.cfg, must not hide one either."""
    secret = tmp_path / "secreto.txt"
    secret.write_text("TOKEN=ghp_no_publicar")
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(secret)
    (path.parent / "pyvenv.cfg").write_text("")
    (path.parent / MARKER).write_text("")
    from catalogo.loading.vocabularies import load_vocabularies
    from catalogo.validation.run import validate_catalogue

    report = validate_catalogue(root, load_vocabularies(root / "schema"))
    assert [(d.code, d.file) for d in report.diagnostics] == [("CAT011", link)]
    if link.startswith("overrides/"):
        build_folder = root / "build"
        (build_folder / "docs").mkdir(parents=True)
        (build_folder / MARKER).write_text("")
        (build_folder / "docs" / "index.md").write_text("# Hola\n")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0 and "enlace simbólico" in result.stderr
        assert not any("ghp_no_publicar" in p.read_text(errors="ignore")
                       for p in (root / "site").rglob("*") if p.is_file())  # fmt: skip


def test_mkdocs_never_writes_through_a_link_left_in_site(root, tmp_path):
    """site/ with the marker and a folder inside it that is a link: MkDocs' own cleaning leaves
    such links, and would write the search index or the theme through them."""
    victim = tmp_path / "victima"
    victim.mkdir()
    site = root / "site"
    site.mkdir()
    (site / MARKER).write_text("")
    for name in ("pagefind", "assets"):
        (site / name).symlink_to(victim, target_is_directory=True)
    _mkdocs(root, "site")
    assert list(victim.iterdir()) == []
    assert not (site / "assets").is_symlink()


def test_a_vocabulary_slug_cannot_climb_out_of_the_build(root, capsys):
    with (root / "schema" / "temas.yml").open("a", encoding="utf-8") as temas:
        temas.write("- slug: ../../../problems/maipu/pisado\n  nombre: X\n  descripcion: x\n")
    before = _snapshot(root / "problems")
    code, error = _site(root, "build", capsys)
    assert code == 1 and "schema/temas.yml" in error and "minúsculas" in error
    assert _snapshot(root / "problems") == before


def test_a_comment_file_is_never_written_into_the_catalogue(root, capsys):
    target = next((root / "problems").glob("*/*.md"))
    before = target.read_bytes()
    issue = root.parent / "issue.md"
    issue.write_text("hola", encoding="utf-8")
    code = main(["desde-issue", str(issue), "--raiz", str(root), "--comentario", str(target)])
    assert code == 1 and "No se escribe en" in capsys.readouterr().err
    assert target.read_bytes() == before
