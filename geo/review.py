"""Adding an article: its seed, its source record and candidate claims for review.

The workflow: ``geo add ARTICLE --published DATE`` copies the article into
``seeds/`` (named ``NNN_<sha256 prefix>.txt`` like the others), appends its
record to ``data/sources.csv`` and writes the candidate claims to
``data/review/<source_id>.csv``. ``geo validate`` checks review files like the
claims file (quotes verbatim, places and sources known, dates ordered), but
they are not data until accepted: ``geo review`` (a local web page),
``geo accept`` and ``geo reject`` (:mod:`geo.curate`) move each accepted row,
without its last four cells (evidence, offsets, hedged), into
``data/claims.csv``, and record each rejected one in ``data/rejected.csv`` so
that an extraction of the same article does not propose it again.

Every writer here and in :mod:`geo.curate` goes through :func:`validate_copy`
then :func:`write_all`, under the data folder's lock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from geo._csv import csv_row, read_table
from geo._errors import DataError, GeoError, Problem
from geo._io import write_bytes_atomic
from geo._lock import writing
from geo._paths import display_path
from geo.articles import read_article, stated_date
from geo.dataset import Dataset
from geo.extract import CandidateClaim, extract, load_geoparser
from geo.schema import (
    LIST_SEPARATOR,
    PLACES_FILE,
    REJECTED,
    REJECTED_FILE,
    REVIEW,
    REVIEW_DIR,
    SOURCES,
    SOURCES_FILE,
    column_names,
)
from geo.sources import URL_FIX, url_problem
from geo.validate import EARLIEST_DATE, check_reviews, load

TITLE_CHARS = 300
"""The longest title ``geo add`` records: the article's first line, cut at a word boundary."""

FUTURE_DAYS = 1
"""How many days after today a ``--published`` date may lie (time zones); a later one is refused."""


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
    names = column_names(REVIEW)
    rows = [names, *([_cell(getattr(candidate, name)) for name in names] for candidate in candidates)]
    return "".join(csv_row(row) for row in rows)


def add(
    data_dir: Path,
    seeds_dir: Path,
    article: Path,
    *,
    published: date,
    publisher: str = "",
    url: str = "",
    archive_url: str = "",
) -> Added:
    """``geo add``: take the data folder's lock, load the data set, then :func:`add_article`.

    Holding the lock (:func:`geo._lock.writing`) from the load to the last write
    means concurrent runs take turns: each sees the sources the previous one
    added and gets the next id.
    """
    with writing(Path(data_dir)):
        data = load(data_dir, seeds_dir)
        return add_article(data, article, published=published, publisher=publisher, url=url, archive_url=archive_url)


def _same_text(a: str, b: str) -> bool:
    """Whether two articles differ at most in white space (line breaks, spaces, a trailing newline)."""
    return a.split() == b.split()


def _title(text: str) -> str:
    """The first non-empty line, cut to :data:`TITLE_CHARS` at a word boundary (still verbatim in the text)."""
    line = next(line.strip() for line in text.splitlines() if line.strip())
    if len(line) <= TITLE_CHARS:
        return line
    cut = line[:TITLE_CHARS]
    return cut[: cut.rfind(" ")].rstrip() if " " in cut.strip() else cut


def _check_published(published: date) -> None:
    latest = date.today() + timedelta(days=FUTURE_DAYS)
    if published > latest:
        raise GeoError(
            f"--published {published.isoformat()} is in the future (today is {date.today().isoformat()}). "
            "Fix: give the date the article was published."
        )
    if published < EARLIEST_DATE.date():
        raise GeoError(
            f"--published {published.isoformat()} is before {EARLIEST_DATE:%Y-%m-%d}, the earliest date the data "
            "accept. Fix: check the year."
        )


def add_article(
    data: Dataset, article: Path, *, published: date, publisher: str = "", url: str = "", archive_url: str = ""
) -> Added:
    """Add ``article`` to the data set for review (see the module docstring).

    Everything is prepared, then written into a temporary copy of the data and
    seeds folders and validated there like ``geo validate`` would; only when the
    copy is valid are the files written, each atomically, into the real folders.
    So a failure leaves the data as it was, and an article can never leave the
    data set unreadable. Call it under the data folder's lock (:func:`add` does).

    Parameters
    ----------
    data
        The loaded data set the article joins.
    article
        The article's text file.
    published
        Its publication date, the anchor of its relative times: not in the
        future, not before :data:`geo.validate.EARLIEST_DATE`.
    publisher
        Its publisher, if known.
    url, archive_url
        Its address, and the address of an archived copy, if known: empty, or an absolute
        ``http://``/``https://`` URL (see :func:`geo.sources.url_problem`).

    Raises
    ------
    GeoError
        When an address or the date is refused, the article cannot be read or is
        already in the data set (also when it differs only in white space).
    DataError
        When the data set with the article added would not validate.
    """
    for option, value in (("--url", url), ("--archive-url", archive_url)):
        reason = url_problem(value)
        if reason:
            raise GeoError(f"{option} {reason} Fix: {URL_FIX}, or leave the option out.")
    _check_published(published)
    text = read_article(article)
    raw = article.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    for existing in data.sources.itertuples(index=False):
        seed_text = data.seeds.get(existing.source_id, "")
        if existing.seed_file.endswith(f"_{digest}.txt") or seed_text == text:
            raise GeoError(f"{display_path(article)} is already in the data set as {existing.source_id}.")
        if _same_text(seed_text, text):
            raise GeoError(
                f"{display_path(article)} is already in the data set as {existing.source_id}: it differs from "
                f"seeds/{existing.seed_file} only in white space (spaces, line breaks)."
            )
    numbers = [int(s[1:]) for s in data.sources["source_id"] if s[1:].isdigit()]
    number = max(numbers, default=-1) + 1
    source_id, seed_name = f"s{number:03d}", f"{number:03d}_{digest}.txt"
    title = _title(text)
    stated = stated_date(text)
    # The words that state the date, when the text states the given one; otherwise the title names the article.
    quote = stated[1] if stated and stated[0] == published else title
    # The matcher comes from the same cache as geo extract's (keyed by the gazetteer file data.places was read from).
    geoparser = load_geoparser(data.data_dir / PLACES_FILE)
    candidates = extract(text, geoparser=geoparser, published=published, source_id=source_id).claims
    candidates = not_rejected(candidates, read_rejections(data.data_dir), seed_name)
    record = {
        "source_id": source_id,
        "seed_file": seed_name,
        "title": title,
        "publisher": publisher,
        "url": url,
        "archive_url": archive_url,
        "published": published.isoformat(),
        "published_basis": "external",
        "published_quote": quote,
        "published_note": "Publication date given by the analyst with geo add --published.",
        "errors": "",
    }
    current = (data.data_dir / SOURCES_FILE).read_text(encoding="utf-8")
    row = csv_row([record[c] for c in column_names(SOURCES)])
    writes = {
        (data.seeds_dir, seed_name): raw,
        (data.data_dir, f"{REVIEW_DIR}/{source_id}.csv"): review_csv(candidates).encode("utf-8"),
        # The sources file last: until it names the seed, a seed or review file written alone is inert.
        (data.data_dir, SOURCES_FILE): (current + ("" if current.endswith("\n") else "\n") + row).encode("utf-8"),
    }
    validate_copy(data, writes)
    write_all(writes)
    return Added(source_id, data.seeds_dir / seed_name, data.data_dir / REVIEW_DIR / f"{source_id}.csv", candidates)


Writes = dict[tuple[Path, str], bytes]
"""Files to write: ``(folder, name inside it) -> content``, the folder being the data or the seeds folder."""


def write_all(writes: Writes) -> None:
    """Write each file of ``writes`` atomically, in the order given (callers put the file that makes the others
    count last)."""
    for (folder, name), content in writes.items():
        write_bytes_atomic(folder / name, content)


def validate_copy(data: Dataset, writes: Writes, *, command: str = "geo add") -> None:
    """Apply ``writes`` to a temporary copy of the data and seeds folders and validate it; raise if it fails.

    The copy is validated like ``geo validate`` does (the data set and every review file), so a write that
    passes here cannot leave the data set unreadable.

    Raises
    ------
    DataError
        The validator's own problems, naming the real files, each saying that ``command`` wrote nothing.
    """
    with tempfile.TemporaryDirectory(prefix="geo-add-") as tmp:
        copies = {data.data_dir: Path(tmp) / "data", data.seeds_dir: Path(tmp) / "seeds"}
        for real, copy in copies.items():
            shutil.copytree(real, copy, symlinks=True)
        for (folder, name), content in writes.items():
            (copies[folder] / name).parent.mkdir(parents=True, exist_ok=True)
            (copies[folder] / name).write_bytes(content)
        try:
            copy = load(copies[data.data_dir], copies[data.seeds_dir])
            problems = check_reviews(copy)[1]
        except DataError as exc:
            problems = exc.problems
        if problems:
            shown = {str(copy): display_path(real) for real, copy in copies.items()}
            raise DataError([_renamed(p, shown, command) for p in problems])


def _renamed(problem: Problem, shown: dict[str, str], command: str) -> Problem:
    """``problem`` naming the real file instead of its temporary copy, and saying nothing was written."""
    name = problem.file
    for copy, real in shown.items():
        name = name.replace(copy, real)
    return dataclasses.replace(problem, file=name, message=f"{problem.message} ({command} wrote nothing)")


def read_rejections(data_dir: Path) -> pd.DataFrame:
    """``data/rejected.csv`` (:data:`geo.schema.REJECTED`), or an empty table when nobody rejected anything yet."""
    path = Path(data_dir) / REJECTED_FILE
    if not (path.exists() or path.is_symlink()):
        return pd.DataFrame(columns=column_names(REJECTED))
    return read_table(path, REJECTED, "claim_id", allow_empty=True)


def seed_hash(seed_file: str) -> str:
    """The hash part of a seed's name (``005_ae7da5b1….txt`` → ``ae7da5b1…``): the same text has the same one."""
    return Path(seed_file).stem.partition("_")[2] or Path(seed_file).stem


def candidate_key(action: str, origin: str, destination: str, places: list[str], start: int, end: int) -> tuple:
    """What identifies a proposed candidate within its article, whatever its id: the rejection key."""
    return (action, origin or "", destination or "", tuple(sorted(places)), int(start), int(end))


def not_rejected(candidates: list[CandidateClaim], rejections: pd.DataFrame, seed_file: str) -> list[CandidateClaim]:
    """``candidates`` of the article in ``seed_file`` without those a person rejected before (same key)."""
    digest = seed_hash(seed_file)
    rejected = {
        candidate_key(r.action, r.origin, r.destination, list(r.places), r.evidence_start, r.evidence_end)
        for r in rejections.itertuples(index=False)
        if seed_hash(r.seed_file) == digest
    }
    if not rejected:
        return candidates
    return [
        c
        for c in candidates
        if candidate_key(c.action, c.origin, c.destination, c.places, c.evidence_start, c.evidence_end) not in rejected
    ]
