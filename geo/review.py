"""Adding an article: its seed, its source record and candidate claims for review.

The workflow: ``geo add ARTICLE --published DATE`` copies the article into
``seeds/`` (named ``NNN_<sha256 prefix>.txt`` like the others), appends its
record to ``data/sources.csv`` and writes the candidate claims to
``data/review/<source_id>.csv``. ``geo validate`` checks review files like the
claims file (quotes verbatim, places and sources known, dates ordered), but
they are not data until accepted: a person moves each accepted row, without
its last four cells (evidence, offsets, hedged), into ``data/claims.csv``,
fixing what needs fixing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from geo._csv import display_path, read_table
from geo._errors import GeoError
from geo._io import write_bytes_atomic, write_text_atomic
from geo.articles import read_article
from geo.dataset import SOURCES_FILE, Dataset
from geo.extract import CandidateClaim, extract, load_geoparser
from geo.schema import LIST_SEPARATOR, PLACES_FILE, REVIEW, SOURCES, column_names
from geo.sources import URL_FIX, url_problem

REVIEW_DIR = "review"


@dataclass(frozen=True)
class Added:
    """What :func:`add_article` wrote."""

    source_id: str
    seed: Path
    review: Path
    candidates: list[CandidateClaim]


def _cell(value: object) -> str:
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def review_csv(candidates: list[CandidateClaim]) -> str:
    """Candidate claims as a review file (:data:`geo.schema.REVIEW` columns)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = column_names(REVIEW)
    writer.writerow(names)
    for candidate in candidates:
        writer.writerow([_cell(getattr(candidate, name)) for name in names])
    return buffer.getvalue()


def add_article(
    data: Dataset, article: Path, *, published: date, publisher: str = "", url: str = "", archive_url: str = ""
) -> Added:
    """Add ``article`` to the data set for review (see the module docstring).

    Everything is prepared before anything is written, and each file is
    written atomically, so a failure leaves the data as it was.

    Parameters
    ----------
    data
        The loaded data set the article joins.
    article
        The article's text file.
    published
        Its publication date, the anchor of its relative times.
    publisher
        Its publisher, if known.
    url, archive_url
        Its address, and the address of an archived copy, if known: empty, or an absolute
        ``http://``/``https://`` URL (see :func:`geo.sources.url_problem`).

    Raises
    ------
    GeoError
        When an address is refused, the article cannot be read or is already in the data set.
    """
    for option, value in (("--url", url), ("--archive-url", archive_url)):
        reason = url_problem(value)
        if reason:
            raise GeoError(f"{option} {reason} Fix: {URL_FIX}, or leave the option out.")
    text = read_article(article)
    raw = article.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    for existing in data.sources.itertuples(index=False):
        if existing.seed_file.endswith(f"_{digest}.txt") or data.seeds.get(existing.source_id) == text:
            raise GeoError(f"{display_path(article)} is already in the data set as {existing.source_id}.")
    numbers = [int(s[1:]) for s in data.sources["source_id"] if s[1:].isdigit()]
    number = max(numbers, default=-1) + 1
    source_id, seed_name = f"s{number:03d}", f"{number:03d}_{digest}.txt"
    title = next(line.strip() for line in text.splitlines() if line.strip())
    # The matcher comes from the same cache as geo extract's (keyed by the gazetteer file data.places was read from).
    geoparser = load_geoparser(data.data_dir / PLACES_FILE)
    candidates = extract(text, geoparser=geoparser, published=published, source_id=source_id).claims
    record = {
        "source_id": source_id,
        "seed_file": seed_name,
        "title": title[:300],
        "publisher": publisher,
        "url": url,
        "archive_url": archive_url,
        "published": published.isoformat(),
        "published_basis": "external",
        "published_quote": title,
        "published_note": "Publication date given by the analyst with geo add --published.",
        "errors": "",
    }
    sources_path = data.data_dir / SOURCES_FILE
    current = sources_path.read_text(encoding="utf-8")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([record[c] for c in column_names(SOURCES)])
    seed = data.seeds_dir / seed_name
    review = data.data_dir / REVIEW_DIR / f"{source_id}.csv"
    write_bytes_atomic(seed, raw)
    write_text_atomic(review, review_csv(candidates))
    write_text_atomic(sources_path, current + ("" if current.endswith("\n") else "\n") + buffer.getvalue())
    return Added(source_id, seed, review, candidates)


def read_reviews(data_dir: Path) -> list[pd.DataFrame]:
    """Every review file under ``data_dir/review``, read against :data:`geo.schema.REVIEW`."""
    return [
        read_table(path, REVIEW, "claim_id", allow_empty=True).set_index("claim_id", drop=False).rename_axis(None)
        for path in sorted((data_dir / REVIEW_DIR).glob("*.csv"))
    ]
