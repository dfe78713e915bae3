"""Gazetteer: the places the articles name, each with a cited coordinate."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from pyproj import CRS, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo._csv import read_table
from geo.schema import PLACES

CRS_WGS84 = "EPSG:4326"
"""Coordinate reference system of every table (WGS84 longitude/latitude)."""


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

    The circle is built in an azimuthal equidistant projection centred on the
    point, so its radius is true in every direction, then returned in WGS84,
    split into two polygons if it crosses the antimeridian. A radius of 0
    returns the point itself.
    """
    centre = Point(lon, lat)
    if radius_km <= 0:
        return centre
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_wgs84 = Transformer.from_crs(local, CRS_WGS84, always_xy=True)
    circle = Point(0, 0).buffer(radius_km * 1000, quad_segs=segments // 4)
    back = shapely.transform(circle, lambda xy: np.column_stack(to_wgs84.transform(xy[:, 0], xy[:, 1])))
    return split_antimeridian(back)


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


def uncertainty_areas(places: pd.DataFrame) -> gpd.GeoSeries:
    """Return :func:`uncertainty_area` for every place, indexed like ``places``."""
    return gpd.GeoSeries(
        [uncertainty_area(r.lon, r.lat, r.radius_km) for r in places.itertuples()],
        index=places.index,
        crs=CRS_WGS84,
    )
