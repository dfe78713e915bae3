"""Benchmark: extraction time against article size, and peak memory of streamed output.

``.venv/bin/python -m bench.bench_extract_scaling`` builds articles of 1, 2, 5, 10 and 20 MB
from the seeds' sentences (shuffled with a fixed seed, five sentences a paragraph) and prints,
for each, the seconds :func:`geo.extract.extract` takes and the MB/s: linear time shows as a
flat MB/s column.

``--rss`` instead writes generated files of 50 MB and 200 MB into a temporary folder (removed
afterwards) and runs ``geo extract FILE --published … --jsonl`` on each in a child process,
printing its peak resident memory (``ru_maxrss`` from ``os.wait4``). The 200 MB file is above
:data:`geo.articles.LARGE_FILE_BYTES`, so it is read and written chunk by chunk; the 50 MB one
is read whole.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from geo.extract import extract, load_geoparser, sentences

ROOT = Path(__file__).resolve().parent.parent
SIZES_MB = (1, 2, 5, 10, 20)
RSS_SIZES_MB = (50, 200)
PUBLISHED = date(2024, 12, 16)
SEED = 7


def seed_sentences() -> list[str]:
    """Every sentence of the seed articles, in file order."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [" ".join(text[s:e].split()) for s, e in sentences(text)]
    return out


def build_article(megabytes: float, pool: list[str], *, seed: int = SEED) -> str:
    """About ``megabytes`` MB (UTF-8) of seed sentences drawn with a fixed seed, five a paragraph."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    while size < target:
        paragraph = " ".join(rng.choice(pool) for _ in range(5)) + "\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "".join(parts)


def scaling() -> None:
    pool = seed_sentences()
    parser = load_geoparser(ROOT / "data" / "gazetteer.csv")
    print(f"{len(pool)} seed sentences; articles of {', '.join(map(str, SIZES_MB))} MB (seed {SEED})")
    print(f"{'MB':>6} {'seconds':>9} {'MB/s':>7} {'mentions':>9} {'claims':>7}")
    for megabytes in SIZES_MB:
        text = build_article(megabytes, pool)
        size = len(text.encode("utf-8")) / 1_000_000
        start = time.perf_counter()
        result = extract(text, geoparser=parser, published=PUBLISHED)
        seconds = time.perf_counter() - start
        print(f"{size:6.2f} {seconds:9.2f} {size / seconds:7.2f} {len(result.mentions):9d} {len(result.claims):7d}")


def peak_rss_kb(command: list[str]) -> tuple[int, float]:
    """Peak resident memory (kB) and wall seconds of ``command`` run as a child, its output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    return usage.ru_maxrss, seconds


def rss() -> None:
    pool = seed_sentences()
    geo = str(Path(sys.executable).with_name("geo"))
    print(f"peak RSS of geo extract FILE --published {PUBLISHED} --jsonl (generated files, seed {SEED})")
    print(f"{'MB':>6} {'peak RSS MB':>12} {'seconds':>9}")
    with tempfile.TemporaryDirectory(prefix="geo-rss-") as folder:
        for megabytes in RSS_SIZES_MB:
            path = Path(folder) / f"article-{megabytes}mb.txt"
            block = build_article(10, pool)
            with path.open("w", encoding="utf-8") as handle:
                for _ in range(megabytes // 10):
                    handle.write(block)
            size = path.stat().st_size / 1_000_000
            command = [geo, "--data", str(ROOT / "data"), "extract", str(path), "--published", str(PUBLISHED)]
            kilobytes, seconds = peak_rss_kb([*command, "--jsonl"])
            print(f"{size:6.1f} {kilobytes / 1024:12.1f} {seconds:9.1f}")
            path.unlink()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rss", action="store_true", help="measure peak memory of geo extract --jsonl instead")
    if options.parse_args().rss:
        rss()
    else:
        scaling()


if __name__ == "__main__":
    main()
