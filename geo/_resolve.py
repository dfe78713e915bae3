"""Context-aware confidence for names only the fallback gazetteer knows.

A curated place was put in the gazetteer by a person for this data set; a
fallback place (:mod:`geo._fallback`) is any city of the world that shares a
spelling with a word of the article: the author "Levi" is also Lévis in
Quebec, "al-Khadim" is also Hadim in Turkey. So each fallback candidate is
weighed against the article before it is trusted (:func:`score`), and a name
whose best candidate scores below :data:`CONFIDENCE_THRESHOLD` is left
unresolved, with its candidates listed for the reviewer, rather than placed
on the wrong continent.

The signals, with their weights in :data:`WEIGHTS`:

* prominence: a country, or a city of a million people, is more often meant
  than a town of 20,000;
* the data set's countries: the candidate lies in a country of a curated
  place (the data set's own geography, a weak prior);
* the article's countries: the candidate lies in a country the article names,
  or in which one of its curated places lies;
* the sentence's countries: a country named in the same sentence that is not
  the candidate's ("al-Khadim air base in eastern Libya") counts against it;
* geographic coherence: the distance to the nearest curated place the article
  names;
* kind: a facility word right after the name ("X air base") says the name is
  a facility's, which a city of that name elsewhere is not;
* a person's name: a title or given name before it, a byline, or a verb of
  speech after it ("Levi said");
* a vessel's name: a vessel word before it ("the cargo ship Sparta") or a
  numeral after it ("Sparta II").

The cue words are English; they are documented tables here (:data:`TITLES`,
:data:`NOT_GIVEN_NAMES`, :data:`SPEECH_VERBS`, :data:`VESSEL_WORDS`), not names of any place, actor
or conflict.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

CONFIDENCE_THRESHOLD = 0.5
"""A fallback candidate needs at least this confidence to be the mention's place; below it, the
name is listed as unresolved with its candidates."""

WEIGHTS: dict[str, float] = {
    "city": 0.35,  # where a city starts
    "country": 0.75,  # where a country starts: country names are rarely anything else
    "population_1m": 0.2,
    "population_100k": 0.1,
    "dataset_country": 0.2,
    "article_country": 0.3,
    "sentence_country": 0.1,
    "other_sentence_country": -0.3,
    "near_300km": 0.25,
    "near_1000km": 0.15,
    "near_3000km": 0.05,
    "facility_after": -0.15,
    "person": -0.6,
    "vessel": -0.6,
}
"""The weight of each signal: a candidate's confidence is the sum of its signals' weights, clipped to [0, 1]."""

TITLES = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Adm", "Sen", "Rep",
    "President", "Prime Minister", "Minister", "General", "Colonel", "Commander", "Admiral", "Ambassador",
    "spokesman", "spokeswoman", "spokesperson", "correspondent", "reporter", "journalist", "analyst",
    "researcher", "editor", "author", "writer",
)  # fmt: skip
"""Words before a name that make it a person's ("General Levi", "correspondent Levi")."""

NOT_GIVEN_NAMES = frozenset(
    {
        "A", "An", "The", "In", "At", "On", "Of", "To", "From", "For", "By", "Near", "Into", "Onto", "Towards",
        "Toward", "Via", "Outside", "Inside", "Across", "Around", "Between", "Beyond", "Through", "Along",
        "And", "Or", "But", "While", "When", "After", "Before", "Since", "As", "Until", "If", "Both",
        "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
        "Northeast", "Northwest", "Southeast", "Southwest", "Upper", "Lower", "Greater", "Old", "New",
        "Downtown", "Rural", "Coastal",
    }
)  # fmt: skip
"""Capitalised words before a name that are not a given name ("In Benghazi", "Eastern Ghouta").
Demonyms ("Syrian", "Turkish", "Lebanese") are recognised by their endings (:data:`DEMONYM_ENDINGS`)."""

DEMONYM_ENDINGS = ("ian", "ish", "ese", "ean", "ic")
"""Endings of capitalised adjectives before a name that are no given name ("Syrian", "Turkish")."""

SPEECH_VERBS = (
    "said", "says", "told", "tells", "wrote", "writes", "added", "adds", "noted", "notes", "explained",
    "argued", "argues", "tweeted", "posted", "stated", "claimed", "insisted", "warned", "reported",
)  # fmt: skip
"""Verbs after a name that make it a speaker ("Levi said", "Levi, an analyst, told")."""

VESSEL_WORDS = (
    "ship", "ships", "warship", "warships", "vessel", "vessels", "tanker", "tankers", "frigate", "frigates",
    "corvette", "corvettes", "destroyer", "destroyers", "submarine", "submarines", "cruiser", "cruisers", "carrier",
    "carriers", "boat", "boats", "freighter", "freighters",
)  # fmt: skip
"""Words before a name that make it a vessel's ("the cargo ship Sparta", "the tanker Ivan Skobelev")."""

# The vessel word in any case; a word between it and the name only as a name ("the tanker Ivan Skobelev").
_VESSEL_BEFORE = re.compile(r"\b(?i:" + "|".join(VESSEL_WORDS) + r")\s+(?:[A-Z][\w-]*\s+)?$")
# A Roman numeral after a name numbers ships of one name ("Sparta II"), not towns.
_NUMBERED_AFTER = re.compile(r"\s+(?:II|III|IV|V|VI|VII|VIII|IX|X)\b")
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in TITLES) + r")\.?\s+$")
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_SPEECH_AFTER = re.compile(r"^(?:\s*,[^,.;]{1,60},)?\s+(?:" + "|".join(SPEECH_VERBS) + r")\b")
_BYLINE = re.compile(r"^\s*By\s")
_FACILITY_AFTER = re.compile(
    r"^\s+(?:air\s*base|airbase|airfield|air\s+field|airport|air\s+strip|airstrip|naval\s+base|"
    r"military\s+base|base|port|garrison)\b",
    re.I,
)

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Context:
    """What an article says about its own geography, read from its curated places and country names."""

    countries: frozenset[str]
    """Countries the article names, or in which one of its curated places lies."""
    dataset_countries: frozenset[str]
    """Countries of the data set's curated places."""
    points: tuple[tuple[float, float], ...]
    """(lat, lon) of the curated places it names."""
    _radians: tuple[tuple[float, float, float], ...] = field(init=False, repr=False, compare=False)
    _nearest: dict[tuple[float, float], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # (lat, lon, cos lat) of every point in radians, worked out once per article, not once per candidate.
        radians = tuple((lat, lon, math.cos(lat)) for lat, lon in (map(math.radians, p) for p in self.points))
        object.__setattr__(self, "_radians", radians)
        object.__setattr__(self, "_nearest", {})

    def nearest_km(self, lat: float, lon: float) -> float:
        """The distance from (lat, lon) to the nearest of :attr:`points`, in kilometres (as :func:`distance_km`).

        Remembered per point: an article's names share their candidates.
        """
        found = self._nearest.get((lat, lon))
        if found is None:
            lat1, lon1 = math.radians(lat), math.radians(lon)
            cos1, sin = math.cos(lat1), math.sin
            # The haversine term of distance_km, operation for operation, so the distance is the same
            # float; its smallest value gives the smallest distance, since the rest only grows with it.
            h = min(
                sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin((lon2 - lon1) / 2) ** 2
                for lat2, lon2, cos2 in self._radians
            )
            found = self._nearest[(lat, lon)] = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
        return found


@dataclass(frozen=True, slots=True)
class Candidate:
    """A fallback place a name may stand for."""

    place_id: str
    kind: str
    lat: float
    lon: float
    country: str
    population: int


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def person_signal(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` reads as a person's.

    A title or given name before it, a byline ("By …" at the start of its line), or a verb of speech after it.
    """
    before = text[max(0, start - 40) : start]
    if _TITLE_BEFORE.search(before):
        return True
    word = _WORD_BEFORE.search(before)
    if word and "\n" not in before[word.start() :]:
        given = word.group(1)
        if given not in NOT_GIVEN_NAMES and not given.endswith(DEMONYM_ENDINGS):
            return True
    line_start = text.rfind("\n", 0, start) + 1
    if _BYLINE.match(text, line_start) and start - line_start < 80:
        return True
    return bool(_SPEECH_AFTER.match(text[end : end + 80]))


_VESSEL_NAME = re.compile(
    r"\b(?i:" + "|".join(VESSEL_WORDS) + r")\s+(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|[IVX]+\b|[0-9]+\b))*)"
)


def vessel_names(text: str) -> list[str]:
    """The names the article gives its vessels, in order: "the merchant vessel Baltic Leader" names "Baltic Leader"."""
    return list(dict.fromkeys(found["name"] for found in _VESSEL_NAME.finditer(text)))


def vessel_signal(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` reads as a vessel's: a vessel word before it, or a numeral after it."""
    return bool(_VESSEL_BEFORE.search(text[max(0, start - 40) : start]) or _NUMBERED_AFTER.match(text, end))


def score(
    candidate: Candidate,
    *,
    context: Context,
    sentence_countries: Iterable[str],
    person: bool,
    facility_after: bool,
    vessel: bool = False,
) -> tuple[float, list[str]]:
    """The confidence that a name stands for ``candidate``, and the signals that made it.

    Parameters
    ----------
    candidate
        One fallback place of the name.
    context
        The article's countries and curated places (:class:`Context`).
    sentence_countries
        Countries named in the name's sentence.
    person, facility_after, vessel
        :func:`person_signal`, whether a facility word follows the name (:func:`facility_follows`), and
        :func:`vessel_signal`.

    Returns
    -------
    tuple
        The confidence in [0, 1] (the sum of :data:`WEIGHTS` of the signals) and the signals' names.
    """
    signals = ["country" if candidate.kind == "country" else "city"]
    if candidate.kind != "country":
        if candidate.population >= 1_000_000:
            signals.append("population_1m")
        elif candidate.population >= 100_000:
            signals.append("population_100k")
        if candidate.country in context.dataset_countries:
            signals.append("dataset_country")
        if candidate.country in context.countries:
            signals.append("article_country")
        named = set(sentence_countries)
        if candidate.country in named:
            signals.append("sentence_country")
        elif named:
            signals.append("other_sentence_country")
        if context.points:
            nearest = context.nearest_km(candidate.lat, candidate.lon)
            for limit in (300, 1000, 3000):
                if nearest <= limit:
                    signals.append(f"near_{limit}km")
                    break
        if facility_after:
            signals.append("facility_after")
    if person:
        signals.append("person")
    if vessel:
        signals.append("vessel")
    total = sum(WEIGHTS[s] for s in signals)
    return max(0.0, min(1.0, round(total, 3))), signals


def facility_follows(text: str, end: int) -> bool:
    """Whether a facility word ("air base", "airport", "port") follows the name ending at ``end``."""
    return bool(_FACILITY_AFTER.match(text[end : end + 30]))
