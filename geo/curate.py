"""Reviewing candidate claims: accept, reject, edit, write a new one, add a place.

The data operations behind ``geo review`` (the web page, :mod:`geo.webreview`),
``geo accept`` and ``geo reject``. Each public function takes the data folder's
lock (:func:`geo._lock.writing`, as ``geo add`` does), loads and validates the
data set, prepares every file it will change, validates the whole data set with
those files in a temporary copy (:func:`geo.review.validate_copy`) and only then
writes them, each atomically. A change that would break the data set is refused
with the validator's own message and writes nothing.

Review files are handled as rows of text cells, so an accepted row reaches
``data/claims.csv`` exactly as it was written, apart from the fields edited.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from geo._csv import csv_row, read_text
from geo._errors import GeoError
from geo._lock import writing
from geo._paths import display_path
from geo.dataset import Dataset
from geo.extract import CANDIDATE_NOTE
from geo.review import Writes, read_rejections, validate_copy, write_all
from geo.schema import (
    CLAIMS,
    CLAIMS_FILE,
    PLACES,
    PLACES_FILE,
    REJECTED,
    REJECTED_FILE,
    REVIEW,
    REVIEW_DIR,
    column_names,
)
from geo.sources import URL_FIX, url_problem
from geo.validate import load

EDITABLE: tuple[str, ...] = tuple(name for name in column_names(CLAIMS) if name not in ("claim_id", "source_id"))
"""The fields of a candidate a reviewer may change (the rest are the extraction's record of where it came from)."""


Row = dict[str, str]


@dataclass(frozen=True)
class Accepted:
    """A candidate that became a claim."""

    candidate_id: str
    claim_id: str


def review_path(data_dir: Path, source_id: str) -> Path:
    """``data/review/<source_id>.csv``."""
    return Path(data_dir) / REVIEW_DIR / f"{source_id}.csv"


def _rows(path: Path) -> list[Row]:
    """The records of a CSV file as text cells by column name (the file was validated before)."""
    return list(csv.DictReader(io.StringIO(read_text(path), newline="")))


def _csv(rows: list[Row], names: list[str]) -> bytes:
    return "".join(csv_row(row) for row in [names, *([r.get(n, "") for n in names] for r in rows)]).encode("utf-8")


def _appended(path: Path, rows: list[Row], names: list[str]) -> bytes:
    """``path``'s bytes with ``rows`` added at the end (the file is created with its header if missing)."""
    if not path.exists():
        return _csv(rows, names)
    current = read_text(path)
    lines = "".join(csv_row([r.get(n, "") for n in names]) for r in rows)
    return (current + ("" if current.endswith("\n") or not current else "\n") + lines).encode("utf-8")


def pending(data_dir: Path) -> list[tuple[str, int]]:
    """Each source with candidates waiting in ``data/review/``, and how many, by source id."""
    folder = Path(data_dir) / REVIEW_DIR
    found = []
    for path in sorted(folder.glob("*.csv")):
        count = len(_rows(path))
        if count:
            found.append((path.stem, count))
    return found


def candidates(data_dir: Path, source_id: str) -> list[Row]:
    """The candidate rows of ``source_id``'s review file.

    Raises
    ------
    GeoError
        When the source has no review file.
    """
    path = review_path(data_dir, source_id)
    if not path.is_file():
        waiting = ", ".join(s for s, _ in pending(data_dir)) or "none"
        raise GeoError(
            f"{display_path(path)} does not exist: {source_id} has no candidates to review "
            f"(sources with candidates: {waiting}). Fix: run geo add first, or check the source id."
        )
    return _rows(path)


def _find(rows: list[Row], claim_ids: list[str], path: Path) -> list[Row]:
    by_id = {r["claim_id"]: r for r in rows}
    missing = [c for c in claim_ids if c not in by_id]
    if missing:
        left = ", ".join(by_id) or "none"
        raise GeoError(
            f"{display_path(path)} has no candidate {', '.join(missing)} (candidates: {left}). "
            "Fix: use a claim_id from the review file."
        )
    if len(set(claim_ids)) != len(claim_ids):
        raise GeoError(f"a candidate is named twice: {', '.join(claim_ids)}. Fix: name each once.")
    return [by_id[c] for c in claim_ids]


def _edited(row: Row, fields: dict[str, str], text: str) -> Row:
    """``row`` with ``fields`` applied; a new quote moves the evidence to where the quote is in ``text``."""
    unknown = sorted(set(fields) - set(EDITABLE) - {"evidence_start"})
    if unknown:
        raise GeoError(f"field {', '.join(unknown)} cannot be edited. Fix: edit only {', '.join(EDITABLE)}.")
    edited = dict(row)
    for name in EDITABLE:
        if name in fields:
            value = fields[name]
            if not isinstance(value, str):
                raise GeoError(f"field '{name}' must be text, not {type(value).__name__}.")
            edited[name] = value.strip() if name != "quote" else value
    quote = edited["quote"]
    if quote != row["quote"] or "evidence_start" in fields:
        start = _quote_start(text, quote, fields.get("evidence_start"))
        # A quote that is not in the article keeps the old evidence: the validator then refuses the quote itself.
        if start is not None:
            edited.update(evidence=quote, evidence_start=str(start), evidence_end=str(start + len(quote)))
    return edited


def _quote_start(text: str, quote: str, hint: object) -> int | None:
    """Where ``quote`` is in ``text``: at ``hint`` (the selection's offset) when it is there, else its first place."""
    if not quote:
        return None
    try:
        at = int(str(hint))
    except (TypeError, ValueError):
        at = -1
    if at >= 0 and text[at : at + len(quote)] == quote:
        return at
    found = text.find(quote)
    return None if found < 0 else found


def _claim_number_prefix(source_id: str) -> str:
    """The prefix of a source's claim ids: ``s005`` → ``c005-`` (the data set's convention), else ``<id>-``."""
    return f"c{source_id[1:]}-" if re.fullmatch(r"s\d+", source_id) else f"{source_id}-"


def next_claim_ids(claim_ids: list[str], source_id: str, count: int) -> list[str]:
    """The next ``count`` free claim ids of ``source_id`` after those in ``claim_ids`` (``c005-01``, …)."""
    prefix = _claim_number_prefix(source_id)
    taken = [int(c[len(prefix) :]) for c in claim_ids if c.startswith(prefix) and c[len(prefix) :].isdigit()]
    first = max(taken, default=0) + 1
    return [f"{prefix}{n:02d}" for n in range(first, first + count)]


def _text_of(data: Dataset, source_id: str) -> str:
    if source_id not in data.seeds:
        raise GeoError(f"unknown source '{source_id}'. Fix: use a source_id from data/sources.csv.")
    return data.seeds[source_id]


def accept(
    data_dir: Path,
    seeds_dir: Path,
    source_id: str,
    claim_ids: list[str],
    *,
    edits: dict[str, dict[str, str]] | None = None,
) -> list[Accepted]:
    """Accept candidates: append them to ``data/claims.csv`` under the next free ids, remove them from review.

    Parameters
    ----------
    data_dir, seeds_dir
        The data and seeds folders.
    source_id
        The article whose review file holds the candidates.
    claim_ids
        The candidates' ids in the review file (``s005-x02``), accepted in this order.
    edits
        Fields to change first, by candidate id (see :data:`EDITABLE`; lists as ``a; b``).

    Returns
    -------
    list of Accepted
        Each candidate's new claim id.

    Raises
    ------
    GeoError
        When a candidate is not in the review file or a field cannot be edited.
    DataError
        When the data set with the claims would not validate (nothing is written).
    """
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        text = _text_of(data, source_id)
        path = review_path(data.data_dir, source_id)
        rows = candidates(data.data_dir, source_id)
        chosen = _find(rows, list(claim_ids), path)
        new_ids = next_claim_ids(list(data.claims.index), source_id, len(chosen))
        claims = []
        for row, claim_id in zip(chosen, new_ids, strict=True):
            row = _edited(row, (edits or {}).get(row["claim_id"], {}), text)
            if row["note"] == CANDIDATE_NOTE:
                row["note"] = f"Proposed by geo extract as {row['claim_id']}; accepted in review."
            claims.append({**row, "claim_id": claim_id})
        left = [r for r in rows if r["claim_id"] not in set(claim_ids)]
        writes: Writes = {
            # The claims first: cut between the two writes, a claim is in both files, never in neither.
            (data.data_dir, CLAIMS_FILE): _appended(data.data_dir / CLAIMS_FILE, claims, column_names(CLAIMS)),
            (data.data_dir, f"{REVIEW_DIR}/{source_id}.csv"): _csv(left, column_names(REVIEW)),
        }
        validate_copy(data, writes, command="geo accept")
        write_all(writes)
        return [Accepted(row["claim_id"], claim_id) for row, claim_id in zip(chosen, new_ids, strict=True)]


def reject(data_dir: Path, seeds_dir: Path, source_id: str, claim_ids: list[str]) -> list[str]:
    """Reject candidates: record them in ``data/rejected.csv`` and remove them from the review file.

    A later extraction of the same article (the same seed hash) does not propose
    them again (:func:`geo.review.not_rejected`).

    Returns
    -------
    list of str
        The rejected ids, in order.

    Raises
    ------
    GeoError
        When a candidate is not in the review file.
    DataError
        When the data set would not validate afterwards (nothing is written).
    """
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        _text_of(data, source_id)
        path = review_path(data.data_dir, source_id)
        rows = candidates(data.data_dir, source_id)
        chosen = _find(rows, list(claim_ids), path)
        seed_file = str(data.sources.at[source_id, "seed_file"])
        recorded = [{**row, "seed_file": seed_file} for row in chosen]
        left = [r for r in rows if r["claim_id"] not in set(claim_ids)]
        writes: Writes = {
            # The record first: cut between the two writes, the candidate is rejected and still listed, not lost.
            (data.data_dir, REJECTED_FILE): _appended(data.data_dir / REJECTED_FILE, recorded, column_names(REJECTED)),
            (data.data_dir, f"{REVIEW_DIR}/{source_id}.csv"): _csv(left, column_names(REVIEW)),
        }
        validate_copy(data, writes, command="geo reject")
        write_all(writes)
        return [row["claim_id"] for row in chosen]


def save_edits(data_dir: Path, seeds_dir: Path, source_id: str, claim_id: str, fields: dict[str, str]) -> Row:
    """Change fields of a candidate in its review file (it stays a candidate); return the row written.

    Raises
    ------
    GeoError
        When the candidate is not in the review file or a field cannot be edited.
    DataError
        When the review file would not validate (a quote not verbatim, an unknown place …); nothing is written.
    """
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        text = _text_of(data, source_id)
        path = review_path(data.data_dir, source_id)
        rows = candidates(data.data_dir, source_id)
        (row,) = _find(rows, [claim_id], path)
        new = _edited(row, fields, text)
        rows = [new if r["claim_id"] == claim_id else r for r in rows]
        writes: Writes = {(data.data_dir, f"{REVIEW_DIR}/{source_id}.csv"): _csv(rows, column_names(REVIEW))}
        validate_copy(data, writes, command="save edits")
        write_all(writes)
        return new


def _next_candidate_id(data: Dataset, source_id: str, rows: list[Row]) -> str:
    """A candidate id not used in the review file nor among the source's rejections (``s005-x07``)."""
    rejected = read_rejections(data.data_dir)
    used = [r["claim_id"] for r in rows] + [str(c) for c in rejected["claim_id"]]
    prefix = f"{source_id}-x"
    numbers = [int(c[len(prefix) :]) for c in used if c.startswith(prefix) and c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def new_candidate(data_dir: Path, seeds_dir: Path, source_id: str, fields: dict[str, str]) -> Row:
    """Add a candidate written by a person (from a passage they selected) to the source's review file.

    ``fields`` holds at least ``quote`` (verbatim in the article) and may hold
    ``evidence_start`` (the selection's offset) and any field of :data:`EDITABLE`.
    Defaults: the actor the file's other candidates name, ``observe``, ``troops``,
    ``occurred``, ``open`` time.

    Raises
    ------
    GeoError
        When the quote is empty or a field cannot be edited.
    DataError
        When the review file would not validate with it (nothing is written).
    """
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        text = _text_of(data, source_id)
        path = review_path(data.data_dir, source_id)
        rows = candidates(data.data_dir, source_id) if path.exists() else []
        if not str(fields.get("quote", "")).strip():
            raise GeoError("a new claim needs a quote. Fix: select the passage in the article first.")
        actors = data.actors["name"].tolist() if data.actors is not None else []
        actor = next((r["actor"] for r in rows if r["actor"]), actors[0] if actors else "")
        base: Row = {
            "claim_id": _next_candidate_id(data, source_id, rows),
            "source_id": source_id,
            "quote": "",
            "actor": actor,
            "action": "observe",
            "asset": "troops",
            "time_precision": "open",
            "modality": "occurred",
            "unconfirmed": "false",
            "note": "written in review from a selected passage",
            "hedged": "false",
            "evidence": "",
            "evidence_start": "0",
            "evidence_end": "0",
        }
        row = _edited(base, fields, text)
        writes: Writes = {(data.data_dir, f"{REVIEW_DIR}/{source_id}.csv"): _csv([*rows, row], column_names(REVIEW))}
        validate_copy(data, writes, command="new claim")
        write_all(writes)
        return row


PLACE_FIELDS: tuple[str, ...] = (
    "place_id",
    "name",
    "aliases",
    "arabic",
    "kind",
    "lat",
    "lon",
    "radius_km",
    "precision",
    "admin1",
    "country",
    "controlled_by",
    "coord_source",
    "coord_text",
    "note",
)


def place_id_for(name: str) -> str:
    """A snake_case id from a place's name (``Ain Issa`` → ``ain_issa``)."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def country_at(lat: float, lon: float) -> str:
    """The Natural Earth country containing the point, or ``""`` (the validator then asks for one)."""
    from shapely.geometry import Point

    from geo.basemap import COUNTRY_NAME, countries

    borders = countries("10m")
    hits = borders[borders.geometry.contains(Point(lon, lat))]
    return str(hits.iloc[0][COUNTRY_NAME]) if len(hits) else ""


def add_place(data_dir: Path, seeds_dir: Path, fields: dict[str, str]) -> Row:
    """Add a place to ``data/gazetteer.csv``; return the row written.

    ``fields`` are cells of :data:`geo.schema.PLACES`; ``name``, ``kind``, ``lat``,
    ``lon`` and ``coord_source`` (the page the coordinate comes from, an absolute
    ``http(s)://`` address) are required. Defaults: ``place_id`` from the name,
    ``country`` the Natural Earth country containing the point, ``coord_text``
    the coordinate as given, ``radius_km`` 0, ``precision`` 1.

    Raises
    ------
    GeoError
        When a required field is missing, the source address is not http(s), or the id is taken.
    DataError
        When the gazetteer would not validate with the place (nothing is written).
    """
    unknown = sorted(set(fields) - set(PLACE_FIELDS))
    if unknown:
        raise GeoError(f"unknown place field {', '.join(unknown)}. Fix: use {', '.join(PLACE_FIELDS)}.")
    row = {name: str(fields.get(name, "") or "").strip() for name in PLACE_FIELDS}
    missing = [n for n in ("name", "kind", "lat", "lon", "coord_source") if not row[n]]
    if missing:
        raise GeoError(f"a new place needs {', '.join(missing)}. Fix: fill them in (click the map for lat and lon).")
    reason = url_problem(row["coord_source"])
    if reason:
        raise GeoError(f"coord_source {reason} Fix: {URL_FIX}.")
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        raise GeoError(
            f"lat '{row['lat']}' or lon '{row['lon']}' is not a number. Fix: give decimal degrees (35.41, 35.94)."
        ) from None
    row["place_id"] = row["place_id"] or place_id_for(row["name"])
    row["radius_km"] = row["radius_km"] or "0"
    row["precision"] = row["precision"] or "1"
    row["coord_text"] = row["coord_text"] or f"{row['lat']}, {row['lon']}"
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        if row["place_id"] in data.places.index:
            raise GeoError(
                f"place '{row['place_id']}' is already in {display_path(data.data_dir / PLACES_FILE)}. "
                "Fix: choose it in the picker, or give another place_id."
            )
        if not row["country"] and -90 <= lat <= 90 and -180 <= lon <= 180:
            row["country"] = country_at(lat, lon)
        gazetteer = data.data_dir / PLACES_FILE
        writes: Writes = {(data.data_dir, PLACES_FILE): _appended(gazetteer, [row], column_names(PLACES))}
        validate_copy(data, writes, command="new place")
        write_all(writes)
        return row
