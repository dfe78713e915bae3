"""Movements: claims with an origin or destination, drawn honestly, and stated distances.

A claim with both an origin and a destination becomes a directed line along
the great circle (geodesic) between the two gazetteer points, densified so
long hauls such as Hmeimim → Libya are drawn as arcs, and split at the
antimeridian when it crosses it. Its length is the geodesic distance
(pyproj's ``Geod``, over arrays: one call for every line of a map). A
claim with only an origin is a *departure* at that place and one with only
a destination an *arrival*: no line is invented.
A movement is drawn dashed when it is planned, intended or unconfirmed.
"""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pandas as pd
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
    lon, lat = np.array([[start.x, end.x]]), np.array([[start.y, end.y]])
    return great_circles(lon[:, 0], lat[:, 0], lon[:, 1], lat[:, 1], step_km=step_km)[0][0]


def great_circles(
    lon0: np.ndarray, lat0: np.ndarray, lon1: np.ndarray, lat1: np.ndarray, *, step_km: float = ARC_STEP_KM
) -> tuple[list[LineString | MultiLineString], np.ndarray]:
    """The geodesics between pairs of lon/lat points as densified lines, and their lengths in km.

    Two calls of pyproj's ``Geod`` over arrays, whatever the number of pairs:
    the inverse problem gives each line's azimuth and length, the direct
    problem every intermediate point, ``step_km`` apart at most and equally
    spaced along the line (the points of ``Geod.npts``).
    """
    lon0, lat0, lon1, lat1 = (np.asarray(a, dtype=float) for a in (lon0, lat0, lon1, lat1))
    azimuth, _, metres = _GEOD.inv(lon0, lat0, lon1, lat1)
    azimuth, metres = np.atleast_1d(azimuth), np.atleast_1d(metres)
    km = metres / 1000
    inner = (km // step_km).astype(np.int64)
    route = np.repeat(np.arange(len(km)), inner)
    # The k-th of n inner points lies k/(n+1) of the way along its line.
    k = np.arange(len(route)) - np.repeat(np.cumsum(inner) - inner, inner) + 1
    middle_x, middle_y, _ = _GEOD.fwd(lon0[route], lat0[route], azimuth[route], metres[route] * k / (inner[route] + 1))
    middle_x, middle_y = np.atleast_1d(middle_x), np.atleast_1d(middle_y)
    ends = np.cumsum(inner)
    lines: list[LineString | MultiLineString] = []
    for i in range(len(km)):
        xs = np.concatenate(([lon0[i]], middle_x[ends[i] - inner[i] : ends[i]], [lon1[i]]))
        ys = np.concatenate(([lat0[i]], middle_y[ends[i] - inner[i] : ends[i]], [lat1[i]]))
        lines.append(_split_at_antimeridian(xs, ys))
    return lines, km


def _split_at_antimeridian(xs: np.ndarray, ys: np.ndarray) -> LineString | MultiLineString:
    """A line through the points, cut into parts at ±180° where it crosses the antimeridian."""
    if not (np.abs(np.diff(xs)) > 180).any():
        return LineString(np.column_stack((xs, ys)))
    points = list(zip(xs.tolist(), ys.tolist(), strict=True))
    parts: list[list[tuple[float, float]]] = [[points[0]]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if abs(x1 - x0) > 180:  # crosses the antimeridian: cut at ±180
            edge = 180.0 if x0 > 0 else -180.0
            x1_unwrapped = x1 + (360 if x0 > 0 else -360)
            y_cut = y0 + (y1 - y0) * (edge - x0) / (x1_unwrapped - x0)
            parts[-1].append((edge, y_cut))
            parts.append([(-edge, y_cut)])
        parts[-1].append((x1, y1))
    return MultiLineString(parts)


def length_km(start: Point, end: Point) -> float:
    """Geodesic distance in km between two lon/lat points (pyproj's ``Geod``, Karney's algorithm)."""
    return _GEOD.inv(start.x, start.y, end.x, end.y)[2] / 1000


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
    known = places.index
    moving = claims[(claims["origin"] != "") | (claims["destination"] != "")]
    origin = moving["origin"].to_numpy(dtype=object)
    destination = moving["destination"].to_numpy(dtype=object)
    has_origin, has_destination = (pd.Index(ends).isin(known) for ends in (origin, destination))
    kind = np.where(has_origin & has_destination, "line", np.where(has_origin, "departure", "arrival"))
    lines = kind == "line"
    # One geodesic per pair of places, however many claims use it, in order of first use.
    pairs = pd.MultiIndex.from_arrays([origin[lines], destination[lines]])
    codes, routes = pd.factorize(pairs)
    start, end = (places.geometry.reindex(routes.get_level_values(level)) for level in (0, 1))
    shapes, km = great_circles(start.x.to_numpy(), start.y.to_numpy(), end.x.to_numpy(), end.y.to_numpy())
    geometry = np.empty(len(moving), dtype=object)
    drawn = np.empty(len(shapes), dtype=object)
    drawn[:] = shapes
    geometry[lines] = drawn[codes]
    point = places.geometry
    departures, arrivals = kind == "departure", kind == "arrival"
    geometry[departures] = point.reindex(origin[departures]).to_numpy()
    geometry[arrivals] = point.reindex(destination[arrivals]).to_numpy()
    length = np.full(len(moving), np.nan)
    length[lines] = km[codes]
    unconfirmed = moving["unconfirmed"].astype(bool).to_numpy()
    table = pd.DataFrame(
        {
            "claim_id": moving["claim_id"].to_numpy(), "source_id": moving["source_id"].to_numpy(), "kind": kind,
            "action": moving["action"].to_numpy(), "asset": moving["asset"].to_numpy(),
            "quantity": moving["quantity"].to_numpy(), "origin": origin, "destination": destination,
            "length_km": length, "start": moving["start"].to_numpy(), "end": moving["end"].to_numpy(),
            "time_precision": moving["time_precision"].to_numpy(), "modality": moving["modality"].to_numpy(),
            "unconfirmed": unconfirmed,
            "dashed": moving["modality"].isin(FUTURE_MODALITIES).to_numpy() | unconfirmed,
        },
        columns=column_names(MOVEMENTS),
    )  # fmt: skip
    return gpd.GeoDataFrame(table, geometry=list(geometry), crs=CRS_WGS84)


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
