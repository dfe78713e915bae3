"""GIS exports: GeoJSON (RFC 7946), GeoPackage and CSV.

Every export writes the tables of :data:`geo.schema.EXPORT_TABLES`:

* GeoJSON: one FeatureCollection per table, WGS84 longitude/latitude, no
  ``crs`` member, coordinates rounded to 7 decimals, polygons wound by the
  right-hand rule (exterior counter-clockwise), lines split at the
  antimeridian, a stable string ``id`` per feature, flat properties. Lists
  are joined with ``"; "``; dates are ISO 8601 (``YYYY-MM-DD``), date-times
  ``YYYY-MM-DDTHH:MM:SS`` (no time zone), and an open end is ``null``.
* GeoPackage: one layer per table, with real ``DateTime`` fields, written by
  GDAL (pyogrio). Its timestamps are pinned (``OGR_CURRENT_DATE``) so the file
  is byte-identical for the same data.
* CSV: one file per table with a header, a ``wkt`` column and, for points,
  ``lat``/``lon`` columns.

Every table with ``start``/``end`` (inclusive dates) also has ``start_time`` and
``end_exclusive`` (:data:`geo.schema.EXPORT_TIMES`): the half-open interval QGIS's
Temporal Controller expects, see :func:`interval_times`.

Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely import wkt
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo._csv import csv_row
from geo._errors import GeoError
from geo._io import write_text_atomic
from geo.claims import claim_places
from geo.dataset import Dataset
from geo.gazetteer import CRS_WGS84, uncertainty_areas
from geo.movements import movements
from geo.reporting import ReportedBy, as_reported
from geo.schema import (
    EXPORT_AREAS,
    EXPORT_CLAIMS,
    EXPORT_MOVEMENTS,
    EXPORT_PLACES,
    EXPORT_SLICES,
    EXPORT_TABLES,
    LIST_SEPARATOR,
    Column,
    column_names,
)
from geo.slices import place_status, slices

Format = Literal["geojson", "gpkg", "csv"]
FORMATS: dict[str, str] = {"geojson": ".geojson", "gpkg": ".gpkg", "csv": ".csv"}

DECIMALS = 7
"""Coordinate decimals in GeoJSON and CSV (RFC 7946 recommends no more than needed: 7 is ~1 cm)."""

LIST_JOIN = LIST_SEPARATOR + " "
"""How list fields are flattened into one text property."""

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "places": EXPORT_PLACES,
    "areas": EXPORT_AREAS,
    "claims": EXPORT_CLAIMS,
    "movements": EXPORT_MOVEMENTS,
    "slices": EXPORT_SLICES,
}
"""Fields of each exported table, in order (the geometry comes in addition)."""

ISO_DATETIME = "%Y-%m-%dT%H:%M:%S"
"""How date-time fields are written in GeoJSON and CSV (QGIS and GDAL read it as a DateTime)."""


def interval_times(start: pd.Series, end: pd.Series) -> dict[str, pd.Series]:
    """The half-open date-time interval of inclusive ``start``..``end`` days.

    Parameters
    ----------
    start, end
        First and last day (inclusive); NaT where open.

    Returns
    -------
    dict
        ``start_time`` (00:00:00 of ``start``) and ``end_exclusive`` (00:00:00 of
        the day after ``end``), NaT where open: the fields of
        :data:`geo.schema.EXPORT_TIMES`.
    """
    return {
        "start_time": pd.to_datetime(start).dt.normalize(),
        "end_exclusive": pd.to_datetime(end).dt.normalize() + pd.Timedelta(days=1),
    }


def tables(data: Dataset, *, freq: str = "W", reported_by: ReportedBy = None) -> dict[str, gpd.GeoDataFrame]:
    """Build every exported table from ``data``, with an ``id`` column and geometry.

    With ``reported_by``, only the claims whose source was published by that
    date (:mod:`geo.reporting`); the slices keep the window of all the claims.

    Returns
    -------
    dict
        Table name → GeoDataFrame (EPSG:4326) with ``id``, the fields of
        :data:`SCHEMAS` and ``geometry``.
    """
    claims, places = as_reported(data.claims, data.sources, reported_by), data.places
    sliced = slices(data.claims, places, freq=freq, reported_by=reported_by, sources=data.sources)
    status = place_status(sliced, claims, places)
    history = status.groupby("place_id", sort=False).apply(
        lambda g: [f"{s}={t}" for s, t in zip(g["slice"], g["state"], strict=True)], include_groups=False
    )
    roles = claim_places(claims)
    claim_rows = roles.merge(claims.drop(columns="geometry"), on="claim_id", how="left")
    per_place = claim_rows.groupby("place_id")
    places_table = places.drop(columns=["lat", "lon"]).assign(
        claims=per_place["claim_id"].nunique().reindex(places.index).fillna(0).astype(int),
        status_history=history.reindex(places.index).map(lambda v: v if isinstance(v, list) else []),
        start=per_place["start"].min().reindex(places.index),
        end=per_place["end"].max().reindex(places.index),
    )
    # a place with any open-ended claim has an open end
    open_start = per_place["start"].apply(lambda s: s.isna().any()).reindex(places.index).fillna(False).astype(bool)
    open_end = per_place["end"].apply(lambda s: s.isna().any()).reindex(places.index).fillna(False).astype(bool)
    places_table.loc[open_start, "start"] = pd.NaT
    places_table.loc[open_end, "end"] = pd.NaT

    areas = places[places["radius_km"] > 0]
    areas_table = gpd.GeoDataFrame(areas[column_names(EXPORT_AREAS)], geometry=uncertainty_areas(areas), crs=CRS_WGS84)

    claim_rows = claim_rows.assign(
        feature_id=claim_rows["claim_id"] + ":" + claim_rows["role"] + ":" + claim_rows["place_id"]
    )
    claims_table = gpd.GeoDataFrame(
        claim_rows,
        geometry=claim_rows["place_id"].map(places.geometry).tolist(),
        crs=CRS_WGS84,
    )
    moves = movements(claims, places)
    moves = moves[moves["kind"] == "line"]
    sliced = sliced.assign(
        feature_id=sliced["slice"] + ":" + sliced["claim_id"] + ":" + sliced["role"] + ":" + sliced["place_id"]
    )
    out = {
        "places": (places_table, places_table["place_id"]),
        "areas": (areas_table, areas_table["place_id"]),
        "claims": (claims_table, claims_table["feature_id"]),
        "movements": (moves, moves["claim_id"]),
        "slices": (sliced, sliced["feature_id"]),
    }
    result = {}
    for name, (frame, ids) in out.items():
        fields = column_names(SCHEMAS[name])
        if "end_exclusive" in fields:
            frame = frame.assign(**interval_times(frame["start"], frame["end"]))
        table = gpd.GeoDataFrame(
            {"id": ids.to_numpy(), **{f: frame[f].to_numpy() for f in fields}},
            geometry=frame.geometry.to_numpy(),
            crs=CRS_WGS84,
        )
        result[name] = table
    assert set(result) == set(EXPORT_TABLES)
    return result


# --- values -------------------------------------------------------------------


def _flat(value: Any, column: Column) -> Any:
    """A JSON/CSV-ready scalar for one field."""
    if column.type == "list":
        return LIST_JOIN.join(str(v) for v in value) if isinstance(value, list | tuple) else ""
    if column.type == "date":
        return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
    if column.type == "datetime":
        return None if pd.isna(value) else pd.Timestamp(value).strftime(ISO_DATETIME)
    if column.type == "float":
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 3)
    if column.type == "int":
        return None if value is None else int(value)
    if column.type == "bool":
        return bool(value)
    return "" if value is None else str(value)


def _round(coords: Any) -> Any:
    if isinstance(coords, tuple | list) and coords and isinstance(coords[0], int | float):
        return [round(float(c), DECIMALS) for c in coords]
    return [_round(c) for c in coords]


def rfc7946_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    """GeoJSON geometry following RFC 7946: right-hand rule, 7 decimals."""
    if isinstance(geometry, Polygon):
        geometry = orient(geometry, sign=1.0)
    elif isinstance(geometry, MultiPolygon):
        geometry = MultiPolygon([orient(p, sign=1.0) for p in geometry.geoms])
    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": _round(shape["coordinates"])}


def geojson_text(table: gpd.GeoDataFrame, schema: tuple[Column, ...]) -> str:
    """One table as an RFC 7946 FeatureCollection (deterministic text)."""
    features = []
    columns = [table[c.name].tolist() for c in schema]
    for feature_id, geometry, values in zip(table["id"], table.geometry, zip(*columns, strict=True), strict=True):
        properties = {c.name: _flat(v, c) for c, v in zip(schema, values, strict=True)}
        features.append(
            {"type": "Feature", "id": feature_id, "geometry": rfc7946_geometry(geometry), "properties": properties}
        )
    body = {"type": "FeatureCollection", "features": features}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a CSV cell as a formula (the OWASP list)."""

FORMULA_ESCAPE = "'"
"""Put before a text cell of a CSV export that begins with one of :data:`FORMULA_STARTS`."""


def spreadsheet_safe(text: str) -> str:
    """``text`` escaped for a CSV cell, so a spreadsheet shows it instead of running it as a formula.

    Only text cells are escaped: numbers (a negative longitude) are written as
    numbers. The rule is OWASP's for CSV injection.
    """
    return FORMULA_ESCAPE + text if text.startswith(FORMULA_STARTS) else text


def csv_text(table: gpd.GeoDataFrame, schema: tuple[Column, ...]) -> str:
    """One table as CSV: ``id``, the fields, ``wkt``, and ``lat``/``lon`` for points.

    Text and list cells (and ids) pass through :func:`spreadsheet_safe`.
    """
    points = all(isinstance(g, Point) for g in table.geometry)
    lines = [csv_row(["id", *(c.name for c in schema), "wkt", *(["lat", "lon"] if points else [])])]
    columns = [table[c.name].tolist() for c in schema]
    for feature_id, geometry, values in zip(table["id"], table.geometry, zip(*columns, strict=True), strict=True):
        flat = [_flat(v, c) for c, v in zip(schema, values, strict=True)]
        cells = [
            "" if v is None else spreadsheet_safe(v) if c.type in ("str", "list") else v
            for c, v in zip(schema, flat, strict=True)
        ]
        extra = [round(geometry.y, DECIMALS), round(geometry.x, DECIMALS)] if points else []
        shape = wkt.dumps(geometry, rounding_precision=DECIMALS, trim=True)
        lines.append(csv_row([spreadsheet_safe(str(feature_id)), *cells, shape, *extra]))
    return "".join(lines)


def _gpkg_frame(table: gpd.GeoDataFrame, schema: tuple[Column, ...]) -> gpd.GeoDataFrame:
    """Types GDAL maps to real GeoPackage fields: dates and date-times as datetime64, lists as text."""
    data: dict[str, Any] = {"id": table["id"].astype(str)}
    for column in schema:
        values = table[column.name]
        if column.type in ("date", "datetime"):
            data[column.name] = pd.to_datetime(values).astype("datetime64[ms]")
        elif column.type == "list":
            data[column.name] = [_flat(v, column) for v in values]
        elif column.type == "bool":
            data[column.name] = values.astype(bool)
        elif column.type == "int":
            data[column.name] = values.astype("int64")
        elif column.type == "float":
            data[column.name] = values.astype(float)
        else:
            data[column.name] = values.fillna("").astype(str)
    geometry = [MultiLineString([g]) if isinstance(g, LineString) else g for g in table.geometry]
    return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS_WGS84)


def write_gpkg(tables_by_name: dict[str, gpd.GeoDataFrame], path: Path, *, stamp: str) -> None:
    """Write one GeoPackage layer per table, atomically and with pinned timestamps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gpkg", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    # SQLite need not wait for the disk after each layer: the file is a temporary one no one else
    # opens, renamed into place whole, as every other output is.
    options = {"OGR_CURRENT_DATE": stamp, "OGR_SQLITE_SYNCHRONOUS": "OFF"}
    previous = {name: pyogrio.get_gdal_config_option(name) for name in options}
    pyogrio.set_gdal_config_options(options)
    try:
        for name, table in tables_by_name.items():
            frame = _gpkg_frame(table, SCHEMAS[name])
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=Path(tmp).exists())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        pyogrio.set_gdal_config_options(previous)


def _targets(fmt: str, out: Path, names: Sequence[str]) -> dict[str, Path]:
    """Where each table goes: ``out`` itself for one table with the format's extension,
    else ``<stem>_<table><ext>`` beside it, or ``<table><ext>`` inside a folder."""
    ext = FORMATS[fmt]
    if fmt == "gpkg":
        return {name: out for name in names}
    if out.suffix.lower() == ext:
        if len(names) == 1:
            return {names[0]: out}
        return {name: out.with_name(f"{out.stem}_{name}{ext}") for name in names}
    return {name: out / f"{name}{ext}" for name in names}


def export(
    data: Dataset,
    *,
    fmt: Format,
    out: Path,
    names: Sequence[str] | None = None,
    freq: str = "W",
    reported_by: ReportedBy = None,
    prepared: Mapping[str, gpd.GeoDataFrame] | None = None,
) -> list[Path]:
    """Write the export tables of ``data`` in ``fmt`` to ``out``.

    Parameters
    ----------
    data
        The loaded data set.
    fmt
        ``geojson``, ``gpkg`` or ``csv``.
    out
        For ``gpkg`` the file. For ``geojson``/``csv``, a folder (one file per
        table), or a file name with the format's extension: exactly that file
        for one table, else ``<stem>_<table>`` files beside it.
    names
        The tables to write (default: all of :data:`geo.schema.EXPORT_TABLES`).
    freq
        Slice length of the ``slices`` table and the places' status history.
    reported_by
        Freeze the export at a reporting date: only the claims whose source
        was published on or before it (None: every claim).
    prepared
        The tables of :func:`tables` for these ``data``, ``freq`` and
        ``reported_by``, when already built (``geo build`` writes three
        formats from one set).

    Returns
    -------
    list of Path
        The files written.
    """
    if fmt not in FORMATS:
        raise GeoError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    names = list(names or EXPORT_TABLES)
    unknown = sorted(set(names) - set(EXPORT_TABLES))
    if unknown:
        raise GeoError(f"unknown table {', '.join(unknown)}; tables are {', '.join(EXPORT_TABLES)}")
    every = prepared if prepared is not None else tables(data, freq=freq, reported_by=reported_by)
    built = {name: table for name, table in every.items() if name in names}
    targets = _targets(fmt, out, names)
    if fmt == "gpkg":
        latest = max(data.sources["published"])
        write_gpkg(built, out, stamp=f"{latest:%Y-%m-%d}T00:00:00Z")
        return [out]
    for name in names:
        text = geojson_text(built[name], SCHEMAS[name]) if fmt == "geojson" else csv_text(built[name], SCHEMAS[name])
        write_text_atomic(targets[name], text)
    return [targets[name] for name in names]
