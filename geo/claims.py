"""Claims: every reported action, presence or plan, one record per statement per source."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPoint

from geo._csv import read_table
from geo.gazetteer import CRS_WGS84
from geo.schema import CLAIMS

Role = Literal["origin", "destination", "location"]

ROLES: dict[str, str] = {
    "origin": "The place a directed movement starts from.",
    "destination": "The place a directed movement goes to.",
    "location": "A place the claim is located at (not a movement end).",
}
"""How a place takes part in a claim."""


def read_claims(path: Path) -> pd.DataFrame:
    """Read and type-check ``data/claims.csv``.

    Parameters
    ----------
    path
        The CSV file; its columns are :data:`geo.schema.CLAIMS`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``claim_id``; ``start``/``end`` are ``Timestamp`` or ``NaT``
        for an open end.
    """
    return read_table(path, CLAIMS, "claim_id", allow_empty=True).set_index("claim_id", drop=False).rename_axis(None)


def claim_places(claims: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (claim, place, role), in claim order.

    Columns are ``claim_id``, ``place_id`` and ``role`` (see :data:`ROLES`).
    """
    rows: list[tuple[str, str, str]] = []
    columns = (claims[c].tolist() for c in ("claim_id", "origin", "destination", "places"))
    for claim_id, origin, destination, places in zip(*columns, strict=True):
        if origin:
            rows.append((claim_id, origin, "origin"))
        if destination:
            rows.append((claim_id, destination, "destination"))
        rows.extend((claim_id, place, "location") for place in places)
    return pd.DataFrame(rows, columns=["claim_id", "place_id", "role"])


def with_geometry(claims: pd.DataFrame, places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Attach to each claim the points of every place it names (a MultiPoint).

    Places missing from ``places`` are skipped; validation reports them.
    """
    known = dict(zip(places.index, places.geometry, strict=True))
    # Claims naming the same places share one MultiPoint (geometries are immutable): a MultiPoint per claim
    # would take half a kilobyte each, and a million claims name only so many combinations of places.
    shapes: dict[tuple[str, ...], MultiPoint] = {}
    geometry = []
    columns = (claims[c].tolist() for c in ("origin", "destination", "places"))
    for origin, destination, named in zip(*columns, strict=True):
        key = tuple(p for p in (origin, destination, *named) if p and p in known)
        if key and key not in shapes:
            shapes[key] = MultiPoint([known[p] for p in key])
        geometry.append(shapes.get(key))
    out = gpd.GeoDataFrame(claims.copy(), geometry=geometry, crs=CRS_WGS84)
    out.attrs.update(claims.attrs)
    return out
