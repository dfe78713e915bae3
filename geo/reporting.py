"""Reporting time: what the sources had said by a given day.

Two times matter to an analyst: when something happened (a claim's
``start``/``end``) and when it was reported (its source's ``published``
date). A claim is **visible as reported by** a day *D* when its source was
published on or before *D*. That one rule is :func:`reported_mask`; every
``reported_by=`` option of the library (:func:`geo.slices.slices`,
:func:`geo.slices.place_status`, :func:`geo.slices.known_states`,
:func:`geo.disputes.disputes`, :func:`geo.render.build_map`,
:func:`geo.export.export`) and the page's "reported by" control apply it.

``reported_by=None`` means "latest": every claim. Hiding claims does not
move the time line: a slice's window is still that of all the claims, as
with the page's other filters, so a slice means the same days with and
without the option.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pandas as pd

ReportedBy = date | str | pd.Timestamp | None
"""A reporting date: a ``datetime.date``, an ISO ``YYYY-MM-DD`` string, a Timestamp, or None (latest)."""

Table = TypeVar("Table", bound=pd.DataFrame)


def reporting_date(value: ReportedBy) -> pd.Timestamp | None:
    """Read a reporting date, or None for the latest.

    Raises
    ------
    ValueError
        If ``value`` is not a calendar date (the message names it and the format).
    """
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return pd.Timestamp(date.fromisoformat(value.strip()))
        except ValueError:
            raise ValueError(f"reported_by '{value}' is not a date: use YYYY-MM-DD, for example 2024-12-15") from None
    if isinstance(value, date | pd.Timestamp):
        return pd.Timestamp(value).normalize()
    raise ValueError(f"reported_by must be a date or YYYY-MM-DD text, not {type(value).__name__}")


def reported_mask(source_ids: pd.Series, sources: pd.DataFrame, reported_by: ReportedBy) -> pd.Series:
    """Which rows were reported by ``reported_by``: their source's ``published`` is on or before it.

    Parameters
    ----------
    source_ids
        The ``source_id`` of each row (of claims, slices or status rows).
    sources
        The sources table (``Dataset.sources``), indexed by ``source_id``, with ``published``.
    reported_by
        The reporting date (see :func:`reporting_date`); None keeps every row.

    Returns
    -------
    pandas.Series
        Booleans aligned with ``source_ids``.
    """
    day = reporting_date(reported_by)
    if day is None:
        return pd.Series(True, index=source_ids.index)
    published = source_ids.map(sources["published"])
    return published.le(day).fillna(False).astype(bool)


def as_reported(table: Table, sources: pd.DataFrame | None, reported_by: ReportedBy) -> Table:
    """The rows of ``table`` (with a ``source_id`` column) visible as reported by ``reported_by``.

    Raises
    ------
    ValueError
        If a date is given without the sources table, or the date is not a date.
    """
    if reported_by is None:
        return table
    if sources is None:
        raise ValueError("reported_by needs the sources table (sources=...) for the publication dates")
    return table[reported_mask(table["source_id"], sources, reported_by)]


def publication_dates(sources: pd.DataFrame) -> list[str]:
    """The distinct publication dates, in order, as ``YYYY-MM-DD`` (the steps of the page's control)."""
    return sorted({f"{day:%Y-%m-%d}" for day in sources["published"]})
