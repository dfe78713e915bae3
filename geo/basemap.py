"""Offline reference geography: country borders from Natural Earth.

The data come from the npm package ``world-atlas`` (Natural Earth, public
domain; package under the ISC licence), installed by the set-up into
``assets/node_modules``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import geopandas as gpd

from geo._errors import AssetsMissingError
from geo._topojson import decode

ASSETS_ENV = "GEO_ASSETS_DIR"
"""Environment variable that overrides where the npm assets are installed."""

COUNTRY_NAME = "name"
"""Column of :func:`countries`: the Natural Earth country name."""


def assets_dir() -> Path:
    """Return the ``node_modules`` folder the set-up installs offline assets into."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "assets" / "node_modules"


def asset_path(relative: str) -> Path:
    """Return the path of an installed asset, or explain how to install it.

    Raises
    ------
    AssetsMissingError
        When the file is not installed.
    """
    path = assets_dir() / relative
    if not path.exists():
        raise AssetsMissingError(
            f"offline asset {relative} is not installed at {path}. "
            "Run 'make build' or 'make test' once (they run 'npm ci --ignore-scripts --prefix assets')."
        )
    return path


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
    path = asset_path(f"world-atlas/countries-{resolution}.json")
    topology = json.loads(path.read_text(encoding="utf-8"))
    rows = decode(topology, "countries", keep=None if names is None else lambda p: p.get("name") in names)
    return gpd.GeoDataFrame(
        {COUNTRY_NAME: [props.get("name", "") for props, _, _ in rows]},
        geometry=[geom for _, _, geom in rows],
        index=[code or "" for _, code, _ in rows],
        crs="EPSG:4326",
    )
