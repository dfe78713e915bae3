"""The map's payload packed for the page: each distinct string once, popup details apart.

:func:`geo.render.map_payload` is readable: one column of values per claim
field and one record per movement. At 10^5 claims that is 30 MB, mostly
the same few strings (actions, modalities, days, source ids) repeated and
each movement's line repeated for every claim that uses its route. The page
gets it packed instead (``geo/_page/pack.js`` unpacks it):

* the main block holds what the page needs to open and redraw (ids,
  sources, layers, days, places, evidence, chains) with every repeated
  string as an index into one table of distinct strings, and each claim's
  places and chain as an index into a table of the distinct lists;
* movements are three columns (claim, route, dashed) and each route's
  line, arrowhead and length is stored once;
* the popup details (quote, actor, assets, quantity, attribution, time
  phrase, precision, note) are a second block with its own table, which the
  page parses only when a popup first needs it.

Both blocks are plain JSON data: strings stay strings and reach the DOM as
text, as before.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.claims import ROLES

MAIN_INTERNED: tuple[str, ...] = ("source", "action", "layer", "modality", "start", "end")
"""Claim columns of the main block stored as indices into its string table."""

DETAIL_COLUMNS: tuple[str, ...] = ("actor", "quantity", "attribution", "time_text", "precision", "note", "quote")
"""Claim columns of the details block (indices into its string table); ``asset`` indexes its table of lists.
The quotes, nearly all distinct, come last, so the columns of a few values get the short indices."""


def _interned(columns: Sequence[Sequence[Any]]) -> tuple[list[list[int]], list[Any]]:
    """Each column as indices into one table of the distinct values of them all, in order of first use.

    Hashed by pandas (``factorize``) in one pass over the columns end to end,
    rather than one dictionary look-up per value in Python.
    """
    flat = np.empty(sum(len(column) for column in columns), dtype=object)
    ends = np.cumsum([0, *(len(column) for column in columns)])
    for column, start, end in zip(columns, ends[:-1], ends[1:], strict=True):
        flat[start:end] = column
    codes, uniques = pd.factorize(flat, use_na_sentinel=False)
    table = [None if value is None or value != value else value for value in uniques.tolist()]
    return [codes[start:end].tolist() for start, end in itertools.pairwise(ends)], table


def pack(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's two blocks for ``payload``: the main one and the popup details.

    Parameters
    ----------
    payload
        What :func:`geo.render.map_payload` returns.

    Returns
    -------
    tuple of dict
        The main block (the payload with ``claims`` and ``movements`` packed,
        ``routes`` and ``strings`` added) and the details block (``strings``
        and ``columns``).
    """
    claims = payload["claims"]
    codes, strings = _interned([claims[name] for name in MAIN_INTERNED])
    packed: dict[str, Any] = {"id": claims["id"], **dict(zip(MAIN_INTERNED, codes, strict=True))}
    packed["unconfirmed"] = [1 if u else 0 for u in claims["unconfirmed"]]
    place_index = {place["id"]: i for i, place in enumerate(payload["places"])}
    role = {name: i for i, name in enumerate(strings)}
    for name in ROLES:
        role.setdefault(name, len(role))
    strings += list(role)[len(strings) :]
    # A claim's places (place, role, evidence) and its chain of sources are each one index into a
    # table of the distinct lists: claims repeat a few thousand of them.
    role_lists: dict[tuple[tuple[int, int, int], ...], int] = {}
    packed["places"] = [
        role_lists.setdefault(tuple((place_index[p], role[r], mask) for p, r, mask in roles), len(role_lists))
        for roles in claims["places"]
    ]
    chains: dict[tuple[int, ...], int] = {}
    packed["chain"] = [chains.setdefault(tuple(chain), len(chains)) for chain in claims["chain"]]

    claim_index = {claim_id: i for i, claim_id in enumerate(claims["id"])}
    routes: list[dict[str, Any]] = []
    route_index: dict[tuple[str, str, str], int] = {}
    moves: dict[str, list[int]] = {"claim": [], "route": [], "dashed": []}
    for move in payload["movements"]:
        key = (move["kind"], move["origin"], move["destination"])
        if key not in route_index:
            route_index[key] = len(routes)
            routes.append({k: move[k] for k in ("kind", "origin", "destination", "coords", "arrow", "length_km")})
        moves["claim"].append(claim_index[move["claim"]])
        moves["route"].append(route_index[key])
        moves["dashed"].append(1 if move["dashed"] else 0)

    main = {key: value for key, value in payload.items() if key not in ("claims", "movements")}
    main.update(claims=packed, movements=moves, routes=routes, strings=strings)
    main.update(role_lists=[[list(role) for role in roles] for roles in role_lists], chains=[list(c) for c in chains])

    codes, text = _interned([claims[name] for name in DETAIL_COLUMNS])
    columns: dict[str, Any] = dict(zip(DETAIL_COLUMNS, codes, strict=True))
    # A claim's assets as one index into a table of distinct lists (most claims name the same few).
    assets: dict[tuple[str, ...], int] = {}
    columns["asset"] = [assets.setdefault(tuple(a), len(assets)) for a in claims["asset"]]
    return main, {"strings": text, "assets": [list(a) for a in assets], "columns": columns}
