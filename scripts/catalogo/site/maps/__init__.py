"""Maps drawn at build time as inline SVG: Chile by region, a region by comuna, and a small
locator of a comuna within its region. No tiles, no script, no request to anyone.

`Maps.load` reads the boundaries and lays every map out once per build (nothing of that
depends on the catalogue); each page's map is then only coloured by its counts and linked.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from catalogo.loading.boundaries import SOURCE, SOURCE_URL, load_boundaries
from catalogo.model.vocabularies import Vocabularies
from catalogo.site import urls
from catalogo.site.maps.layout import (
    INSET_CUTS,
    INSETS_NOTE,
    LOCATOR_SIZE,
    REGION_SIZE,
    ZOOMS,
    Layout,
    Shape,
    country_layout,
    region_layout,
)
from catalogo.site.render import plural, render

__all__ = ["ATTRIBUTION", "MAPS_LOG", "Maps", "MissingShapes"]

MAPS_LOG = "Mapas dibujados en"  # `make bench` reads the time after it
ATTRIBUTION = {"text": f"Límites: {SOURCE}", "href": SOURCE_URL}
# A locator rings a comuna smaller than this (in its units, of 240) so that the eye finds it.
RING = 12.0
# The colour classes a count falls in: at most four above zero, zero apart (hatched).
LEVELS = 4


class MissingShapes(ValueError):
    """The register of comunas and the boundaries disagree (a programming or data error,
    which the tests catch before a build)."""


@dataclass(frozen=True, slots=True)
class Level:
    css: str  # mapa-n0 … mapa-n4
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.high == 0:
            return "Sin problemas"
        if self.low == self.high:
            return plural(self.low, "problema", "problemas")
        return f"{self.low} a {self.high} problemas"


def levels(peak: int) -> list[Level]:
    """The legend's classes for counts up to `peak`: zero; then one class per count when
    there are few, else four classes growing geometrically (counts are skewed: a few comunas
    have many problems)."""
    result = [Level("mapa-n0", 0, 0)]
    if peak <= 0:
        return result
    if peak <= LEVELS:
        highs = list(range(1, peak + 1))
    else:
        highs = sorted({max(1, round(peak ** (k / LEVELS))) for k in range(1, LEVELS + 1)})
    # Few classes still span the palette, from its middle to its darkest.
    shades = [LEVELS - len(highs) + i + 1 for i in range(len(highs))]
    low = 1
    for high, shade in zip(highs, shades, strict=True):
        result.append(Level(f"mapa-n{shade}", low, high))
        low = high + 1
    return result


def _level(count: int, classes: list[Level]) -> Level:
    return next(level for level in classes if count <= level.high)


def _timed(method):
    """Adds the method's time to its Maps' `seconds`: what the maps cost a build."""

    @functools.wraps(method)
    def timed(self, *arguments, **options):
        start = time.perf_counter()
        try:
            return method(self, *arguments, **options)
        finally:
            self.seconds += time.perf_counter() - start

    return timed


def _href(page: str, target: str) -> str:
    """A page's source path (`regiones/x.md`) made relative to the map's page; anything else
    is taken as an href already."""
    return urls.relative(page, target) if target.endswith(".md") else target


class Maps:
    def __init__(self, vocabularies: Vocabularies, boundaries: Mapping[str, object]) -> None:
        start = time.perf_counter()
        comunas = {c.cut: c for c in vocabularies.comunas.values() if c.municipality}
        missing = sorted(set(comunas) - set(boundaries))
        extra = sorted(set(boundaries) - set(comunas))
        if missing or extra:
            raise MissingShapes(
                f"comunas without a shape: {missing}; shapes without a comuna: {extra}"
            )
        self.comunas = comunas
        self.regions: dict[str, dict[str, object]] = {}
        for cut in sorted(comunas):
            self.regions.setdefault(comunas[cut].region_cut, {})[cut] = boundaries[cut].geometry
        self.region_names = {c.region_cut: c.region for c in comunas.values()}
        self.country = country_layout(self.regions)
        zooms = {zoom.region_cut: zoom for zoom in ZOOMS}
        self._region_layout = cache(
            lambda cut: region_layout(self.regions[cut], REGION_SIZE, zoom=zooms.get(cut))
        )
        self._locator_layout = cache(
            lambda cut: region_layout(self.regions[cut], LOCATOR_SIZE, dissolved=True)
        )
        # Seconds spent on maps in this build: laying them out here, then drawing each one.
        self.seconds = time.perf_counter() - start

    @classmethod
    def load(cls, vocabularies: Vocabularies, path: Path | None = None) -> Maps:
        """Read the boundaries and lay out the maps: once per build."""
        start = time.perf_counter()
        maps = cls(vocabularies, load_boundaries(path))
        maps.seconds = time.perf_counter() - start
        return maps

    def region_title(self, region_cut: str) -> str:
        name = self.region_names[region_cut]
        return name if name.startswith("Metropolitana") else f"Región {name}"

    # Maps ----------------------------------------------------------------------------------

    @_timed
    def country_map(
        self, page: str, counts: Mapping[str, int], href: Callable[[str], str]
    ) -> Markup:
        """Chile by region, each region coloured by its count and a link to `href(cut)`."""
        classes = levels(max(counts.values(), default=0))
        shapes = []
        for shape in self.country.shapes:
            count = counts.get(shape.key, 0)
            name = self.region_title(shape.key)
            if shape.inset:
                name = f"{name} ({shape.inset})"
            shapes.append(self._shape(shape, count, classes, name, _href(page, href(shape.key))))
        return self._figure(
            "mapa-pais",
            "pais",
            "Problemas por región",
            [_panel(self.country, shapes)],
            classes,
            note=INSETS_NOTE,
        )

    @_timed
    def region_map(
        self,
        page: str,
        region_cut: str,
        counts: Mapping[str, int],
        href: Callable[[str], str],
    ) -> Markup:
        """A region's comunas, each coloured by its count and a link to `href(cut)`."""
        layout = self._region_layout(region_cut)
        classes = levels(max((counts.get(s.key, 0) for s in layout.shapes), default=0))

        def shapes(panel: Layout) -> list[dict]:
            return [
                self._shape(
                    s,
                    counts.get(s.key, 0),
                    classes,
                    self.comunas[s.key].name,
                    _href(page, href(s.key)),
                )
                for s in panel.shapes
            ]

        panels = [_panel(layout, shapes(layout))]
        if layout.zoom is not None:
            panels.append(_panel(layout.zoom, shapes(layout.zoom)))
        has_insets = any(s.key in INSET_CUTS for s in layout.shapes)
        return self._figure(
            f"mapa-region-{region_cut}",
            "region",
            f"Problemas por comuna en {self.region_title(region_cut)}",
            panels,
            classes,
            note=INSETS_NOTE if has_insets else "",
        )

    @_timed
    def locator(self, cut: str) -> Markup | None:
        """A small map of the comuna `cut` highlighted within its region; None for a comuna
        without a shape (Antártica, which has no municipality and no boundary in the DPA)."""
        comuna = self.comunas.get(cut)
        if comuna is None:
            return None
        layout = self._locator_layout(comuna.region_cut)
        shapes = [
            {"d": s.d, "css": "mapa-ubicacion-resto"}
            for s in layout.shapes
            if s.key == "" or (s.key in INSET_CUTS and s.key != cut)
        ]
        highlighted = self._highlight(cut)
        # A comuna of a few units (Gran Santiago's, on a locator) gets a ring to find it by.
        x0, y0, x1, y1 = highlighted.extent
        ring = None
        if max(x1 - x0, y1 - y0) < RING:
            ring = {"x": round((x0 + x1) / 2, 1), "y": round((y0 + y1) / 2, 1), "r": RING}
        region = self.region_title(comuna.region_cut)
        html = render(
            "mapa-ubicacion.html.j2",
            map_id=f"mapa-ubicacion-{cut}",
            width=_units(layout.width),
            height=_units(layout.height),
            shapes=[*shapes, {"d": highlighted.d, "css": "mapa-ubicacion-comuna"}],
            ring=ring,
            insets=layout.insets,
            label=f"Ubicación de {comuna.name} en {region}",
            attribution=ATTRIBUTION,
        )
        return Markup(html)  # noqa: S704  rendered by an autoescaping template

    # Helpers -------------------------------------------------------------------------------

    def _highlight(self, cut: str) -> Shape:
        """The comuna's path on its region's locator (the region's layout at locator size,
        comunas one by one, computed once per region)."""
        return self._locator_comunas(self.comunas[cut].region_cut)[cut]

    @cache  # noqa: B019  one Maps per build; the cache lives as long as it does
    def _locator_comunas(self, region_cut: str) -> dict[str, Shape]:
        return {s.key: s for s in region_layout(self.regions[region_cut], LOCATOR_SIZE).shapes}

    @staticmethod
    def _shape(shape: Shape, count: int, classes: list[Level], name: str, href: str) -> dict:
        return {
            "d": shape.d,
            "hidden": shape.hidden,
            "css": _level(count, classes).css,
            "zero": count == 0,
            "label": f"{name}: {plural(count, 'problema', 'problemas')}",
            "href": href,
        }

    @staticmethod
    def _figure(
        map_id: str,
        kind: str,
        title: str,
        panels: list[dict],
        classes: list[Level],
        note: str,
    ) -> Markup:
        html = render(
            "mapa.html.j2",
            map_id=map_id,
            kind=kind,
            title=title,
            panels=panels,
            levels=classes,
            note=note,
            attribution=ATTRIBUTION,
        )
        return Markup(html)  # noqa: S704  rendered by an autoescaping template


def _panel(layout: Layout, shapes: list[dict]) -> dict:
    """One drawing of a figure: the map itself, or a part of it enlarged (`caption`)."""
    return {
        "width": _units(layout.width),
        "height": _units(layout.height),
        "shapes": shapes,
        "insets": layout.insets,
        "caption": layout.caption,
    }


def _units(value: float) -> int:
    return math.ceil(value)
