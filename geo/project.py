"""A new project folder (``geo init``): the data tables with their headers, a seeds folder, a README.

A project is what the commands read: ``data/`` (the tables of :mod:`geo.schema`)
and ``seeds/`` (the article texts). :func:`init_project` starts one, empty and
valid, or with the example data set (the checkout's, or the one the package carries), so another
conflict starts from data, not from code.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from geo._csv import csv_row
from geo._errors import GeoError
from geo._paths import display_path
from geo.schema import (
    ACTORS,
    ACTORS_FILE,
    CLAIMS,
    CLAIMS_FILE,
    DISTANCES,
    DISTANCES_FILE,
    EVENTS,
    EVENTS_FILE,
    PLACES,
    PLACES_FILE,
    SOURCES,
    SOURCES_FILE,
    Column,
    column_names,
)

TABLES: dict[str, tuple[Column, ...]] = {
    SOURCES_FILE: SOURCES,
    PLACES_FILE: PLACES,
    ACTORS_FILE: ACTORS,
    EVENTS_FILE: EVENTS,
    CLAIMS_FILE: CLAIMS,
    DISTANCES_FILE: DISTANCES,
}
"""The tables a new project's ``data/`` holds, by file name."""

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent
_PACKAGED_EXAMPLE = Path(__file__).resolve().parent / "_assets" / "example"

EXAMPLE_ROOT = _CHECKOUT_ROOT if (_CHECKOUT_ROOT / "data" / PLACES_FILE).is_file() else _PACKAGED_EXAMPLE
"""Where the example data set (``data/``, ``seeds/``) lives: the source checkout the package runs
from, else the copy an installed package carries (``assets/collect.py`` puts it there)."""

_README = """# {name}

A geo project: news reporting on military movements, turned into sourced, time-aware maps.

- `data/` holds the tables, each with its header row (columns: the data dictionary,
  `geo dictionary`): `sources.csv` (one record per article), `gazetteer.csv` (every place,
  with a cited coordinate), `actors.csv` (the parties the reporting names; set `tracked`
  to `true` for the one whose movements you follow), `events.csv` (dated events that
  reports count from, "since the coup"), `claims.csv` (one record per statement per
  source) and `distances.csv` (distances the articles state).
- `seeds/` holds the article texts, verbatim.

Start with the actors and the places the reporting names, then add each article:

    geo --data data --seeds seeds add ARTICLE.txt --published YYYY-MM-DD

It copies the article into `seeds/`, records its source and writes candidate claims to
`data/review/`; review them with `geo --data data --seeds seeds review` (a local web page),
or `geo accept` / `geo reject SOURCE_ID CLAIM_ID...`. Then:

    geo --data data --seeds seeds validate
    geo --data data --seeds seeds build --out maps
"""


def init_project(folder: Path, *, example: bool = False) -> list[Path]:
    """Create a new project folder; return the files written.

    Parameters
    ----------
    folder
        The folder to create. It must not exist yet, or be empty.
    example
        Copy the example data set (``data/`` and ``seeds/`` of the source checkout) instead of
        writing empty tables.

    Raises
    ------
    GeoError
        When ``folder`` exists and is not empty, or the example data set is not installed.

    Notes
    -----
    The folder is written beside its final name and renamed into place, so an interrupted
    run leaves no half-made project.
    """
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise GeoError(
            f"{display_path(folder)} already exists and is not an empty folder: "
            "geo init starts a new project; give a new folder's name."
        )
    if example and not (EXAMPLE_ROOT / "data" / PLACES_FILE).is_file():
        raise GeoError(
            f"the example data set is not installed (looked in {display_path(EXAMPLE_ROOT / 'data')}): "
            "it comes with geo's source checkout and its package; reinstall geo, or run geo init without --example."
        )
    parent = folder.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.init-", dir=parent))
    try:
        (staging / "seeds").mkdir()
        (staging / "data").mkdir()
        if example:
            for name in TABLES:
                shutil.copyfile(EXAMPLE_ROOT / "data" / name, staging / "data" / name)
            for seed in sorted((EXAMPLE_ROOT / "seeds").glob("*.txt")):
                shutil.copyfile(seed, staging / "seeds" / seed.name)
        else:
            for name, columns in TABLES.items():
                (staging / "data" / name).write_text(csv_row(column_names(columns)), encoding="utf-8")
        (staging / "README.md").write_text(_README.format(name=folder.name), encoding="utf-8")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp's 0700 would become the project's mode
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / path for path in written]
