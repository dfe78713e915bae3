"""``geo build``: every map and export, written into one folder, all or nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from geo._io import write_text_atomic
from geo._lock import writing
from geo._swap import new_staging, remove_leftovers, swap_into_place
from geo.dataset import Dataset
from geo.dictionary import data_dictionary
from geo.export import export, tables
from geo.render import build_map

MAIN_MAP = "withdrawal.html"
"""File name of the main map inside the output folder."""


def build_all(
    data: Dataset, out_dir: Path, *, freq: str = "W", since: date | None = None, until: date | None = None
) -> list[Path]:
    """Write every output for ``data`` into ``out_dir``; return the paths written.

    The outputs: the main map, the GIS exports (GeoJSON files in ``geojson/``,
    one GeoPackage, CSV files in ``csv/``) and the data dictionary.

    The whole set is written into a temporary sibling folder
    (``.<name>.building-…``) and then swapped with ``out_dir`` in one step, so
    ``out_dir`` always holds either the previous set or the new one, even when
    the build is killed. Files at the top of ``out_dir`` that the build does not
    make (a ``geo map --out`` of your own) are carried over. The build holds the
    folder's lock (``.<name>.lock``) and removes the leftovers of killed runs.

    Parameters
    ----------
    data
        The loaded data set.
    out_dir
        The output folder.
    freq, since, until
        Slice length and window of the map (see :func:`geo.render.build_map`).
    """
    out_dir = Path(out_dir)
    out_dir.absolute().parent.mkdir(parents=True, exist_ok=True)
    with writing(out_dir):
        remove_leftovers(out_dir)
        staging = new_staging(out_dir)
        try:
            written = _write_set(data, staging, freq=freq, since=since, until=until)
            _carry_over(out_dir, staging)
            swap_into_place(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / path.relative_to(staging) for path in written]


def _write_set(data: Dataset, folder: Path, *, freq: str, since: date | None, until: date | None) -> list[Path]:
    main = folder / MAIN_MAP
    build_map(data, freq=freq, since=since, until=until).save(main)
    written = [main]
    prepared = tables(data, freq=freq)  # once, for the three formats
    written += export(data, fmt="geojson", out=folder / "geojson", freq=freq, prepared=prepared)
    written += export(data, fmt="gpkg", out=folder / "withdrawal.gpkg", freq=freq, prepared=prepared)
    written += export(data, fmt="csv", out=folder / "csv", freq=freq, prepared=prepared)
    dictionary = folder / "data-dictionary.md"
    write_text_atomic(dictionary, data_dictionary())
    return [*written, dictionary]


def _carry_over(out_dir: Path, staging: Path) -> None:
    """Copy into ``staging`` the files of your own at the top of ``out_dir``, so swapping loses nothing.

    The build owns its subfolders (``geojson/``, ``csv/``) and the names it
    writes; hidden files are the temporary files of interrupted writes, not kept.
    """
    if not out_dir.is_dir():
        return
    for path in sorted(out_dir.iterdir()):
        target = staging / path.name
        if path.name.startswith(".") or not path.is_file() or target.exists():
            continue
        shutil.copy2(path, target, follow_symlinks=False)
