"""A validator for the RFC 7946 rules our GeoJSON exports promise (not a test module)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _positions(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The coordinate sequences of a geometry (points as one-element sequences)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return [[coords]]
    if kind in ("LineString", "MultiPoint"):
        return [coords]
    if kind in ("Polygon", "MultiLineString"):
        return coords
    if kind == "MultiPolygon":
        return [ring for polygon in coords for ring in polygon]
    raise AssertionError(f"unexpected geometry type {kind}")


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        return 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def problems(
    path: Path,
    *,
    time_fields: tuple[str, ...] = ("start", "end"),
    datetime_fields: tuple[str, ...] = ("start_time", "end_exclusive"),
) -> list[str]:
    """Every way the file at ``path`` breaks the rules; an empty list means valid."""
    found: list[str] = []
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("type") != "FeatureCollection":
        return [f"{path.name}: not a FeatureCollection"]
    if "crs" in doc:
        found.append(f"{path.name}: has a crs member")
    ids: set[str] = set()
    for index, feature in enumerate(doc["features"]):
        where = f"{path.name} feature {index}"
        if feature.get("type") != "Feature":
            found.append(f"{where}: not a Feature")
        fid = feature.get("id")
        if not isinstance(fid, str) or not fid:
            found.append(f"{where}: no string id")
        elif fid in ids:
            found.append(f"{where}: duplicate id {fid}")
        ids.add(fid)
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            found.append(f"{where}: properties is not an object")
            continue
        for key, value in properties.items():
            if not (value is None or isinstance(value, str | int | float | bool)):
                found.append(f"{where}: property {key} is not flat")
        for key in time_fields:
            if key not in properties:
                found.append(f"{where}: no {key} property")
            elif properties[key] is not None and not ISO_DATE.match(str(properties[key])):
                found.append(f"{where}: {key} {properties[key]!r} is not an ISO date")
        for key in datetime_fields:
            if key not in properties:
                found.append(f"{where}: no {key} property")
            elif properties[key] is not None and not ISO_DATETIME.match(str(properties[key])):
                found.append(f"{where}: {key} {properties[key]!r} is not an ISO date-time")
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        for sequence in _positions(geometry):
            for lon, lat, *_ in sequence:
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    found.append(f"{where}: position ({lon}, {lat}) out of range")
                if _decimals(lon) > 7 or _decimals(lat) > 7:
                    found.append(f"{where}: more than 7 decimals in ({lon}, {lat})")
            for (x0, _), (x1, _) in itertools.pairwise(sequence):
                if abs(x1 - x0) > 180:
                    found.append(f"{where}: a segment crosses the antimeridian unsplit")
        if geometry["type"] in ("Polygon", "MultiPolygon"):
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                exterior, *holes = polygon
                if exterior[0] != exterior[-1]:
                    found.append(f"{where}: ring not closed")
                if _signed_area(exterior) <= 0:
                    found.append(f"{where}: exterior ring is not counter-clockwise (right-hand rule)")
                for hole in holes:
                    if _signed_area(hole) >= 0:
                        found.append(f"{where}: hole is not clockwise (right-hand rule)")
    return found
