"""Disputes: one disagreement per place and window, instead of every contradicting pair.

:func:`geo.contradictions` lists every pair of opposing claims, which grows
with the product of the two sides: four articles keeping a base against three
announcing its evacuation make twelve pairs for one disagreement. A dispute
groups them. The page's JavaScript implements the same rule; keep the two in
step.

Definition
----------
For each place, counting a claim once per place (:func:`geo.claims.claim_places`):

* the **leaving** side's candidates are the claims whose action is
  ``withdraw`` and whose quantity does not mark them partial
  (:func:`geo.slices.partial_mask`), of any modality, at the places they
  leave (origin or location, not destination: forces that withdrew to a
  base arrived there); the **staying** side's candidates are the claims
  whose action is ``retain``, at any of their places (the two actions of
  :data:`geo.schema.OPPOSING_ACTIONS`; the kinds of
  :data:`geo.slices.DISPUTE_SIDES`);
* each claim covers the inclusive day interval [start, end]; an empty start
  is open to the past (-inf), an empty end open to the future (+inf). An
  interval ending before it starts (which validation rejects) covers no day
  and takes no part;
* the **windows** of the place are the maximal runs of days covered both by
  some leaving claim and by some staying claim: the union of the leaving
  intervals intersected with the union of the staying intervals, with pieces
  that touch or overlap merged (a piece starting the day after the previous
  one ends continues it). A window's start is open when both sides are open
  to the past there, its end when both are open to the future;
* there is one **dispute** per (place, window). Its leaving side is every
  leaving claim whose interval overlaps the window, its staying side every
  staying claim overlapping the window: each claim once, claim ids sorted,
  source ids sorted and distinct, and ``independent`` the number of
  independent reporting chains among the side's claims
  (:func:`geo.evidence.count_chains` over :func:`geo.evidence.chain_links`,
  the corroboration rule);
* disputes are ordered by place id, then by window start (an open start
  first). A claim spanning several windows is on a side of each.

Every contradicting pair lies in exactly one dispute: the days two opposing
claims share are covered by both sides, so they lie in one window, and both
claims overlap it; two claims on the sides of two disputes cannot overlap,
since both would then cover the gap between the windows. ``pairs`` counts the
dispute's pairs without listing them: for each leaving claim, the staying
claims of the dispute starting on or before its end, less those ending before
its start (bisection over the sorted starts and ends).

Cost
----
Sorting the claims per place, one sweep to merge and intersect the intervals,
and a bisection per claim to find the windows it overlaps: O(n log n + k) for
n claims, where k, the total length of the sides, is at most twice the number
of contradicting pairs (each claim on a side overlaps, in the window, an
opposing claim of that dispute) and in practice close to n.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
import pandas as pd

from geo._records import plain
from geo.claims import claim_places
from geo.evidence import chain_links, count_chains
from geo.reporting import ReportedBy, as_reported
from geo.schema import DISPUTES, column_names
from geo.slices import DISPUTE_SIDES, claim_evidence, role_evidence

STANCES: tuple[str, ...] = tuple(stance for stance, _ in DISPUTE_SIDES)
"""The sides of a dispute in order (:data:`geo.slices.DISPUTE_SIDES`, the same table the map's page reads)."""

Interval = tuple[float, float]
"""An inclusive run of days as day numbers, ``-inf``/``inf`` for open ends."""


def _day_numbers(dates: pd.Series, open_value: float) -> np.ndarray:
    """Days since 1970-01-01 as floats (exact for any date), ``open_value`` for NaT."""
    values = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(values), open_value, values.astype("int64").astype(float))


def _merge(intervals: list[Interval]) -> list[Interval]:
    """Merge intervals sorted by start where they overlap or touch (the next day continues a run)."""
    merged: list[list[float]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _intersect(first: list[Interval], second: list[Interval]) -> list[Interval]:
    """The days two sorted lists of disjoint intervals both cover (a two-pointer sweep)."""
    pieces: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start <= end:
            pieces.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return pieces


def windows(leaving: list[Interval], staying: list[Interval]) -> list[Interval]:
    """The windows of one place: maximal runs of days both sides cover.

    Parameters
    ----------
    leaving, staying
        Each side's intervals, sorted by start.

    Returns
    -------
    list of tuple
        Disjoint windows in order, as day numbers (``-inf``/``inf`` when open).
    """
    return _merge(_intersect(_merge(leaving), _merge(staying)))


def _sides_per_window(members: list[tuple[float, float, str, str]], found: list[Interval]) -> list[list[int]]:
    """For each window, the indices of ``members`` (start, end, ...) whose interval overlaps it."""
    # Windows are disjoint and sorted, so a claim overlaps a contiguous run of them.
    starts, ends = [w[0] for w in found], [w[1] for w in found]
    sides: list[list[int]] = [[] for _ in found]
    for index, (start, end, *_) in enumerate(members):
        for window in range(bisect_left(ends, start), bisect_right(starts, end)):
            sides[window].append(index)
    return sides


def _count_pairs(leaving: list[Interval], staying: list[Interval]) -> int:
    """The number of (leaving, staying) pairs whose intervals overlap, by bisection."""
    starts, ends = sorted(s[0] for s in staying), sorted(s[1] for s in staying)
    # A staying claim ending before a leaving one starts also starts before it ends: subtracting is exact.
    return sum(bisect_right(starts, end) - bisect_left(ends, start) for start, end in leaving)


def _stance_rows(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The candidate claims, and one row per (place, candidate) with stance and day numbers, sorted for the sweep."""
    # Choosing the candidates before spreading them over their places skips most claims' places.
    kinds = dict(DISPUTE_SIDES)
    leaving, staying = claim_evidence(claims, kinds["leaving"]), claim_evidence(claims, kinds["staying"])
    candidates = claims[leaving | staying].assign(staying=staying[leaving | staying])
    fields = ["claim_id", "source_id", "staying", "start", "end", "action", "modality", "quantity"]
    roles = claim_places(candidates).merge(candidates[fields], on="claim_id")
    # Each side at the places its kind names: a withdrawal where it leaves, not at its destination.
    on_side = np.where(roles["staying"], role_evidence(roles, kinds["staying"]), role_evidence(roles, kinds["leaving"]))
    roles = roles[on_side].drop_duplicates(["claim_id", "place_id"])
    roles = roles.assign(
        lo=_day_numbers(roles["start"], -math.inf),
        hi=_day_numbers(roles["end"], math.inf),
    )
    roles = roles[roles["lo"] <= roles["hi"]]
    return candidates, roles.sort_values(["place_id", "staying", "lo", "hi", "claim_id"], kind="stable")


def disputes(claims: pd.DataFrame, sources: pd.DataFrame, *, reported_by: ReportedBy = None) -> pd.DataFrame:
    """Group contradicting claims into one dispute per place and window (see the module docstring).

    Parameters
    ----------
    claims
        The claims table (``Dataset.claims``).
    sources
        The sources table (``Dataset.sources``), for the publishers that tie
        articles into one reporting chain, and their publication dates.
    reported_by
        Group only the claims whose source was published on or before this
        date (:func:`geo.reporting.reported_mask`); None: every claim.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.DISPUTES`, ordered by place, then window start
        (open first). ``start``/``end`` are ``NaT`` where the window is open.
    """
    candidates, rows = _stance_rows(as_reported(claims, sources, reported_by))
    links = chain_links(candidates, sources)
    columns = [rows[c].tolist() for c in ("place_id", "staying", "lo", "hi", "claim_id", "source_id")]
    out: list[tuple[Any, ...]] = []
    for place, group in itertools.groupby(zip(*columns, strict=True), key=lambda r: r[0]):
        members = list(group)
        leaving = [(lo, hi, claim, source) for _, kept, lo, hi, claim, source in members if not kept]
        staying = [(lo, hi, claim, source) for _, kept, lo, hi, claim, source in members if kept]
        found = windows([m[:2] for m in leaving], [m[:2] for m in staying])
        if not found:
            continue
        per_window = zip(found, _sides_per_window(leaving, found), _sides_per_window(staying, found), strict=True)
        for (start, end), leaving_at, staying_at in per_window:
            sides = []
            for side, at in ((leaving, leaving_at), (staying, staying_at)):
                claim_ids = sorted(side[i][2] for i in at)
                sides += [claim_ids, sorted({side[i][3] for i in at}), count_chains(claim_ids, links)]
            pairs = _count_pairs([leaving[i][:2] for i in leaving_at], [staying[i][:2] for i in staying_at])
            out.append((place, start, end, *sides, pairs))
    table = pd.DataFrame(out, columns=column_names(DISPUTES))
    for column in ("start", "end"):
        days = table[column].to_numpy(dtype=float)
        table[column] = pd.to_datetime(np.where(np.isinf(days), np.nan, days), unit="D")
    return table.astype({"leaving_independent": int, "staying_independent": int, "pairs": int})


def dispute_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The disputes as JSON-ready records, the shape the page uses.

    Parameters
    ----------
    table
        The output of :func:`disputes`.

    Returns
    -------
    list of dict
        One ``{"place_id", "start", "end", "sides"}`` per row, dates as
        ``YYYY-MM-DD`` or ``None`` when open; ``sides`` holds
        ``{"stance", "claim_ids", "source_ids", "independent"}`` for
        ``leaving``, then ``staying``.
    """
    return [
        {
            "place_id": row["place_id"],
            "start": plain(row["start"]),
            "end": plain(row["end"]),
            "sides": [
                {
                    "stance": stance,
                    "claim_ids": list(row[f"{stance}_claims"]),
                    "source_ids": list(row[f"{stance}_sources"]),
                    "independent": int(row[f"{stance}_independent"]),
                }
                for stance in STANCES
            ],
        }
        for row in table.to_dict("records")
    ]
