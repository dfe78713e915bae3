"""Contradictions and corroboration between claims.

Contradictions
--------------
Two claims contradict each other when they name the same place, their
intervals overlap (open ends overlap everything on their open side), and
their actions form a pair of :data:`geo.schema.OPPOSING_ACTIONS`: a
withdrawal that is not partial, at a place it leaves (its origin or
places, not its destination), against a retained presence at any of its
places. Pairs within
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

import itertools
import re
from typing import Any

import pandas as pd

from geo.claims import claim_places
from geo.schema import CONTRADICTIONS, CORROBORATION, column_names
from geo.slices import DISPUTE_SIDES, role_evidence


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
    fields = ["claim_id", "source_id", "action", "quote", "start", "end"]
    roles = claim_places(claims).merge(claims[[*fields, "modality", "quantity"]], on="claim_id", how="left")
    # The two sides of a dispute (geo.slices.DISPUTE_SIDES), each at the places its kind names.
    kinds = dict(DISPUTE_SIDES)
    full = roles[role_evidence(roles, kinds["leaving"])].drop_duplicates(["claim_id", "place_id"])
    kept = roles[role_evidence(roles, kinds["staying"])].drop_duplicates(["claim_id", "place_id"])
    pairs = full[["place_id", *fields]].merge(kept[["place_id", *fields]], on="place_id", suffixes=("_a", "_b"))
    first = pd.concat([pairs["start_a"], pairs["start_b"]], axis=1).max(axis=1)
    last = pd.concat([pairs["end_a"], pairs["end_b"]], axis=1).min(axis=1)
    pairs = pairs.assign(overlap_start=first, overlap_end=last)
    pairs = pairs[~(first.notna() & last.notna() & (first > last))]
    table = pd.DataFrame(
        {
            "place_id": pairs["place_id"],
            "claim_a": pairs["claim_id_a"],
            "claim_b": pairs["claim_id_b"],
            "source_a": pairs["source_id_a"],
            "source_b": pairs["source_id_b"],
            "action_a": pairs["action_a"],
            "action_b": pairs["action_b"],
            "quote_a": pairs["quote_a"],
            "quote_b": pairs["quote_b"],
            "overlap_start": pairs["overlap_start"],
            "overlap_end": pairs["overlap_end"],
            "same_source": pairs["source_id_a"] == pairs["source_id_b"],
        },
        columns=column_names(CONTRADICTIONS),
    )
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


def chain_links(claims: pd.DataFrame, sources: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """For each claim, the keys that tie it to a reporting chain (see the module docstring)."""
    publishers = sources["publisher"].to_dict() if "publisher" in sources else {}
    by_pair: dict[tuple[str, str], tuple[str, ...]] = {}
    links = {}
    columns = (claims[c].tolist() for c in ("claim_id", "source_id", "attribution"))
    # Lists, because iterating pandas' string arrays item by item costs several times more.
    for claim_id, source_id, attribution in zip(*columns, strict=True):
        keys = by_pair.get((source_id, attribution))
        if keys is None:
            found = [f"source:{source_id}"]
            if publishers.get(source_id):
                found.append(f"publisher:{publishers[source_id].lower()}")
            found += [f"originator:{name}" for name in sorted(originators(attribution))]
            keys = by_pair[source_id, attribution] = tuple(found)
        links[claim_id] = keys
    return links


def count_chains(claim_ids: list[str], links: dict[str, tuple[str, ...]]) -> int:
    """The number of independent reporting chains among ``claim_ids`` (union-find over their keys)."""
    return _count_groups({links[claim_id] for claim_id in claim_ids})


def _count_groups(distinct: set[tuple[Any, ...]]) -> int:
    """The number of connected groups of key tuples, two tuples joined when they share a key."""
    # Claims of one article with one attribution share their keys, so the
    # callers pass each distinct key tuple once.
    if len(distinct) == 1:
        return 1
    parent: dict[Any, Any] = {}

    def find(key: Any) -> Any:
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    for first, *rest in distinct:
        for key in rest:
            parent[find(key)] = find(first)
    return len({find(keys[0]) for keys in distinct})


def independent_count(claim_ids: list[str], claims: pd.DataFrame, sources: pd.DataFrame) -> int:
    """Count the independent reporting chains among ``claim_ids`` (see the module docstring)."""
    return count_chains(claim_ids, chain_links(claims.loc[claim_ids], sources))


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
    links = chain_links(claims, sources)
    # Keys as small integers, and each claim's key tuple numbered once.
    key_ids: dict[str, int] = {}
    claim_keys = {c: tuple(key_ids.setdefault(k, len(key_ids)) for k in keys) for c, keys in links.items()}
    group_keys = ["slice_start", "place_id", "action"]
    frame = sliced[["slice", *group_keys, "claim_id", "source_id"]].drop_duplicates([*group_keys, "claim_id"])
    frame = frame.sort_values([*group_keys, "claim_id"], kind="stable")
    # Slice labels follow their starts one to one, so grouping by label keeps the order by start.
    columns = [frame[k].tolist() for k in ("slice", "place_id", "action", "claim_id", "source_id")]
    rows = []
    for (label, place, action), group in itertools.groupby(zip(*columns, strict=True), key=lambda r: r[:3]):
        members = list(group)
        claim_ids = [m[3] for m in members]
        source_ids = sorted({m[4] for m in members})
        chains = _count_groups({claim_keys[c] for c in claim_ids})
        rows.append((label, place, action, len(claim_ids), len(source_ids), chains, claim_ids, source_ids))
    return pd.DataFrame(rows, columns=column_names(CORROBORATION))
