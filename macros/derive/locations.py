"""Where a place is, as honestly as the sources allow.

A place is either a gazetteer point (copied from GeoNames, approximate), a point copied from a
named reference the offline gazetteer cannot check (a GeoNames or OpenStreetMap id, a named map;
marked as such), or stated relative to
one ("150 miles south-east of Sirte", "west of Qatrun", "near Sirte"), or at coordinates a
document itself gives (marked stated, approximate), or not placeable at all.
A relative position with a bearing and a distance is computed on the WGS84 ellipsoid and marked
computed; one with only a direction or "near" is drawn at its reference town with a symbol that
says so, never as if it were the town. Two or more positions from different sources are
candidates of a disputed location, each kept.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from geographiclib.geodesic import Geodesic

from ..core.models import Place, Relative, StatedPoint
from ..core.terms import BEARINGS, DISTANCE_UNITS


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float
    precision: str  # a key of terms.LOCATION_PRECISIONS
    stated: str  # the position in words: the place's name, or what the source says
    bearing: float | None = None  # degrees, for a direction-only position
    source: str | None = None  # the document that states a relative position
    reference: Place | None = None  # the town a relative position is measured from


@dataclass(frozen=True)
class Location:
    place: Place
    positions: tuple[Position, ...]

    @property
    def mapped(self) -> bool:
        return bool(self.positions)

    @property
    def disputed(self) -> bool:
        """Different sources put it in different places (one document giving both a bearing and
        distance and coordinates is not a dispute with itself)."""
        return any(
            a.source != b.source and (a.latitude, a.longitude, a.bearing) != (b.latitude, b.longitude, b.bearing)
            for a, b in itertools.combinations(self.positions, 2)
        )


def locate(place: Place, places: dict[str, Place]) -> Location:
    if place.has_point:
        precision = "gazetteer" if place.gazetteer_point else "reference"
        return Location(place, (Position(place.latitude, place.longitude, precision, place.name),))
    relative = [_position(relative, places) for relative in place.relative_to]
    return Location(place, (*relative, *map(_stated, place.stated_coordinates)))


def _stated(point: StatedPoint) -> Position:
    return Position(point.latitude, point.longitude, "stated", point.stated, None, point.source)


def _position(relative: Relative, places: dict[str, Place]) -> Position:
    origin = places[relative.place]
    bearing = BEARINGS[relative.bearing] if relative.bearing else None
    if relative.distance is not None and bearing is not None and relative.unit is not None:
        metres = relative.distance * DISTANCE_UNITS[relative.unit] * 1000
        point = Geodesic.WGS84.Direct(origin.latitude, origin.longitude, bearing, metres)
        return Position(
            round(point["lat2"], 5), round(point["lon2"], 5), "computed", relative.stated, None, relative.source, origin
        )
    precision = "direction" if bearing is not None else "near"
    return Position(origin.latitude, origin.longitude, precision, relative.stated, bearing, relative.source, origin)
