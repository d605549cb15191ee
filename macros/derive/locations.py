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
        """Different sources put it in places that cannot both hold (`placement`): not two wordings
        of one spot, nor a point and a direction it lies in (one document giving both a bearing and
        distance and coordinates is not a dispute with itself)."""
        return any(
            a.source != b.source and _spot_relation(a, b) == "differs"
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


# How far apart two stated positions may be and still place one spot ("about 150 miles" and
# "150 miles" south-east of Sirte), how far from a town is still "near" it, and how far a bearing
# may turn and still lie in a stated direction ("south of Sirte" holds a point south-east of it).
# CONTRIBUTING explains them with these numbers; tests/test_comparison.py holds it to them.
SAME_SPOT_KM = 25
NEAR_KM = 50
DIRECTION_SLACK = 45.0
_COARSER = {"finer": "coarser", "coarser": "finer"}


def placement(first: tuple[Place, str], second: tuple[Place, str], places: dict[str, Place]) -> str:
    """How where a second claim puts an event stands to where a first does, each a (place, the
    claim's document): "same", "finer" (within the first, or more precise), "coarser",
    "compatible" (both can hold, neither within the other) or "differs" (they cannot both hold).
    A place is where the claim's own document puts it, when that document gives a position for
    it; else every position the place has."""
    (one, one_source), (other, other_source) = first, second
    if one.id != other.id and (one.near == other.id or other.near == one.id):
        return "finer" if other.near == one.id else "coarser"
    if one.geo_precision == 3 or other.geo_precision == 3:
        return _with_region(one, other)
    ones, others = _spots(one, one_source, places), _spots(other, other_source, places)
    if not (ones and others):
        return "same" if one.id == other.id else "compatible"
    found = {_spot_relation(a, b) for a in ones for b in others}
    return next((answer for answer in ("same", "finer", "coarser", "compatible") if answer in found), "differs")


def _with_region(one: Place, other: Place) -> str:
    """A region ("southern Libya") holds what its district holds; of anything else in its
    country it cannot be told, and nothing outside it."""
    if one.geo_precision == other.geo_precision:
        return "same" if one.id == other.id else "compatible" if one.country == other.country else "differs"
    region, spot = (one, other) if one.geo_precision == 3 else (other, one)
    if region.country != spot.country:
        return "differs"
    if region.admin1 is None or region.admin1 != spot.admin1:
        return "compatible"
    return "finer" if region is one else "coarser"


def _spots(place: Place, source: str, places: dict[str, Place]) -> list[Position]:
    positions = locate(place, places).positions
    return [p for p in positions if p.source == source] or list(positions)


def _spot_relation(first: Position, second: Position) -> str:
    vague = {"direction", "near"}
    if first.precision in vague and second.precision in vague:
        return _between_vague(first, second)
    if second.precision in vague:
        relation = _within(first, second)
        return _COARSER.get(relation, relation)
    if first.precision in vague:
        return _within(second, first)
    if {first.precision, second.precision} <= {"gazetteer", "reference"}:  # two named places
        return "same" if (first.latitude, first.longitude) == (second.latitude, second.longitude) else "differs"
    return "same" if _km(first, second) <= SAME_SPOT_KM else "differs"


def _within(point: Position, vague: Position) -> str:
    """A point against "near" a town or a direction from it: "finer" when it lies there."""
    distance = _km(point, vague)  # a vague position is drawn at its town
    if vague.bearing is None:
        return "finer" if distance <= NEAR_KM else "differs"
    if distance <= NEAR_KM:
        return "compatible"  # too close to the town to tell a direction
    bearing = Geodesic.WGS84.Inverse(vague.latitude, vague.longitude, point.latitude, point.longitude)["azi1"]
    return "finer" if _turn(bearing, vague.bearing) <= DIRECTION_SLACK else "differs"


def _between_vague(first: Position, second: Position) -> str:
    """Two directions or "near"s. From one town: one direction is the same, bearings more than
    DIRECTION_SLACK apart cannot both hold, "near" and a direction can. Near two towns far
    apart cannot both hold; anything else from two towns can."""
    if first.reference is None or second.reference is None or first.reference.id != second.reference.id:
        both_near = first.bearing is None and second.bearing is None
        return "differs" if both_near and _km(first, second) > 2 * NEAR_KM else "compatible"
    if first.bearing is None or second.bearing is None:
        return "same" if first.bearing == second.bearing else "compatible"
    turn = _turn(first.bearing, second.bearing)
    return "same" if turn == 0 else "compatible" if turn <= DIRECTION_SLACK else "differs"


def _turn(a: float, b: float) -> float:
    """The angle between two bearings, to a hundredth of a degree: a point computed 135 degrees
    from a town, rounded to five decimals, lies 135.00001 degrees from it."""
    return round(abs((a - b + 180) % 360 - 180), 2)


def _km(first: Position, second: Position) -> float:
    return Geodesic.WGS84.Inverse(first.latitude, first.longitude, second.latitude, second.longitude)["s12"] / 1000
