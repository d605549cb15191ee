"""Libya's districts (shabiyat), the map's reference layer: the GeoJSON committed in `data/geo/`
(converted from the TopoJSON beside it by topojson-client; provenance and checksums in its
README), read into shapely shapes.

The build hands the outlines to the browser once, as a script beside the Africa base map
(`macros/publish/assets.py`); a map's figure names the districts and `docs/javascripts/charts.js` gives
plotly the outlines, so no page carries the shapes in its own markup. The outlines are context
only: no fact in the data comes from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from ..core.project import PROJECT_DIR

DISTRICTS_FILE = PROJECT_DIR / "data" / "geo" / "libya_districts.geojson"
DECIMALS = 3  # about 100 m: far finer than the map is ever drawn, and a third of the size


@dataclass(frozen=True)
class District:
    name: str
    shape: Polygon | MultiPolygon  # (longitude, latitude)

    @property
    def rings(self) -> tuple[tuple[tuple[float, float], ...], ...]:
        """Every ring of every polygon (outline first, then its holes), rounded to DECIMALS."""
        polygons = self.shape.geoms if isinstance(self.shape, MultiPolygon) else [self.shape]
        return tuple(
            tuple((round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring.coords)
            for polygon in polygons
            for ring in (polygon.exterior, *polygon.interiors)
        )


@cache
def districts() -> tuple[District, ...]:
    """Every district in the file's order, its shape prepared for point look-ups."""
    collection = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    found = []
    for feature in collection["features"]:
        outline = shape(feature["geometry"])
        shapely.prepare(outline)
        found.append(District(feature["properties"]["name"], outline))
    return tuple(found)


def districts_geojson() -> dict:
    """The districts as a GeoJSON FeatureCollection keyed by name, as plotly's choropleth takes it."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": district.name,
                "properties": {"name": district.name},
                "geometry": {"type": "Polygon", "coordinates": [list(map(list, ring)) for ring in district.rings]},
            }
            for district in districts()
        ],
    }


def contains(district: District, longitude: float, latitude: float) -> bool:
    """Whether a point lies inside the district."""
    return bool(shapely.contains_xy(district.shape, longitude, latitude))
