"""Libya's districts (shabiyat), the map's reference layer, decoded from the TopoJSON committed in
`data/geo/` (provenance and checksum in its README).

The build hands the outlines to the browser once, as a script beside the Africa base map
(`macros/publish/assets.py`); a map's figure names the districts and `docs/javascripts/charts.js` gives
plotly the outlines, so no page carries the shapes in its own markup. The outlines are context
only: no fact in the data comes from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .loader import DATA_DIR

DISTRICTS_FILE = DATA_DIR / "geo" / "libya_districts.topo.json"
DECIMALS = 3  # about 100 m: far finer than the map is ever drawn, and a third of the size


@dataclass(frozen=True)
class District:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude) closed rings


@cache
def districts() -> tuple[District, ...]:
    """Every district in the file's order, its rings decoded from the shared, quantised arcs."""
    topology = json.loads(DISTRICTS_FILE.read_text(encoding="utf-8"))
    arcs = [_decode_arc(arc, topology["transform"]) for arc in topology["arcs"]]
    collection = next(iter(topology["objects"].values()))
    found = []
    for geometry in collection["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        found.append(District(geometry["properties"]["name"], rings))
    return tuple(found)


def _decode_arc(arc: list[list[int]], transform: dict) -> list[tuple[float, float]]:
    """TopoJSON stores each arc as integer steps from the previous point."""
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
    return points


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> tuple[tuple[float, float], ...]:
    """A ring from its arcs; a negative index (~i) is arc i walked backwards. Each arc starts where
    the one before it ends, so that shared point is kept once."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return tuple(points)


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
    """Whether a point lies inside the district (even-odd rule over all its rings)."""
    inside = False
    for ring in district.rings:
        for (x1, y1), (x2, y2) in pairwise(ring):
            if (y1 > latitude) != (y2 > latitude) and longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside
