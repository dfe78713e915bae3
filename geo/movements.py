"""Movements: claims with an origin or destination, drawn honestly, and stated distances.

A claim with both an origin and a destination becomes a directed line along
the great circle (geodesic) between the two gazetteer points, densified so
long hauls such as Hmeimim → Libya are drawn as arcs, and split at the
antimeridian when it crosses it. Its length is the geodesic distance from
``geopy.distance``. A claim with only an origin is a *departure* at that
place and one with only a destination an *arrival*: no line is invented.
A movement is drawn dashed when it is planned, intended or unconfirmed.
"""

from __future__ import annotations

import itertools

import geopandas as gpd
import pandas as pd
from geopy.distance import geodesic
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, Point

from geo.gazetteer import CRS_WGS84
from geo.schema import DISTANCE_CHECKS, FUTURE_MODALITIES, MOVEMENTS, column_names

_GEOD = Geod(ellps="WGS84")

ARC_STEP_KM = 50.0
"""Spacing of the intermediate points of a drawn great-circle line."""

DISTANCE_TOLERANCE = 0.15
"""A stated distance is consistent when the geodesic one is within 15% of it
("approximately 200 km" is a round number)."""

BEARING_TOLERANCE_DEG = 45.0
"""A stated direction is consistent within 45° (half the gap between two of
the eight compass points, plus their own width)."""

COMPASS = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}


def great_circle(start: Point, end: Point, *, step_km: float = ARC_STEP_KM) -> LineString | MultiLineString:
    """Return the geodesic between two lon/lat points as a densified line.

    The line is split into a MultiLineString where it crosses the
    antimeridian, as RFC 7946 asks.
    """
    length_km = _GEOD.inv(start.x, start.y, end.x, end.y)[2] / 1000
    inner = int(length_km // step_km)
    middle = _GEOD.npts(start.x, start.y, end.x, end.y, inner) if inner > 0 else []
    points = [(start.x, start.y), *middle, (end.x, end.y)]
    parts: list[list[tuple[float, float]]] = [[points[0]]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if abs(x1 - x0) > 180:  # crosses the antimeridian: cut at ±180
            edge = 180.0 if x0 > 0 else -180.0
            x1_unwrapped = x1 + (360 if x0 > 0 else -360)
            y_cut = y0 + (y1 - y0) * (edge - x0) / (x1_unwrapped - x0)
            parts[-1].append((edge, y_cut))
            parts.append([(-edge, y_cut)])
        parts[-1].append((x1, y1))
    if len(parts) == 1:
        return LineString(parts[0])
    return MultiLineString(parts)


def length_km(start: Point, end: Point) -> float:
    """Geodesic distance in km between two lon/lat points (geopy)."""
    return geodesic((start.y, start.x), (end.y, end.x)).km


def movements(claims: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Turn every claim with an origin or a destination into a movement.

    Parameters
    ----------
    claims
        The claims table.
    places
        The gazetteer, indexed by ``place_id``.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`geo.schema.MOVEMENTS`; geometry is a line for ``line``
        movements and the place's Point for departures and arrivals.
    """
    rows, geometry = [], []
    points = places.geometry.to_dict()
    routes: dict[tuple[str, str], tuple[LineString | MultiLineString, float]] = {}
    fields = [
        "claim_id", "source_id", "action", "asset", "quantity", "origin", "destination",
        "start", "end", "time_precision", "modality", "unconfirmed",
    ]  # fmt: skip
    moving = claims[(claims["origin"] != "") | (claims["destination"] != "")]
    for values in zip(*(moving[f].tolist() for f in fields), strict=True):
        c = dict(zip(fields, values, strict=True))
        origin = points.get(c["origin"]) if c["origin"] else None
        destination = points.get(c["destination"]) if c["destination"] else None
        if origin is not None and destination is not None:
            key = (c["origin"], c["destination"])
            if key not in routes:  # one geodesic per pair of places, however many claims use it
                routes[key] = (great_circle(origin, destination), length_km(origin, destination))
            kind, (shape, km) = "line", routes[key]
        elif origin is not None:
            kind, shape, km = "departure", origin, float("nan")
        else:
            kind, shape, km = "arrival", destination, float("nan")
        dashed = c["modality"] in FUTURE_MODALITIES or bool(c["unconfirmed"])
        rows.append(
            (
                c["claim_id"], c["source_id"], kind, c["action"], c["asset"], c["quantity"], c["origin"],
                c["destination"], km, c["start"], c["end"], c["time_precision"], c["modality"],
                bool(c["unconfirmed"]), dashed,
            )
        )  # fmt: skip
        geometry.append(shape)
    return gpd.GeoDataFrame(rows, columns=column_names(MOVEMENTS), geometry=geometry, crs=CRS_WGS84)


def bearing_deg(start: Point, end: Point) -> float:
    """Initial bearing from ``start`` to ``end``, degrees clockwise from north (0-360)."""
    return _GEOD.inv(start.x, start.y, end.x, end.y)[0] % 360


def check_distances(distances: pd.DataFrame, places: gpd.GeoDataFrame) -> pd.DataFrame:
    """Check each stated distance (and direction) against the gazetteer.

    Parameters
    ----------
    distances
        The distances table (``Dataset.distances``).
    places
        The gazetteer.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.DISTANCE_CHECKS`. ``consistent`` is true when
        the geodesic distance is within :data:`DISTANCE_TOLERANCE` of the
        stated one and the bearing within :data:`BEARING_TOLERANCE_DEG` of the
        stated direction.
    """
    rows = []
    for item in distances.itertuples(index=False):
        place, reference = places.geometry[item.place_id], places.geometry[item.reference]
        km = length_km(reference, place)
        bearing = bearing_deg(reference, place)
        difference = (km - item.stated_km) / item.stated_km
        ok = abs(difference) <= DISTANCE_TOLERANCE
        if item.direction:
            gap = abs((bearing - COMPASS[item.direction] + 180) % 360 - 180)
            ok = ok and gap <= BEARING_TOLERANCE_DEG
        rows.append((*item, round(km, 1), round(bearing, 1), round(100 * difference, 1), ok))
    return pd.DataFrame(rows, columns=column_names(DISTANCE_CHECKS))
