"""The boundary with MkDocs: settings read by MkDocs itself, the mould refused when it cannot
stand for every problem page, the sitemap, and `catalogo sitio --actualizar` for the preview."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from catalogo.cli import main
from catalogo.site.mkdocs_plugin import SITEMAP_NS, _add_to_sitemap
from catalogo.site.prerendered import MOULD_DESCRIPTION, MOULD_PATH, MOULD_PREFIX, PROBLEMS
from catalogo.site.settings import read_settings
from conftest import CACHE_HOME, REPO
from site_build import generate, render


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The example catalogue's build folder, generated once; each test renders a copy."""
    return generate(REPO, tmp_path_factory.mktemp("generado"))


def _copy(generated: Path, work: Path) -> Path:
    return Path(shutil.copytree(generated, work / "build", symlinks=True))


def test_site_url_from_an_env_tag_reaches_the_feed_llms_txt_and_forms(root, monkeypatch):
    """mkdocs.yml is read by MkDocs itself: `!ENV` gives the variable's value, not nothing."""
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text(
        "\n".join(
            "site_url: !ENV [SITE_URL, 'https://x.example/']"
            if line.startswith("site_url:")
            else line
            for line in lines
        ),
        encoding="utf-8",
    )
    assert read_settings(root).site_url == "https://x.example/"
    monkeypatch.setenv("SITE_URL", "https://desde-el-entorno.example/catalogo")
    assert read_settings(root).site_url == "https://desde-el-entorno.example/catalogo/"
    assert main(["sitio", "--raiz", str(root), "--salida", str(root / "build")]) == 0
    docs = root / "build" / "docs"
    for name in ("api/novedades.xml", "llms.txt"):
        text = (docs / name).read_text(encoding="utf-8")
        assert "https://desde-el-entorno.example/catalogo/problemas/" in text, name
        assert "127.0.0.1" not in text and "x.example" not in text, name


def test_an_unreadable_mkdocs_yml_is_said_in_spanish(root):
    (root / "mkdocs.yml").write_text("site_url: !ENV\n  - [\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"No se pudo leer mkdocs\.yml"):
        read_settings(root)


def test_the_mould_leaves_no_page_and_no_marker_in_the_site(generated, tmp_path):
    result = render(_copy(generated, tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert not (site / MOULD_PATH).exists()
    # docs/arquitectura.md names the markers: only what the plugin wrote is looked at.
    written = [*site.glob(f"{PROBLEMS}*/*/index.html"), site / "sitemap.xml"]
    assert len(written) > 2
    assert not any(MOULD_PREFIX in p.read_text(encoding="utf-8") for p in written)


def test_a_template_that_drops_a_marker_is_refused(generated, tmp_path):
    """An override that stops printing the description: every problem page would have lost
    its own, silently. The plugin names the marker the mould lacks."""
    overrides = Path(shutil.copytree(REPO / "overrides", tmp_path / "overrides"))
    main_html = overrides / "main.html"
    main_html.write_text(
        main_html.read_text(encoding="utf-8")
        + "\n{% block site_meta %}{% if page and page.meta.description %}"
        + "{{ super() | replace(page.meta.description, '') }}{% else %}{{ super() }}{% endif %}"
        + "{% endblock %}\n",
        encoding="utf-8",
    )
    result = render(_copy(generated, tmp_path), tmp_path, overrides=overrides)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"le falta la marca «{MOULD_DESCRIPTION}»" in result.stderr, result.stderr
    # The same override, each page rendered by Material: nothing to refuse.
    ordinary = render(
        tmp_path / "build", tmp_path, [{"catalogo": {"ensamblar_problemas": False}}], overrides
    )
    assert ordinary.returncode == 0, ordinary.stderr


def test_a_problem_page_with_its_own_meta_is_refused(generated, tmp_path):
    """`hide` or `status` would change one page's HTML; the mould cannot show that."""
    build_folder = _copy(generated, tmp_path)
    page = next((build_folder / "docs" / PROBLEMS).glob("*/*.md"))
    header, body = page.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
    meta = json.loads(header) | {"hide": ["toc"], "status": "new"}
    page.write_text(f"---\n{json.dumps(meta)}\n---\n{body}", encoding="utf-8")
    result = render(build_folder, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "el encabezado tiene hide, status" in result.stderr, result.stderr


def test_an_edit_url_or_another_per_page_plugin_is_refused(generated, tmp_path):
    build_folder = _copy(generated, tmp_path)
    edit = render(build_folder, tmp_path, repo_url="https://github.com/x/y", edit_uri="edit/main/")
    assert edit.returncode != 0 and "enlace de edición del molde" in edit.stderr, edit.stderr
    hook = tmp_path / "gancho.py"
    hook.write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
    hooked = render(build_folder, tmp_path, hooks=[str(hook)])
    assert hooked.returncode != 0 and "on_page_markdown" in hooked.stderr, hooked.stderr
    assert "Traceback" not in edit.stderr + hooked.stderr


def _sitemap(path: Path, urls: list[str], root: str = "urlset") -> Path:
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    path.write_text(f'<?xml version="1.0"?><{root} xmlns="{SITEMAP_NS}">{entries}</{root}>')
    return path


def test_the_sitemap_gets_the_problems_instead_of_the_mould(tmp_path):
    _sitemap(tmp_path / "sitemap.xml", ["https://x.example/", f"https://x.example/{MOULD_PATH}"])
    _add_to_sitemap(tmp_path, ["https://x.example/problemas/a/b/"], MOULD_PATH)
    tree = ElementTree.parse(tmp_path / "sitemap.xml")
    locs = [loc.text for loc in tree.iter(f"{{{SITEMAP_NS}}}loc")]
    assert locs == ["https://x.example/", "https://x.example/problemas/a/b/"]
    assert (tmp_path / "sitemap.xml.gz").is_file()


@pytest.mark.parametrize(
    ("urls", "root", "expected"),
    [
        (["https://x.example/"], "urlset", "El molde no aparece una vez"),
        ([f"https://x.example/{MOULD_PATH}"], "sitemapindex", "no es un sitemap"),
    ],
)
def test_a_sitemap_of_another_shape_is_an_error(tmp_path, urls, root, expected):
    _sitemap(tmp_path / "sitemap.xml", urls, root)
    with pytest.raises(PluginError, match=expected):
        _add_to_sitemap(tmp_path, ["https://x.example/problemas/a/b/"], MOULD_PATH)


def test_the_preview_update_changes_only_what_an_edit_changed(root, capsys):
    """`catalogo sitio --actualizar`, run by the plugin under `mkdocs serve`: one edited problem
    rewrites its own files and the listings, not every page; a broken catalogue is explained
    in Spanish and leaves the last good pages."""
    out = root / "build"
    options = ["sitio", "--raiz", str(root), "--salida", str(out), "--generado", "2026-01-01"]
    assert main([*options, "--actualizar"]) == 0
    docs = out / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    problem = next((root / "problems").glob("*/*.md"))
    problem.write_text(
        problem.read_text(encoding="utf-8").replace("\n## ", "\nUna frase nueva.\n\n## ", 1),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main([*options, "--actualizar"]) == 0
    changed = [p for p in docs.rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime_ns]
    assert any("Una frase nueva." in p.read_text(errors="ignore") for p in changed)
    assert 0 < len(changed) < len(before) / 2, len(changed)
    problem.write_text("---\nid: roto\n---\n", encoding="utf-8")
    last_good = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    assert main([*options, "--actualizar"]) == 1
    out_text = capsys.readouterr().out
    assert "El catálogo tiene errores" in out_text and "Traceback" not in out_text
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == last_good


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:  # not serving yet, or rebuilding
        return ""


def _wait_for(condition, process: subprocess.Popen, seconds: float = 240) -> None:
    """Polls until `condition()` holds; fails early if the preview stopped. Generous: the
    machine may be busy, and each edit regenerates the catalogue and its search index."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, "la vista previa terminó"
        assert time.monotonic() < deadline, "la vista previa no mostró el cambio a tiempo"
        time.sleep(0.2)


def test_the_preview_shows_an_edit_without_a_restart(root):
    """`make serve` as a person uses it: the page is served, a problem is edited, and the same
    address shows the edit, with MkDocs' watcher and the plugin doing the work."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    problem = root / "problems" / "maipu" / "actas-del-concejo-municipal.md"
    text = problem.read_text(encoding="utf-8")
    title = "Transcripción y resumen de las sesiones del Concejo Municipal"
    assert f"titulo: {title}" in text
    path = read_settings(root).site_url.split("/", 3)[3]
    url = f"http://127.0.0.1:{port}/{path}problemas/maipu/actas-del-concejo-municipal/"
    command = [sys.executable, "-m", "catalogo", "sitio", "--vigilar", "--raiz", str(root)]
    process = subprocess.Popen(
        [*command, "--direccion", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "XDG_CACHE_HOME": str(CACHE_HOME)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # MkDocs and the regenerations it starts stop together
    )
    try:
        _wait_for(lambda: title in _page(url), process)
        problem.write_text(text.replace(f"titulo: {title}", "titulo: Actas del Concejo editadas"))
        _wait_for(lambda: "Actas del Concejo editadas" in _page(url), process)
        assert title not in _page(url)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_the_preview_refuses_what_the_published_site_refuses(root, capsys):
    """A resident's RUT passes the model but not the validator: `make site` refuses it, and
    so does the preview, which keeps showing the last good pages."""
    out = root / "build"
    options = ["sitio", "--raiz", str(root), "--salida", str(out), "--generado", "2026-01-01"]
    problem = root / "problems" / "maipu" / "actas-del-concejo-municipal.md"
    text = problem.read_text(encoding="utf-8")
    problem.write_text(text.replace("\n## ", "\nRUT del vecino: 12.345.678-5.\n\n## ", 1))
    capsys.readouterr()
    assert main([*options, "--actualizar"]) == 1
    said = capsys.readouterr().out
    assert "CAT070" in said and "12.345.678-5" not in said
    written = [p for p in out.rglob("*") if p.is_file()]
    assert not any("12.345.678-5" in p.read_text(errors="ignore") for p in written)
    assert main(options) == 1  # the published site's own verdict
