"""Longitude/latitude to the drawing's units, and shapes to SVG path data.

Each frame of a map (the country's sections, a region, an inset) is an equirectangular
projection with the cosine of its own middle latitude: a frame spans at most a few degrees
of latitude, so shapes keep their proportions, and every frame of a map shares one scale in
kilometres so that no region looks bigger than it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

# Parts of a shape smaller than this (in squared drawing units) are left out: specks of an
# archipelago that no screen shows, which would only add bytes.
MIN_AREA = 1.5


@dataclass(frozen=True, slots=True)
class Box:
    """A longitude/latitude box."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def of(cls, geometry: shapely.Geometry) -> Box:
        west, south, east, north = shapely.bounds(geometry)
        return cls(float(west), float(south), float(east), float(north))

    @property
    def cos(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))


@dataclass(frozen=True, slots=True)
class Frame:
    """A box drawn at `scale` drawing units per degree of latitude, its top left corner at
    (x, y) of the drawing."""

    box: Box
    scale: float
    x: float = 0.0
    y: float = 0.0

    @property
    def width(self) -> float:
        return (self.box.east - self.box.west) * self.box.cos * self.scale

    @property
    def height(self) -> float:
        return (self.box.north - self.box.south) * self.scale

    def at(self, x: float, y: float) -> Frame:
        return Frame(self.box, self.scale, x, y)

    def project(self, geometry: shapely.Geometry) -> shapely.Geometry:
        box, scale, k = self.box, self.scale, self.box.cos * self.scale

        def to_units(coords: np.ndarray) -> np.ndarray:
            return np.column_stack(
                (
                    (coords[:, 0] - box.west) * k + self.x,
                    (box.north - coords[:, 1]) * scale + self.y,
                )
            )

        return shapely.transform(geometry, to_units)


def fit(box: Box, width: float, height: float) -> Frame:
    """The frame that draws `box` as large as fits in width × height."""
    natural = Frame(box, 1.0)
    scale = min(width / max(natural.width, 1e-9), height / max(natural.height, 1e-9))
    return Frame(box, scale)


def screen_shape(
    geometry: shapely.Geometry, tolerance: float, min_area: float = MIN_AREA
) -> shapely.Geometry:
    """A projected shape simplified for the screen: details under `tolerance` units and
    parts under `min_area` square units go, but never the shape's largest part, so that a
    small comuna still has something to click. Parts go before simplifying too: Magallanes
    has thousands of islets, which would cost most of the time."""
    shape = shapely.simplify(_big_parts(geometry, min_area), tolerance, preserve_topology=True)
    return _big_parts(shape, min_area)


def _big_parts(geometry: shapely.Geometry, min_area: float) -> shapely.Geometry:
    parts = shapely.get_parts(geometry)
    if len(parts) == 0:
        return geometry
    areas = shapely.area(parts)
    parts = parts[(areas >= min_area) | (areas == areas.max())]
    with_holes = shapely.get_num_interior_rings(parts) > 0
    for i in np.flatnonzero(with_holes):
        part = parts[i]
        holes = [ring for ring in part.interiors if _ring_area(ring) >= min_area]
        parts[i] = shapely.Polygon(part.exterior, holes)
    return shapely.multipolygons(parts) if len(parts) > 1 else parts[0]


def path_data(geometry: shapely.Geometry, decimals: int = 0) -> str:
    """SVG path data for a projected (multi)polygon: each ring starts absolute and goes on in
    relative steps between coordinates rounded first, so no rounding error accumulates.
    Numbers only: nothing of it comes from a contributor. Rings too small to show at this
    precision are dropped; if all of them are, one more decimal is used."""
    factor = 10**decimals
    commands = []
    for polygon in shapely.get_parts(geometry):
        for ring in [polygon.exterior, *polygon.interiors]:
            points = np.rint(shapely.get_coordinates(ring) * factor).astype(np.int64)
            keep = np.ones(len(points), dtype=bool)
            keep[1:] = np.any(points[1:] != points[:-1], axis=1)
            points = points[keep]
            if len(points) > 1 and np.array_equal(points[0], points[-1]):
                points = points[:-1]
            if len(np.unique(points, axis=0)) < 3:
                continue
            steps = np.diff(points, axis=0)
            commands.append(f"M{_numbers(points[0], factor)}l{_numbers(steps.ravel(), factor)}z")
    if not commands and decimals < 2 and not shapely.is_empty(geometry):
        return path_data(geometry, decimals + 1)
    return "".join(commands)


def _numbers(values: np.ndarray, factor: int) -> str:
    if factor == 1:
        text = " ".join(map(str, values.tolist()))
    else:
        text = " ".join(f"{v / factor:g}" for v in values.tolist())
    # A minus sign separates numbers by itself: «3-4» is 3 and -4.
    return text.replace(" -", "-")


def dissolve(shapes: list[shapely.Geometry], min_hole: float) -> shapely.Geometry:
    """The union of neighbouring shapes. The source's comunas were simplified one by one, so
    neighbours do not share their vertices exactly: the slivers between them become holes of
    the union, which are dropped when smaller than `min_hole` square units."""
    union = shapely.union_all(shapes)
    polygons = [
        shapely.Polygon(part.exterior, [r for r in part.interiors if _ring_area(r) >= min_hole])
        for part in shapely.get_parts(union)
        if shapely.get_type_id(part) == 3
    ]
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]


def _ring_area(ring: shapely.LinearRing) -> float:
    return shapely.Polygon(ring).area
