"""The interactive map: layered, time-aware, self-contained and offline.

:func:`build_map` returns a :class:`GeoMap` (a ``folium.Map``) that shows

* an offline basemap (Natural Earth country borders, decoded in the page from
  the ``world-atlas`` TopoJSON), with OpenStreetMap tiles as an optional base
  layer for when a network is present;
* places with a symbol per kind and a label from zoom 7, coloured by their
  state in the current slice, or by their last known state, faded;
* location uncertainty as shapes: a dashed circle of the place's radius, or
  the country's outline, never a falsely exact point;
* claims, one layer per group (:data:`CLAIM_LAYERS`), aggregated per place
  and drawn on a canvas so large data sets stay fast;
* movements as directed great-circle lines with arrowheads, dashed when
  planned, intended or unconfirmed; departures and arrivals as arrows at the
  one known place;
* disputes as rings at their places;
* a time slider over the slices with an "all time" view, filters by source,
  claim layer, modality and confirmation, a header and a legend.

The page derives states, disputes and corroboration from the claims its
filters leave (``geo/_page/derive.js``); this module ships the claims with
their evidence kinds as bit masks and the rules of :mod:`geo.slices`, so
both sides evaluate one table. All untrusted text travels as JSON inside
``<script type="application/json">`` elements (packed by :mod:`geo._pack`:
each distinct string once, the popup details in a block of their own that
the page parses on the first popup) and reaches the DOM only as text. The
HTML is byte-deterministic: element ids come from a counter and nothing
records the build time.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import folium
import orjson
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.map import FitBounds
from pyproj import Geod

from geo._errors import GeoError
from geo._gc import collector_paused
from geo._io import write_bytes_atomic
from geo._offline import LEAFLET_CSS, LEAFLET_JS, asset_text, deterministic_ids, inline_assets, script
from geo._pack import pack
from geo._paths import display_path
from geo.basemap import admin1, admin1_topology, asset_path, detail
from geo.claims import claim_places
from geo.dataset import Dataset
from geo.evidence import chain_links
from geo.movements import movements
from geo.reporting import ReportedBy, as_reported, publication_dates, reporting_date
from geo.schema import ACTION_GROUPS, CLAIMS_FILE, FUTURE_MODALITIES, GEO_PRECISIONS, MODALITIES, PLACE_STATES
from geo.slices import (
    DISPUTE_SIDES,
    STANCE_NAMES,
    Frequency,
    evidence_bit,
    evidence_masks,
    rule_masks,
    slice_edges,
    window,
)

CLAIM_LAYERS: tuple[tuple[str, str, str], ...] = (
    ("leaving", "Claims: withdrawals and departures", "#d62728"),
    ("staying", "Claims: retained presence", "#1f77b4"),
    ("moving", "Claims: transport, loading and dismantling", "#ff7f0e"),
    ("seen", "Claims: sightings", "#2ca02c"),
    ("planned", "Claims: planned or intended moves", "#9467bd"),
)
"""Claim layers: (id, name, colour). A planned or intended claim goes to
``planned``; any other to the group of its action (:data:`geo.schema.ACTION_GROUPS`)."""

STATE_COLORS: dict[str, str] = {
    "contested": "#c51b7d",
    "vacated_reported": "#3b3b3b",
    "drawing_down": "#f46d43",
    "withdrawal_planned": "#8073ac",
    "retained_reported": "#4575b4",
    "present": "#1a9850",
}
"""Fill colour of a place marker by state; white means no reports in the slice."""

KIND_SYMBOLS: dict[str, dict[str, Any]] = {
    "air_base": {"shape": "triangle", "letter": "A", "label": True},
    "naval_base": {"shape": "square", "letter": "N", "label": True},
    "port": {"shape": "square", "letter": "P", "label": True},
    "airport": {"shape": "circle", "letter": "AP", "label": True},
    "military_base": {"shape": "square", "letter": "B", "label": True},
    "observation_posts": {"shape": "diamond", "letter": "OP", "label": True},
    "city": {"shape": "circle", "letter": "", "label": True},
    "town": {"shape": "dot", "letter": ""},
    "district": {"shape": "dot", "letter": ""},
    "governorate": {"shape": "dot", "letter": ""},
    "region": {"shape": "dot", "letter": ""},
    "country": {"shape": "dot", "letter": ""},
}
"""Symbol of each place kind: a shape, a letter code, and whether its places get a permanent label
(facilities and cities, from zoom 7). The order is the order in which labels are placed."""

DEFAULT_TITLE = "Reported military movements"
"""The map's title unless one is given (``geo map --title``): no actor or place, since those are data."""

FREQ_NAMES = {"d": "daily", "day": "daily", "w": "weekly", "week": "weekly", "m": "monthly", "month": "monthly"}

BASEMAP_TOPOJSON = "world-atlas/countries-50m.json"

TIMELINE_STRIP_PX = 84
"""Height of the timeline strip at the bottom of the map (``.leaflet-bottom`` in ``_page/map.css``)."""
"""Natural Earth 1:50m countries, drawn as the offline basemap."""

DETAIL_ZOOMS: dict[str, int] = {"water": 6, "coast": 7, "places": 7}
"""First zoom of each close-zoom layer of the offline basemap (:func:`geo.basemap.detail_layers`):
rivers and lakes, the 1:10m coast (below zoom 7 it and the 1:50m countries' coast differ by less
than a pixel or two), and the populated places."""

DETAIL_ATTRIBUTION = "Natural Earth; towns: GeoNames (CC BY 4.0)"
"""The close-zoom detail's credit in the map's attribution (Leaflet inserts it as markup: a constant only)."""

POPULATED_LABELS: tuple[tuple[int, int], ...] = ((7, 100_000), (8, 40_000), (9, 0))
"""(zoom, smallest population): from which zoom a populated place's dot gets its label too."""

_GEOD = Geod(ellps="WGS84")


def claim_layer(action: str, modality: str) -> str:
    """The id of the claim layer (:data:`CLAIM_LAYERS`) a claim is drawn in."""
    if modality in FUTURE_MODALITIES:
        return "planned"
    return next(group for group, actions in ACTION_GROUPS.items() if action in actions)


_HTML_ESCAPES = tuple((char.encode(), f"\\u{ord(char):04x}".encode()) for char in ("<", ">", "&", "\u2028", "\u2029"))


def _json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON (orjson) that is safe inside an HTML ``<script>`` element (no ``<``, ``>``, ``&``).

    orjson writes the tens of megabytes of a large map ten times faster than
    the standard library, and deterministically: keys in insertion order,
    floats in their shortest round-trip form. It writes NaN as ``null``.
    """
    text = orjson.dumps(value)
    for char, escape in _HTML_ESCAPES:
        if char in text:
            text = text.replace(char, escape)
    return text


def _json_for_html(value: Any) -> str:
    """:func:`_json_bytes` as text."""
    return _json_bytes(value).decode("utf-8")


def _arrowhead(coords: Sequence[Sequence[float]], length_km: float) -> list[list[float]]:
    """A small triangle (lat, lon) pointing into the last point of a lon/lat line."""
    (x0, y0), (x1, y1) = coords[-2], coords[-1]
    azimuth = _GEOD.inv(x0, y0, x1, y1)[0]
    size_m = min(60_000.0, 0.08 * length_km * 1000)
    wings = [_GEOD.fwd(x1, y1, azimuth + 180 + turn, size_m)[:2] for turn in (-22, 22)]
    return [[round(y1, 5), round(x1, 5)], *[[round(y, 5), round(x, 5)] for x, y in wings]]


def _drawn_route(kind: str, geometry: Any, km: float) -> tuple[list[Any], list[list[float]], float | None]:
    """A movement's drawing: its (lat, lon) coordinates, arrowhead and rounded length."""
    if kind != "line":
        return [[round(geometry.y, 5), round(geometry.x, 5)]], [], None
    parts = list(geometry.geoms) if geometry.geom_type == "MultiLineString" else [geometry]
    points = [shapely.get_coordinates(part).tolist() for part in parts]
    coords = [[[round(y, 5), round(x, 5)] for x, y in part] for part in points]
    return coords, _arrowhead(points[-1], km), None if pd.isna(km) else round(float(km), 1)


def _filter_claims(
    data: Dataset,
    *,
    since: pd.Timestamp | None,
    until: pd.Timestamp | None,
    actions: Sequence[str] | None,
    sources: Sequence[str] | None,
    places: Sequence[str] | None,
    reported_by: ReportedBy = None,
) -> pd.DataFrame:
    if data.claims.empty:
        raise GeoError(
            f"the data set has no claims yet, so there is nothing to map: add an article (geo add) and move its "
            f"accepted candidates from {display_path(data.data_dir / 'review')} into "
            f"{display_path(data.data_dir / CLAIMS_FILE)}."
        )
    claims = as_reported(data.claims, data.sources, reported_by)
    for name, values, known in (
        ("action", actions, set(claims["action"])),
        ("source", sources, set(data.sources.index)),
        ("place", places, set(data.places.index)),
    ):
        unknown = sorted(set(values or ()) - known)
        if unknown:
            raise GeoError(f"unknown {name} {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if actions:
        claims = claims[claims["action"].isin(actions)]
    if sources:
        claims = claims[claims["source_id"].isin(sources)]
    if places:
        wanted = set(places)
        touches = [bool(wanted & {c.origin, c.destination, *c.places}) for c in claims.itertuples(index=False)]
        claims = claims[touches]
    if since is not None:
        claims = claims[claims["end"].isna() | (claims["end"] >= since)]
    if until is not None:
        claims = claims[claims["start"].isna() | (claims["start"] <= until)]
    if claims.empty:
        raise GeoError(
            "no claims match the filters; widen --since/--until, --reported-by or the --action/--source/--place choices"
        )
    return claims


def _inputs_digest(data: Dataset) -> str:
    """A short sha256 of the data files and seed texts the map is built from (deterministic)."""
    digest = hashlib.sha256()
    for path in sorted(data.data_dir.glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for source_id in sorted(data.seeds):
        digest.update(source_id.encode() + b"\0" + data.seeds[source_id].encode())
    return digest.hexdigest()[:12]


def map_payload(
    data: Dataset,
    *,
    freq: Frequency = "W",
    since: date | str | None = None,
    until: date | str | None = None,
    actions: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    places: Sequence[str] | None = None,
    title: str = DEFAULT_TITLE,
    reported_by: ReportedBy = None,
) -> dict[str, Any]:
    """Everything the page draws, as plain JSON-ready data (see :func:`build_map`)."""
    since_ts = pd.Timestamp(since) if since is not None else None
    until_ts = pd.Timestamp(until) if until is not None else None
    reported_ts = reporting_date(reported_by)
    claims = _filter_claims(
        data, since=since_ts, until=until_ts, actions=actions, sources=sources, places=places, reported_by=reported_ts
    )
    low, high = window(data.claims)  # a filtered map keeps the whole time line
    low = since_ts if since_ts is not None else low
    high = until_ts if until_ts is not None else high
    edges = slice_edges(freq, low, high)
    # Each (claim, place, role) with its evidence kinds as a bit mask: the page
    # evaluates the state rules on them exactly as geo.place_status does.
    roles_table = claim_places(claims).merge(
        claims[["claim_id", "action", "modality", "quantity"]], on="claim_id", how="left"
    )
    order = {place: i for i, place in enumerate(data.places.index)}
    place_ids = sorted(roles_table["place_id"].unique().tolist(), key=order.__getitem__)

    source_ids = sorted(claims["source_id"].unique().tolist())
    moves = movements(claims, data.places)

    def dates(column: pd.Series) -> list[str | None]:
        # A few hundred distinct days among the claims: format each once.
        codes, days = pd.factorize(column)
        text = [f"{day:%Y-%m-%d}" for day in days]
        return [text[code] if code >= 0 else None for code in codes.tolist()]

    # Lists, not Series: iterating a pandas string column costs a microsecond a value.
    names = ("origin", "destination", "places", "action", "modality", "asset", "unconfirmed")
    column = {name: claims[name].tolist() for name in names}
    masks = evidence_masks(roles_table, data.places["precision"]).tolist()
    roles: dict[str, list[list[Any]]] = {}
    for claim_id, place, role, mask in zip(
        roles_table["claim_id"].tolist(),
        roles_table["place_id"].tolist(),
        roles_table["role"].tolist(),
        masks,
        strict=True,
    ):
        roles.setdefault(claim_id, []).append([place, role, mask])
    links = chain_links(claims, data.sources)
    key_ids: dict[str, int] = {}
    chains = [[key_ids.setdefault(key, len(key_ids)) for key in links[c]] for c in claims["claim_id"].tolist()]
    action_modality = list(zip(column["action"], column["modality"], strict=True))
    layers = {(a, m): claim_layer(a, m) for a, m in set(action_modality)}
    # Columns rather than one object per claim: a smaller page that parses faster.
    payload_claims = {
        "id": claims["claim_id"].tolist(),
        "source": claims["source_id"].tolist(),
        "quote": claims["quote"].tolist(),
        "actor": claims["actor"].tolist(),
        "action": claims["action"].tolist(),
        "layer": [layers[k] for k in action_modality],
        "asset": [list(a) for a in column["asset"]],
        "quantity": claims["quantity"].tolist(),
        "modality": claims["modality"].tolist(),
        "attribution": claims["attribution"].tolist(),
        "unconfirmed": [bool(u) for u in column["unconfirmed"]],
        "time_text": claims["time_text"].tolist(),
        "start": dates(claims["start"]),
        "end": dates(claims["end"]),
        "precision": claims["time_precision"].tolist(),
        "note": claims["note"].tolist(),
        "places": [roles.get(c, []) for c in claims["claim_id"].tolist()],
        "chain": chains,
    }
    payload_moves = []
    drawn: dict[tuple[str, str, str], tuple[list[Any], list[list[float]], float | None]] = {}
    for claim_id, kind, origin, destination, geometry, km, dashed in zip(
        *(moves[c].tolist() for c in ("claim_id", "kind", "origin", "destination")),
        moves.geometry.array, moves["length_km"].tolist(), moves["dashed"].tolist(),
        strict=True,
    ):  # fmt: skip
        key = (kind, origin, destination)
        if key not in drawn:  # claims on one route share its line: draw it once
            drawn[key] = _drawn_route(kind, geometry, km)
        coords, arrow, length = drawn[key]
        payload_moves.append(
            {
                "claim": claim_id,
                "kind": kind,
                "origin": origin,
                "destination": destination,
                "coords": coords,
                "arrow": arrow,
                "dashed": bool(dashed),
                "length_km": length,
            }
        )
    filters = [
        f"{name} {', '.join(values)}"
        for name, values in (("actions", actions), ("sources", sources), ("places", places))
        if values
    ] + ([f"reported by {reported_ts:%Y-%m-%d}"] if reported_ts is not None else [])
    summary = (
        f"{len(claims)} claims from {len(source_ids)} sources about {len(place_ids)} places, "
        f"{low:%Y-%m-%d} to {high:%Y-%m-%d}" + (f"; filtered to {'; '.join(filters)}" if filters else "")
    )
    seeds = len(source_ids)
    built_from = (
        f"Built by geo from {data.data_dir.name}/ (sources, gazetteer, claims, distances) and {seeds} "
        f"articles in {data.seeds_dir.name}/; inputs sha256 {_inputs_digest(data)}."
    )
    fields = ["name", "kind", "aliases", "arabic", "lat", "lon", "radius_km", "precision", "admin1", "country"]
    fields += ["coord_source", "coord_text", "note"]
    payload_places = [
        {
            "id": p,
            "name": row["name"],
            "kind": row["kind"],
            "aliases": list(row["aliases"]),
            "arabic": "; ".join(row["arabic"]),
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "radius_km": float(row["radius_km"]),
            "precision": str(row["precision"]),
            "admin1": row["admin1"],
            "country": row["country"],
            "coord_source": row["coord_source"],
            "coord_text": row["coord_text"],
            "note": row["note"],
            "label": KIND_SYMBOLS.get(row["kind"], {}).get("label", False),
        }
        for p, row in zip(place_ids, data.places.loc[place_ids, fields].to_dict("records"), strict=True)
    ]
    outlined = admin1_countries(payload_places)
    return {
        "title": title,
        "summary": summary,
        "built_from": built_from,
        "freq_name": FREQ_NAMES.get(freq.lower(), "custom") if isinstance(freq, str) else "custom",
        "window": [f"{low:%Y-%m-%d}", f"{high:%Y-%m-%d}"],
        "initial_slice": -1,
        "slices": [{"label": label, "start": f"{a:%Y-%m-%d}", "end": f"{b:%Y-%m-%d}"} for label, a, b in edges],
        "layers": [{"id": i, "name": n, "color": c} for i, n, c in CLAIM_LAYERS],
        "state_colors": STATE_COLORS,
        "state_names": PLACE_STATES,
        "precision_names": {str(k): v for k, v in GEO_PRECISIONS.items()},
        "kind_symbols": KIND_SYMBOLS,
        "legend_notes": [
            "Lines: reported movements, arrow at the destination; dashed = planned, intended or unconfirmed.",
            "\u2197 departure with no known destination; \u2199 arrival with no known origin.",
            "Dashed circles and outlines: location uncertainty. Dashed magenta rings: sources disagree.",
            "Fine grey dashes with italic names: governorates and provinces (Natural Earth admin-1).",
            "From zoom 6: rivers and lakes; from zoom 7: the 1:10m coast, and towns as small dots (GeoNames).",
        ],
        "sources": [
            {
                "id": s,
                "title": data.sources.at[s, "title"],
                "publisher": data.sources.at[s, "publisher"],
                "published": f"{data.sources.at[s, 'published']:%Y-%m-%d}",
                "basis": data.sources.at[s, "published_basis"],
                "basis_note": data.sources.at[s, "published_note"],
                "url": data.sources.at[s, "url"] if "url" in data.sources else "",
                "archive_url": data.sources.at[s, "archive_url"] if "archive_url" in data.sources else "",
            }
            for s in source_ids
        ],
        "published_dates": publication_dates(data.sources.loc[source_ids]),
        "places": payload_places,
        "admin1_countries": outlined,
        "admin1_labels": _admin1_labels(outlined),
        "claims": payload_claims,
        "movements": payload_moves,
        "rules": rule_masks(),
        "dispute_sides": [{"stance": stance, "mask": evidence_bit(kind)} for stance, kind in DISPUTE_SIDES],
        "stance_names": {stance: name for stance, name in STANCE_NAMES.items()},
        "modalities": list(MODALITIES),
        "label_order": _label_order(payload_places),
    }


def _label_order(payload_places: Sequence[dict[str, Any]]) -> list[str]:
    """The labelled places in the order the page tries to place their labels: by kind, then name."""
    rank = {kind: i for i, kind in enumerate(KIND_SYMBOLS)}
    labelled = [p for p in payload_places if p["label"]]
    return [p["id"] for p in sorted(labelled, key=lambda p: (rank.get(p["kind"], len(rank)), p["name"], p["id"]))]


ADMIN1_MIN_PLACES = 2
"""Admin-1 outlines are drawn for each country with at least this many places below country level on the map."""


def admin1_countries(payload_places: Sequence[dict[str, Any]]) -> list[str]:
    """The countries whose governorates or provinces the map outlines (see :data:`ADMIN1_MIN_PLACES`)."""
    counts: dict[str, int] = {}
    for place in payload_places:
        if place["kind"] != "country" and place["country"]:
            counts[place["country"]] = counts.get(place["country"], 0) + 1
    return sorted(c for c, n in counts.items() if n >= ADMIN1_MIN_PLACES and admin1(c).shape[0])


def _admin1_labels(countries: Sequence[str]) -> list[dict[str, Any]]:
    """One label per division: its name and a point inside it (lat, lon)."""
    labels = []
    for country in countries:
        for code, name, geometry in zip(*(admin1(country)[c] for c in ("code", "name", "geometry")), strict=True):
            point = geometry.representative_point()
            labels.append(
                {"country": country, "code": code, "name": name, "at": [round(point.y, 4), round(point.x, 4)]}
            )
    return labels


@cache
def _admin1_json(country: str) -> bytes:
    """The admin-1 TopoJSON of ``country``, compact and safe inside a script element."""
    return _json_bytes(admin1_topology(country))


@cache
def _detail_json(points: tuple[tuple[float, float], ...]) -> bytes:
    """The close-zoom basemap layers around ``points`` (lat, lon), compact and safe inside a script element."""
    layers = dict(detail(points))
    layers["zooms"] = DETAIL_ZOOMS
    layers["label_population"] = [list(pair) for pair in POPULATED_LABELS]
    layers["attribution"] = DETAIL_ATTRIBUTION
    return _json_bytes(layers)


def detail_points(payload_places: Sequence[dict[str, Any]]) -> tuple[tuple[float, float], ...]:
    """The points the close-zoom layers are clipped around: the map's places below country level, sorted."""
    return tuple(sorted({(p["lat"], p["lon"]) for p in payload_places if p["kind"] != "country"}))


@cache
def _basemap_json() -> bytes:
    """The offline basemap's TopoJSON, compact and safe inside a script element."""
    return _json_bytes(orjson.loads(asset_path(BASEMAP_TOPOJSON).read_bytes()))


PAGE_SCRIPTS: tuple[str, ...] = (
    "days.js",
    "derive.js",
    "pack.js",
    "hits.js",
    "dom.js",
    "symbols.js",
    "basemap.js",
    "popups.js",
    "panels.js",
    "timeline.js",
    "strip.js",
    "lines.js",
    "main.js",
)
"""The page's script files in ``geo/_page/``, one per concern, joined in this order
(each uses only those before it)."""


def page_script() -> str:
    """The page's script: the files of :data:`PAGE_SCRIPTS`, joined in their fixed order."""
    folder = files("geo").joinpath("_page")
    return "\n".join(folder.joinpath(name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS)


class _RawHTML(Element):
    """Markup that reaches the page exactly as given.

    branca compiles the output of every ``MacroElement`` macro as a Jinja
    template before it renders it, so data inside it would be evaluated: a
    quote holding ``{{ 7*7 }}`` would print 49, and one holding ``{%`` would
    stop the build. This element skips that step.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        """Return the markup unchanged."""
        return self._text


DATA_BLOCKS: tuple[str, ...] = ("geo-data", "geo-details", "geo-world", "geo-admin1", "geo-detail")
"""Ids of the page's ``<script type="application/json">`` blocks, in page order: the packed payload,
the popup details (parsed on the first popup), the basemap, the admin-1 outlines (:mod:`geo._pack`),
and the close-zoom basemap detail."""


def _marker(block: str) -> str:
    """Where a data block goes in the rendered template (its JSON is spliced in afterwards)."""
    return f"@@{block}@@"


class _GeoLayers(MacroElement):
    """The page's data, styles and script, rendered after the map and its layer control.

    The template renders only markers where the data go: the JSON (tens of
    megabytes for a large map) is spliced into the page once, after branca
    has rendered and the assets are inlined (:meth:`GeoMap.offline_bytes`),
    so neither walks through it.
    """

    def __init__(self, payload: dict[str, Any], control_name: str) -> None:
        super().__init__()
        self._name = "GeoLayers"
        self.control_name = control_name
        main, details = pack(payload)
        self.blocks: dict[str, bytes] = {
            "geo-data": _json_bytes(main),
            "geo-details": _json_bytes(details),
            "geo-world": _basemap_json(),
            # Each country's file as its own JSON text, so the cached texts are reused as they are.
            "geo-admin1": b"[" + b",".join(_admin1_json(c) for c in payload["admin1_countries"]) + b"]",
            "geo-detail": _detail_json(detail_points(payload["places"])),
        }
        self.css = files("geo").joinpath("_page", "map.css").read_text(encoding="utf-8")
        library = asset_text("topojson-client/dist/topojson-client.min.js")
        app = page_script()
        for text in (library, app):
            script(text)  # refuses text that would close the script element
        self.library_js, self.app_js = library, app

    def render(self, **kwargs: Any) -> None:
        """Add the styles, the data blocks' markers and the script to the page, as raw markup."""
        figure = self.get_root()
        name = self.get_name()
        figure.header.add_child(_RawHTML(f"<style>{self.css}</style>"), name=name)
        figure.html.add_child(
            _RawHTML("\n".join(f'<script type="application/json" id="{b}">{_marker(b)}</script>' for b in DATA_BLOCKS)),
            name=name,
        )
        parse = 'JSON.parse(document.getElementById("{}").textContent)'.format
        figure.script.add_child(
            _RawHTML(
                f"{self.library_js}\n{self.app_js}\n"
                f"geoMapInit({self._parent.get_name()}, {self.control_name},\n"
                f"    {parse('geo-data')},\n    {parse('geo-world')},\n    {parse('geo-admin1')},\n"
                f"    {parse('geo-detail')},\n"
                f"    function () {{ return {parse('geo-details')}; }});"
            ),
            name=name,
        )


class GeoMap(folium.Map):
    """A ``folium.Map`` whose HTML is self-contained, offline and deterministic.

    ``save`` writes atomically; in Jupyter the map displays inline from the same
    offline HTML, so it works with no network.
    """

    payload: dict[str, Any]
    _layers: _GeoLayers

    def offline_bytes(self) -> bytes:
        """The whole page as UTF-8, with every asset inlined and the data blocks spliced in."""
        page = inline_assets(self.get_root().render()).encode("utf-8")
        pieces, rest = [], page
        for block in DATA_BLOCKS:
            before, found, rest = rest.partition(_marker(block).encode())
            if not found or _marker(block).encode() in rest:
                raise RuntimeError(f"the rendered page does not hold the marker of {block} exactly once")
            pieces += [before, self._layers.blocks[block]]
        return b"".join([*pieces, rest])

    def offline_html(self) -> str:
        """The whole page, with every asset inlined."""
        return self.offline_bytes().decode("utf-8")

    def save(self, outfile: str | Path, close_file: bool = True, **kwargs: Any) -> None:
        """Write the offline HTML to ``outfile`` (temporary file, then rename)."""
        write_bytes_atomic(Path(outfile), self.offline_bytes())

    def _repr_html_(self, **kwargs: Any) -> str:
        page = html.escape(self.offline_html(), quote=True)
        return (
            '<div style="width:100%;"><iframe style="width:100%;height:560px;border:none" '
            f'srcdoc="{page}" sandbox="allow-scripts allow-popups"></iframe></div>'
        )


def build_map(
    data: Dataset,
    *,
    freq: Frequency = "W",
    since: date | str | None = None,
    until: date | str | None = None,
    actions: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    places: Sequence[str] | None = None,
    title: str = DEFAULT_TITLE,
    reported_by: ReportedBy = None,
) -> GeoMap:
    """Build the interactive map of ``data``.

    Parameters
    ----------
    data
        The loaded data set (:func:`geo.load`).
    freq
        Slices of the time control: ``"D"``, ``"W"``, ``"M"`` or explicit edges.
    since, until
        Limit the map to claims overlapping this window (and slice only it).
    actions, sources, places
        Keep only claims with one of these actions, from these sources, or
        touching these places.
    title
        Shown in the header.
    reported_by
        Freeze the map at a reporting date: only the claims whose source was
        published on or before it (:mod:`geo.reporting`). The page's own
        "reported by" control then steps through the dates up to it.

    Returns
    -------
    GeoMap
        A ``folium.Map``; ``.save(path)`` writes the offline HTML, and in
        Jupyter it displays inline.

    Raises
    ------
    GeoError
        If a filter names something unknown or leaves no claim.
    """
    # The whole build allocates millions of small objects and frees them by reference counting.
    with collector_paused():
        return _build_map(
            data,
            freq=freq,
            since=since,
            until=until,
            actions=actions,
            sources=sources,
            places=places,
            title=title,
            reported_by=reported_by,
        )


def _build_map(data: Dataset, **options: Any) -> GeoMap:
    payload = map_payload(data, **options)
    sites = data.places[data.places["kind"] != "country"]
    shown = sites[sites.index.isin({p["id"] for p in payload["places"]})]
    if shown.empty:
        shown = data.places[data.places.index.isin({p["id"] for p in payload["places"]})]
    with deterministic_ids():
        m = GeoMap(
            location=[float(shown["lat"].mean()), float(shown["lon"].mean())],
            zoom_start=6,
            tiles=None,
            prefer_canvas=True,
            max_zoom=13,
            min_zoom=2,
            control_scale=True,
        )
        m.options["max_zoom"] = 13  # folium only passes max_zoom on to a tile layer, and there is none
        m.default_js = [("leaflet", LEAFLET_JS)]
        m.default_css = [("leaflet_css", LEAFLET_CSS)]
        folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online only)", show=False, overlay=False, control=True
        ).add_to(m)
        control = folium.LayerControl(collapsed=True, position="topright").add_to(m)
        # Fit the view before the page's layers exist, without an animation: fitted after them,
        # Leaflet animated the zoom and every layer was laid out and drawn twice (at 100k
        # claims, over a second of the page's opening).
        pad = 0.3
        fit = FitBounds(
            [
                [float(shown["lat"].min()) - pad, float(shown["lon"].min()) - pad],
                [float(shown["lat"].max()) + pad, float(shown["lon"].max()) + pad],
            ],
            # The timeline strip covers the bottom of the map: fit the places above it.
            padding_bottom_right=(0, TIMELINE_STRIP_PX),
        )
        fit.options["animate"] = False
        m.add_child(fit)
        layers = _GeoLayers(payload, control.get_name())
        m.add_child(layers)
        m._layers = layers
    m.payload = payload
    return m


def claim_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The payload's claim columns as one dict per claim (as the page builds them)."""
    columns = payload["claims"]
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def expected_in_view(
    payload: dict[str, Any], slice_label: str | None, source_ids: Iterable[str] | None = None
) -> set[str]:
    """The claim ids the page shows for a slice (None = all time), by the page's own rule.

    Used by the tests to compare the browser with Python.
    """
    low, high = payload["window"]
    enabled = set(source_ids) if source_ids is not None else {s["id"] for s in payload["sources"]}
    out = set()
    for c in claim_rows(payload):
        start, end = c["start"] or low, c["end"] or high
        if c["source"] not in enabled:
            continue
        if slice_label is None:
            out.add(c["id"])
            continue
        s = next(s for s in payload["slices"] if s["label"] == slice_label)
        if start <= s["end"] and end >= s["start"]:
            out.add(c["id"])
    return out
