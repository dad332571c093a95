"""Bar charts drawn at build time as inline SVG, each with a table as its text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from catalogo.site.render import render

BAR_HEIGHT = 26
GAP = 8
LABEL_WIDTH = 330
BAR_WIDTH = 330


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str | None = None


def bar_chart(chart_id: str, title: str, bars: list[Bar], unit: str = "problemas") -> Markup:
    peak = max((bar.value for bar in bars), default=0) or 1
    rows = [
        {
            "bar": bar,
            "y": index * (BAR_HEIGHT + GAP),
            "width": round(BAR_WIDTH * bar.value / peak, 1),
        }
        for index, bar in enumerate(bars)
    ]
    height = max(len(bars) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT)
    summary = ", ".join(f"{bar.label}: {bar.value}" for bar in bars)
    html = render(
        "chart.html.j2",
        chart_id=chart_id,
        title=title,
        rows=rows,
        height=height,
        label_width=LABEL_WIDTH,
        bar_width=BAR_WIDTH,
        bar_height=BAR_HEIGHT,
        summary=summary,
        unit=unit,
    )
    return Markup(html)  # noqa: S704  rendered by an autoescaping template
