"""Benchmark: how well extraction finds places, claims and dates.

Two measurements, both printed by ``.venv/bin/python -m bench.bench_extract``:

* **Seeds**: the five seed articles against hand-made gold annotations
  (``data/annotations/toponyms.csv``: every place name with its offsets) and
  against the curated claims: toponym precision and recall (a predicted
  mention counts when its span overlaps a gold mention, one to one),
  resolution accuracy (the predicted point within 25 km of the gold place),
  claim recall, precision and F1 by (source, place, action) (a candidate's
  key at a fallback place never matches: the curated claims name curated
  places), and date accuracy (of the found
  (source, place, action) keys, the share whose proposed interval equals, or
  overlaps, a curated one); of the found keys whose curated claim states a
  quantity, how many candidates propose one and how many agree (one's words
  hold the other's), and how many propose one the curated claims lack.
* **Synthetic, held apart**: sentences generated from templates over places,
  verbs and dates that appear nowhere in the seeds (other Syrian towns from
  the fallback gazetteer, unused transliterations of curated places, other
  verbs and date phrases), with the gold known by construction. It shows the
  rules generalise rather than memorise the seeds.
"""

from __future__ import annotations

import csv
import random
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from geopy.distance import geodesic

import geo
from geo.actors import read_actors
from geo.events import event_dates, read_events
from geo.extract import Geoparser, Mention, extract

ROOT = Path(__file__).resolve().parent.parent
RESOLUTION_KM = 25.0


@dataclass
class Scores:
    """Extraction scores on one set."""

    gold_mentions: int
    predicted_mentions: int
    matched_mentions: int
    resolvable: int
    resolved_within_25km: int
    same_place: int = 0
    gold_claim_keys: int = 0
    found_claim_keys: int = 0
    dated_keys: int = 0
    dates_equal: int = 0
    dates_overlap: int = 0
    predicted_claim_keys: int = 0
    correct_claim_keys: int = 0
    quantified_keys: int = 0  # found keys whose curated claim states a quantity
    quantities_proposed: int = 0  # ... for which a candidate of the key proposes one
    quantities_agreeing: int = 0  # ... whose words hold the curated one's, or are held by them
    quantities_unfounded: int = 0  # found keys whose candidate proposes a quantity the curated claims lack

    def add_mentions(self, gold: list[GoldMention], predicted: list[Mention]) -> None:
        """Count one text's gold and predicted mentions (:func:`match_mentions`) into these totals."""
        matched, resolvable, close, same = match_mentions(gold, predicted)
        self.gold_mentions += len(gold)
        self.predicted_mentions += len(predicted)
        self.matched_mentions += matched
        self.resolvable += resolvable
        self.resolved_within_25km += close
        self.same_place += same

    @property
    def precision(self) -> float:
        return self.matched_mentions / self.predicted_mentions if self.predicted_mentions else 0.0

    @property
    def recall(self) -> float:
        return self.matched_mentions / self.gold_mentions if self.gold_mentions else 0.0

    @property
    def resolution(self) -> float:
        return self.resolved_within_25km / self.resolvable if self.resolvable else 0.0

    @property
    def claim_recall(self) -> float:
        return self.found_claim_keys / self.gold_claim_keys if self.gold_claim_keys else 0.0

    @property
    def claim_precision(self) -> float:
        return self.correct_claim_keys / self.predicted_claim_keys if self.predicted_claim_keys else 0.0

    @property
    def claim_f1(self) -> float:
        p, r = self.claim_precision, self.claim_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_equal(self) -> float:
        return self.dates_equal / self.dated_keys if self.dated_keys else 0.0

    @property
    def date_overlap(self) -> float:
        return self.dates_overlap / self.dated_keys if self.dated_keys else 0.0


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    lat: float | None
    lon: float | None
    place_id: str = ""


def match_mentions(gold: list[GoldMention], predicted: list[Mention]) -> tuple[int, int, int, int]:
    """(matched, resolvable among matched, within 25 km, same gazetteer place) by one-to-one span overlap."""
    used: set[int] = set()
    matched = resolvable = close = same = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i in used or p.end <= g.start or p.start >= g.end:
                continue
            used.add(i)
            matched += 1
            if g.lat is not None:
                resolvable += 1
                close += geodesic((g.lat, g.lon), (p.lat, p.lon)).km <= RESOLUTION_KM
                same += g.place_id == p.place_id
            break
    return matched, resolvable, close, same


def claim_places(claim: object) -> set[str]:
    """The places a claim (curated row or candidate) is keyed by: origin, destination and places."""
    return {claim.origin, claim.destination, *claim.places} - {""}  # type: ignore[attr-defined]


def _overlaps(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    a0, a1 = a[0] or "0000", a[1] or "9999"
    b0, b1 = b[0] or "0000", b[1] or "9999"
    return a0 <= b1 and b0 <= a1


def score_seeds(data: geo.Dataset, parser: Geoparser) -> Scores:
    """Score extraction on the seed articles (see the module docstring)."""
    gold_rows = list(csv.DictReader((ROOT / "data/annotations/toponyms.csv").open(encoding="utf-8", newline="")))
    places = data.places
    totals = Scores(0, 0, 0, 0, 0)
    gold_keys: dict[tuple[str, str, str], list[tuple[str | None, str | None]]] = {}
    gold_quantities: dict[tuple[str, str, str], set[str]] = {}
    for c in data.claims.itertuples(index=False):
        span = (None if pd.isna(c.start) else f"{c.start:%Y-%m-%d}", None if pd.isna(c.end) else f"{c.end:%Y-%m-%d}")
        for place in claim_places(c):
            gold_keys.setdefault((c.source_id, place, c.action), []).append(span)
            gold_quantities.setdefault((c.source_id, place, c.action), set()).update([c.quantity] if c.quantity else [])
    found_keys: dict[tuple[str, str, str], list[tuple[str | None, str | None]]] = {}
    found_quantities: dict[tuple[str, str, str], set[str]] = {}
    for source in data.sources.itertuples(index=False):
        text = data.seeds[source.source_id]
        gold = [
            GoldMention(
                int(r["start"]),
                int(r["end"]),
                float(places.at[r["place_id"], "lat"]) if r["place_id"] else None,
                float(places.at[r["place_id"], "lon"]) if r["place_id"] else None,
                r["place_id"],
            )
            for r in gold_rows
            if r["source_id"] == source.source_id
        ]
        result = extract(text, geoparser=parser, published=source.published.date(), source_id=source.source_id)
        totals.add_mentions(gold, result.mentions)
        for c in result.claims:
            for place in claim_places(c):
                found_keys.setdefault((c.source_id, place, c.action), []).append((c.start, c.end))
                found_quantities.setdefault((c.source_id, place, c.action), set()).update(
                    [c.quantity] if c.quantity else []
                )
    totals.gold_claim_keys = len(gold_keys)
    hits = [key for key in gold_keys if key in found_keys]
    totals.found_claim_keys = len(hits)
    totals.predicted_claim_keys = len(found_keys)
    totals.correct_claim_keys = len(hits)
    totals.dated_keys = len(hits)
    totals.dates_equal = sum(any(f in gold_keys[k] for f in found_keys[k]) for k in hits)
    totals.dates_overlap = sum(any(_overlaps(f, g) for f in found_keys[k] for g in gold_keys[k]) for k in hits)
    for key in hits:
        gold, found = gold_quantities[key], found_quantities[key]
        if gold:
            totals.quantified_keys += 1
            totals.quantities_proposed += bool(found)
            totals.quantities_agreeing += any(_same_quantity(g, f) for g in gold for f in found)
        elif found:
            totals.quantities_unfounded += 1
    return totals


def _same_quantity(gold: str, found: str) -> bool:
    """Whether one quantity's words hold the other's ("some combat troops", "some Russian combat troops")."""
    a, b = (set(q.lower().replace(",", " ").split()) for q in (gold, found))
    return a <= b or b <= a


# --- the held-apart synthetic set -------------------------------------------------------

SYNTHETIC_PLACES = [
    # (surface, where it resolves: a curated place_id, or None for a fallback city checked by name)
    ("Aleppo", None), ("Hama", None), ("Idlib", None), ("Deir ez-Zor", None), ("Manbij", None),
    ("Baniyas", None), ("Daraa", None), ("Al-Tabqa", None), ("Jarabulus", None), ("Palmyra", None),
    ("Hmeymim", "hmeimim_air_base"), ("Tiyas airbase", "t4_air_base"), ("Ayn Issa", "ain_issa"),
    ("Tal Samin", "tel_al_samn"), ("Qamishlo", "qamishli_city"), ("Lattakia", "latakia_city"),
    ("Jebleh", "jableh_district"), ("Tartous naval base", "tartus_naval_base"),
]  # fmt: skip
"""Places for the synthetic sentences: none of these spellings occurs in the seeds."""

SYNTHETIC_VERBS = [
    ("evacuated troops from {a}", "withdraw", "origin"),
    ("airlifted equipment from {a} to {b}", "transport", "both"),
    ("abandoned positions near {a}", "withdraw", "location"),
    ("kept a garrison at {a}", "retain", "location"),
    ("dismantled radar stations at {a}", "dismantle", "location"),
    ("moved to {b} from {a}", "redeploy", "both"),
]
"""(template, expected action, which places carry the claim)."""

SYNTHETIC_DATES = ["yesterday", "last Friday", "two days ago", "on 3 January", "earlier this week"]


def expected_interval(phrase: str, anchor: date) -> tuple[date, date]:
    """The interval each synthetic date phrase should give, by plain date arithmetic."""
    if phrase == "yesterday":
        day = anchor - timedelta(days=1)
        return day, day
    if phrase == "last Friday":
        back = (anchor.weekday() - 4) % 7 or 7
        day = anchor - timedelta(days=back)
        return day, day
    if phrase == "two days ago":
        day = anchor - timedelta(days=2)
        return day, day
    if phrase == "on 3 January":
        year = anchor.year if (anchor.month, anchor.day) >= (1, 3) else anchor.year - 1
        day = date(year, 1, 3)
        return day, day
    if phrase == "earlier this week":
        return anchor - timedelta(days=anchor.weekday()), anchor
    raise ValueError(phrase)


def synthetic_sentences(n: int = 300, *, seed: int = 11) -> list[dict]:
    """Deterministic synthetic sentences with their gold (see the module docstring)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        template, action, _ = rng.choice(SYNTHETIC_VERBS)
        (a, a_id), (b, b_id) = rng.sample(SYNTHETIC_PLACES, 2)
        phrase = rng.choice(SYNTHETIC_DATES)
        anchor = date(2025, 1, 6) + timedelta(days=rng.randrange(60))
        body = template.format(a=a, b=b)
        text = f"Russian forces {body} {phrase}, local monitors said."
        spans = []
        for surface, place_id in ((a, a_id), (b, b_id)):
            if "{" + ("a" if surface == a else "b") + "}" in template:
                start = text.index(surface)
                spans.append((start, start + len(surface), surface, place_id))
        out.append({"text": text, "anchor": anchor, "action": action, "phrase": phrase, "spans": spans})
    return out


def score_synthetic(data: geo.Dataset, parser: Geoparser, n: int = 300) -> Scores:
    """Score extraction on the held-apart synthetic sentences."""
    from geo._fallback import fallback_places

    # The gold's reference coordinates: the same fallback table as the parser's (its data set's countries).
    fallback, _ = fallback_places(parser.dataset_countries | {a.country for a in parser.actors.actors if a.country})
    by_name = {}
    for place in fallback:
        by_name.setdefault(place.name, place)
    coordinates = {"Deir ez-Zor": "Deir ez-Zor", "Al-Tabqa": "Al-Tabqa", "Palmyra": "Palmyra"}
    totals = Scores(0, 0, 0, 0, 0)
    for item in synthetic_sentences(n):
        result = extract(item["text"], geoparser=parser, published=item["anchor"], source_id="syn")
        gold = []
        for start, end, surface, place_id in item["spans"]:
            if place_id:
                lat, lon = float(data.places.at[place_id, "lat"]), float(data.places.at[place_id, "lon"])
            else:
                ref = by_name.get(coordinates.get(surface, surface))
                lat, lon = (ref.lat, ref.lon) if ref else (None, None)
            gold.append(GoldMention(start, end, lat, lon, place_id or ""))
        totals.add_mentions(gold, result.mentions)
        totals.gold_claim_keys += 1
        hit = [c for c in result.claims if c.action == item["action"]]
        # One gold claim a sentence: a proposed action other than its own is a wrong candidate.
        actions = {c.action for c in result.claims}
        totals.predicted_claim_keys += len(actions)
        totals.correct_claim_keys += item["action"] in actions
        if hit:
            totals.found_claim_keys += 1
            totals.dated_keys += 1
            want = tuple(d.isoformat() for d in expected_interval(item["phrase"], item["anchor"]))
            totals.dates_equal += any((c.start, c.end) == want for c in hit)
            totals.dates_overlap += any(_overlaps((c.start, c.end), want) for c in hit)
    return totals


def score_unseen(folder: Path, *, articles: int = 120) -> tuple[Scores, dict[str, tuple[int, int]]]:
    """Score extraction on :mod:`bench.unseen`'s failure classes; also (found, gold) claims per class."""
    from bench.unseen import unseen_set
    from geo.extract import read_gazetteer

    generated = unseen_set(folder, articles=articles)
    parser = Geoparser(read_gazetteer(folder / "gazetteer.csv"), actors=read_actors(folder / "actors.csv"))
    totals = Scores(0, 0, 0, 0, 0)
    by_class: dict[str, list[int]] = {}
    for index, article in enumerate(generated.articles):
        result = extract(article.text, geoparser=parser, published=article.published, source_id=f"u{index}")
        gold = []
        for start, end, key in article.mentions:
            lat, lon = generated.coordinates.get(key, (None, None))
            if key.startswith("ne:"):
                lat, lon = _country_point(key)
            gold.append(GoldMention(start, end, lat, lon, key))
        totals.add_mentions(gold, result.mentions)
        want: dict[tuple[str, str], tuple[date, date, str]] = {}
        for key, action, start, end, cls in article.claims:
            want.setdefault((key, action), (start, end, cls))
        found: dict[tuple[str, str], list[tuple[str | None, str | None]]] = {}
        for c in result.claims:
            for place in claim_places(c):
                found.setdefault((place, c.action), []).append((c.start, c.end))
        totals.gold_claim_keys += len(want)
        totals.predicted_claim_keys += len(found)
        for key, (start, end, cls) in want.items():
            counts = by_class.setdefault(cls, [0, 0])
            counts[1] += 1
            if key not in found:
                continue
            counts[0] += 1
            totals.found_claim_keys += 1
            totals.correct_claim_keys += 1
            totals.dated_keys += 1
            totals.dates_equal += any(_within(f, (start, end), 3) for f in found[key])
            totals.dates_overlap += any(_overlaps(f, (start.isoformat(), end.isoformat())) for f in found[key])
    return totals, {k: (v[0], v[1]) for k, v in sorted(by_class.items())}


def _within(found: tuple[str | None, str | None], want: tuple[date, date], days: int) -> bool:
    """Both ends of ``found`` within ``days`` of ``want``'s (an open end is never within)."""
    if found[0] is None or found[1] is None:
        return False
    start, end = date.fromisoformat(found[0]), date.fromisoformat(found[1])
    return abs((start - want[0]).days) <= days and abs((end - want[1]).days) <= days


def _country_point(key: str) -> tuple[float, float]:
    from geo._fallback import fallback_places

    places, _ = fallback_places()
    point = next(p for p in places if p.place_id == key)
    return point.lat, point.lon


def report(name: str, s: Scores) -> str:
    same = f", same gazetteer place {s.same_place}/{s.resolvable}" if s.same_place else ""
    return (
        f"{name:<10} toponyms: precision {s.precision:.3f} ({s.matched_mentions}/{s.predicted_mentions}), "
        f"recall {s.recall:.3f} ({s.matched_mentions}/{s.gold_mentions}); "
        f"resolved within 25 km {s.resolution:.3f} ({s.resolved_within_25km}/{s.resolvable}{same}); "
        f"claims: recall {s.claim_recall:.3f} ({s.found_claim_keys}/{s.gold_claim_keys}), "
        f"precision {s.claim_precision:.3f} ({s.correct_claim_keys}/{s.predicted_claim_keys}), F1 {s.claim_f1:.3f}; "
        f"dates equal {s.date_equal:.3f}, overlapping {s.date_overlap:.3f} (of {s.dated_keys})"
    )


def main() -> None:
    data = geo.load(ROOT / "data", ROOT / "seeds")
    events = event_dates(read_events(ROOT / "data" / "events.csv"))
    parser = Geoparser(data.places, actors=read_actors(ROOT / "data" / "actors.csv"), events=events)
    print(f"gazetteer: {parser.curated_count} curated aliases, {parser.alias_count} aliases in all")
    seeds = score_seeds(data, parser)
    print(report("seeds", seeds))
    print(
        f"seeds      quantities: of {seeds.quantified_keys} found keys whose curated claim states a quantity, "
        f"candidates propose one for {seeds.quantities_proposed}, agreeing for {seeds.quantities_agreeing}; "
        f"a quantity the curated claim lacks for {seeds.quantities_unfounded}"
    )
    print(report("synthetic", score_synthetic(data, parser)))
    with tempfile.TemporaryDirectory(prefix="bench_unseen_") as tmp:
        scores, by_class = score_unseen(Path(tmp))
    print(report("unseen", scores).replace("dates equal", "dates within 3 days"))
    print("unseen claims found by failure class: " + ", ".join(f"{k} {f}/{n}" for k, (f, n) in by_class.items()))


if __name__ == "__main__":
    main()
