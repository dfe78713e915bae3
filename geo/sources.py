"""Sources: one record per article, with its publication date and the basis for it."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from geo._csv import read_table
from geo.schema import SOURCES

URL_COLUMNS: tuple[str, ...] = ("url", "archive_url")
"""Columns of :data:`geo.schema.SOURCES` that hold web addresses (checked by :func:`url_problem`)."""

URL_SCHEMES: tuple[str, ...] = ("http", "https")
"""The only schemes a source address may use. Addresses are there to be opened as links; any
other scheme (``javascript:``, ``data:``, ``file:``) could run code or reach local files when
clicked, and a relative address has no page to point to."""

URL_FIX = "give the page's full address, starting with https:// (or http://)"
"""What to do about an address :func:`url_problem` refuses (callers add how to give none)."""


def read_sources(path: Path) -> pd.DataFrame:
    """Read and type-check ``data/sources.csv``.

    Parameters
    ----------
    path
        The CSV file; its columns are :data:`geo.schema.SOURCES`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``source_id``; ``published`` is a ``Timestamp``.
    """
    return read_table(path, SOURCES, "source_id", allow_empty=True).set_index("source_id", drop=False).rename_axis(None)


def _shown(value: str) -> str:
    """``value`` quoted for a message, with control characters escaped so the message stays one clean line."""
    return "'" + "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value) + "'"


def url_problem(value: str) -> str | None:
    """Say what is wrong with a source address, or return None when it is acceptable.

    Parameters
    ----------
    value
        The cell's text. Empty means no address is known, which is acceptable.

    Returns
    -------
    str or None
        The problem in words (naming the value), for a message whose fix starts with
        :data:`URL_FIX`; None for an empty cell or an absolute ``http://``/``https://`` URL
        with a host and no white space or control characters.
    """
    if not value:
        return None
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in value):
        return f"{_shown(value)} contains white space or control characters."
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- parsing the port is what raises for a malformed one
    except ValueError as exc:
        return f"{_shown(value)} is not a well-formed address ({exc})."
    if parts.scheme.lower() not in URL_SCHEMES:
        if not parts.scheme:
            return f"{_shown(value)} is not an absolute address (it has no http:// or https://)."
        return f"{_shown(value)} uses the scheme '{parts.scheme}:'; only http:// and https:// are allowed."
    if not parts.hostname:
        return f"{_shown(value)} names no host."
    return None
