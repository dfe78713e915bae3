"""``geo build``: every map and export, written into one folder."""

from __future__ import annotations

from pathlib import Path

from geo._io import write_text_atomic
from geo.dataset import Dataset
from geo.dictionary import data_dictionary
from geo.export import export
from geo.render import build_map

MAIN_MAP = "withdrawal.html"
"""File name of the main map inside the output folder."""


def build_all(data: Dataset, out_dir: Path) -> list[Path]:
    """Write every output for ``data`` into ``out_dir``; return the paths written.

    The outputs: the main map, the GIS exports (GeoJSON files in ``geojson/``,
    one GeoPackage, CSV files in ``csv/``) and the data dictionary. Each file
    is written to a temporary name and renamed into place, so an interrupted
    build never leaves a half-written file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    main = out_dir / MAIN_MAP
    build_map(data).save(main)
    written = [main]
    written += export(data, fmt="geojson", out=out_dir / "geojson")
    written += export(data, fmt="gpkg", out=out_dir / "withdrawal.gpkg")
    written += export(data, fmt="csv", out=out_dir / "csv")
    dictionary = out_dir / "data-dictionary.md"
    write_text_atomic(dictionary, data_dictionary())
    return [*written, dictionary]
