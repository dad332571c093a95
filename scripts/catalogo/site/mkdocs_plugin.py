"""The catalogue's MkDocs plugin (`plugins: [catalogo]` in mkdocs.yml).

1. Pages that `catalogo sitio` rendered itself (front matter `generada: true`) are already
   HTML from autoescaping templates: they skip Python-Markdown, whose HTML parser took most of
   the build, and their table of contents comes from the front matter.
2. Problem pages, one per problem and thousands of them, are not rendered one by one through
   Material's templates. They all sit at the same depth and differ only in their title,
   description, address, contents and body, so one more page is added whose values are
   markers (the mould, see `prerendered.mould_source`). MkDocs renders it like any other page,
   through every plugin's events; the plugin keeps its HTML instead of writing it, and each
   problem page is the mould with its own values put in. What would make problem pages differ
   otherwise is refused in Spanish: another key in their front matter (`hide`, `status`,
   `template`), an edit URL (`repo_url`), another plugin or hook with per-page events, a marker
   missing from the mould or left in a page. `ensamblar_problemas: false` renders them the
   ordinary way instead; a test checks that both ways write the same bytes, so the mould cannot
   drift from Material.
3. Files `catalogo sitio` generated in the build folder, two downloads per problem and
   Pagefind's index, are linked into the site instead of copied (never the catalogue's own
   files: `catalogo sitio` copies those into the build folder).
4. MkDocs empties `site_dir` before it writes. The plugin first checks that the folder is one
   the tools made (or a new or empty one), as `catalogo sitio` does with its own, so that a
   `site_dir` pointed at the catalogue, a user's folder or a symlink is refused, not emptied.
5. The 404 page is served at whatever address was missing: MkDocs gives it absolute links
   from site_url's path, wrong wherever the site is served elsewhere. It gets relative links
   instead, resolved from the <base> that overrides/404.html sets from the address.
6. Under `mkdocs serve` it also watches the catalogue (problems/, solutions/, schema/, docs/,
   eventos.yml) and, when one changed, has `catalogo sitio --actualizar` regenerate the build folder before
   MkDocs reads it; with `--dirty`, only the problem pages whose source changed are assembled.
7. A site of one comuna, region or theme (`catalogo sitio --comuna|--region|--tema`) is named
   after its scope («Problemas de Maipú») in its header, <title>s and feeds' links, from the
   record `catalogo sitio` leaves in the build folder: mkdocs.yml stays the national one. The
   record also gives its address (`--url`, for canonical links and the sitemap), and the
   templates the scope, a sentence saying it and the national catalogue's address
   (`config.extra.catalogo_alcance`, `catalogo_aviso`, `catalogo_nacional`).
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_timestamp

from catalogo.core.outputs import (
    OutputError,
    claim_folder,
    first_symlink,
    link_file,
    write_bytes,
)
from catalogo.core.parallel import process_map
from catalogo.site.prerendered import (
    DOCS,
    DOWNLOADS,
    GENERATED_KEY,
    MOULD_CONTENT,
    MOULD_DESCRIPTION,
    MOULD_FIRST_ID,
    MOULD_ITEM_ID,
    MOULD_ITEM_TITLE,
    MOULD_ITEMS,
    MOULD_NEXT_ID,
    MOULD_PATH,
    MOULD_PREFIX,
    MOULD_SOURCE,
    MOULD_TITLE,
    OPTIONS_VARIABLE,
    PROBLEM_META_KEYS,
    PROBLEMS,
    SEARCH_INDEX,
    SITE_RECORD,
    TOC_KEY,
    mould_source,
    read_front_matter,
    toc_tokens,
)

log = logging.getLogger("mkdocs.plugins.catalogo")

# Markers the mould is cut at. One group around them all: `split` then keeps each marker
# between the texts around it.
_FILLED = (MOULD_PATH, MOULD_TITLE, MOULD_DESCRIPTION, MOULD_CONTENT, MOULD_FIRST_ID, MOULD_ITEMS)
_MARKERS = re.compile("(" + "|".join(re.escape(m) for m in _FILLED) + ")")
_LEFT_MARKER = re.compile(re.escape(MOULD_PREFIX) + "[a-z-]*")
# The events MkDocs runs once per page: run for the mould only, another plugin's work there
# would be copied into every problem page instead of done for each.
_PAGE_EVENTS = ("page_read_source", "page_markdown", "page_content", "page_context", "post_page")
# `mkdocs serve` regenerates the build folder when one of these of the catalogue changes.
WATCHED = ("problems", "solutions", "schema", "docs")
# The catalogue's files outside those folders: the events (loading/events.py).
WATCHED_FILES = ("eventos.yml",)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class _Options(Config):
    ensamblar_problemas = config_options.Type(bool, default=True)


@dataclass(frozen=True, slots=True)
class _Mould:
    """Material's page for a problem, cut at the markers."""

    parts: list[str]  # text and markers, alternating: text, marker, text, ...
    # An entry of the table of contents with what separates it from the next one, and the
    # last entry; both with MOULD_ITEM_ID and MOULD_ITEM_TITLE in them.
    item: str
    last: str

    @classmethod
    def cut(cls, html: str) -> _Mould:
        # The table of contents has two entries: cut them out, to repeat them once per section.
        if html.count(MOULD_ITEM_ID) != 1 or html.count(MOULD_NEXT_ID) != 1:
            raise PluginError(
                "El molde de las páginas de problemas no tiene un índice reconocible "
                f"(«{MOULD_ITEM_ID}» y «{MOULD_NEXT_ID}», una vez cada uno)."
            )
        start = html.rindex("<li", 0, html.index(MOULD_ITEM_ID))
        second = html.rindex("<li", 0, html.index(MOULD_NEXT_ID))
        end = html.index("</li>", second) + len("</li>")
        item, last = html[start:second], html[second:end].replace(MOULD_NEXT_ID, MOULD_ITEM_ID)
        rest = html[:start] + MOULD_ITEMS + html[end:]
        # A theme or override that drops a marker would give every problem page the mould's
        # text, or none, where that value goes: refused, never filled silently.
        for marker in _FILLED:
            if marker not in rest:
                raise PluginError(
                    f"Al molde de las páginas de problemas le falta la marca «{marker}»: "
                    "el tema o una plantilla de overrides/ dejó de mostrar ese valor. Use "
                    "«ensamblar_problemas: false» en mkdocs.yml o restituya la plantilla."
                )
        return cls(_MARKERS.split(rest), item, last)

    def fill(self, path: str, meta: dict, content: str) -> str:
        headings = meta.get(TOC_KEY) or []
        first = next((h for h in headings if h[0] == 1), None)
        sections = [(anchor, str(escape(title))) for level, anchor, title in headings if level == 2]
        items = "".join(
            (self.item if i < len(sections) - 1 else self.last)
            .replace(MOULD_ITEM_ID, anchor)
            .replace(MOULD_ITEM_TITLE, title)
            for i, (anchor, title) in enumerate(sections)
        )
        values = {
            MOULD_PATH: path,
            MOULD_TITLE: str(escape(meta["title"])),
            MOULD_DESCRIPTION: str(escape(meta.get("description", ""))),
            MOULD_CONTENT: content,
            MOULD_FIRST_ID: first[1] if first else "",
            MOULD_ITEMS: items,
        }
        return "".join(values[part] if i % 2 else part for i, part in enumerate(self.parts))


class CatalogoPlugin(BasePlugin[_Options]):
    def __init__(self) -> None:
        # Kept across the builds of one `mkdocs serve` (MkDocs keeps a plugin that has
        # `on_startup`): what the catalogue looked like when the build folder was last made.
        self._serving = False
        self._dirty = False
        self._catalogue_state: dict | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._dirty = dirty

    def on_config(self, config):
        self._held: list[File] = []
        self._linked: list[File] = []
        self._html: dict[str, str] = {}
        self._mould: _Mould | None = None
        if self.config.ensamblar_problemas:
            self._refuse_per_page_differences(config)
        self._name_after_scope(config)
        return config

    def _name_after_scope(self, config) -> None:
        """A scoped site's title and link to the national catalogue, from the build folder."""
        docs = Path(config.docs_dir)
        record_path = docs.parent / SITE_RECORD
        if docs.name != DOCS or not record_path.is_file():
            return  # pages not made by `catalogo sitio`: mkdocs.yml as it is
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            scope, title = record["alcance"], record["titulo"]
            national, address = record["catalogo_nacional"], record["direccion"]
            notice = record["aviso"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise PluginError(
                f"{record_path} no es el registro que escribe «catalogo sitio» ({error}); "
                "vuelva a ejecutarlo."
            ) from None
        if not isinstance(scope, dict) or scope.get("tipo", "nacional") == "nacional":
            return
        config["site_name"] = str(title)
        # Its own address (`catalogo sitio --url`): canonical links and the sitemap name it.
        config["site_url"] = str(address)
        config.extra["catalogo_alcance"] = scope
        config.extra["catalogo_nacional"] = str(national)
        config.extra["catalogo_aviso"] = str(notice)

    def _refuse_per_page_differences(self, config) -> None:
        """What would make one problem page differ from the mould other than in its values."""
        if config.repo_url and (config.edit_uri or config.edit_uri_template):
            # Each page would get the mould's edit link. The generator links to the
            # repository itself, so mkdocs.yml sets no repo_url.
            raise PluginError(
                "«ensamblar_problemas» no admite «repo_url» con «edit_uri» en mkdocs.yml: "
                "todas las páginas de problemas tendrían el enlace de edición del molde."
            )
        owners = {id(plugin): name for name, plugin in config.plugins.items()}
        for event in _PAGE_EVENTS:
            for method in config.plugins.events[event]:
                owner = getattr(method, "__self__", None)
                if owner is self:
                    continue
                name = owners.get(id(owner)) or getattr(method, "__module__", repr(method))
                raise PluginError(
                    f"El complemento «{name}» trabaja página por página (on_{event}); con "
                    "«ensamblar_problemas» lo haría solo en el molde y lo copiaría en todas "
                    "las páginas de problemas. Use «ensamblar_problemas: false» en mkdocs.yml."
                )

    def on_serve(self, server, config, builder):
        root = _root(config)
        for name in WATCHED:
            if (root / name).is_dir():
                server.watch(str(root / name))
        for name in WATCHED_FILES:
            if (root / name).is_file():
                server.watch(str(root / name))
        return server

    def on_pre_build(self, config) -> None:
        # Runs before MkDocs empties site_dir, which it does following links inside it: the
        # folder is emptied here, the way the catalogue's tools do it (links are unlinked).
        # A dirty build (`mkdocs serve --dirty`) keeps what it wrote before.
        root = _root(config)
        try:
            claim_folder(Path(config.site_dir), root, keep=self._dirty)
        except OutputError as error:
            raise PluginError(f"site_dir: {error}") from None
        # MkDocs copies the theme's own folder (overrides/) and the docs following links: a
        # link there would publish a file of the machine that builds the site.
        for folder in (config.theme.custom_dir, config.docs_dir):
            if folder and (linked := first_symlink(Path(folder))) is not None:
                raise PluginError(
                    f"{linked} es un enlace simbólico; el sitio solo publica archivos normales."
                )
        if self._serving:
            self._regenerate_if_changed(root, Path(config.docs_dir))

    def _regenerate_if_changed(self, root: Path, docs: Path) -> None:
        """Under `mkdocs serve`: regenerate the build folder when the catalogue changed since
        it was last made. MkDocs rebuilds again when the regenerated pages land in docs_dir;
        that rebuild finds the catalogue unchanged and regenerates nothing."""
        state = _catalogue_state(root)
        if self._catalogue_state is None or state == self._catalogue_state:
            self._catalogue_state = state  # the first build: `make serve` just generated it
            return
        self._catalogue_state = state
        if docs.name != DOCS:
            log.warning(f"docs_dir ({docs}) no es la carpeta que genera «catalogo sitio».")
            return
        command = [sys.executable, "-m", "catalogo", "sitio", "--actualizar"]
        command += ["--raiz", str(root), "--salida", str(docs.parent)]
        command += shlex.split(os.environ.get(OPTIONS_VARIABLE, ""))
        # A new process, not a fork of this threaded server; it says what went wrong itself,
        # in Spanish, and leaves the last good pages in place.
        if subprocess.run(command, check=False).returncode != 0:
            log.error("La vista previa sigue mostrando la última versión válida del sitio.")

    def on_files(self, files: Files, config) -> Files:
        for file in list(files):
            if self.config.ensamblar_problemas and file.is_documentation_page():
                if file.src_uri.startswith(PROBLEMS):
                    files.remove(file)
                    self._held.append(file)
            elif file.src_uri.startswith(DOWNLOADS) and not file.is_documentation_page():
                files.remove(file)
                self._linked.append(file)
        if self._held:
            files.append(File.generated(config, MOULD_SOURCE, content=mould_source()))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        if not page.meta.get(GENERATED_KEY):
            return markdown
        self._html[page.file.src_uri] = markdown
        # MkDocs' templates print the title and description as they are: they are plain text.
        for key in ("title", "description"):
            if key in page.meta:
                page.meta[key] = str(escape(page.meta[key]))
        page.title = page.meta.get("title", page.title)
        return ""

    def on_page_content(self, html: str, page: Page, config, files) -> str:
        generated = self._html.pop(page.file.src_uri, None)
        if generated is None:
            return html
        page.toc = get_toc(toc_tokens(page.meta.get(TOC_KEY) or []))
        return generated

    def on_template_context(self, context, template_name: str, config):
        if template_name == "404.html":
            context["base_url"] = "."
            context["catalogo_raiz"] = urlsplit(config.site_url or "/").path or "/"
        return context

    def on_post_page(self, output: str, page: Page, config) -> str:
        if page.file.src_uri != MOULD_SOURCE:
            return output
        self._mould = _Mould.cut(output)
        return ""  # MkDocs writes no page for an empty output

    def on_post_build(self, config) -> None:
        try:
            self._link_downloads()
            self._assemble_problems(config)
            self._link_search_index(config)
        except PluginError:
            raise
        # MkDocs prints a PluginError as one line; anything else, with a traceback.
        except Exception as error:
            raise PluginError(
                f"El complemento catalogo no pudo terminar el sitio ({type(error).__name__}: "
                f"{error}). Vuelva a ejecutar «catalogo sitio» y «mkdocs build»."
            ) from None

    def _link_downloads(self) -> None:
        """Two files per problem, generated and never edited in place: linked into the site
        rather than copied, which is ten times faster."""
        for file in self._linked:
            if self._dirty and not file.is_modified():
                continue  # still the same file, linked by an earlier build
            target = Path(file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            link_file(Path(file.abs_src_path), target)

    def _link_search_index(self, config) -> None:
        """Pagefind's index, made by `catalogo sitio` beside the docs."""
        index = Path(config.docs_dir).parent / SEARCH_INDEX
        if not index.is_dir():
            log.warning(f"No hay índice de búsqueda en {index}: ejecute «catalogo sitio».")
            return
        # site_dir was emptied by MkDocs (or is a dirty build's): links are replaced.
        target = Path(config.site_dir) / "pagefind"
        for source in index.rglob("*"):
            if source.is_file() and not source.is_symlink():
                destination = target / source.relative_to(index)
                destination.parent.mkdir(parents=True, exist_ok=True)
                link_file(source, destination)

    def _assemble_problems(self, config) -> None:
        if not self._held:
            return
        mould = self._mould
        if mould is None:
            raise PluginError("MkDocs no escribió el molde de las páginas de problemas.")
        site = Path(config.site_dir)

        def assemble(file: File) -> str | None:
            """Writes one problem's page; returns what is wrong with it, if anything."""
            try:
                meta, content = read_front_matter(Path(file.abs_src_path).read_text("utf-8"))
            except ValueError as error:
                return f"{file.src_uri}: {error}."
            if extra := sorted(set(meta) - PROBLEM_META_KEYS):
                return (
                    f"{file.src_uri}: el encabezado tiene {', '.join(extra)}, que la página "
                    "armada desde el molde no puede mostrar; use «ensamblar_problemas: false»."
                )
            html = mould.fill(file.url, meta, content)
            if MOULD_PREFIX in html:
                found = _LEFT_MARKER.search(html)
                return f"{file.src_uri}: quedó la marca «{found.group()}» del molde en la página."
            target = site / file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(target, html.encode("utf-8", errors="xmlcharrefreplace"))
            return None

        # A dirty build (`mkdocs serve --dirty`) assembles only the pages whose source changed.
        held = [f for f in self._held if f.is_modified()] if self._dirty else self._held
        if problems := [problem for problem in process_map(assemble, held) if problem]:
            raise PluginError("\n".join(problems))
        urls = [config.site_url + file.url if config.site_url else file.url for file in self._held]
        _add_to_sitemap(site, urls, MOULD_PATH)
        log.info(f"{len(held)} páginas de problemas armadas desde el molde.")


def _root(config) -> Path:
    return Path(config.config_file_path or config.docs_dir).resolve().parent


def _catalogue_state(root: Path) -> dict[str, tuple[int, int]]:
    """Each watched file's modification time and size: what tells an edit."""
    state = {}
    for name in WATCHED:
        for folder, _, names in os.walk(root / name):
            for file in names:
                path = os.path.join(folder, file)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                state[path] = (stat.st_mtime_ns, stat.st_size)
    for name in WATCHED_FILES:
        try:
            stat = os.stat(root / name)
        except OSError:
            continue
        state[str(root / name)] = (stat.st_mtime_ns, stat.st_size)
    return state


def _add_to_sitemap(site: Path, urls: list[str], mould_path: str) -> None:
    """MkDocs wrote the sitemap before the problem pages existed: add them to it, and take
    out the mould, which MkDocs listed as a page."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    tree = ElementTree.parse(sitemap)
    urlset = tree.getroot()
    if urlset.tag != f"{{{SITEMAP_NS}}}urlset":
        raise PluginError(f"{sitemap} no es un sitemap ({urlset.tag}): no se le agregan páginas.")
    moulds = [
        entry
        for entry in urlset.findall(f"{{{SITEMAP_NS}}}url")
        if (entry.findtext(f"{{{SITEMAP_NS}}}loc") or "").endswith(mould_path)
    ]
    if len(moulds) != 1:
        raise PluginError(f"El molde no aparece una vez en {sitemap}: no se le agregan páginas.")
    urlset.remove(moulds[0])
    before = len(urlset)
    for url in sorted(urls):
        entry = ElementTree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = url
    if len(urlset) - before != len(urls) or not urls:
        raise PluginError(f"No se agregaron las páginas de problemas a {sitemap}.")
    ElementTree.indent(tree)
    raw = io.BytesIO()
    tree.write(raw, encoding="utf-8", xml_declaration=True)
    text = raw.getvalue()
    write_bytes(sitemap, text)
    compressed_bytes = io.BytesIO()
    with gzip.GzipFile(
        fileobj=compressed_bytes, filename=f"{sitemap}.gz", mode="wb", mtime=get_build_timestamp()
    ) as compressed:
        compressed.write(text)
    write_bytes(sitemap.with_name("sitemap.xml.gz"), compressed_bytes.getvalue())
