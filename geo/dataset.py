"""The data set: sources, places and claims loaded together, with their seed texts."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo._csv import display_path, read_table, read_text
from geo._errors import DataError, Problem
from geo.actors import read_actors
from geo.claims import read_claims, with_geometry
from geo.events import read_events
from geo.gazetteer import read_places
from geo.schema import (
    ACTORS_FILE,
    CLAIMS_FILE,
    DISTANCES,
    DISTANCES_FILE,
    EVENTS_FILE,
    PLACES_FILE,
    REVIEW,
    REVIEW_DIR,
    SOURCES_FILE,
)
from geo.sources import read_sources


@dataclass
class Dataset:
    """Sources, places and claims, validated and ready to join.

    Attributes
    ----------
    sources
        One row per article (:data:`geo.schema.SOURCES`), indexed by ``source_id``.
    places
        The gazetteer (:data:`geo.schema.PLACES`) as Points, indexed by ``place_id``.
    claims
        One row per claim (:data:`geo.schema.CLAIMS`), indexed by ``claim_id``,
        with a MultiPoint of the places it names.
    distances
        Distances the articles state between places (:data:`geo.schema.DISTANCES`).
    seeds
        The text of each source's article, by ``source_id``.
    data_dir, seeds_dir
        Where the data were read from.
    actors
        The parties the reporting names (:data:`geo.schema.ACTORS`), indexed by ``actor_id``, or None
        when the data folder has no ``actors.csv`` (only extraction needs one).
    """

    sources: pd.DataFrame
    places: gpd.GeoDataFrame
    claims: gpd.GeoDataFrame
    distances: pd.DataFrame
    seeds: dict[str, str] = field(repr=False)
    data_dir: Path
    seeds_dir: Path
    actors: pd.DataFrame | None = None

    def __repr__(self) -> str:
        return (
            f"Dataset({len(self.sources)} sources, {len(self.places)} places, "
            f"{len(self.claims)} claims, {self.date_range_text()})"
        )

    def date_range_text(self) -> str:
        """The span of the claims' intervals, as text."""
        starts = self.claims["start"].dropna()
        ends = self.claims["end"].dropna()
        if starts.empty and ends.empty:
            return "no dates"
        low = min(starts.min() if not starts.empty else ends.min(), ends.min() if not ends.empty else starts.min())
        high = max(ends.max() if not ends.empty else starts.max(), starts.max() if not starts.empty else ends.max())
        return f"{low:%Y-%m-%d} to {high:%Y-%m-%d}"

    def _repr_html_(self) -> str:
        by_action = self.claims["action"].value_counts().sort_index()
        rows = "".join(f"<tr><td>{html.escape(str(a))}</td><td>{n}</td></tr>" for a, n in by_action.items())
        return (
            "<div><strong>geo.Dataset</strong>: "
            f"{len(self.sources)} sources, {len(self.places)} places, {len(self.claims)} claims, "
            f"{html.escape(self.date_range_text())}"
            f"<table><tr><th>action</th><th>claims</th></tr>{rows}</table></div>"
        )

    @property
    def __geo_interface__(self) -> dict:
        """The places as a GeoJSON FeatureCollection."""
        return self.places.__geo_interface__


def _read_distances(path: Path) -> pd.DataFrame:
    return read_table(path, DISTANCES, "quote", allow_empty=True)


def read(data_dir: str | Path = "data", seeds_dir: str | Path = "seeds") -> Dataset:
    """Read the data set, checking each table against its schema but not across tables.

    :func:`geo.load` (:func:`geo.validate.load`) reads with this, then runs the
    cross-checks: reading comes first, validation second, review third, and no
    module imports one that comes after it.

    Parameters
    ----------
    data_dir
        Folder with ``sources.csv``, ``gazetteer.csv``, ``claims.csv`` and
        ``distances.csv``, and ``actors.csv`` if extraction is used.
    seeds_dir
        Folder with the article texts named in ``sources.csv``.

    Raises
    ------
    DataError
        With every problem found in the files and the seeds.
    """
    data_dir, seeds_dir = Path(data_dir), Path(seeds_dir)
    problems: list[Problem] = []
    tables = {}
    for key, reader, name in (
        ("sources", read_sources, SOURCES_FILE),
        ("places", read_places, PLACES_FILE),
        ("claims", read_claims, CLAIMS_FILE),
        ("distances", _read_distances, DISTANCES_FILE),
    ):
        try:
            tables[key] = reader(data_dir / name)
        except DataError as exc:
            problems.extend(exc.problems)
    actors = None
    if (data_dir / ACTORS_FILE).exists() or (data_dir / ACTORS_FILE).is_symlink():
        try:
            actors = read_actors(data_dir / ACTORS_FILE).set_index("actor_id", drop=False).rename_axis(None)
        except DataError as exc:
            problems.extend(exc.problems)
    if (data_dir / EVENTS_FILE).exists() or (data_dir / EVENTS_FILE).is_symlink():
        try:
            read_events(data_dir / EVENTS_FILE)  # checked here; extraction reads it beside the gazetteer
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)

    seeds: dict[str, str] = {}
    sources = tables["sources"]
    for source in sources.itertuples(index=False):
        path = seeds_dir / source.seed_file
        if not (path.exists() or path.is_symlink()):
            problems.append(
                Problem(
                    sources.attrs["file"],
                    f"seed file {display_path(path)} not found.",
                    "copy the article into seeds/ or correct seed_file.",
                    line=sources.attrs["lines"].get(source.source_id),
                    record=source.source_id,
                    field="seed_file",
                )
            )
            continue
        try:
            seeds[source.source_id] = read_text(path)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)

    claims = with_geometry(tables["claims"], tables["places"])
    return Dataset(sources, tables["places"], claims, tables["distances"], seeds, data_dir, seeds_dir, actors)


def read_reviews(data_dir: Path) -> list[pd.DataFrame]:
    """Every review file under ``data_dir/review``, read against :data:`geo.schema.REVIEW`."""
    return [
        read_table(path, REVIEW, "claim_id", allow_empty=True).set_index("claim_id", drop=False).rename_axis(None)
        for path in sorted((data_dir / REVIEW_DIR).glob("*.csv"))
    ]
