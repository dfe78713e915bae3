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

A withdrawal counts at the places it leaves (its origin and its places),
never at its destination, where the forces arrive.

A withdrawal is partial when its ``quantity`` holds a word of
:data:`geo.schema.PARTIAL_MARKERS` ("some", "partial", "10%", "most" …).

As reported by a date
---------------------
:func:`slices`, :func:`place_status` and :func:`known_states` take
``reported_by=`` (with ``sources=``): only the claims whose source was
published on or before that day count (:mod:`geo.reporting`). The window
stays that of all the claims, so the slices are the same days either way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.claims import claim_places
from geo.gazetteer import CRS_WGS84
from geo.reporting import ReportedBy, as_reported
from geo.schema import FUTURE_MODALITIES, KNOWN_STATUS, MODALITIES, PARTIAL_MARKERS, SLICES, STATUS, column_names

Frequency = str | Sequence[date | str | pd.Timestamp]

_FREQ_ALIASES = {"d": "day", "day": "day", "w": "week", "week": "week", "m": "month", "month": "month"}


def window(claims: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the earliest and latest date stated by any claim."""
    dates = pd.concat([claims["start"], claims["end"]]).dropna()
    if dates.empty:
        raise ValueError("no claim states a date, so there is no window to slice")
    return dates.min(), dates.max()


def _bounds(
    claims: pd.DataFrame, start: date | str | None, end: date | str | None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The analysis window: ``start`` and ``end`` where given, else the claims' own :func:`window`."""
    low, high = window(claims)
    return (pd.Timestamp(start) if start is not None else low, pd.Timestamp(end) if end is not None else high)


MAX_SLICES = 1000
"""The most slices one window may be cut into (about 2.7 years of days, 19 of weeks, 83 of months); a map
or table of more is a date typo's doing, and would take minutes and hundreds of megabytes to build."""


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
    count = {"day": (end - start).days + 1, "week": (end - start).days // 7 + 2}.get(
        unit, (end.year - start.year) * 12 + end.month - start.month + 1
    )
    if count > MAX_SLICES:
        raise ValueError(
            f"the window {start.date().isoformat()} to {end.date().isoformat()} makes about {count} {unit} slices, "
            f"more than "
            f"{MAX_SLICES}: narrow it with --since and --until, or use a coarser --freq (W or M)"
        )
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
    reported_by: ReportedBy = None,
    sources: pd.DataFrame | None = None,
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
        The window; by default the earliest and latest date any claim states
        (all the claims, whatever ``reported_by`` hides).
    reported_by
        Keep only the claims whose source was published on or before this
        date (:func:`geo.reporting.reported_mask`); None: every claim.
    sources
        The sources table, needed with ``reported_by``.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`geo.schema.SLICES`, one row per (slice, claim, place,
        role), with the place's Point as geometry, ordered by slice and claim.
    """
    low, high = _bounds(claims, start, end)
    claims = as_reported(claims, sources, reported_by)
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


@dataclass(frozen=True)
class Evidence:
    """A kind of evidence one (claim, place, role) row can be, by the row's fields.

    A row is this kind of evidence when every condition given holds; an
    empty condition holds for any row.

    Parameters
    ----------
    actions
        The claim's action is one of these.
    modalities
        The claim's modality is one of these.
    roles
        The place's role in the claim is one of these.
    partial
        ``False``: the claim's quantity marks no partial withdrawal
        (:func:`is_partial`); ``None``: either.
    site
        ``True``: the place is a site (geo precision 1 or 2), not a region or
        a country; ``None``: either.
    """

    actions: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    partial: bool | None = None
    site: bool | None = None


_PRESENT_MODALITIES = tuple(m for m in MODALITIES if m not in FUTURE_MODALITIES)

# A withdrawal is evidence at the place it leaves (its origin or its places), not where it goes: forces
# that withdrew from Kobani to Hmeimim arrived at Hmeimim.
_LEFT = ("origin", "location")

EVIDENCE: dict[str, Evidence] = {
    "full_withdrawal": Evidence(actions=("withdraw",), partial=False, roles=_LEFT),
    "retained": Evidence(actions=("retain",)),
    "vacating": Evidence(actions=("withdraw",), partial=False, modalities=("occurred",), site=True, roles=_LEFT),
    "withdrawing": Evidence(actions=("withdraw",), modalities=_PRESENT_MODALITIES, roles=_LEFT),
    "leaving": Evidence(actions=("depart", "load", "dismantle", "redeploy", "transport"), roles=_LEFT),
    "withdrawal": Evidence(actions=("withdraw",), roles=_LEFT),
    "reported": Evidence(),
}
"""The kinds of evidence the state rules test, in bit order (bit *i* is the *i*-th kind).

The map ships each (claim, place, role) row's kinds as a bit mask, so the page
and :func:`place_status` read the same evidence."""


DISPUTE_SIDES: tuple[tuple[str, str], ...] = (("leaving", "full_withdrawal"), ("staying", "retained"))
"""The two sides of a dispute, each a stance and the :data:`EVIDENCE` kind that puts a claim on it."""

STANCE_NAMES: dict[str, str] = {"leaving": "Leaving (full withdrawal)", "staying": "Staying (retained presence)"}
"""How the map names each stance of :data:`DISPUTE_SIDES`."""


@dataclass(frozen=True)
class StateRule:
    """One state of :data:`geo.schema.PLACE_STATES` and when it holds.

    The rule holds for a (slice, place) when, among the rows of the slice at
    the place, every kind in ``all_of`` is found, and at least one kind in
    ``any_of`` is found (when ``any_of`` is given).
    """

    state: str
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    reason: str = ""


STATE_RULES: tuple[StateRule, ...] = (
    StateRule("contested", ("full_withdrawal", "retained"), (), "a full withdrawal and a retained presence overlap"),
    StateRule("vacated_reported", ("vacating",), (), "a withdrawal, not marked partial, is reported as done"),
    StateRule(
        "drawing_down",
        (),
        ("withdrawing", "leaving"),
        "partial or ongoing withdrawal, or departures, loading or dismantling",
    ),
    StateRule("withdrawal_planned", ("withdrawal",), (), "only a planned or intended withdrawal"),
    StateRule("retained_reported", ("retained",), (), "only a retained presence"),
    StateRule("present", ("reported",), (), "forces seen or arriving, no sign of leaving"),
)
"""The states in order of precedence (first that holds wins), written once: the
map's page evaluates this same table (shipped as bit masks of :data:`EVIDENCE`)."""


def evidence_bit(kind: str) -> int:
    """The bit of an evidence kind in a mask (see :data:`EVIDENCE`)."""
    return 1 << list(EVIDENCE).index(kind)


def rule_masks() -> list[dict[str, Any]]:
    """:data:`STATE_RULES` as bit masks, as the page evaluates them."""
    return [
        {
            "state": rule.state,
            "all": sum(evidence_bit(k) for k in rule.all_of),
            "any": sum(evidence_bit(k) for k in rule.any_of),
            "kinds": sum(evidence_bit(k) for k in (*rule.all_of, *rule.any_of)),
        }
        for rule in STATE_RULES
    ]


def _evidence_flags(rows: pd.DataFrame, precision: pd.Series) -> pd.DataFrame:
    """Per (claim, place, role) row, which kinds of :data:`EVIDENCE` it is (vectorised).

    ``rows`` needs ``action``, ``modality``, ``role``, ``quantity`` and ``place_id``.
    """
    partial = partial_mask(rows["quantity"].fillna(""))
    site = rows["place_id"].map(precision).astype(float).lt(3)
    flags = {}
    for kind, evidence in EVIDENCE.items():
        hit = pd.Series(True, index=rows.index)
        if evidence.actions:
            hit &= rows["action"].isin(evidence.actions)
        if evidence.modalities:
            hit &= rows["modality"].isin(evidence.modalities)
        if evidence.roles:
            hit &= rows["role"].isin(evidence.roles)
        if evidence.partial is not None:
            hit &= partial == evidence.partial
        if evidence.site is not None:
            hit &= site == evidence.site
        flags[kind] = hit.to_numpy(dtype=bool)
    return pd.DataFrame(flags, index=rows.index)


def claim_evidence(claims: pd.DataFrame, kind: str) -> pd.Series:
    """Which claims meet the conditions of ``kind`` that a claim alone decides (action, modality, partial).

    A kind that also names roles holds only at those of a claim's places (:func:`role_evidence`).

    Raises
    ------
    ValueError
        If the kind tests the place's precision, which a claim alone does not have.
    """
    evidence = EVIDENCE[kind]
    if evidence.site is not None:
        raise ValueError(f"evidence kind '{kind}' depends on the place's precision, not on the claim alone")
    hit = pd.Series(True, index=claims.index)
    if evidence.actions:
        hit &= claims["action"].isin(evidence.actions)
    if evidence.modalities:
        hit &= claims["modality"].isin(evidence.modalities)
    if evidence.partial is not None:
        hit &= partial_mask(claims["quantity"].fillna("")) == evidence.partial
    return hit


def role_evidence(rows: pd.DataFrame, kind: str) -> pd.Series:
    """Which (claim, place, role) rows are evidence of ``kind``: :func:`claim_evidence` and the kind's roles.

    ``rows`` needs ``action``, ``modality``, ``quantity`` and ``role``
    (:func:`geo.claims.claim_places` joined to the claims).
    """
    hit = claim_evidence(rows, kind)
    roles = EVIDENCE[kind].roles
    return hit & rows["role"].isin(roles) if roles else hit


def evidence_masks(rows: pd.DataFrame, precision: pd.Series) -> np.ndarray:
    """Each row's :data:`EVIDENCE` kinds as one integer bit mask (what the map ships)."""
    flags = _evidence_flags(rows, precision)
    out = np.zeros(len(rows), dtype=np.int64)
    for kind in EVIDENCE:
        out |= flags[kind].to_numpy().astype(np.int64) * evidence_bit(kind)
    return out


def place_status(
    sliced: pd.DataFrame,
    claims: pd.DataFrame,
    places: pd.DataFrame,
    *,
    reported_by: ReportedBy = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Derive each place's state in each slice.

    Parameters
    ----------
    sliced
        The output of :func:`slices`.
    claims
        The claims table (for quantities).
    places
        The gazetteer (for geo precision).
    reported_by
        Derive the states only from the claims whose source was published on
        or before this date (:func:`geo.reporting.reported_mask`); None: from
        every row of ``sliced``.
    sources
        The sources table, needed with ``reported_by``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.STATUS`, one row per (slice, place) that has
        claims, ordered by slice then place.
    """
    keys = ["slice", "slice_start", "slice_end", "place_id"]
    sliced = as_reported(sliced, sources, reported_by)
    if sliced.empty:
        return pd.DataFrame(columns=column_names(STATUS))
    rows = sliced.merge(claims[["claim_id", "quantity"]], on="claim_id", how="left")
    flags = _evidence_flags(rows, places["precision"])
    has = pd.concat([rows[keys], flags], axis=1).groupby(keys, sort=False).any()
    holds = []
    for rule in STATE_RULES:
        ok = pd.Series(True, index=has.index)
        for kind in rule.all_of:
            ok &= has[kind]
        if rule.any_of:
            ok &= has[list(rule.any_of)].any(axis=1)
        holds.append(ok.to_numpy())
    names = [rule.state for rule in STATE_RULES]
    states = pd.Series(np.select(holds, names, default=None), index=has.index, name="state")
    states = states.dropna()
    rows = pd.concat([rows[[*keys, "claim_id"]], flags], axis=1).join(states, on=keys, how="inner")
    winning = np.zeros(len(rows), dtype=bool)
    for rule in STATE_RULES:
        behind = rows[list((*rule.all_of, *rule.any_of))].any(axis=1).to_numpy()
        winning |= (rows["state"] == rule.state).to_numpy() & behind
    claim_ids = (
        rows[winning].groupby(keys, sort=False)["claim_id"].agg(lambda ids: sorted(set(ids))).rename("claim_ids")
    )
    reasons = {rule.state: rule.reason for rule in STATE_RULES}
    table = pd.concat([states, claim_ids], axis=1).reset_index()
    table["reason"] = table["state"].map(reasons)
    table = table[column_names(STATUS)]
    return table.sort_values(["slice_start", "place_id"], kind="stable").reset_index(drop=True)


def last_known(status: pd.DataFrame, edges: Sequence[tuple[str, pd.Timestamp, pd.Timestamp]]) -> pd.DataFrame:
    """Carry each place's latest reported state forward through the slices that have no report.

    A base reported vacated one week is still vacated the next, as far as the
    reporting goes, until a newer claim says otherwise. The map draws carried
    states faded, with the slice they were last reported in.

    Parameters
    ----------
    status
        The output of :func:`place_status`.
    edges
        The slices, in order (:func:`slice_edges`); slices after a place's last
        report carry its state to the end.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.KNOWN_STATUS`: one row per (slice, place) from the
        place's first report on, ordered by slice then place.
    """
    labels = [label for label, _, _ in edges]
    reported: dict[str, dict[str, str]] = {}
    for label, place, state in zip(status["slice"], status["place_id"], status["state"], strict=True):
        reported.setdefault(place, {})[label] = state
    last: dict[str, str] = {}
    rows = []
    for label in labels:
        for place in sorted(reported):
            if label in reported[place]:
                last[place] = label
            if place in last:
                rows.append((label, place, reported[place][last[place]], last[place], last[place] != label))
    return pd.DataFrame(rows, columns=column_names(KNOWN_STATUS))


def known_states(
    claims: pd.DataFrame,
    places: gpd.GeoDataFrame,
    *,
    freq: Frequency = "W",
    start: date | str | None = None,
    end: date | str | None = None,
    reported_by: ReportedBy = None,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each place's last known state in every slice: :func:`slices`, :func:`place_status`, then :func:`last_known`.

    Parameters
    ----------
    claims, places
        The claims and the gazetteer.
    freq, start, end, reported_by, sources
        As for :func:`slices`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.KNOWN_STATUS`.
    """
    low, high = _bounds(claims, start, end)
    sliced = slices(claims, places, freq=freq, start=low, end=high, reported_by=reported_by, sources=sources)
    status = place_status(sliced, claims, places)
    return last_known(status, slice_edges(freq, low, high))
