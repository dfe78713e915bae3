"""Gazetteer: the places the articles name, each with a cited coordinate."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo._csv import read_table
from geo.schema import PLACES

CRS_WGS84 = "EPSG:4326"
"""Coordinate reference system of every table (WGS84 longitude/latitude)."""

_GEOD = Geod(ellps="WGS84")


def read_places(path: Path) -> gpd.GeoDataFrame:
    """Read and type-check ``data/gazetteer.csv``.

    Parameters
    ----------
    path
        The CSV file; its columns are :data:`geo.schema.PLACES`.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ``place_id``, with a Point geometry from ``lon``/``lat``
        (EPSG:4326).
    """
    frame = read_table(path, PLACES, "place_id", allow_empty=True)
    attrs = dict(frame.attrs)
    places = (
        gpd.GeoDataFrame(
            frame,
            geometry=gpd.points_from_xy(frame["lon"], frame["lat"]),
            crs=CRS_WGS84,
        )
        .set_index("place_id", drop=False)
        .rename_axis(None)
    )
    places.attrs.update(attrs)
    return places


def uncertainty_area(lon: float, lat: float, radius_km: float, *, segments: int = 32) -> Polygon | MultiPolygon | Point:
    """Return the circle of ``radius_km`` around a point, drawn geodesically.

    Each vertex is the point ``radius_km`` from the centre along the
    geodesic at its azimuth (the circle of an azimuthal equidistant
    projection centred on the point, so its radius is true in every
    direction), split into two polygons if it crosses the antimeridian. A
    radius of 0 returns the point itself.
    """
    return uncertainty_areas(pd.DataFrame({"lon": [lon], "lat": [lat], "radius_km": [radius_km]}), segments=segments)[0]


def uncertainty_areas(places: pd.DataFrame, *, segments: int = 32) -> gpd.GeoSeries:
    """Return :func:`uncertainty_area` for every place, indexed like ``places``.

    One call of pyproj's ``Geod`` for every vertex of every circle: a
    projection per place took a third of a second per ten places.
    """
    lon, lat, radius = (places[c].to_numpy(dtype=float) for c in ("lon", "lat", "radius_km"))
    # The unit circle's vertices, in shapely's order, as azimuths clockwise from north.
    unit = np.asarray(Point(0, 0).buffer(1.0, quad_segs=segments // 4).exterior.coords)
    azimuth = 90.0 - np.degrees(np.arctan2(unit[:, 1], unit[:, 0]))
    drawn = radius > 0
    n = len(azimuth)
    x, y, _ = _GEOD.fwd(
        np.repeat(lon[drawn], n), np.repeat(lat[drawn], n), np.tile(azimuth, int(drawn.sum())),
        np.repeat(radius[drawn] * 1000, n),
    )  # fmt: skip
    rings = np.column_stack((np.atleast_1d(x), np.atleast_1d(y))).reshape(-1, n, 2)
    shapes: list[Polygon | MultiPolygon | Point] = [Point(a, b) for a, b in zip(lon, lat, strict=True)]
    for i, ring in zip(np.flatnonzero(drawn), rings, strict=True):
        ring[-1] = ring[0]  # closed exactly
        shapes[i] = split_antimeridian(Polygon(ring))
    return gpd.GeoSeries(shapes, index=places.index, crs=CRS_WGS84)


def split_antimeridian(polygon: Polygon) -> Polygon | MultiPolygon:
    """Split a lon/lat polygon whose edges jump across ±180° into one part on each side."""
    xs = np.asarray(polygon.exterior.coords)[:, 0]
    if not (np.abs(np.diff(xs)) > 180).any():
        return polygon
    # Unwrap to 0..360 so the polygon is continuous, then cut at 180 and shift the east part back.
    unwrapped = shapely.transform(
        polygon, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360, xy[:, 0]), xy[:, 1]])
    )
    west = unwrapped.intersection(box(0, -90, 180, 90))
    east = shapely.affinity.translate(unwrapped.intersection(box(180, -90, 360, 90)), xoff=-360)
    parts = [p for g in (west, east) for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(parts)
