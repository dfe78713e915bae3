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

import itertools
import re

import pandas as pd

from geo.claims import claim_places
from geo.schema import CONTRADICTIONS, CORROBORATION, column_names
from geo.slices import partial_mask


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
    roles = claim_places(claims).drop_duplicates(["claim_id", "place_id"])
    roles = roles.merge(claims[[*fields, "quantity"]], on="claim_id", how="left")
    full = roles[(roles["action"] == "withdraw") & ~partial_mask(roles["quantity"])]
    kept = roles[roles["action"] == "retain"]
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
    links = {}
    for claim_id, source_id, attribution in zip(
        claims["claim_id"], claims["source_id"], claims["attribution"], strict=True
    ):
        keys = [f"source:{source_id}"]
        if publishers.get(source_id):
            keys.append(f"publisher:{publishers[source_id].lower()}")
        keys += [f"originator:{name}" for name in sorted(originators(attribution))]
        links[claim_id] = tuple(keys)
    return links


def count_chains(claim_ids: list[str], links: dict[str, tuple[str, ...]]) -> int:
    """The number of independent reporting chains among ``claim_ids`` (union-find over their keys)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    for claim_id in claim_ids:
        first, *rest = links[claim_id]
        for key in rest:
            parent[find(key)] = find(first)
    return len({find(links[c][0]) for c in claim_ids})


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
    keys = ["slice_start", "slice", "place_id", "action"]
    frame = sliced[[*keys, "claim_id", "source_id"]].drop_duplicates([*keys, "claim_id"])
    frame = frame.sort_values([*keys, "claim_id"], kind="stable")
    columns = [frame[k].tolist() for k in (*keys, "claim_id", "source_id")]
    rows = []
    for (_, label, place, action), group in itertools.groupby(zip(*columns, strict=True), key=lambda r: r[:4]):
        members = list(group)
        claim_ids = [m[4] for m in members]
        source_ids = sorted({m[5] for m in members})
        chains = count_chains(claim_ids, links)
        rows.append((label, place, action, len(claim_ids), len(source_ids), chains, claim_ids, source_ids))
    return pd.DataFrame(rows, columns=column_names(CORROBORATION))
