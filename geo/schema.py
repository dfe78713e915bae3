"""Column schemas and vocabularies, written once.

Every table the toolkit reads or writes is described here: the loaders
validate against these definitions, the exports take their field lists from
them, and the data dictionary (``docs/data-dictionary.md``) is generated from
them. Change a column here and everything follows.

Lists inside a CSV cell are separated by ``;`` (see :data:`LIST_SEPARATOR`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["str", "float", "int", "date", "datetime", "bool", "list"]

LIST_SEPARATOR = ";"
"""Separator of list items inside one CSV cell (spaces around it are ignored)."""


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name
        Column name, as in the CSV header and the exports.
    type
        ``str``, ``float``, ``int``, ``date`` (ISO ``YYYY-MM-DD``), ``datetime``
        (ISO ``YYYY-MM-DDTHH:MM:SS``, exports only), ``bool`` (``true``/``false``)
        or ``list`` (items separated by ``;``).
    doc
        What the column means.
    required
        Whether every row must have a value.
    choices
        The allowed values, if the column takes a controlled vocabulary.
    """

    name: str
    type: ColumnType
    doc: str
    required: bool = False
    choices: tuple[str, ...] = field(default=())


# --- vocabularies -----------------------------------------------------------

ACTIONS: dict[str, str] = {
    "withdraw": "Forces or equipment pulled out of a place (the place is left, fully or in part).",
    "depart": "A flight, convoy or ship left a place; says nothing of the rest of the garrison.",
    "transport": "Forces or equipment carried between places (cargo flights, convoys).",
    "redeploy": "Forces moved to and kept at another place.",
    "retain": "Forces kept, or said to be kept, at a place.",
    "dismantle": "Equipment taken apart for removal.",
    "load": "Equipment being loaded or prepared for loading.",
    "observe": "Forces or equipment seen at a place (imagery, spotters); no movement stated.",
}
"""Action vocabulary of claims. Opposing pairs are listed in :data:`OPPOSING_ACTIONS`."""

ACTION_GROUPS: dict[str, tuple[str, ...]] = {
    "leaving": ("withdraw", "depart", "redeploy"),
    "staying": ("retain",),
    "moving": ("transport", "load", "dismantle"),
    "seen": ("observe",),
}
"""Actions grouped the way the map's layers and the status rules treat them."""

OPPOSING_ACTIONS: frozenset[frozenset[str]] = frozenset({frozenset({"withdraw", "retain"})})
"""Pairs of actions that contradict each other at the same place and time.

A flight or convoy leaving (``depart``) does not contradict keeping a base,
and neither does a withdrawal whose quantity says it is partial (see
:data:`PARTIAL_MARKERS`)."""

PARTIAL_MARKERS: tuple[str, ...] = ("some", "partial", "part of", "portion", "%", "most", "several")
"""Words in a claim's ``quantity`` that mark a withdrawal as partial: it draws a
place down but does not vacate it, and does not contradict keeping it."""

ASSETS: dict[str, str] = {
    "troops": "Military personnel.",
    "diplomats": "Diplomatic personnel.",
    "equipment": "Military equipment, vehicles, gear.",
    "aircraft": "Fixed-wing aircraft (cargo planes).",
    "helicopters": "Rotary-wing aircraft.",
    "warships": "Naval vessels.",
    "convoy": "A road convoy.",
}
"""What moved, stayed or was seen."""

MODALITIES: dict[str, str] = {
    "occurred": "Reported as having happened.",
    "ongoing": "Reported as happening at the time of the report.",
    "planned": "Reported as a plan with a timeframe.",
    "intended": "Reported as an intention, without a timeframe.",
}
"""How the article frames the claim in time."""

FUTURE_MODALITIES: frozenset[str] = frozenset({"planned", "intended"})
"""Modalities whose interval may lie after the source's publication date."""

TIME_PRECISIONS: dict[str, str] = {
    "day": "The event is dated to one day.",
    "week": "The event lies somewhere in a window of up to about a week.",
    "month": "The event lies somewhere in a window of up to about a month.",
    "open": "One end of the interval is unbounded (empty in the data).",
}
"""Precision of a resolved time interval."""

PLACE_KINDS: dict[str, str] = {
    "air_base": "Military air base or military airport.",
    "naval_base": "Naval base or naval facility.",
    "port": "Seaport or harbour (civil, possibly used by military ships).",
    "airport": "Civil airport (possibly with a military presence).",
    "military_base": "Other military base, located near a named town.",
    "observation_posts": "A group of military observation posts in an area.",
    "town": "Town or village.",
    "city": "City.",
    "district": "Administrative district (admin2) or a town's surrounding region.",
    "governorate": "First-level administrative division (admin1).",
    "region": "An informal region (mountain range, front line, coast).",
    "country": "Country.",
}
"""Kinds of places in the gazetteer."""

GEO_PRECISIONS: dict[int, str] = {
    1: "The exact site (a base, an airport, a town's centre).",
    2: "Near a town, or part of a region; the point is a representative location.",
    3: "A region or larger (governorate, country); the point is a representative location.",
}
"""ACLED-style geographic precision codes."""

DATE_BASES: dict[str, str] = {
    "stated": "The text states the date.",
    "corrected": "The text states a date that is wrong; the corrected date is recorded with why.",
    "inferred": "The date is inferred from relative expressions in the text (quoted).",
    "external": (
        "A dated copy of the article, or the dated report it relays, was found elsewhere "
        "(address in the note); the quote is what the text itself says."
    ),
}
"""How a source's publication date was established."""


# --- tables -----------------------------------------------------------------

SOURCES_FILE = "sources.csv"
"""Name of the sources file in the data folder (columns :data:`SOURCES`)."""

SOURCES: tuple[Column, ...] = (
    Column("source_id", "str", "Stable id of the source (e.g. `s000`).", required=True),
    Column("seed_file", "str", "File name of the article text in `seeds/`.", required=True),
    Column("title", "str", "Title of the article, as written.", required=True),
    Column("publisher", "str", "Publisher, only where the text names it."),
    Column(
        "url",
        "str",
        "Address of the article at its publisher: an absolute `http://` or `https://` URL; empty if not known.",
    ),
    Column(
        "archive_url",
        "str",
        "Address of an archived or other dated copy of the article (absolute `http://` or `https://` URL); "
        "empty if none is known.",
    ),
    Column(
        "published",
        "date",
        "Publication date used as the anchor for the article's relative times.",
        required=True,
    ),
    Column(
        "published_basis",
        "str",
        "How the publication date was established.",
        required=True,
        choices=tuple(DATE_BASES),
    ),
    Column(
        "published_quote",
        "str",
        "The words of the text the date rests on (verbatim).",
        required=True,
    ),
    Column("published_note", "str", "The reasoning behind the date.", required=True),
    Column("errors", "str", "Errors found in the text and how they were handled."),
)
"""Columns of `data/sources.csv`: one record per article."""

PLACES_FILE = "gazetteer.csv"
"""Name of the gazetteer's file in the data folder (columns :data:`PLACES`)."""

PLACES: tuple[Column, ...] = (
    Column("place_id", "str", "Stable id of the place (snake_case).", required=True),
    Column("name", "str", "Canonical English name.", required=True),
    Column("aliases", "list", "Other names and transliterations seen in the seeds or in use."),
    Column("arabic", "list", "Names in Arabic script, where known."),
    Column("kind", "str", "Kind of place.", required=True, choices=tuple(PLACE_KINDS)),
    Column("lat", "float", "Latitude, WGS84 decimal degrees.", required=True),
    Column("lon", "float", "Longitude, WGS84 decimal degrees.", required=True),
    Column(
        "radius_km",
        "float",
        "Uncertainty radius in km around the point (0 for an exact site).",
        required=True,
    ),
    Column(
        "precision",
        "int",
        "ACLED-style geographic precision.",
        required=True,
        choices=tuple(str(c) for c in GEO_PRECISIONS),
    ),
    Column("admin1", "str", "First-level administrative division (governorate)."),
    Column(
        "country",
        "str",
        "Country, as named in Natural Earth (checked against its borders).",
        required=True,
    ),
    Column(
        "controlled_by",
        "str",
        "For occupied or disputed ground: the country whose Natural Earth (de facto) border contains "
        "the point, when it differs from `country`. The border check uses it instead of `country`.",
    ),
    Column(
        "coord_source",
        "str",
        "Address of the canonical page for the coordinate: the Wikipedia article's own URL, or an official "
        "or agency page. If the coordinate was read from a copy (a mirror, an archive), `note` names it.",
        required=True,
    ),
    Column("coord_text", "str", "The coordinate as written on that page.", required=True),
    Column(
        "note",
        "str",
        "How the point was chosen, for areas and representative points, and which copy of the cited page was read.",
    ),
    Column(
        "wikidata",
        "str",
        "Wikidata item of the place: a QID such as `Q1234` (pattern `^Q[1-9][0-9]*$`); empty only where none "
        "exists or none was found (the note says which).",
    ),
    Column(
        "geonames_id",
        "str",
        "GeoNames feature id: a positive whole number such as `170654`, kept as text; empty only where none "
        "exists or none was found (the note says which).",
    ),
)
"""Columns of `data/gazetteer.csv`: one record per place."""

WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
"""What a ``wikidata`` cell of the gazetteer must match: ``Q`` and a positive number, no leading zero."""

GEONAMES_ID_PATTERN = r"^[1-9][0-9]*$"
"""What a ``geonames_id`` cell of the gazetteer must match: a positive whole number, no sign or leading zero."""

ACTOR_KINDS: dict[str, str] = {
    "state": "A state's forces, government or diplomats.",
    "armed_group": "A non-state armed group (rebels, militias, private military companies).",
    "organisation": "An international or civil organisation.",
}
"""Kinds of actor."""

EVENTS_FILE = "events.csv"
"""Name of the optional events file in the data folder (columns :data:`EVENTS`); extraction reads it beside the
gazetteer to date "since <event>"."""

EVENTS: tuple[Column, ...] = (
    Column("event_id", "str", "Stable id of the event (e.g. `fall_of_assad`).", required=True),
    Column("name", "str", 'The event as reports name it after "since" or "since the".', required=True),
    Column(
        "aliases",
        "list",
        'Other ways reports name it, `;`-separated, matched whole and case-insensitively after "since".',
    ),
    Column("date", "date", 'The day the event happened (YYYY-MM-DD): the start of "since <event>".', required=True),
    Column(
        "source",
        "str",
        "Where the date was read: an absolute `http://` or `https://` URL.",
        required=True,
    ),
    Column("note", "str", "Anything a reviewer should know."),
)
"""Columns of ``events.csv``: dated events that reports count from ("since the fall of Assad")."""

ACTORS_FILE = "actors.csv"
"""Name of the actors file in the data folder (columns :data:`ACTORS`); extraction reads it beside the gazetteer."""

ACTORS: tuple[Column, ...] = (
    Column("actor_id", "str", "Stable id of the actor (e.g. `russia`).", required=True),
    Column("name", "str", "The name claims carry in `actor`.", required=True),
    Column(
        "aliases",
        "list",
        "Other names that mark the actor in a sentence, `;`-separated: demonyms (`Russian`), metonyms "
        "(`Moscow`, `the Kremlin`), unit and force names. Matched whole and case-insensitively, except an alias "
        "written in capitals only (`HTS`, `US`), which matches only in capitals.",
    ),
    Column("kind", "str", "Kind of actor.", required=True, choices=tuple(ACTOR_KINDS)),
    Column(
        "country",
        "str",
        "The actor's country, if it has one. A place whose name is one of the actor's names or aliases "
        "(`Russia`, `Moscow`) stands for the actor, not for where it acts, unless a movement points there "
        '("flew to Moscow").',
    ),
    Column(
        "tracked",
        "bool",
        "Whether extraction proposes claims for this actor. A sentence that names only actors that are not "
        "tracked is skipped (their movements are not this data set's subject).",
        required=True,
    ),
    Column("note", "str", "Who the actor is, and why these aliases."),
)
"""Columns of `data/actors.csv`: one record per party the reporting names."""

CLAIMS_FILE = "claims.csv"
"""Name of the claims file in the data folder (columns :data:`CLAIMS`)."""

CLAIMS: tuple[Column, ...] = (
    Column("claim_id", "str", "Stable id of the claim (e.g. `c001-05`).", required=True),
    Column("source_id", "str", "The source the claim is read from.", required=True),
    Column("quote", "str", "Verbatim substring of the seed text.", required=True),
    Column("actor", "str", "Who acts (e.g. `Russia`).", required=True),
    Column("action", "str", "What they do.", required=True, choices=tuple(ACTIONS)),
    Column("asset", "list", "What moves, stays or is seen.", required=True),
    Column("quantity", "str", "Quantity as written (`seven observation posts`, `10%`)."),
    Column("origin", "str", "Place a single directed movement starts from."),
    Column("destination", "str", "Place a single directed movement goes to."),
    Column(
        "places",
        "list",
        "Places the claim is located at (multi-site actions, presence, sightings).",
    ),
    Column("time_text", "str", "The time expression as written (empty if none)."),
    Column("start", "date", "First day of the interval (inclusive); empty = open."),
    Column("end", "date", "Last day of the interval (inclusive); empty = open."),
    Column(
        "time_precision",
        "str",
        "Precision of the interval.",
        required=True,
        choices=tuple(TIME_PRECISIONS),
    ),
    Column("modality", "str", "How the claim is framed.", required=True, choices=tuple(MODALITIES)),
    Column("attribution", "str", "Whom the article credits for the claim."),
    Column("unconfirmed", "bool", "Whether the article says the claim is unconfirmed.", required=True),
    Column("note", "str", "How the time and places were resolved, and any judgement made."),
)
"""Columns of `data/claims.csv`: one record per statement per source."""

TABLES: dict[str, tuple[Column, ...]] = {
    "sources": SOURCES,
    "places": PLACES,
    "claims": CLAIMS,
}
"""Every input table by name."""

ID_COLUMNS: dict[str, str] = {"sources": "source_id", "places": "place_id", "claims": "claim_id"}
"""The id column of each input table."""


def column_names(columns: tuple[Column, ...]) -> list[str]:
    """Return the names of ``columns`` in order."""
    return [c.name for c in columns]


def split_list(cell: str) -> list[str]:
    """Split a list cell on :data:`LIST_SEPARATOR`, dropping empty items."""
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


# --- derived tables ---------------------------------------------------------

PLACE_STATES: dict[str, str] = {
    "contested": "Sources disagree: a full withdrawal and a retained presence are both reported for the slice.",
    "vacated_reported": "A withdrawal that is not marked partial is reported as having happened.",
    "drawing_down": "Partial or ongoing withdrawals, departures, loading or dismantling are reported.",
    "withdrawal_planned": "Only a planned or intended withdrawal is reported.",
    "retained_reported": "Only a retained presence is reported.",
    "present": "Forces are reported there (seen, or arriving) with no sign of leaving.",
}
"""States of a place in a time slice, in order of precedence (first wins)."""

SLICES: tuple[Column, ...] = (
    Column("slice", "str", "Label of the time slice (`2024-W50`, `2024-12-15`, `2024-12`, or `start/end`).", True),
    Column("slice_start", "date", "First day of the slice (inclusive).", True),
    Column("slice_end", "date", "Last day of the slice (inclusive).", True),
    Column("claim_id", "str", "The claim.", True),
    Column("source_id", "str", "The claim's source.", True),
    Column("place_id", "str", "A place of the claim.", True),
    Column("role", "str", "How the place takes part.", True, ("origin", "destination", "location")),
    Column("action", "str", "The claim's action.", True, tuple(ACTIONS)),
    Column("modality", "str", "The claim's modality.", True, tuple(MODALITIES)),
    Column("start", "date", "The claim's first day; empty if open."),
    Column("end", "date", "The claim's last day; empty if open."),
    Column("time_precision", "str", "The claim's time precision.", True, tuple(TIME_PRECISIONS)),
)
"""Columns of :func:`geo.slices`: one row per (slice, claim, place, role), with the
place's Point as geometry."""

STATUS: tuple[Column, ...] = (
    Column("slice", "str", "Label of the time slice.", True),
    Column("slice_start", "date", "First day of the slice.", True),
    Column("slice_end", "date", "Last day of the slice.", True),
    Column("place_id", "str", "The place.", True),
    Column("state", "str", "Derived state of the place.", True, tuple(PLACE_STATES)),
    Column("claim_ids", "list", "The claims behind the state.", True),
    Column("reason", "str", "Which rule decided the state, in words.", True),
)
"""Columns of :func:`geo.place_status`."""

KNOWN_STATUS: tuple[Column, ...] = (
    Column("slice", "str", "Label of the time slice.", True),
    Column("place_id", "str", "The place.", True),
    Column("state", "str", "The place's latest reported state as of the slice.", True, tuple(PLACE_STATES)),
    Column("reported", "str", "The slice that state was reported in.", True),
    Column("carried", "bool", "Whether the state is carried forward from an earlier slice.", True),
)
"""Columns of :func:`geo.slices.last_known`: the last known state of each place in every slice."""

CONTRADICTIONS: tuple[Column, ...] = (
    Column("place_id", "str", "Where the two claims disagree.", True),
    Column("claim_a", "str", "The claim reporting the withdrawal.", True),
    Column("claim_b", "str", "The claim reporting the retained presence.", True),
    Column("source_a", "str", "Source of claim_a.", True),
    Column("source_b", "str", "Source of claim_b.", True),
    Column("action_a", "str", "Action of claim_a.", True),
    Column("action_b", "str", "Action of claim_b.", True),
    Column("quote_a", "str", "Quote of claim_a.", True),
    Column("quote_b", "str", "Quote of claim_b.", True),
    Column("overlap_start", "date", "First day both intervals cover; empty if open."),
    Column("overlap_end", "date", "Last day both intervals cover; empty if open."),
    Column("same_source", "bool", "Whether one article contradicts itself.", True),
)
"""Columns of :func:`geo.contradictions`: one row per pair of opposing claims."""

DISPUTE_STANCES: dict[str, str] = {
    "leaving": "The place is said to be left: a withdrawal not marked partial, of any modality.",
    "staying": "The place is said to be kept: a retained presence.",
}
"""The two sides of a dispute, one per action of :data:`OPPOSING_ACTIONS`."""

DISPUTES: tuple[Column, ...] = (
    Column("place_id", "str", "Where the sides disagree.", True),
    Column("start", "date", "First day of the window both sides cover; empty if open to the past."),
    Column("end", "date", "Last day of the window both sides cover; empty if open to the future."),
    Column("leaving_claims", "list", "The full withdrawals whose interval overlaps the window, sorted.", True),
    Column("leaving_sources", "list", "Their articles, sorted.", True),
    Column("leaving_independent", "int", "Independent reporting chains among them (see `geo.evidence`).", True),
    Column("staying_claims", "list", "The retained presences whose interval overlaps the window, sorted.", True),
    Column("staying_sources", "list", "Their articles, sorted.", True),
    Column("staying_independent", "int", "Independent reporting chains among them (see `geo.evidence`).", True),
    Column("pairs", "int", "Contradicting pairs (rows of `geo contradictions`) the dispute stands for.", True),
)
"""Columns of :func:`geo.disputes`: one row per (place, window of days in which both sides are reported)."""

CORROBORATION: tuple[Column, ...] = (
    Column("slice", "str", "Label of the time slice.", True),
    Column("place_id", "str", "The place.", True),
    Column("action", "str", "The action.", True, tuple(ACTIONS)),
    Column("claims", "int", "Number of claims.", True),
    Column("sources", "int", "Number of distinct articles.", True),
    Column("independent_sources", "int", "Number of independent reporting chains (see `geo.evidence`).", True),
    Column("claim_ids", "list", "The claims.", True),
    Column("source_ids", "list", "The articles.", True),
)
"""Columns of :func:`geo.corroboration`: one row per (slice, place, action)."""

MOVEMENT_KINDS: dict[str, str] = {
    "line": "Origin and destination are both known: a directed great-circle line.",
    "departure": "Only the origin is known: a departure at that place, never an invented line.",
    "arrival": "Only the destination is known: an arrival at that place.",
}
"""How a movement claim is drawn."""

MOVEMENTS: tuple[Column, ...] = (
    Column("claim_id", "str", "The claim.", True),
    Column("source_id", "str", "The claim's source.", True),
    Column("kind", "str", "How the movement is drawn.", True, tuple(MOVEMENT_KINDS)),
    Column("action", "str", "The claim's action.", True, tuple(ACTIONS)),
    Column("asset", "list", "What moved.", True),
    Column("quantity", "str", "Quantity as written."),
    Column("origin", "str", "Origin place."),
    Column("destination", "str", "Destination place."),
    Column("length_km", "float", "Geodesic length in km (lines only; pyproj's Geod)."),
    Column("start", "date", "First day; empty if open."),
    Column("end", "date", "Last day; empty if open."),
    Column("time_precision", "str", "Precision of the interval.", True, tuple(TIME_PRECISIONS)),
    Column("modality", "str", "The claim's modality.", True, tuple(MODALITIES)),
    Column("unconfirmed", "bool", "Whether the article says it is unconfirmed.", True),
    Column("dashed", "bool", "Drawn dashed: planned, intended or unconfirmed.", True),
)
"""Columns of :func:`geo.movements`: one row per claim with an origin or destination."""

DISTANCES_FILE = "distances.csv"
"""Name of the stated distances file in the data folder (columns :data:`DISTANCES`)."""

DISTANCES: tuple[Column, ...] = (
    Column("source_id", "str", "The source stating the distance.", True),
    Column("quote", "str", "Verbatim substring of the seed stating the distance.", True),
    Column("place_id", "str", "The place whose position is stated.", True),
    Column("reference", "str", "The place it is measured from.", True),
    Column("stated_km", "float", "The distance stated, in km.", True),
    Column(
        "direction",
        "str",
        "Compass direction stated, if any.",
        choices=("N", "NE", "E", "SE", "S", "SW", "W", "NW"),
    ),
)
"""Columns of `data/distances.csv`: distances the articles state between places,
checked against the gazetteer."""

DISTANCE_CHECKS: tuple[Column, ...] = (
    *DISTANCES,
    Column("geodesic_km", "float", "Geodesic distance between the two gazetteer points (pyproj's Geod).", True),
    Column("bearing_deg", "float", "Initial bearing from the reference to the place, degrees from north.", True),
    Column("difference_pct", "float", "(geodesic - stated) / stated, in percent.", True),
    Column("consistent", "bool", "Within the tolerances of `geo.movements.check_distances`.", True),
)
"""Columns of :func:`geo.check_distances`."""

TIME_CHECKS: tuple[Column, ...] = (
    Column("claim_id", "str", "The claim.", True),
    Column("time_text", "str", "The time expression as written.", True),
    Column("anchor", "date", "The source's publication date.", True),
    Column("start", "date", "Curated first day; empty if open."),
    Column("end", "date", "Curated last day; empty if open."),
    Column("resolved_start", "date", "The resolver's first day; empty if open or unresolved."),
    Column("resolved_end", "date", "The resolver's last day; empty if open or unresolved."),
    Column("rule", "str", "The resolver rule that fired, or empty."),
    Column("verdict", "str", "Whether the two agree.", True, ("agree", "differ", "unresolved")),
    Column("detail", "str", "Why the resolver could not resolve the phrase, if it could not."),
)
"""Columns of :func:`geo.validate.time_agreement`: the curated interval of every claim
with a time phrase, against the automatic resolver."""


# --- exports ------------------------------------------------------------------

EXPORT_TIMES: tuple[Column, ...] = (
    Column(
        "start_time",
        "datetime",
        "`start` as a date-time, 00:00:00 of that day; empty/null if open. The start field for QGIS's "
        "Temporal Controller.",
    ),
    Column(
        "end_exclusive",
        "datetime",
        "00:00:00 of the day after `end`: [`start_time`, `end_exclusive`) is exactly the days `start`..`end`; "
        "empty/null if open. The end field for QGIS's Temporal Controller, which excludes the end by default.",
    ),
)
"""Date-time fields added after ``end`` to every exported table with ``start``/``end``.

``start`` and ``end`` are inclusive dates; a GIS reads a date as midnight, so an
``end`` taken as a date-time would cut off its own last day, and with an
excluded end a one-day claim would never show."""


def with_export_times(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Return ``columns`` with :data:`EXPORT_TIMES` inserted after the ``end`` column."""
    at = column_names(columns).index("end") + 1
    return (*columns[:at], *EXPORT_TIMES, *columns[at:])


EXPORT_PLACES: tuple[Column, ...] = with_export_times(
    (
        *(c for c in PLACES if c.name not in ("lat", "lon")),
        Column("claims", "int", "Number of claims naming the place.", True),
        Column("status_history", "list", "The place's state per weekly slice, as `slice=state` items.", True),
        Column("start", "date", "First day any claim about the place covers; empty if open."),
        Column("end", "date", "Last day any claim about the place covers; empty if open."),
    )
)
"""Fields of the exported ``places`` table (Point geometry). ``lat``/``lon`` are in the geometry."""

EXPORT_AREAS: tuple[Column, ...] = (
    Column("place_id", "str", "The place.", True),
    Column("name", "str", "Its name.", True),
    Column("kind", "str", "Its kind.", True, tuple(PLACE_KINDS)),
    Column("radius_km", "float", "The uncertainty radius drawn.", True),
    Column("precision", "int", "ACLED-style geographic precision.", True),
)
"""Fields of the exported ``areas`` table: each place's uncertainty circle (Polygon)."""

EXPORT_CLAIMS: tuple[Column, ...] = with_export_times(
    (
        Column("feature_id", "str", "`claim_id:role:place_id`, unique per feature.", True),
        *(c for c in CLAIMS if c.name != "places"),
        Column("place_id", "str", "The place this feature is drawn at.", True),
        Column("role", "str", "How the place takes part.", True, ("origin", "destination", "location")),
        Column("places", "list", "Every place the claim is located at.", False),
    )
)
"""Fields of the exported ``claims`` table: one Point feature per claim and place role."""

EXPORT_MOVEMENTS: tuple[Column, ...] = with_export_times(MOVEMENTS)
"""Fields of the exported ``movements`` table: :data:`MOVEMENTS` with :data:`EXPORT_TIMES`."""

EXPORT_SLICES: tuple[Column, ...] = with_export_times(SLICES)
"""Fields of the exported ``slices`` table: :data:`SLICES` with :data:`EXPORT_TIMES`."""

EXPORT_TABLES: dict[str, str] = {
    "places": "Places, with a summary of their state through time (Point).",
    "areas": "Location uncertainty of each place with a radius (Polygon).",
    "claims": "One feature per claim and place role (Point).",
    "movements": "Claims with an origin and a destination (LineString, great circle, length in km).",
    "slices": "Claims joined to places by weekly time slice (Point).",
}
"""Tables written by ``geo export``."""

REVIEW_DIR = "review"
"""Folder in the data folder holding one review file per added article (columns :data:`REVIEW`)."""

REVIEW: tuple[Column, ...] = (
    *CLAIMS,
    Column("evidence", "str", "The sentence the candidate was read from.", True),
    Column("evidence_start", "int", "Character offset of the evidence in the seed.", True),
    Column("evidence_end", "int", "Character offset just after the evidence.", True),
    Column(
        "hedged",
        "bool",
        "The clause speculates (could, might, may: not asserted) or doubts (likely, probably: unconfirmed).",
        True,
    ),
)
"""Columns of `data/review/<source_id>.csv`: candidate claims written by ``geo add``.
The first columns are exactly those of `data/claims.csv`, so accepting a candidate
is moving its row (without the last four cells) into the claims file."""

REJECTED_FILE = "rejected.csv"
"""Name of the file in the data folder recording rejected candidates (columns :data:`REJECTED`)."""

REJECTED: tuple[Column, ...] = (
    Column("source_id", "str", "The source the candidate was read from.", required=True),
    Column("claim_id", "str", "The candidate's id in its review file (`s005-x03`).", required=True),
    Column(
        "seed_file",
        "str",
        "The article's seed file; its hash part identifies the text, so a new extraction of the same "
        "article under any source id matches.",
        required=True,
    ),
    Column("action", "str", "The candidate's action.", required=True, choices=tuple(ACTIONS)),
    Column("origin", "str", "The candidate's origin, as proposed."),
    Column("destination", "str", "The candidate's destination, as proposed."),
    Column("places", "list", "The candidate's places, as proposed."),
    Column("evidence_start", "int", "Character offset of the candidate's evidence in the seed.", required=True),
    Column("evidence_end", "int", "Character offset just after the evidence.", required=True),
    Column("quote", "str", "The candidate's quote, for the reader.", required=True),
)
"""Columns of `data/rejected.csv`: one record per rejected candidate (``geo reject``, ``geo review``).
An extraction of the same article (same seed hash) does not propose a candidate with the same
action, origin, destination, places and evidence offsets again."""


# --- corpus mode (geo extract --corpus) ----------------------------------------

CORPUS_FILE = Column(
    "file", "str", "The article's path relative to the corpus folder (or to the glob's folder), with `/`.", True
)

CORPUS_ARTICLES: tuple[Column, ...] = (
    CORPUS_FILE,
    Column("source_id", "str", "Id of the article: `a` and 12 hex digits of a hash of `file` (stable).", True),
    Column("title", "str", "The article's first non-empty line."),
    Column("published", "date", "Publication date: the anchor of relative times.", True),
    Column("published_basis", "str", "Where the date came from: `manifest`, or `stated in the text: '…'`.", True),
    Column("url", "str", "The article's address, from the manifest, if given."),
    Column("characters", "int", "Length of the text in characters (empty for files read in chunks)."),
    Column("mentions", "int", "Number of place mentions found.", True),
    Column("claims", "int", "Number of candidate claims proposed.", True),
)
"""Columns of the ``articles`` dataset of a corpus run: one row per article read and dated."""

CORPUS_MENTIONS: tuple[Column, ...] = (
    CORPUS_FILE,
    Column("source_id", "str", "The article's id (see `articles`).", True),
    Column("start", "int", "Character offset of the mention in the article.", True),
    Column("end", "int", "Character offset just after the mention.", True),
    Column("surface", "str", "The name as written.", True),
    Column("place_id", "str", "The place it was resolved to (`geonames:…`/`ne:…` for fallback places).", True),
    Column("name", "str", "The place's canonical name.", True),
    Column("lat", "float", "Latitude of the place, WGS84.", True),
    Column("lon", "float", "Longitude of the place, WGS84.", True),
    Column("precision", "int", "ACLED-style geographic precision.", True),
    Column("kind", "str", "Kind of place.", True),
    Column("resolved_by", "str", "The disambiguation rule that decided (see `geo.extract`).", True),
    Column("gazetteer", "str", "Which gazetteer knew the name.", True, ("curated", "fallback")),
    Column("country", "str", "Country of the place, where known."),
    Column(
        "confidence",
        "float",
        "How sure the resolution is, 0 to 1: by rule for curated names (`geo.extract.RULE_CONFIDENCE`), "
        "weighed against the article for fallback names (`geo._resolve`); never below "
        "`geo._resolve.CONFIDENCE_THRESHOLD`, since names below it are left unresolved.",
        True,
    ),
)
"""Columns of the ``mentions`` dataset of a corpus run, sorted by (`file`, `start`)."""

CORPUS_CLAIMS: tuple[Column, ...] = (
    CORPUS_FILE,
    *REVIEW,
    Column("fallback_places", "list", "Places of the sentence only the fallback gazetteer knows: add them first."),
)
"""Columns of the ``claims`` dataset of a corpus run, sorted by (`file`, `evidence_start`): the columns
of a review file (:data:`REVIEW`) after the article's `file`."""

CORPUS_ERRORS: tuple[Column, ...] = (
    CORPUS_FILE,
    Column("reason", "str", "Why the article could not be read or dated, and what to do.", True),
)
"""Columns of the ``errors`` table of a corpus run: one row per article left out, sorted by `file`."""
