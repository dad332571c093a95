"""The catalogue's MkDocs plugin (`plugins: [catalogo]` in mkdocs.yml).

1. Pages that `catalogo sitio` rendered itself (front matter `generada: true`) are already
   HTML from autoescaping templates: they skip Python-Markdown, whose HTML parser took most of
   the build, and their table of contents comes from the front matter.
2. Problem pages, one per problem and thousands of them, are not rendered one by one through
   Material's templates. They all sit at the same depth and differ only in their title,
   description, address, contents and body, so Material renders one page with markers in
   those places (the mould) and each problem page is the mould with its own values put in.
   `ensamblar_problemas: false` renders them the ordinary way instead; a test checks that both
   ways write the same bytes, so the mould cannot drift from Material.
3. Files `catalogo sitio` generated in the build folder, two downloads per problem and
   Pagefind's index, are linked into the site instead of copied (never the catalogue's own
   files: `catalogo sitio` copies those into the build folder).
4. MkDocs empties `site_dir` before it writes. The plugin first checks that the folder is one
   the tools made (or a new or empty one), as `catalogo sitio` does with its own, so that a
   `site_dir` pointed at the catalogue, a user's folder or a symlink is refused, not emptied.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from mkdocs.commands.build import get_context
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
    write_text,
)
from catalogo.core.parallel import process_map
from catalogo.site.prerendered import (
    GENERATED_KEY,
    SEARCH_INDEX,
    TOC_KEY,
    read_front_matter,
    toc_tokens,
)

log = logging.getLogger("mkdocs.plugins.catalogo")

PROBLEMS = "problemas/"
DOWNLOADS = "api/problemas/"  # each problem's JSON and original Markdown
_MOULD_SOURCE = "problemas/catalogo-molde-comuna/catalogo-molde-problema.md"
_MOULD_PATH = "problemas/catalogo-molde-comuna/catalogo-molde-problema/"
_TITLE = "catalogo-molde-titulo"
_DESCRIPTION = "catalogo-molde-descripcion"
# Holds an <h1>, as every problem page does, so Material adds none of its own.
_CONTENT = "<h1>catalogo-molde-contenido</h1>"
_FIRST_ID = "catalogo-molde-ancla-titulo"
_ITEM_ID = "catalogo-molde-ancla-seccion"
_ITEM_TITLE = "catalogo-molde-seccion"
_NEXT_ID = "catalogo-molde-ancla-siguiente"
_ITEMS = "catalogo-molde-secciones"
# One group around them all: `split` then keeps each marker between the texts around it.
_MARKERS = re.compile(
    "("
    + "|".join(
        re.escape(m) for m in (_MOULD_PATH, _TITLE, _DESCRIPTION, _CONTENT, _FIRST_ID, _ITEMS)
    )
    + ")"
)


class _Options(Config):
    ensamblar_problemas = config_options.Type(bool, default=True)


@dataclass(frozen=True, slots=True)
class _Mould:
    """Material's page for a problem, cut at the markers."""

    parts: list[str]  # text and markers, alternating: text, marker, text, ...
    # An entry of the table of contents with what separates it from the next one, and the
    # last entry; both with _ITEM_ID and _ITEM_TITLE in them.
    item: str
    last: str

    def fill(self, path: str, meta: dict, content: str) -> str:
        headings = meta.get(TOC_KEY) or []
        first = next((h for h in headings if h[0] == 1), None)
        sections = [(anchor, str(escape(title))) for level, anchor, title in headings if level == 2]
        items = "".join(
            (self.item if i < len(sections) - 1 else self.last)
            .replace(_ITEM_ID, anchor)
            .replace(_ITEM_TITLE, title)
            for i, (anchor, title) in enumerate(sections)
        )
        values = {
            _MOULD_PATH: path,
            _TITLE: str(escape(meta["title"])),
            _DESCRIPTION: str(escape(meta.get("description", ""))),
            _CONTENT: content,
            _FIRST_ID: first[1] if first else "",
            _ITEMS: items,
        }
        return "".join(values[part] if i % 2 else part for i, part in enumerate(self.parts))


class CatalogoPlugin(BasePlugin[_Options]):
    def on_config(self, config):
        self._held: list[File] = []
        self._linked: list[File] = []
        self._html: dict[str, str] = {}
        self._nav = None
        return config

    def on_pre_build(self, config) -> None:
        # Runs before MkDocs empties site_dir, which it does following links inside it: the
        # folder is emptied here, the way the catalogue's tools do it (links are unlinked).
        root = Path(config.config_file_path or config.docs_dir).resolve().parent
        try:
            claim_folder(Path(config.site_dir), root)
        except OutputError as error:
            raise PluginError(f"site_dir: {error}") from None
        # MkDocs copies the theme's own folder (overrides/) and the docs following links: a
        # link there would publish a file of the machine that builds the site.
        for folder in (config.theme.custom_dir, config.docs_dir):
            if folder and (linked := first_symlink(Path(folder))) is not None:
                raise PluginError(
                    f"{linked} es un enlace simbólico; el sitio solo publica archivos normales."
                )

    def on_files(self, files: Files, config) -> Files:
        for file in list(files):
            if self.config.ensamblar_problemas and file.is_documentation_page():
                if file.src_uri.startswith(PROBLEMS):
                    files.remove(file)
                    self._held.append(file)
            elif file.src_uri.startswith(DOWNLOADS) and not file.is_documentation_page():
                files.remove(file)
                self._linked.append(file)
        return files

    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

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

    def on_env(self, env, config, files):
        self._env = env
        self._files = files
        return env

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
            target = Path(file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            link_file(Path(file.abs_src_path), target)

    def _link_search_index(self, config) -> None:
        """Pagefind's index, made by `catalogo sitio` beside the docs."""
        index = Path(config.docs_dir).parent / SEARCH_INDEX
        if not index.is_dir():
            log.warning(f"No hay índice de búsqueda en {index}: ejecute «catalogo sitio».")
            return
        # site_dir was emptied by MkDocs: nothing of an earlier index is left to remove.
        target = Path(config.site_dir) / "pagefind"
        for source in index.rglob("*"):
            if source.is_file() and not source.is_symlink():
                destination = target / source.relative_to(index)
                destination.parent.mkdir(parents=True, exist_ok=True)
                link_file(source, destination)

    def _assemble_problems(self, config) -> None:
        if not self._held:
            return
        mould = self._mould(config)
        site = Path(config.site_dir)

        def assemble(file: File) -> str | None:
            """Writes one problem's page; returns what is wrong with its source, if anything."""
            try:
                meta, content = read_front_matter(Path(file.abs_src_path).read_text("utf-8"))
            except ValueError as error:
                return f"{file.src_uri}: {error}."
            target = site / file.dest_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            html = mould.fill(file.url, meta, content)
            write_bytes(target, html.encode("utf-8", errors="xmlcharrefreplace"))
            return None

        if problems := [problem for problem in process_map(assemble, self._held) if problem]:
            raise PluginError("\n".join(problems))
        urls = [config.site_url + file.url if config.site_url else file.url for file in self._held]
        _add_to_sitemap(site, urls)
        log.info(f"{len(self._held)} páginas de problemas armadas desde el molde.")

    def _mould(self, config) -> _Mould:
        file = File.generated(config, _MOULD_SOURCE, content="")
        page = Page(None, file, config)
        page.meta = {"title": _TITLE, "description": _DESCRIPTION}
        page.title = _TITLE
        page.content = _CONTENT
        page.toc = get_toc(
            [
                {
                    "level": 1,
                    "id": _FIRST_ID,
                    "name": _TITLE,
                    "children": [
                        {"level": 2, "id": _ITEM_ID, "name": _ITEM_TITLE, "children": []},
                        {"level": 2, "id": _NEXT_ID, "name": _ITEM_TITLE, "children": []},
                    ],
                }
            ]
        )
        context = get_context(self._nav, self._files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=self._nav)
        html = self._env.get_template("main.html").render(context)
        html = config.plugins.on_post_page(html, page=page, config=config)
        # The table of contents has two entries: cut them out, to repeat them once per section.
        if html.count(_ITEM_ID) != 1 or html.count(_NEXT_ID) != 1:
            raise PluginError(
                "El molde de las páginas de problemas no tiene un índice reconocible."
            )
        start = html.rindex("<li", 0, html.index(_ITEM_ID))
        second = html.rindex("<li", 0, html.index(_NEXT_ID))
        end = html.index("</li>", second) + len("</li>")
        item, last = html[start:second], html[second:end].replace(_NEXT_ID, _ITEM_ID)
        return _Mould(_MARKERS.split(html[:start] + _ITEMS + html[end:]), item, last)


def _add_to_sitemap(site: Path, urls: list[str]) -> None:
    """MkDocs wrote the sitemap before the problem pages existed: add them to it."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    entries = "".join(
        f"\n    <url>\n         <loc>{escape(url)}</loc>\n    </url>" for url in sorted(urls)
    )
    text = text.replace("\n</urlset>", entries + "\n</urlset>", 1)
    write_text(sitemap, text)
    raw = io.BytesIO()
    with gzip.GzipFile(
        fileobj=raw, filename=f"{sitemap}.gz", mode="wb", mtime=get_build_timestamp()
    ) as compressed:
        compressed.write(text.encode("utf-8"))
    write_bytes(sitemap.with_name("sitemap.xml.gz"), raw.getvalue())
