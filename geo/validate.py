"""Cross-checks of the data set: quotes, references, coordinates, dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely.prepared
from shapely.geometry import Point

from geo import _cache
from geo._csv import read_table
from geo._errors import DataError, Problem
from geo._fallback import FALLBACK_PREFIXES
from geo.basemap import COUNTRY_NAME, asset_path, countries
from geo.dataset import Dataset, read, read_reviews
from geo.events import event_dates, read_events
from geo.schema import (
    EVENTS_FILE,
    FUTURE_MODALITIES,
    GEONAMES_ID_PATTERN,
    REJECTED,
    REJECTED_FILE,
    TIME_CHECKS,
    WIKIDATA_PATTERN,
    column_names,
)
from geo.sources import URL_COLUMNS, URL_FIX, url_problem
from geo.time import TimeExpressionError, resolve

EARLIEST_DATE = pd.Timestamp("1900-01-01")
"""No date in the data may be earlier: an earlier one is a typo in the year (``0001`` for ``2001``)."""

YEARS_FROM_PUBLICATION = 10
"""How many years a claim's start or end may lie before or after its source's publication.

Reporting on movements speaks of the recent past and the near future; a date
further away is a typo in the year, and would also make ``geo build`` slice
decades of weeks."""

PUBLISHED_FUTURE_DAYS = 1
"""How many days after today a source's publication date may lie (time zones)."""

COUNTRY_TOLERANCE_DEG = 0.05
"""How far (in degrees, about 5 km) a point may lie outside its country's
Natural Earth polygon: coastal sites such as ports sit on generalised
coastlines."""


_AREAS: dict[str, shapely.prepared.PreparedGeometry] = {}
"""Each country's Natural Earth (10m) polygon grown by :data:`COUNTRY_TOLERANCE_DEG`, by name."""

AREAS_CACHE_FORMAT = 1
"""Version of the country areas' cache entries (:func:`country_areas`)."""


def country_areas(names: frozenset[str]) -> dict[str, shapely.prepared.PreparedGeometry]:
    """The Natural Earth (10m) border of each named country, grown by :data:`COUNTRY_TOLERANCE_DEG`, prepared.

    Decoding, repairing and buffering a detailed border takes seconds (Russia's alone is over a
    second), so the grown borders are kept between runs in :func:`geo._cache.cache_dir`, keyed by
    the Natural Earth file's bytes, the names, the tolerance and shapely's version; a missing or
    damaged entry is rebuilt. A name Natural Earth does not know is absent from the result.
    """
    missing = frozenset(names - _AREAS.keys())
    if missing:
        asset = asset_path("world-atlas/countries-10m.json")
        key = _cache.cache_key(
            asset.read_bytes(), repr(COUNTRY_TOLERANCE_DEG), f"shapely {shapely.__version__}", *sorted(missing)
        )
        stored = _cache.load("country-areas", key, AREAS_CACHE_FORMAT)
        if isinstance(stored, dict) and all(isinstance(v, bytes) for v in stored.values()):
            grown = {name: shapely.from_wkb(wkb) for name, wkb in stored.items()}
        else:
            borders = countries("10m", missing).set_index(COUNTRY_NAME)
            grown = {name: borders.geometry[name].buffer(COUNTRY_TOLERANCE_DEG) for name in borders.index}
            _cache.store("country-areas", key, AREAS_CACHE_FORMAT, {n: shapely.to_wkb(g) for n, g in grown.items()})
        for name in missing:
            if name in grown:
                _AREAS[name] = shapely.prepared.prep(grown[name])
    return {name: _AREAS[name] for name in names if name in _AREAS}


def _problem(table: pd.DataFrame, record: str, field: str, message: str, fix: str, *, named: bool = True) -> Problem:
    """A problem at ``record`` of ``table``; ``named=False`` gives only its line (for long keys such as quotes)."""
    return Problem(
        table.attrs.get("file", "?"),
        message,
        fix,
        line=table.attrs.get("lines", {}).get(record),
        record=record if named else None,
        field=field,
    )


def load(data_dir: str | Path = "data", seeds_dir: str | Path = "seeds", *, validate: bool = True) -> Dataset:
    """Load and (by default) validate the data set: :func:`geo.dataset.read`, then :func:`check`.

    Parameters
    ----------
    data_dir
        Folder with ``sources.csv``, ``gazetteer.csv``, ``claims.csv`` and
        ``distances.csv``.
    seeds_dir
        Folder with the article texts named in ``sources.csv``.
    validate
        Run every cross-check of :func:`check` and raise on any problem. Turn
        off only to inspect broken data.

    Raises
    ------
    DataError
        With every problem found in all the files.
    """
    dataset = read(data_dir, seeds_dir)
    if validate:
        problems = check(dataset)
        if problems:
            raise DataError(problems)
    return dataset


def check(dataset: Dataset) -> list[Problem]:
    """Return every problem found across the tables of ``dataset``.

    Checks that quotes (of claims and of publication dates) are verbatim in their seeds, that source
    addresses are absolute ``http(s)://`` URLs (:func:`geo.sources.url_problem`), that every referenced
    source and place exists, that coordinates are in range, not swapped and
    inside the stated country, that a place's ``wikidata`` and ``geonames_id`` are well-formed
    identifiers, and that dates are ordered and not after the
    source's publication unless the claim is a plan or an intention.
    """
    return [
        *_check_sources(dataset),
        *_check_places(dataset),
        *_check_claims(dataset),
        *_check_distances(dataset),
    ]


def check_reviews(dataset: Dataset) -> tuple[int, list[Problem]]:
    """Check the candidate claims in ``data/review/`` like claims; return their count and problems.

    A candidate may name a place from the fallback gazetteer (``geonames:…``,
    ``ne:…``): that is not a problem yet; the reviewer adds the place to the
    gazetteer before accepting the claim. ``data/rejected.csv``, when there is one, is checked against its
    schema (:data:`geo.schema.REJECTED`).
    """
    rejected = dataset.data_dir / REJECTED_FILE
    if rejected.exists() or rejected.is_symlink():
        try:
            read_table(rejected, REJECTED, "claim_id", allow_empty=True)
        except DataError as exc:
            return 0, exc.problems
    try:
        tables = read_reviews(dataset.data_dir)
    except DataError as exc:
        return 0, exc.problems
    problems = [
        p
        for table in tables
        for p in _check_claims(dataset, table)
        if not p.message.startswith(tuple(f"unknown place '{prefix}" for prefix in FALLBACK_PREFIXES))
    ]
    return sum(len(t) for t in tables), problems


def _unnamed(table: pd.DataFrame, record: str, field: str, message: str, fix: str) -> Problem:
    """A problem located by line only: distances are keyed by their quote, too long to show."""
    return _problem(table, record, field, message, fix, named=False)


def _check_distances(dataset: Dataset) -> list[Problem]:
    distances = dataset.distances
    problems = []
    for item in distances.itertuples(index=False):
        key = item.quote
        if item.source_id not in dataset.sources.index:
            problems.append(
                _unnamed(
                    distances,
                    key,
                    "source_id",
                    f"unknown source '{item.source_id}'.",
                    "use a source_id from data/sources.csv.",
                )
            )
        elif item.quote not in dataset.seeds.get(item.source_id, ""):
            problems.append(
                _unnamed(
                    distances,
                    key,
                    "quote",
                    "the quote is not verbatim in its seed.",
                    "copy the words exactly from the article.",
                )
            )
        for field in ("place_id", "reference"):
            value = getattr(item, field)
            if value not in dataset.places.index:
                problems.append(
                    _unnamed(
                        distances, key, field, f"unknown place '{value}'.", "use a place_id from data/gazetteer.csv."
                    )
                )
        if not item.stated_km > 0:
            problems.append(
                _unnamed(distances, key, "stated_km", "the distance must be positive.", "give the distance in km.")
            )
    return problems


def _check_sources(dataset: Dataset) -> list[Problem]:
    sources = dataset.sources
    problems = [
        _problem(
            sources,
            source.source_id,
            "published_quote",
            f"the quote is not verbatim in seeds/{source.seed_file}.",
            "copy the words the date rests on exactly from the article.",
        )
        for source in sources.itertuples(index=False)
        if source.published_quote not in dataset.seeds.get(source.source_id, "")
    ]
    latest = _latest_publication()
    for source in sources.itertuples(index=False):
        if not EARLIEST_DATE <= source.published <= latest:
            when = "before 1900" if source.published < EARLIEST_DATE else "in the future"
            problems.append(
                _problem(
                    sources,
                    source.source_id,
                    "published",
                    f"the publication date {_iso(source.published)} is {when}.",
                    "check the year.",
                )
            )
    for source in sources.itertuples(index=False):
        for field in URL_COLUMNS:
            reason = url_problem(getattr(source, field))
            if reason:
                problems.append(
                    _problem(sources, source.source_id, field, reason, f"{URL_FIX}, or leave the cell empty.")
                )
    return problems


def _check_places(dataset: Dataset) -> list[Problem]:
    places = dataset.places
    problems: list[Problem] = []
    areas = country_areas((frozenset(places["country"]) | frozenset(places["controlled_by"])) - {""})
    for place in places.itertuples(index=False):
        pid = place.place_id
        if not -90 <= place.lat <= 90:
            problems.append(
                _problem(
                    places, pid, "lat", f"latitude {place.lat} is out of range.", "give a latitude between -90 and 90."
                )
            )
        if not -180 <= place.lon <= 180:
            problems.append(
                _problem(
                    places,
                    pid,
                    "lon",
                    f"longitude {place.lon} is out of range.",
                    "give a longitude between -180 and 180.",
                )
            )
        if place.radius_km < 0:
            problems.append(
                _problem(places, pid, "radius_km", "radius is negative.", "give 0 or a positive radius in km.")
            )
        unknown = [f for f in ("country", "controlled_by") if getattr(place, f) and getattr(place, f) not in areas]
        for field in unknown:
            problems.append(
                _problem(
                    places,
                    pid,
                    field,
                    f"'{getattr(place, field)}' is not a Natural Earth country name.",
                    "use the Natural Earth name (e.g. Syria, Russia, Libya).",
                )
            )
        if unknown or any(p.record == pid for p in problems):
            continue
        country = place.controlled_by or place.country
        area = areas.get(country)
        if area is None:
            continue
        if not area.contains(Point(place.lon, place.lat)):
            if area.contains(Point(place.lat, place.lon)):
                message = f"({place.lat}, {place.lon}) lies outside {country}, but swapped it lies inside."
                fix = "lat and lon look swapped: exchange them."
            else:
                message = f"({place.lat}, {place.lon}) lies outside {country}."
                fix = (
                    "check the coordinate against its source, or the country (for occupied ground, set controlled_by)."
                )
            problems.append(_problem(places, pid, "lat", message, fix))
    for place in places.itertuples(index=False):
        problems.extend(_identifier_problems(places, place))
    return problems


_IDENTIFIERS: tuple[tuple[str, re.Pattern[str], str, str], ...] = (
    (
        "wikidata",
        re.compile(WIKIDATA_PATTERN),
        "is not a Wikidata QID",
        "write the item's id as shown on its Wikidata page, such as Q1234, or leave the cell empty.",
    ),
    (
        "geonames_id",
        re.compile(GEONAMES_ID_PATTERN),
        "is not a GeoNames id (a positive whole number)",
        "write the number of the place's GeoNames page (geonames.org/NUMBER), or leave the cell empty.",
    ),
)
"""The gazetteer's identifier columns: name, pattern, what a bad value is, and the fix."""


def _identifier_problems(places: pd.DataFrame, place: Any) -> list[Problem]:
    """Problems with the ``wikidata`` and ``geonames_id`` cells of one gazetteer row (empty cells are allowed)."""
    found = []
    for field, pattern, what, fix in _IDENTIFIERS:
        value = getattr(place, field)
        if value and not pattern.fullmatch(value):
            found.append(_problem(places, place.place_id, field, f"'{value}' {what}.", fix))
    return found


def _check_claims(dataset: Dataset, claims: pd.DataFrame | None = None) -> list[Problem]:
    """Every problem of ``claims`` (the claims by default), claim by claim in the order of the checks.

    References, places and quotes are checked claim by claim on plain lists (a DataFrame lookup per claim
    copies the frame's attrs); the date rules run column by column (:func:`_date_rule_problems`).
    """
    claims = dataset.claims if claims is None else claims
    sources = dataset.sources
    published_on = dict(zip(sources.index, sources["published"], strict=True))
    seed_files = dict(zip(sources.index, sources["seed_file"], strict=True))
    known_places = set(dataset.places.index)
    actor_names = None if dataset.actors is None else set(dataset.actors["name"])
    dated = _date_rule_problems(claims, published_on)
    seeds = dataset.seeds
    names = ("claim_id", "actor", "source_id", "quote", "origin", "destination", "places")
    problems: list[Problem] = []
    for row, (cid, actor, source_id, quote, origin, destination, places) in enumerate(_rows(claims, names)):
        if actor_names is not None and actor not in actor_names:
            problems.append(
                _problem(
                    claims,
                    cid,
                    "actor",
                    f"unknown actor '{actor}'.",
                    "use an actor's name from data/actors.csv, or add the actor there.",
                )
            )
        if source_id not in published_on:
            problems.append(
                _problem(
                    claims,
                    cid,
                    "source_id",
                    f"unknown source '{source_id}'.",
                    "use a source_id from data/sources.csv.",
                )
            )
        elif quote not in seeds.get(source_id, ""):
            seed = seed_files[source_id]
            problems.append(
                _problem(
                    claims,
                    cid,
                    "quote",
                    f"the quote is not verbatim in seeds/{seed}.",
                    "copy the words exactly from the article (same spelling, case and punctuation).",
                )
            )
        for field, value in (("origin", origin), ("destination", destination)):
            if value and value not in known_places:
                problems.append(
                    _problem(
                        claims,
                        cid,
                        field,
                        f"unknown place '{value}'.",
                        "use a place_id from data/gazetteer.csv or add the place.",
                    )
                )
        for place in places:
            if place not in known_places:
                problems.append(
                    _problem(
                        claims,
                        cid,
                        "places",
                        f"unknown place '{place}'.",
                        "use a place_id from data/gazetteer.csv or add the place.",
                    )
                )
        if not (origin or destination or places):
            problems.append(
                _problem(claims, cid, "places", "the claim names no place.", "give an origin, a destination or places.")
            )
        if origin and origin == destination:
            problems.append(
                _problem(
                    claims, cid, "destination", "destination equals origin.", "a movement needs two different places."
                )
            )
        if row in dated:
            problems += dated[row]
    return problems


ROWS_AT_ONCE = 20_000
"""Claims made into plain Python values at a time by :func:`_rows` (memory stays bounded)."""


def _rows(table: pd.DataFrame, names: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    """The values of columns ``names`` of ``table``, row by row, as plain Python values."""
    for offset in range(0, len(table), ROWS_AT_ONCE):
        part = table.iloc[offset : offset + ROWS_AT_ONCE]
        yield from zip(*(part[name].tolist() for name in names), strict=True)


def _date_rule_problems(claims: pd.DataFrame, published_on: dict[str, pd.Timestamp]) -> dict[int, list[Problem]]:
    """The date rules of claims, column by column: the problems of each claim that breaks one, by position.

    For each claim, in this order: a start or end before :data:`EARLIEST_DATE` or more than
    :data:`YEARS_FROM_PUBLICATION` years from its source's publication; an end before the start; a start
    after the publication when the modality is not a future one; an open end without precision ``open``.
    """
    # A publication date out of reason is reported once, on the source, not again on each of its claims.
    latest, years = _latest_publication(), pd.DateOffset(years=YEARS_FROM_PUBLICATION)
    sane = {s: day for s, day in published_on.items() if pd.notna(day) and EARLIEST_DATE <= day <= latest}
    source = claims["source_id"]
    published = pd.to_datetime(source.map(published_on), errors="coerce")
    window = pd.DataFrame(
        {
            "published": pd.to_datetime(source.map(sane), errors="coerce"),
            "earliest": pd.to_datetime(source.map({s: day - years for s, day in sane.items()}), errors="coerce"),
            "latest": pd.to_datetime(source.map({s: day + years for s, day in sane.items()}), errors="coerce"),
        }
    )
    start, end = pd.to_datetime(claims["start"]), pd.to_datetime(claims["end"])
    flagged: list[tuple[int, int, str, str, str]] = []  # (position, order, field, message, fix)
    for order, (field, value) in enumerate((("start", start), ("end", end))):
        early = (value < EARLIEST_DATE).to_numpy()
        outside = (value.notna() & window["published"].notna()).to_numpy() & ~early
        outside &= ~((window["earliest"] <= value) & (value <= window["latest"])).to_numpy()
        for i in early.nonzero()[0]:
            flagged.append(
                (
                    i,
                    order,
                    field,
                    f"{field} {_iso(value.iloc[i])} is before {_iso(EARLIEST_DATE)}.",
                    "check the year (a typo such as 0001 for 2001?).",
                )
            )
        for i in outside.nonzero()[0]:
            day, on = value.iloc[i], window["published"].iloc[i]
            side = "before" if day < on else "after"
            flagged.append(
                (
                    i,
                    order,
                    field,
                    f"{field} {_iso(day)} is more than {YEARS_FROM_PUBLICATION} years {side} its source's "
                    f"publication ({_iso(on)}).",
                    "check the year; reporting speaks of the recent past or near future.",
                )
            )
    for i in (start > end).to_numpy().nonzero()[0]:
        flagged.append(
            (
                i,
                2,
                "end",
                f"end {end.iloc[i]:%Y-%m-%d} is before start {start.iloc[i]:%Y-%m-%d}.",
                "swap them or correct the dates.",
            )
        )
    modality = claims["modality"]
    after = (start > published) & ~modality.isin(FUTURE_MODALITIES)
    for i in after.to_numpy().nonzero()[0]:
        flagged.append(
            (
                i,
                3,
                "start",
                f"starts {start.iloc[i]:%Y-%m-%d}, after its source was published ({published.iloc[i]:%Y-%m-%d}), "
                f"but its modality is '{modality.iloc[i]}'.",
                "correct the date, or use modality planned or intended for a future event.",
            )
        )
    mismatched = (start.isna() | end.isna()) != (claims["time_precision"] == "open")
    for i in mismatched.to_numpy().nonzero()[0]:
        flagged.append(
            (
                i,
                4,
                "time_precision",
                "an interval with an empty start or end must have precision 'open', and only such an interval.",
                "set time_precision or fill the dates.",
            )
        )
    ids = claims["claim_id"]
    by_claim: dict[int, list[Problem]] = {}
    for i, _, field, message, fix in sorted(flagged, key=lambda item: item[:2]):
        by_claim.setdefault(int(i), []).append(_problem(claims, ids.iloc[i], field, message, fix))
    return by_claim


def _iso(day: pd.Timestamp) -> str:
    """``YYYY-MM-DD`` with a four-digit year even for year 1 (``strftime`` would write ``1-01-01``)."""
    return day.date().isoformat()


def _latest_publication() -> pd.Timestamp:
    return pd.Timestamp.today().normalize() + pd.Timedelta(days=PUBLISHED_FUTURE_DAYS)


def time_agreement(dataset: Dataset) -> pd.DataFrame:
    """Compare each claim's curated interval with the automatic time resolver.

    The curated values are human-reviewed and stay authoritative; this lists
    where the resolver (:func:`geo.time.resolve`, anchored on the source's
    publication date) agrees, differs, or cannot resolve the phrase, so a
    reviewer can look at each difference.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.TIME_CHECKS`, one row per claim with a time phrase.
    """
    published_on = dict(zip(dataset.sources.index, dataset.sources["published"], strict=True))
    events_file = dataset.data_dir / EVENTS_FILE
    events = event_dates(read_events(events_file)) if events_file.exists() else None
    claims = dataset.claims[dataset.claims["time_text"] != ""]
    # The same phrase of the same article resolves the same way: once per (phrase, anchor, tense).
    resolved: dict[tuple[str, pd.Timestamp, bool], tuple[pd.Timestamp, pd.Timestamp, str, str]] = {}
    rows = []
    futures = claims["modality"].isin(FUTURE_MODALITIES).tolist()
    for phrase, source_id, future in zip(
        claims["time_text"].tolist(), claims["source_id"].tolist(), futures, strict=True
    ):
        anchor = published_on[source_id]
        key = (phrase, anchor, future)
        if key not in resolved:
            try:
                interval = resolve(phrase, anchor.date(), events=events, future=future)
            except TimeExpressionError as exc:
                resolved[key] = (pd.NaT, pd.NaT, "", str(exc).split(". Supported forms")[0])
            else:
                resolved[key] = (pd.Timestamp(interval.start), pd.Timestamp(interval.end), interval.rule, "")
        rows.append((anchor, *resolved[key]))
    anchor, resolved_start, resolved_end, rule, detail = map(list, zip(*rows, strict=True)) if rows else ([],) * 5
    table = pd.DataFrame(
        {
            "claim_id": claims["claim_id"].reset_index(drop=True),
            "time_text": claims["time_text"].reset_index(drop=True),
            "anchor": anchor,
            "start": claims["start"].to_numpy(),
            "end": claims["end"].to_numpy(),
            "resolved_start": resolved_start,
            "resolved_end": resolved_end,
            "rule": rule,
        }
    )
    same = [
        ((table[curated].isna() & table[automatic].isna()) | (table[curated] == table[automatic])).to_numpy()
        for curated, automatic in (("start", "resolved_start"), ("end", "resolved_end"))
    ]
    unresolved = np.array([bool(reason) for reason in detail], dtype=bool)
    table["verdict"] = np.select([unresolved, same[0] & same[1]], ["unresolved", "agree"], "differ").tolist()
    table["detail"] = detail
    return table[column_names(TIME_CHECKS)]
