"""Benchmark: corpus mode end to end (``geo extract --corpus``), serially and on Dask, against flashtext.

Run it with::

    .venv/bin/python -m bench.bench_ingest [--mb 21] [--files 2100] [--repeats 3]

The corpus is generated into a temporary folder with a fixed seed: articles of
about ``mb / files`` megabytes, each a title line, a dateline stating its
publication date ("Published 14 December 2024.") and sentences of seeds/*.txt,
shuffled, with the curated place names in them swapped for random aliases of
the curated gazetteer (data/gazetteer.csv). The first half of the files is the
half-size corpus.

The full-corpus runs (serial; 1 and 2 workers, forked as the command starts them
on Linux; 1 and 2 workers spawned, ``--start-method spawn``, which import the
extraction and load the parser each, as the code before did) are repeated
``--repeats`` times, alternated, and the median run of each is shown with every
run's time: on this machine one run of a case varies by 20 % or more, enough to
move the 2-worker ratio by 0.2 on its own. An untimed one-article run first fills the
page cache.

Every run is the ``geo extract --corpus … --out …`` command in a subprocess,
timed from start to exit (so it includes starting Python, loading the
Geoparser (from the matcher cache, warmed by the first run) in the command and,
when spawned, on each worker, and starting the local worker processes), with its
CPU seconds (user + system, the command and the worker processes it waited for,
from getrusage: less sensitive than wall time to other work on the machine).
The peak memory of the process tree (the command and its Dask worker processes,
summed, polled every 50 ms with psutil: RSS, which counts the pages forked
workers share with the command once in each, and PSS, which splits them) comes
from one more run of each case, untimed: the polling takes a quarter of a core.
MB = 10^6 bytes of article files; articles/s counts the files. flashtext runs in this process over the
same text (the articles joined by newlines) with the same aliases as the
Geoparser's automaton (curated and fallback), the median of three runs, with
``extract_keywords(span_info=True)``: a keyword pass only, no resolution, no
claims, nothing written. Last, the machine's own scaling: two processes of a
pure-Python loop against one process running both, the most two workers can
gain over one here.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import version
from pathlib import Path

import psutil

from geo.schema import split_list

ROOT = Path(__file__).resolve().parent.parent
SEED = 20241230
GEO = str(Path(sys.executable).with_name("geo"))


def curated_aliases() -> list[str]:
    """Names and aliases (Latin script) of the places in data/gazetteer.csv."""
    aliases: list[str] = []
    with (ROOT / "data" / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases += [row["name"], *split_list(row["aliases"])]
    return sorted({a for a in aliases if a})


def seed_sentences() -> list[str]:
    """The sentences of seeds/*.txt, one line of text at most per sentence."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [s.strip() for s in sentences if len(s.strip()) > 20]


def generate_corpus(folder: Path, *, total_bytes: int, files: int, seed: int = SEED) -> list[Path]:
    """Write ``files`` articles of about ``total_bytes`` in all into ``folder``; return their paths, in order.

    Deterministic for a given seed: the same call writes the same bytes.
    """
    rng = random.Random(seed)
    aliases = curated_aliases()
    # Longest first, so "Hmeimim air base" is swapped as a whole before "Hmeimim".
    known = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))
    sentences = seed_sentences()
    per_file = total_bytes // files
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(files):
        day = date_words(rng)
        lines = [f"Report {index:05d}: {rng.choice(sentences)[:60]}", f"Published {day}.", ""]
        size = sum(len(line) + 1 for line in lines)
        while size < per_file:
            sentence = known.sub(lambda _: rng.choice(aliases), rng.choice(sentences))
            lines.append(sentence)
            size += len(sentence.encode("utf-8")) + 1
        path = folder / f"article_{index:05d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def date_words(rng: random.Random) -> str:
    """A day of December 2024 or January 2025 as a dateline writes it."""
    month, days = rng.choice((("December", 31), ("January", 31)))
    year = 2024 if month == "December" else 2025
    return f"{rng.randint(1, days)} {month} {year}"


def run_tree(command: list[str], *, watch_memory: bool = True) -> tuple[float, int, float, int]:
    """Run ``command``; return its wall time, peak RSS, CPU seconds and peak PSS of its process tree.

    With ``watch_memory`` false, the memory is not polled and both peaks are 0: polling the
    tree's memory every 50 ms cost this process 2 to 3 CPU seconds a run of 10 s (a quarter of
    one of the machine's two cores, taken from the workers), so the timed runs leave it out.
    Memory is in bytes, summed over the command and its worker processes. RSS counts a page
    shared by several of them (forked workers share the parent's loaded parser) once in each;
    PSS (proportional set size, from /proc/PID/smaps_rollup) splits it among them, so the sum
    is the memory the tree really holds.

    CPU seconds are user + system time of the command and every descendant it waited for (its Dask
    workers), from ``getrusage(RUSAGE_CHILDREN)``: on a machine shared with other work, wall time
    follows their load, CPU time much less.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    if not watch_memory:
        process.wait()
    while process.poll() is None:
        total = total_pss = 0
        try:
            for member in [process, *process.children(recursive=True)]:
                try:
                    memory = member.memory_full_info()
                except psutil.Error:
                    continue
                total += memory.rss
                total_pss += memory.pss
        except psutil.Error:
            pass
        peak, peak_pss = max(peak, total), max(peak_pss, total_pss)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, peak, cpu, peak_pss


Case = tuple[str, int | None, str | None]
"""One kind of run: the corpus ("full" or "half"), the workers (None: serial) and how they start."""


def extract_command(corpus: Path, out: Path, workers: int | None, start: str | None = None) -> list[str]:
    """The ``geo extract --corpus`` command line of one run (``start``: the workers' ``--start-method``)."""
    command = [GEO, "extract", "--corpus", str(corpus), "--out", str(out)]
    if workers is not None:
        command += ["--workers", str(workers)]
    return command if start is None else [*command, "--start-method", start]


def flashtext_speed(text: str) -> tuple[float, int, int, float]:
    """flashtext's MB/s over ``text`` with the Geoparser's aliases: (MB/s, matches, aliases, MB per CPU second)."""
    from flashtext import KeywordProcessor

    from geo.extract import load_geoparser

    parser = load_geoparser(ROOT / "data" / "gazetteer.csv")
    aliases = [parser.matcher.alias(k) for k in range(parser.alias_count)]
    keywords = KeywordProcessor(case_sensitive=False)
    for alias in aliases:
        keywords.add_keyword(alias)
    times, cpu_times, count = [], [], 0
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        count = len(keywords.extract_keywords(text, span_info=True))
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    megabytes = len(text.encode("utf-8")) / 1e6
    return megabytes / statistics.median(times), count, len(aliases), megabytes / statistics.median(cpu_times)


def _spin(n: int) -> float:
    """Seconds of a pure-Python loop of ``n`` steps (little memory traffic): the cores' own scaling."""
    started = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - started


def machine_scaling(steps: int = 20_000_000, repeats: int = 3) -> float:
    """How much faster two processes run two equal CPU-bound loops than one process runs both (median).

    The ceiling two workers can reach over one on this machine, whatever the code: 2.0 on two
    idle physical cores, less where the cores are hyperthreads of one or other work shares them.
    """
    ratios = []
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_spin, [1000, 1000]))  # both processes started
        for _ in range(repeats):
            one = _spin(steps) + _spin(steps)
            started = time.perf_counter()
            list(pool.map(_spin, [steps, steps]))
            ratios.append(one / (time.perf_counter() - started))
    return statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=21.0, help="corpus size in MB (default 21)")
    parser.add_argument("--files", type=int, default=2100, help="number of article files (default 2100)")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each full-corpus case, alternated; the median is shown"
    )
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    print(
        f"Python {sys.version.split()[0]}, dask {version('dask')}, distributed {version('distributed')}, "
        f"pyarrow {version('pyarrow')}, flashtext {version('flashtext')}; {os.cpu_count()} cores, "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        folder = Path(tmp)
        full, half = folder / "full", folder / "half"
        paths = generate_corpus(full, total_bytes=int(args.mb * 1e6), files=args.files)
        half.mkdir()
        for path in paths[: len(paths) // 2]:
            os.link(path, half / path.name)
        one = folder / "one"
        one.mkdir()
        os.link(paths[0], one / paths[0].name)
        sizes = {
            name: (sum(p.stat().st_size for p in d.iterdir()) / 1e6, len(list(d.iterdir())))
            for name, d in (("full", full), ("half", half))
        }
        print(
            f"corpus: {sizes['full'][0]:.2f} MB in {sizes['full'][1]} files (half: {sizes['half'][0]:.2f} MB in "
            f"{sizes['half'][1]} files), random seed {SEED}"
        )
        # Untimed: the first run of a session reads Python's and the libraries' files from disk
        # (it took 6.7 s, 1.3 CPU s, against 1.1 s once they were in the page cache).
        run_tree(extract_command(one, folder / "out_warm", None))
        start_cost, _, start_cpu, _ = run_tree(extract_command(one, folder / "out_one", None))
        print(
            f"fixed cost (one article, serial: start, load the Geoparser, write): {start_cost:.1f} s, "
            f"{start_cpu:.1f} CPU s"
        )
        print()
        print(
            f"{'run':<34} {'MB':>6} {'files':>6} {'seconds':>8} {'MB/s':>6} {'articles/s':>10} {'peak RSS MB':>12} "
            f"{'peak PSS MB':>12} {'CPU s':>7} {'MB/CPU s':>9}"
        )
        results: dict[Case, float] = {}
        # Workers start by fork, the command's default on Linux; spawned ones, which import the
        # extraction and load the parser each, are the code before it, run alike for comparison.
        cases: list[Case] = [
            ("full", None, None),
            ("full", 1, None),
            ("full", 2, None),
            ("full", 1, "spawn"),
            ("full", 2, "spawn"),
        ]
        # The full-corpus cases alternate, so that a burst of other work on the machine falls on
        # each of them alike; the half-corpus ones (for the memory) run once.
        runs: dict[Case, list[tuple[float, int, float, int]]] = {case: [] for case in cases}
        corpora = {"full": full, "half": half}

        def run(case: Case, *, watch_memory: bool) -> tuple[float, int, float, int]:
            out = folder / "out"
            measured = run_tree(extract_command(corpora[case[0]], out, case[1], case[2]), watch_memory=watch_memory)
            shutil.rmtree(out)
            return measured

        for _ in range(args.repeats):
            for case in cases:
                runs[case].append(run(case, watch_memory=False))
        for case in (("half", None, None), ("half", 2, None)):
            runs[case] = [run(case, watch_memory=False)]
        # Memory from one more run of each case, watched, apart from the timed ones.
        memory = {case: run(case, watch_memory=True) for case in runs}
        for case, measured in runs.items():
            name, workers, start = case
            # The median run by wall time, with its CPU figure; the memory of the watched run.
            seconds, _, cpu, _ = sorted(measured)[len(measured) // 2]
            _, peak, _, pss = memory[case]
            megabytes, count = sizes[name]
            results[case] = megabytes / seconds
            how = "serial" if workers is None else f"{workers} Dask worker{'s' if workers > 1 else ''}"
            label = f"{name}, {how}" + (f", {start}ed" if start else "")
            print(
                f"{label:<34} {megabytes:>6.2f} {count:>6} {seconds:>8.1f} {megabytes / seconds:>6.2f} "
                f"{count / seconds:>10.0f} {peak / 1e6:>12.0f} {pss / 1e6:>12.0f} {cpu:>7.1f} {megabytes / cpu:>9.2f}"
                + ("" if len(measured) == 1 else f"   runs: {' '.join(f'{m[0]:.1f}' for m in measured)} s")
            )
            if case == ("full", None, None):
                serial_cpu = megabytes / cpu
        text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
        speed, matches, alias_count, cpu_speed = flashtext_speed(text)
        print()
        print(
            f"flashtext extract_keywords over the same {len(text.encode('utf-8')) / 1e6:.2f} MB, "
            f"{alias_count} aliases: {speed:.2f} MB/s, {cpu_speed:.2f} MB per CPU s ({matches} matches), median of 3"
        )
        serial = results[("full", None, None)]
        print(
            f"serial end to end / flashtext: {serial / speed:.2f}x (wall), {serial_cpu / cpu_speed:.2f}x (CPU); "
            f"2 workers / 1 worker: {results[('full', 2, None)] / results[('full', 1, None)]:.2f}x (wall), "
            f"spawned {results[('full', 2, 'spawn')] / results[('full', 1, 'spawn')]:.2f}x"
        )
        print(
            f"the machine's own scaling, two processes of a pure-Python loop against one running both: "
            f"{machine_scaling():.2f}x (median of 3)"
        )
        print(f"load average at the end {os.getloadavg()[0]:.1f} (other processes share the cores)")


if __name__ == "__main__":
    main()
