"""Decode TopoJSON objects (as shipped by the npm package `world-atlas`) to shapely."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.validation import make_valid


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Turn the delta-encoded, quantized arcs into absolute coordinates."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index ``~i`` means arc ``i`` reversed."""
    coords: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point; keep it once.
        coords.extend(arc if not coords else arc[1:])
    return coords


def decode(
    topology: dict[str, Any], name: str, *, keep: Callable[[dict[str, Any]], bool] | None = None
) -> list[tuple[dict[str, Any], str | None, BaseGeometry]]:
    """Decode the polygon geometries of object ``name``.

    Parameters
    ----------
    topology
        A parsed TopoJSON Topology.
    name
        The key under ``topology["objects"]``.
    keep
        Decode only the geometries whose properties pass this test.

    Returns
    -------
    list
        ``(properties, id, geometry)`` for each Polygon or MultiPolygon.
    """
    arcs = _decode_arcs(topology)
    out = []
    for item in topology["objects"][name]["geometries"]:
        if keep is not None and not keep(item.get("properties", {})):
            continue
        kind = item.get("type")
        if kind == "Polygon":
            polygons = [item["arcs"]]
        elif kind == "MultiPolygon":
            polygons = item["arcs"]
        else:
            continue
        shapes = []
        for rings in polygons:
            exterior, *holes = (_ring(r, arcs) for r in rings)
            if len(exterior) >= 4:
                shapes.append(Polygon(exterior, [h for h in holes if len(h) >= 4]))
        if not shapes:
            continue
        geometry = make_valid(MultiPolygon(shapes) if len(shapes) > 1 else shapes[0])
        out.append((item.get("properties", {}), item.get("id"), geometry))
    return out
