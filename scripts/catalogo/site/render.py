"""Templates and the filters they use. Every template autoescapes; the only HTML inserted
unescaped is a problem's body after nh3 has cleaned it, and the charts built here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markdown_it import MarkdownIt
from markupsafe import Markup

from catalogo.core.words import slugify
from catalogo.model.sections import Section, sections

_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
# Inline Markdown syntax that would turn a title into a link or emphasis; HTML's own
# characters are escaped by autoescaping.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|])")

# What a problem's body may contain once rendered: the Markdown a person writes, nothing else.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"https", "http", "mailto"}


@cache
def _markdown() -> MarkdownIt:
    # The parser the validator reads bodies with, so that what it checked is what is shown;
    # raw HTML comes out as text.
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def markdown_inline(text: str) -> str:
    """Text shown as written inside generated Markdown (a heading, a table cell)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))


_BACKTICKS = re.compile(r"`+")


def fenced_code(text: str, language: str = "") -> Markup:
    """Text shown exactly as written in a generated Markdown page: a fenced code block.

    Markdown escapes a code block's content itself, so the text goes in unescaped (escaped
    here too, it would show `&#34;` for every quote); it stays text because the fence is
    longer than any run of backticks in it, so no line of the text can close the block.
    """
    text = str(text)
    fence = "`" * max([3, *(len(run) + 1 for run in _BACKTICKS.findall(text))])
    return Markup(f"{fence}{language}\n{text}\n{fence}")  # noqa: S704  a code block: text


def spanish_date(value: date) -> str:
    return f"{value.day} de {_MONTHS[value.month - 1]} de {value.year}"


def spanish_number(value: float) -> str:
    """A quantity as Chile writes it: «1.500», «13,5», «3.000.000»; a whole float loses its
    «,0», and no number is written in exponent notation."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:.10f}".rstrip("0").partition(".")
        return f"{int(whole):,}".replace(",", ".") + "," + decimals
    return f"{int(value):,}".replace(",", ".")


def indicator_text(item) -> str:
    """An indicator in one line of plain text: its name, unit, baseline (with its date) and
    target; a legacy plain-text indicator as written. `item` is the model's Indicator or str,
    or its open-data record (a dict with the Spanish keys)."""
    if isinstance(item, str):
        return item
    get = item.get if isinstance(item, dict) else lambda key: getattr(item, _ATTRIBUTES[key])
    text = f"{get('nombre')} ({get('unidad')})"
    baseline, target, measured = get("linea_base"), get("meta"), get("fecha_linea_base")
    if baseline is not None:
        when = date.fromisoformat(measured) if isinstance(measured, str) else measured
        text += f": línea base {spanish_number(baseline)}"
        if when is not None:
            text += f" al {spanish_date(when)}"
    if target is not None:
        text += (", meta " if baseline is not None else ": meta ") + spanish_number(target)
    return text


_ATTRIBUTES = {
    "nombre": "name",
    "unidad": "unit",
    "linea_base": "baseline",
    "fecha_linea_base": "baseline_date",
    "meta": "target",
}


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


def body_html(text: str) -> Markup:
    """Markdown written by a contributor, rendered and then cleaned by nh3.

    The validator already refuses HTML in bodies; this is the second layer, so that a file
    that reached the site some other way still cannot inject markup or scripts.
    """
    rendered = _markdown().render(text)
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    )
    return Markup(cleaned)  # noqa: S704  cleaned by nh3 just above


def body_sections(text: str) -> list[tuple[str | None, Markup]]:
    return [
        (section.title, body_html(section.text))
        for section in sections(text)
        if section.text or section.title
    ]


# Inside <script type="application/ld+json"> the HTML parser ends the script at "</script>"
# whatever JSON says: these characters are written as JSON escapes, which mean the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld(data: dict) -> Markup:
    """Data for a <script type="application/ld+json">, from a dict (never built as text):
    contributed text in it cannot close the script or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))  # noqa: S704  no <, > or & left to escape


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    id: str
    title: str


class PageToc:
    """The headings of a page the generator renders itself, collected while its template
    renders (`{{ heading(2, toc.add("Problemas")) }}`): unique ids like the ones MkDocs' toc
    extension gives, and the list MkDocs shows as the page's contents."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.headings: list[Heading] = []
        self._reserved = set(reserved)  # ids a link points to before their heading comes
        self._ids: set[str] = set()

    def add(self, title: str, level: int = 2, id: str | None = None) -> Heading:
        if id is None:
            base = slugify(title) or "seccion"
            id, number = base, 1
            while id in self._ids or id in self._reserved:
                id, number = f"{base}_{number}", number + 1
        self._ids.add(id)
        heading = Heading(level, id, " ".join(str(title).split()))
        self.headings.append(heading)
        return heading

    def front_matter(self) -> list[list]:
        return [[h.level, h.id, h.title] for h in self.headings]


# A heading as MkDocs' toc extension writes it (same id, same permalink), for the pages that
# reach MkDocs already rendered. A function rather than a template macro: problem pages have
# a dozen headings each, and a macro call costs ten times as much. Markup.format escapes.
_HEADING = Markup(
    '<h{0} id="{1}">{2}<a class="headerlink" href="#{1}" title="Enlace a esta sección">&para;</a></h{0}>'
)


def heading(level: int, entry: Heading) -> Markup:
    return _HEADING.format(level, entry.id, entry.title)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("catalogo.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_inline
    env.filters["fecha"] = spanish_date
    env.filters["bloque_de_codigo"] = fenced_code
    env.filters["json_ld"] = json_ld
    env.globals["plural"] = plural
    env.globals["heading"] = heading
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


__all__ = [
    "Heading",
    "PageToc",
    "Section",
    "body_html",
    "body_sections",
    "environment",
    "json_ld",
    "markdown_inline",
    "render",
]
