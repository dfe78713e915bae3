"""Time slices: claims joined to places by slice, and each place's state per slice.

The join
--------
:func:`slices` cuts the analysis window into slices (days, ISO weeks,
calendar months, or explicit edges) and returns one row per (slice, claim,
place, role) for every claim whose interval overlaps the slice. A claim's
interval is inclusive at both ends.

Open intervals: an empty ``start`` means "at some time up to ``end``", an
empty ``end`` means "from ``start`` on, with no end reported". The join clips
an open start to the start of the window and an open end to the end of the
window, so an open-ended claim appears in every slice of the window from its
known end backwards (or its known start onwards). The default window runs
from the earliest to the latest date any claim states.

States
------
:func:`place_status` gives each (slice, place) one state from
:data:`geo.schema.PLACE_STATES`, checked in this order (first match wins):

1. ``contested``: a withdrawal that is not partial (any modality) and a
   ``retain`` claim both fall in the slice;
2. ``vacated_reported``: a withdrawal that is not partial, reported as
   ``occurred``, at a site (geo precision 1 or 2); one report of withdrawal
   from a region or a country (precision 3) does not vacate it, and counts
   as drawing down;
3. ``drawing_down``: any other withdrawal that occurred or is ongoing, or a
   departure, transport from the place, loading or dismantling;
4. ``withdrawal_planned``: a planned or intended withdrawal only;
5. ``retained_reported``: a ``retain`` claim only;
6. ``present``: forces seen there, or arriving there.

A withdrawal is partial when its ``quantity`` holds a word of
:data:`geo.schema.PARTIAL_MARKERS` ("some", "partial", "10%", "most" …).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.claims import claim_places
from geo.gazetteer import CRS_WGS84
from geo.schema import FUTURE_MODALITIES, PARTIAL_MARKERS, SLICES, STATUS, column_names

Frequency = str | Sequence[date | str | pd.Timestamp]

_FREQ_ALIASES = {"d": "day", "day": "day", "w": "week", "week": "week", "m": "month", "month": "month"}


def window(claims: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the earliest and latest date stated by any claim."""
    dates = pd.concat([claims["start"], claims["end"]]).dropna()
    if dates.empty:
        raise ValueError("no claim states a date, so there is no window to slice")
    return dates.min(), dates.max()


def slice_edges(
    freq: Frequency, start: pd.Timestamp, end: pd.Timestamp
) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """Cut ``[start, end]`` into labelled, inclusive slices.

    Parameters
    ----------
    freq
        ``"D"``/``"day"``, ``"W"``/``"week"`` (ISO weeks, Monday to Sunday),
        ``"M"``/``"month"`` (calendar months), or a sequence of edges
        ``[d0, d1, …, dn]`` giving the slices ``[d0, d1-1], [d1, d2-1], …``.
    start, end
        The window. Day, week and month slices are whole: the first and last
        may extend beyond the window.

    Returns
    -------
    list of (label, first day, last day)
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if start > end:
        raise ValueError(f"the window starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d})")
    if not isinstance(freq, str):
        edges = sorted(pd.Timestamp(e).normalize() for e in freq)
        if len(edges) < 2:
            raise ValueError("explicit edges need at least two dates")
        return [
            (f"{a:%Y-%m-%d}/{b - pd.Timedelta(days=1):%Y-%m-%d}", a, b - pd.Timedelta(days=1))
            for a, b in itertools.pairwise(edges)
            if b > a
        ]
    unit = _FREQ_ALIASES.get(freq.lower())
    if unit is None:
        raise ValueError(f"unknown frequency '{freq}': use D, W, M (day, week, month) or a list of edges")
    out = []
    if unit == "day":
        for day in pd.date_range(start, end, freq="D"):
            out.append((f"{day:%Y-%m-%d}", day, day))
    elif unit == "week":
        monday = start - pd.Timedelta(days=start.weekday())
        while monday <= end:
            year, week, _ = monday.isocalendar()
            out.append((f"{year}-W{week:02d}", monday, monday + pd.Timedelta(days=6)))
            monday += pd.Timedelta(days=7)
    else:
        first = start.replace(day=1)
        while first <= end:
            out.append((f"{first:%Y-%m}", first, first + pd.offsets.MonthEnd(0)))
            first += pd.offsets.MonthBegin(1)
    return out


def slices(
    claims: pd.DataFrame,
    places: gpd.GeoDataFrame,
    *,
    freq: Frequency = "W",
    start: date | str | None = None,
    end: date | str | None = None,
) -> gpd.GeoDataFrame:
    """Join claims to places by time slice.

    Parameters
    ----------
    claims
        The claims table (``Dataset.claims``).
    places
        The gazetteer (``Dataset.places``), indexed by ``place_id``.
    freq
        Slice frequency or explicit edges (see :func:`slice_edges`).
    start, end
        The window; by default the earliest and latest date any claim states.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`geo.schema.SLICES`, one row per (slice, claim, place,
        role), with the place's Point as geometry, ordered by slice and claim.
    """
    low, high = window(claims)
    low = pd.Timestamp(start) if start is not None else low
    high = pd.Timestamp(end) if end is not None else high
    roles = claim_places(claims).merge(
        claims[["claim_id", "source_id", "action", "modality", "start", "end", "time_precision"]],
        on="claim_id",
        how="left",
    )
    starts = roles["start"].fillna(low)
    ends = roles["end"].fillna(high)
    parts = []
    for label, first, last in slice_edges(freq, low, high):
        hit = roles[(starts <= last) & (ends >= first) & (starts <= high) & (ends >= low)]
        if hit.empty:
            continue
        part = hit.assign(slice=label, slice_start=first, slice_end=last)
        parts.append(part)
    names = column_names(SLICES)
    table = pd.concat(parts, ignore_index=True)[names] if parts else pd.DataFrame(columns=names)
    geometry = table["place_id"].map(places.geometry)
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geometry, index=table.index), crs=CRS_WGS84)


def is_partial(quantity: str) -> bool:
    """Whether a withdrawal's ``quantity`` marks it as partial (see :data:`PARTIAL_MARKERS`)."""
    text = quantity.lower()
    return any(marker in text for marker in PARTIAL_MARKERS)


def partial_mask(quantities: pd.Series) -> pd.Series:
    """:func:`is_partial` for a whole column at once."""
    pattern = "|".join(re.escape(marker) for marker in PARTIAL_MARKERS)
    return quantities.str.lower().str.contains(pattern, regex=True).fillna(False).astype(bool)


_STATE_RULES: tuple[tuple[str, str], ...] = (
    ("contested", "a full withdrawal and a retained presence overlap"),
    ("vacated_reported", "a withdrawal, not marked partial, is reported as done"),
    ("drawing_down", "partial or ongoing withdrawal, or departures, loading or dismantling"),
    ("withdrawal_planned", "only a planned or intended withdrawal"),
    ("retained_reported", "only a retained presence"),
    ("present", "forces seen or arriving, no sign of leaving"),
)
"""The states in order of precedence, with the reason each gives."""


def _evidence_flags(rows: pd.DataFrame, precision: pd.Series) -> pd.DataFrame:
    """Per slice row, which kinds of evidence it is (vectorised; see the module docstring)."""
    action, modality, role = rows["action"], rows["modality"], rows["role"]
    withdraw = action == "withdraw"
    full = withdraw & ~partial_mask(rows["quantity"])
    retain = action == "retain"
    leaving_now = withdraw & ~modality.isin(FUTURE_MODALITIES)
    other_leaving = (action.isin(["depart", "load", "dismantle", "redeploy"]) | (action == "transport")) & (
        role != "destination"
    )
    is_site = rows["place_id"].map(precision).lt(3)
    return pd.DataFrame(
        {
            "contested": full | retain,
            "vacated_reported": full & (modality == "occurred") & is_site,
            "drawing_down": leaving_now | other_leaving,
            "withdrawal_planned": withdraw,
            "retained_reported": retain,
            "present": pd.Series(True, index=rows.index),
        }
    ).assign(_full=full, _retain=retain)


def place_status(sliced: pd.DataFrame, claims: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Derive each place's state in each slice.

    Parameters
    ----------
    sliced
        The output of :func:`slices`.
    claims
        The claims table (for quantities).
    places
        The gazetteer (for geo precision).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.STATUS`, one row per (slice, place) that has
        claims, ordered by slice then place.
    """
    keys = ["slice", "slice_start", "slice_end", "place_id"]
    rows = sliced.merge(claims[["claim_id", "quantity"]], on="claim_id", how="left")
    flags = _evidence_flags(rows, places["precision"])
    grouped = pd.concat([rows[keys], flags], axis=1).groupby(keys, sort=False)
    has = grouped.any()
    # contested needs both kinds present, not either
    has["contested"] = has["_full"] & has["_retain"]
    states = pd.Series(
        np.select([has[name] for name, _ in _STATE_RULES], [name for name, _ in _STATE_RULES], default="present"),
        index=has.index,
        name="state",
    )
    rows = pd.concat([rows[[*keys, "claim_id"]], flags], axis=1).join(states, on=keys)
    winning = np.zeros(len(rows), dtype=bool)
    for name, _ in _STATE_RULES:
        winning |= (rows["state"] == name).to_numpy() & rows[name].to_numpy()
    claim_ids = (
        rows[winning].groupby(keys, sort=False)["claim_id"].agg(lambda ids: sorted(set(ids))).rename("claim_ids")
    )
    reasons = dict(_STATE_RULES)
    table = pd.concat([states, claim_ids], axis=1).reset_index()
    table["reason"] = table["state"].map(reasons)
    table = table[column_names(STATUS)]
    return table.sort_values(["slice_start", "place_id"], kind="stable").reset_index(drop=True)
