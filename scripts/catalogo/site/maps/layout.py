"""Where each shape goes: the country in three side-by-side sections, a region with its
islands far out at sea in boxes of their own. Independent of the catalogue: a build lays each
map out once, and the pages only colour it."""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from catalogo.site.maps.geometry import Box, Frame, dissolve, fit, path_data, screen_shape

# Chile is some 4,300 km long and at most a few hundred wide: drawn whole, a phone would show
# it as a thread. It is cut into three sections drawn side by side at one scale: the north
# (Arica y Parinacota to Coquimbo), the centre (Valparaíso to Los Lagos) and the far south
# (Aysén and Magallanes). Regions by their official code (CUT).
SECTIONS = (
    ("15", "01", "02", "03", "04"),
    ("05", "13", "06", "07", "16", "08", "09", "14", "10"),
    ("11", "12"),
)


@dataclass(frozen=True, slots=True)
class Inset:
    cut: str  # the comuna drawn in the box
    caption: str
    # What the box shows: the main islands. Salas y Gómez (Rapa Nui) and the Desventuradas
    # (Juan Fernández) are specks hundreds of kilometres away, which would shrink the rest
    # to specks too; the figure's note says they are left out.
    box: Box


INSETS = (
    Inset("05104", "Juan Fernández", Box(-80.86, -33.84, -78.75, -33.59)),
    Inset("05201", "Rapa Nui", Box(-109.47, -27.22, -109.21, -27.04)),
)
INSET_CUTS = frozenset(inset.cut for inset in INSETS)


@dataclass(frozen=True, slots=True)
class Zoom:
    region_cut: str
    caption: str
    box: Box  # the area enlarged in a second drawing beside the region's


# The Metropolitana's 32 urban comunas are a few pixels each on a phone: the region map adds
# Gran Santiago enlarged. A comuna with half its area or more in the box is reached there by
# the keyboard; its copy in the other drawing is still clickable, hidden from the keyboard.
ZOOMS = (Zoom("13", "Gran Santiago", Box(-70.83, -33.64, -70.47, -33.33)),)
ZOOM_FOCUS = 0.5
INSETS_NOTE = (
    "Rapa Nui y Juan Fernández, en recuadros a otra escala (sin Salas y Gómez ni las "
    "islas Desventuradas)."
)

# Drawing units. A region map is at most 1,000 units on its longer side and a locator 240:
# the SVG scales to the page's width, so these only set how fine the coordinates are.
REGION_SIZE = 1000.0
LOCATOR_SIZE = 240.0
COUNTRY_SCALE = 58.0  # units per degree of latitude
GAP = 24.0  # between the country's sections
CAPTION = 30.0  # the height of an inset's caption line, over its box
PAD = 6.0
# Details under this many units go when simplifying (about half a pixel on a phone).
TOLERANCE = 0.6


@dataclass(frozen=True, slots=True)
class Shape:
    key: str  # the comuna's CUT, or the region's on the country map
    d: str  # SVG path data
    inset: str | None = None  # the inset's caption, for a shape drawn in one
    hidden: bool = False  # a second copy of a shape: clickable, not for the keyboard
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # x, y, x, y


@dataclass(frozen=True, slots=True)
class Box2D:
    x: float
    y: float
    width: float
    height: float
    caption: str


@dataclass(frozen=True, slots=True)
class Layout:
    width: float
    height: float
    shapes: tuple[Shape, ...]
    insets: tuple[Box2D, ...]
    zoom: Layout | None = None  # a part of the map enlarged, drawn beside it
    caption: str = ""


def region_layout(
    comunas: dict[str, shapely.Geometry],
    size: float,
    dissolved: bool = False,
    zoom: Zoom | None = None,
) -> Layout:
    """A region's comunas (by CUT) fitted into size × size units, and its comunas far out at
    sea in boxes on its western side, the ocean's. `dissolved` draws the mainland as one
    shape keyed by "" (a locator's background); `zoom`, a part enlarged beside it."""
    mainland = {cut: g for cut, g in comunas.items() if cut not in INSET_CUTS}
    insets = [inset for inset in INSETS if inset.cut in comunas]
    column = 0.3 * size if insets else 0.0
    frame = fit(Box.of(shapely.union_all(shapely.envelope(list(mainland.values())))), size, size)
    frame = frame.at(column, 0.0)
    shapes: list[Shape] = []
    projected = {cut: frame.project(g) for cut, g in mainland.items()}
    if dissolved:
        simple = [screen_shape(g, TOLERANCE, 0.5) for g in projected.values()]
        shapes.append(Shape("", path_data(screen_shape(dissolve(simple, 60.0), TOLERANCE))))
    boxes: list[Box2D] = []
    enlarged = None
    if zoom is not None:
        enlarged, focused = _zoom(zoom, _cleaned(mainland, fit(zoom.box, size, size)), size)
        corner = frame.project(shapely.Point(zoom.box.west, zoom.box.north))
        end = frame.project(shapely.Point(zoom.box.east, zoom.box.south))
        boxes.append(Box2D(corner.x, corner.y, end.x - corner.x, end.y - corner.y, ""))
    else:
        focused = set()
    if not dissolved:
        for cut, g in projected.items():
            shape = screen_shape(g, TOLERANCE)
            extent = tuple(float(v) for v in shapely.bounds(shape))
            shapes.append(Shape(cut, path_data(shape), hidden=cut in focused, extent=extent))
    y = 0.0
    for inset in insets:
        box, shape = _inset(inset, comunas[inset.cut], PAD, y, column - 2 * PAD, 0.22 * size)
        boxes.append(box)
        shapes.append(shape)
        y = box.y + box.height + PAD * 2
    return Layout(column + frame.width, max(frame.height, y), tuple(shapes), tuple(boxes), enlarged)


def _cleaned(comunas: dict[str, shapely.Geometry], frame: Frame) -> dict[str, shapely.Geometry]:
    """The comunas with their shared borders made identical. The source simplified each comuna
    on its own, which leaves slivers between neighbours: invisible at a region's scale, white
    wedges once enlarged. Cleaning all regions would cost seconds (Magallanes' islands), so
    only the enlarged part is cleaned; gaps under 3 units of its scale are merged."""
    cuts = list(comunas)
    gap = 3.0 / frame.scale
    cleaned = shapely.coverage_clean([comunas[cut] for cut in cuts], gap_width=gap)
    return {
        cut: clean if not shapely.is_empty(clean) else comunas[cut]
        for cut, clean in zip(cuts, cleaned, strict=True)
    }


def _zoom(zoom: Zoom, comunas: dict[str, shapely.Geometry], size: float) -> tuple[Layout, set[str]]:
    """The comunas in the zoom's box, enlarged (cut at the box's edges); and those that the
    keyboard reaches there, with half their area or more in it."""
    frame = fit(zoom.box, size, size)
    box = (zoom.box.west, zoom.box.south, zoom.box.east, zoom.box.north)
    shapes = []
    focused = set()
    for cut, geometry in comunas.items():
        part = shapely.clip_by_rect(geometry, *box)
        if shapely.is_empty(part) or part.area == 0:
            continue
        inside = part.area / geometry.area >= ZOOM_FOCUS
        if inside:
            focused.add(cut)
        d = path_data(screen_shape(frame.project(part), TOLERANCE))
        if d:
            shapes.append(Shape(cut, d, zoom.caption, hidden=not inside))
    layout = Layout(frame.width, frame.height, tuple(shapes), (), caption=zoom.caption)
    return layout, focused


def country_layout(regions: dict[str, dict[str, shapely.Geometry]]) -> Layout:
    """The regions (each its comunas by CUT, by the region's CUT) in three sections side by
    side, at one scale; Rapa Nui and Juan Fernández in boxes under the centre section."""
    shapes: list[Shape] = []
    boxes: list[Box2D] = []
    x = height = 0.0
    for number, section in enumerate(SECTIONS):
        present = [cut for cut in section if cut in regions]
        if not present:
            continue
        mainland = {
            cut: [g for c, g in regions[cut].items() if c not in INSET_CUTS] for cut in present
        }
        extent = shapely.union_all(shapely.envelope([g for gs in mainland.values() for g in gs]))
        frame = Frame(Box.of(extent), COUNTRY_SCALE, x, 0.0)
        for cut in present:
            simple = [screen_shape(frame.project(g), TOLERANCE, 0.5) for g in mainland[cut]]
            region = screen_shape(dissolve(simple, 20.0), TOLERANCE)
            shapes.append(Shape(cut, path_data(region)))
        bottom = frame.height
        if number == 1:
            for inset in INSETS:
                region_cut = inset.cut[:2]
                if region_cut in regions and inset.cut in regions[region_cut]:
                    geometry = regions[region_cut][inset.cut]
                    box, shape = _inset(inset, geometry, x, bottom + GAP, frame.width, 90.0)
                    boxes.append(box)
                    shapes.append(Shape(region_cut, shape.d, inset.caption))
                    bottom = box.y + box.height
        height = max(height, bottom)
        x += frame.width + GAP
    return Layout(x - GAP, height, tuple(shapes), tuple(boxes))


def _inset(
    inset: Inset, geometry: shapely.Geometry, x: float, y: float, width: float, height: float
) -> tuple[Box2D, Shape]:
    """An island comuna in its own box: a caption line, then the islands fitted inside."""
    islands = shapely.clip_by_rect(
        geometry, inset.box.west, inset.box.south, inset.box.east, inset.box.north
    )
    frame = fit(inset.box, width - 2 * PAD, height - 2 * PAD)
    # Centred in the box's width.
    frame = frame.at(x + (width - frame.width) / 2, y + CAPTION + PAD)
    # An island is small at any scale: its specks stay a little longer.
    shape = Shape(
        inset.cut, path_data(screen_shape(frame.project(islands), TOLERANCE, 0.3)), inset.caption
    )
    box = Box2D(x, y, width, CAPTION + frame.height + 2 * PAD, inset.caption)
    return box, shape
