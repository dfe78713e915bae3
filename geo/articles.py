"""Reading new articles safely: encodings, binary files, empty files, very large files."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from geo._errors import GeoError
from geo._paths import display_path, not_a_file

LARGE_FILE_BYTES = 100 * 1024 * 1024
"""From this size on an article is read in chunks (bounded memory) with a progress bar."""

CHUNK_BYTES = 4 * 1024 * 1024

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATED = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))\b",
    re.I,
)
_YEAR = re.compile(r"\d{4}(?!\w)")
DATE_REACH = 64
"""Most characters a stated date ("14th of December, 2024") takes before its year's digits."""
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class ArticleError(GeoError):
    """An article cannot be read as text."""


def encoding_of(path: Path, head: bytes) -> str:
    """The encoding to read ``path`` with, or an :class:`ArticleError` saying why not."""
    # The path is worked out for a message only: resolving it costs more than reading a short article.
    if not head:
        raise ArticleError(f"{display_path(path)} is empty: give a file with the article's text.")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise ArticleError(f"{display_path(path)} looks binary (it holds NUL bytes): give the article as plain text.")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            raise ArticleError(
                f"{display_path(path)} is not UTF-8 (byte 0x{head[exc.start]:02x} at offset {exc.start}) and its "
                "encoding is unknown: convert it to UTF-8 first, e.g. iconv -f WINDOWS-1256 -t UTF-8."
            ) from None
    return "utf-8"


def read_article(path: Path) -> str:
    """Read a whole article (below :data:`LARGE_FILE_BYTES`) as text."""
    reason = not_a_file(path, missing_fix="check the path.")
    if reason:
        raise ArticleError(f"{display_path(path)} {reason[0]} Fix: {reason[1]}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{display_path(path)} cannot be read ({exc.strerror}): check its permissions.") from None
    encoding = encoding_of(path, data[:65536])
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{display_path(path)} is not valid {encoding} at byte {exc.start}: convert it to UTF-8 first."
        ) from None
    if not text.strip():
        raise ArticleError(f"{display_path(path)} holds only white space: give a file with the article's text.")
    return text


def iter_chunks(path: Path) -> Iterator[tuple[int, str, int]]:
    """Yield ``(character offset, text, bytes read so far)`` in chunks that end at a line break.

    Memory stays bounded by :data:`CHUNK_BYTES` whatever the file's size.
    """
    with path.open("rb") as handle:
        head = handle.read(65536)
        encoding = encoding_of(path, head)
        handle.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        offset, carry, done = 0, "", 0
        while True:
            raw = handle.read(CHUNK_BYTES)
            done += len(raw)
            try:
                text = carry + decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"{display_path(path)} is not valid {encoding} near byte {done}: convert it to UTF-8."
                ) from exc
            if not raw:
                if text:
                    yield offset, text, done
                return
            cut = text.rfind("\n") + 1 or len(text)
            if cut:
                yield offset, text[:cut], done
                offset += cut
            carry = text[cut:]


def stated_date(text: str) -> tuple[date, str] | None:
    """The latest full date (day, month and year) the text states, with the words stating it.

    A stated date ends with a year of four digits, so the date pattern is only tried in the
    :data:`DATE_REACH` characters up to each such year: tried at every word of a long article
    it cost more than finding the article's places.
    """
    found = []
    scanned = 0
    for year in _YEAR.finditer(text):
        # endpos cuts the text after the year; _YEAR's look-ahead already checked the word ends there.
        for match in _DATED.finditer(text, max(scanned, year.start() - DATE_REACH), year.end()):
            day = int(match["d1"] or match["d2"])
            month = _MONTH_PREFIXES.index((match["m1"] or match["m2"]).lower()[:3]) + 1
            try:
                found.append((date(int(match["y1"] or match["y2"]), month, day), match[0]))
            except ValueError:
                continue
        scanned = year.end()
    return max(found) if found else None


DATELINE_LINES = 4
"""How many non-empty lines from the top of an article may hold its dateline."""

DATELINE_DAYS = 7
"""How many days before the publication date a dateline may lie and still be the article's own."""

# "DAMASCUS, Dec 14 (Reuters) -", "BEIRUT, Lebanon, Dec. 15 (AP) —", "Moscow, 14 December 2024." at a
# line's start: a place in letters (and its country), a comma, a date ending in a digit, an optional
# agency in brackets, then a dash, colon or full stop.
_DATELINE = re.compile(
    r"^\s*[^\W\d_][^\W\d_ .,'’-]*(?:[ .'’-]+[^\W\d_]+){0,3}"
    r"(?:,\s*[^\W\d_]+(?:[ .'’-]+[^\W\d_]+){0,2})?,\s+"
    r"(?P<date>[^()\n]{2,40}?\d(?:st|nd|rd|th)?)\s*(?:\([^()\n]{1,40}\)\s*)?(?:[-–—:]|\.\s)",
)


# "TARTOUS, Syria (Reuters) -", "LONDON -", "Kyiv (AP) —", "N’Djamena, Chad –": a dateline that states no
# date, at a line's start: a place in capitals, or a place with its country or an agency in brackets, then a dash.
_PLACE_WORDS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_COUNTRY_WORDS = r",\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"
_UNDATED_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z'’-]{{2,}}(?:[ .][A-Z][A-Z'’-]+){{0,3}}(?:{_COUNTRY_WORDS})?(?:\s*\([^()\n]{{1,40}}\))?"
    rf"|{_PLACE_WORDS}(?:{_COUNTRY_WORDS})?\s*\([^()\n]{{1,40}}\)|{_PLACE_WORDS}{_COUNTRY_WORDS})"
    r"\s*[-–—]\s"
)


def dateline_words(text: str) -> str | None:
    """The words of the article's dateline, dated ("DAMASCUS, Dec 14 (Reuters) -") or not ("LONDON -").

    Looked for at the start of the first :data:`DATELINE_LINES` non-empty lines; the place it names is
    where the report was filed from, not where anything happened.
    """
    lines = [line for line in text[:2000].splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        found = _DATELINE.match(line) or _UNDATED_DATELINE.match(line)
        if found is not None:
            return found[0].strip()
    return None


def dateline_date(text: str, published: date) -> tuple[date, str] | None:
    """The date of the article's dateline ("DAMASCUS, Dec 14 (Reuters) -"), with the words stating it.

    Wire copy counts "yesterday" from the day it was filed, which its dateline states and which may
    be a day or more before the publication date. A dateline is looked for at the start of the
    first :data:`DATELINE_LINES` non-empty lines; its date is read by :func:`geo.time.resolve`
    (a date without a year is the latest such day on or before ``published``) and kept only if it
    lies on or up to :data:`DATELINE_DAYS` days before ``published``.
    """
    from geo.time import TimeExpressionError, resolve

    lines = [line for line in text[:2000].splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        found = _DATELINE.match(line)
        if found is None:
            continue
        try:
            interval = resolve(found["date"], published)
        except TimeExpressionError:
            continue
        if interval.rule not in ("iso_date", "date_with_year", "date_without_year") or interval.start is None:
            continue
        if 0 <= (published - interval.start).days <= DATELINE_DAYS:
            return interval.start, found[0].strip()
    return None
