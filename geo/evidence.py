"""Contradictions and corroboration between claims.

Contradictions
--------------
Two claims contradict each other when they name the same place (in any
role), their intervals overlap (open ends overlap everything on their open
side), and their actions form a pair of :data:`geo.schema.OPPOSING_ACTIONS`:
a withdrawal that is not partial against a retained presence. Pairs within
one article are kept and flagged ``same_source``.

Independence
------------
Corroboration counts *independent* sources, not articles. Two claims come
from the same reporting chain, and count once, when

* they are in the same article (an article restating itself, for example in
  an interview appended to it, adds nothing);
* their articles have the same publisher (an outlet's follow-ups and
  interviews restate its own reporting);
* they credit the same originator (two outlets both citing SOHR, or both
  citing Reuters, relay one report).

Within each (slice, place, action), the independent sources are the connected
groups of claims under these links (union-find). An unnamed party
("unnamed Syrian officials") links nothing, since it cannot be matched.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.claims import claim_places
from geo.schema import CONTRADICTIONS, CORROBORATION, OPPOSING_ACTIONS, column_names
from geo.slices import is_partial


def _overlap(a: pd.Series, b: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return the overlap of two claims' intervals (NaT for an open side), or None."""
    starts = [t for t in (a["start"], b["start"]) if pd.notna(t)]
    ends = [t for t in (a["end"], b["end"]) if pd.notna(t)]
    first = max(starts) if starts else pd.NaT
    last = min(ends) if ends else pd.NaT
    if pd.notna(first) and pd.notna(last) and first > last:
        return None
    return first, last


def contradictions(claims: pd.DataFrame) -> pd.DataFrame:
    """List every pair of contradicting claims.

    Parameters
    ----------
    claims
        The claims table (``Dataset.claims``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.CONTRADICTIONS`, ordered by place and claims.
    """
    roles = claim_places(claims).drop_duplicates(["claim_id", "place_id"])
    by_claim = claims.set_index("claim_id", drop=False)
    rows = []
    for place, group in roles.groupby("place_id", sort=True):
        ids = list(group["claim_id"])
        for i, first_id in enumerate(ids):
            for second_id in ids[i + 1 :]:
                a, b = by_claim.loc[first_id], by_claim.loc[second_id]
                if frozenset({a["action"], b["action"]}) not in OPPOSING_ACTIONS:
                    continue
                if a["action"] == "retain":
                    a, b = b, a
                if is_partial(a["quantity"]):
                    continue
                span = _overlap(a, b)
                if span is None:
                    continue
                rows.append(
                    (
                        place,
                        a["claim_id"],
                        b["claim_id"],
                        a["source_id"],
                        b["source_id"],
                        a["action"],
                        b["action"],
                        a["quote"],
                        b["quote"],
                        span[0],
                        span[1],
                        a["source_id"] == b["source_id"],
                    )
                )
    table = pd.DataFrame(rows, columns=column_names(CONTRADICTIONS))
    return table.sort_values(["place_id", "claim_a", "claim_b"], kind="stable").reset_index(drop=True)


def originators(attribution: str) -> set[str]:
    """The originators an attribution names, normalised (lower case, no parentheses).

    ``"Maxar Technologies; Planet Labs (satellite imagery)"`` names two.
    Unnamed or unattributed parties ("unnamed Syrian officials",
    "reports (unnamed)") name nobody: they cannot be matched to anything.
    """
    names = set()
    for part in attribution.split(";"):
        lowered = part.lower()
        if "unnamed" in lowered or "unattributed" in lowered:
            continue
        name = re.sub(r"\s+", " ", re.sub(r"\(.*?\)", "", lowered)).strip()
        if name:
            names.add(name)
    return names


def independent_count(claim_ids: list[str], claims: pd.DataFrame, sources: pd.DataFrame) -> int:
    """Count the independent reporting chains among ``claim_ids`` (see the module docstring)."""
    parent = {c: c for c in claim_ids}

    def find(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    keys: dict[str, str] = {}
    for claim_id in claim_ids:
        claim = claims.loc[claim_id]
        links = {f"source:{claim['source_id']}"}
        publisher = sources.at[claim["source_id"], "publisher"] if claim["source_id"] in sources.index else ""
        if publisher:
            links.add(f"publisher:{publisher.lower()}")
        links |= {f"originator:{name}" for name in originators(claim["attribution"])}
        for link in links:
            if link in keys:
                parent[find(claim_id)] = find(keys[link])
            else:
                keys[link] = claim_id
    return len({find(c) for c in claim_ids})


def corroboration(sliced: pd.DataFrame, claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Count claims, articles and independent chains behind each (slice, place, action).

    Parameters
    ----------
    sliced
        The output of :func:`geo.slices.slices`.
    claims, sources
        The claims and sources tables.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.CORROBORATION`, ordered by slice, place, action.
    """
    by_claim = claims.set_index("claim_id", drop=False)
    rows = []
    for (label, start, place, action), group in sliced.groupby(
        ["slice", "slice_start", "place_id", "action"], sort=False
    ):
        claim_ids = sorted(set(group["claim_id"]))
        source_ids = sorted(set(group["source_id"]))
        independent = independent_count(claim_ids, by_claim, sources)
        rows.append((label, start, place, action, len(claim_ids), len(source_ids), independent, claim_ids, source_ids))
    table = pd.DataFrame(rows, columns=["slice", "slice_start", *column_names(CORROBORATION)[1:]])
    table = table.sort_values(["slice_start", "place_id", "action"], kind="stable").reset_index(drop=True)
    return table[column_names(CORROBORATION)]
