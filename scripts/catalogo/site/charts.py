"""Bar charts drawn at build time in HTML and CSS: each bar is a row of a list with its label as a
link to its page and its value as text, so that a phone shows them at the text's own size."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from catalogo.site.render import render


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str  # the page the bar leads to


def bar_chart(chart_id: str, title: str, bars: list[Bar], unit: str = "problemas") -> Markup:
    peak = max((bar.value for bar in bars), default=0) or 1
    # Widths in % of the bars' track, as inline styles (the CSP allows them): no script.
    rows = [{"bar": bar, "percent": round(100 * bar.value / peak, 1)} for bar in bars]
    html = render("chart.html.j2", chart_id=chart_id, title=title, rows=rows, unit=unit)
    return Markup(html)  # noqa: S704  rendered by an autoescaping template
