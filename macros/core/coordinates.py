"""Coordinate pairs as documents write them, read so the validator can hold a stated position to
its quote: the latitude and longitude an analyst types must be the ones the quoted words give,
never a conversion of something else and never a guess.

Read: degrees with optional minutes and seconds and a hemisphere (25°30'N 16°15'E, N 25° 30',
25.5 degrees north; curly and prime marks too), and a bare signed decimal pair, latitude first (25.5, 16.25).
"""

from __future__ import annotations

import itertools
import re

_NUMBER = r"\d{1,3}(?:\.\d+)?"
_DEGREES = rf"(?P<deg>{_NUMBER})\s*(?:°|º|˚|degrees?\b|deg\b)?"
_MINUTES = r"(?:\s*(?P<min>\d{1,2}(?:\.\d+)?)\s*(?:'|\u2032|\u2019|minutes?\b|min\b))?"
_SECONDS = r"(?:\s*(?P<sec>\d{1,2}(?:\.\d+)?)\s*(?:\"|\u2033|\u201d|''|\u2032\u2032|seconds?\b|sec\b))?"
_HEMISPHERE = r"(?:north|south|east|west|[NSEW])(?![A-Za-z])"
_ANGLE = _DEGREES + _MINUTES + _SECONDS
_AFTER = re.compile(rf"(?<![\d.]){_ANGLE}\s*(?P<hem>{_HEMISPHERE})", re.IGNORECASE)
_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<hem>{_HEMISPHERE})\s*{_ANGLE}", re.IGNORECASE)
_DECIMAL_PAIR = re.compile(r"(?<![\d.])(-?\d{1,2}\.\d+)\s*[,;/ ]\s*(-?\d{1,3}\.\d+)(?![\d.])")
# How far a typed value may be from the stated one: the rounding of a converted DMS (about 11 m).
TOLERANCE = 1e-4


def stated_pairs(text: str) -> list[tuple[float, float]]:
    """Every (latitude, longitude) the text states, in decimal degrees, in the order written."""
    pairs = []
    for style in (_AFTER, _BEFORE):  # read apart: "N 25° E 16°" must not read as "25° E"
        angles = [(_hemisphere(m["hem"]), _decimal(m)) for m in style.finditer(text)]
        for first, second in itertools.pairwise(angles):
            if first[0] in "NS" and second[0] in "EW":
                pairs.append((_signed(first), _signed(second)))
            elif first[0] in "EW" and second[0] in "NS":
                pairs.append((_signed(second), _signed(first)))
    for match in _DECIMAL_PAIR.finditer(text):
        latitude, longitude = float(match[1]), float(match[2])
        if abs(latitude) <= 90 and abs(longitude) <= 180:
            pairs.append((latitude, longitude))
    return pairs


def states(text: str, latitude: float, longitude: float) -> bool:
    return any(
        abs(lat - latitude) <= TOLERANCE and abs(lon - longitude) <= TOLERANCE for lat, lon in stated_pairs(text)
    )


def _hemisphere(word: str) -> str:
    return word[0].upper()


def _decimal(match: re.Match) -> float:
    minutes, seconds = float(match["min"] or 0), float(match["sec"] or 0)
    return float(match["deg"]) + minutes / 60 + seconds / 3600


def _signed(angle: tuple[str, float]) -> float:
    hemisphere, degrees = angle
    return round(-degrees if hemisphere in "SW" else degrees, 6)
