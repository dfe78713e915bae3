"""Benchmark: ``geo validate`` on a large claims file (time and peak memory).

Run it with::

    .venv/bin/python -m bench.bench_validate [--mb 200]

The data set is the real one (data/, seeds/) copied into a temporary folder,
with data/claims.csv grown to about ``--mb`` megabytes (10^6 bytes) by
repeating its rows under new claim ids (``c000-01-r000001`` …), so every
claim stays valid: its quote verbatim, its places known, its dates in order.
``geo validate`` runs in a subprocess, timed from start to exit, with the
peak resident memory of the process (polled every 50 ms with psutil).
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GEO = str(Path(sys.executable).with_name("geo"))


def grow_claims(source: Path, target: Path, megabytes: float) -> int:
    """Write ``source``'s claims repeated under new ids to ``target`` until it holds ``megabytes``; return the count."""
    rows = list(csv.reader(source.open(encoding="utf-8", newline="")))
    header, body = rows[0], rows[1:]
    limit = int(megabytes * 1_000_000)
    count = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        size = handle.tell()
        repeat = 0
        while size < limit:
            buffer = io.StringIO()
            chunk = csv.writer(buffer, lineterminator="\n")
            for row in body:
                chunk.writerow([f"{row[0]}-r{repeat:06d}", *row[1:]])
            handle.write(buffer.getvalue())
            size += len(buffer.getvalue().encode("utf-8"))
            count += len(body)
            repeat += 1
    return count


def run(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run ``command``; return (seconds, peak RSS in MB, exit code, last line of its output)."""
    log = cwd / "output.txt"  # a file, not a pipe: a full pipe would stall the command
    with log.open("w", encoding="utf-8") as handle:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
        watched = psutil.Process(process.pid)
        peak = 0
        while process.poll() is None:
            try:
                peak = max(peak, watched.memory_info().rss)
            except psutil.NoSuchProcess:
                break
            time.sleep(0.05)
        seconds = time.monotonic() - started
    return seconds, peak / 1e6, process.returncode, log.read_text(encoding="utf-8").strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="Size of the claims file, in MB (10^6 bytes).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="geo-bench-validate-") as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "data", folder / "data")
        shutil.copytree(ROOT / "seeds", folder / "seeds")
        (folder / "data" / "review").exists() and shutil.rmtree(folder / "data" / "review")
        claims = grow_claims(ROOT / "data" / "claims.csv", folder / "data" / "claims.csv", args.mb)
        size = (folder / "data" / "claims.csv").stat().st_size / 1e6
        seconds, peak, code, first = run([GEO, "validate"], folder)
        print("| claims file (MB) | claims | geo validate (s) | peak RSS (MB) | exit | first line |")
        print("| ---: | ---: | ---: | ---: | ---: | --- |")
        print(f"| {size:.0f} | {claims:,} | {seconds:.1f} | {peak:.0f} | {code} | {first} |")


if __name__ == "__main__":
    main()
