"""Benchmark: ``geo validate`` on a large claims file (time and peak memory), against the goal.

Run it with::

    .venv/bin/python -m bench.bench_validate [--mb 200] [--small-mb 10]

The data set is the real one (data/, seeds/) copied into a folder under the
system's temporary folder, with data/claims.csv grown to about ``--mb``
megabytes (10^6 bytes) by repeating its rows under new claim ids
(``c000-01-r000001`` …), so every claim stays valid: its quote verbatim, its
places known, its dates in order. The folder is kept and reused, keyed by a
hash of data/ and seeds/ and the size, so a second run does not generate the
file again.

``geo validate`` runs in a subprocess, timed from start to exit; its peak
resident memory is the kernel's own count for that process (``ru_maxrss`` from
``os.wait4``). The same run measures a small file (``--small-mb``) for
comparison and prints both against the goal: at most
:data:`GOAL_SECONDS` and :data:`GOAL_MB`.

Not part of ``make test``: the 200 MB run takes about a minute.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEO = str(Path(sys.executable).with_name("geo"))
CACHE = Path(tempfile.gettempdir()) / "geo-bench-validate"

GOAL_SECONDS = 60.0
"""Issue 14: a 200 MB claims file validates in at most a minute …"""

GOAL_MB = 1000.0
"""… in at most 1 GB of peak resident memory (10^6-byte MB)."""

REPEATS_PER_WRITE = 500
"""Copies of the claims written at once while growing the file."""


def grow_claims(source: Path, target: Path, megabytes: float) -> int:
    """Write ``source``'s claims repeated under new ids to ``target`` until it holds ``megabytes``; return the count."""
    rows = list(csv.reader(source.open(encoding="utf-8", newline="")))
    header, body = rows[0], rows[1:]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    templates = []
    for row in body:  # each row once, with its id as a placeholder for the copy number
        buffer.seek(0)
        buffer.truncate()
        escaped = (cell.replace("{", "{{").replace("}", "}}") for cell in row[1:])
        writer.writerow([f"{row[0]}-r{{repeat:06d}}", *escaped])
        templates.append(buffer.getvalue())
    block = "".join(templates)
    limit = int(megabytes * 1_000_000)
    count = repeat = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        size = handle.tell()
        while size < limit:
            chunk = "".join(block.format(repeat=r) for r in range(repeat, repeat + REPEATS_PER_WRITE))
            encoded = chunk.encode("utf-8")
            if size + len(encoded) > limit:  # the last write: only as many copies as still fit, at least one
                per_copy = len(encoded) / REPEATS_PER_WRITE
                copies = min(REPEATS_PER_WRITE, max(1, math.ceil((limit - size) / per_copy)))
                chunk = "".join(block.format(repeat=r) for r in range(repeat, repeat + copies))
                encoded = chunk.encode("utf-8")
            else:
                copies = REPEATS_PER_WRITE
            handle.write(chunk)
            size += len(encoded)
            count += copies * len(body)
            repeat += copies
    return count


def data_set(megabytes: float) -> tuple[Path, int]:
    """A folder with data/ and seeds/ whose claims file holds ``megabytes``, made once; with its claim count."""
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "data").glob("*.csv"), *(ROOT / "seeds").iterdir()]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    folder = CACHE / f"{digest.hexdigest()[:12]}-{megabytes:g}MB"
    count_file = folder / "claims.count"
    if not count_file.exists():
        shutil.rmtree(folder, ignore_errors=True)
        building = folder.with_name(folder.name + f".{os.getpid()}.tmp")
        shutil.rmtree(building, ignore_errors=True)
        (building / "data").mkdir(parents=True)
        for path in (ROOT / "data").glob("*.csv"):
            shutil.copy2(path, building / "data" / path.name)
        shutil.copytree(ROOT / "seeds", building / "seeds")
        count = grow_claims(ROOT / "data" / "claims.csv", building / "data" / "claims.csv", megabytes)
        (building / "claims.count").write_text(str(count), encoding="utf-8")
        building.rename(folder)
    return folder, int(count_file.read_text(encoding="utf-8"))


def run(command: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run ``command``; return (seconds, peak RSS in MB, exit code, first line of its output)."""
    log = cwd / "output.txt"  # a file, not a pipe: a full pipe would stall the command
    with log.open("w", encoding="utf-8") as handle:
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own rusage, not all children's
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss * 1024 / 1e6  # Linux counts ru_maxrss in KiB
    return seconds, peak_mb, process.returncode, log.read_text(encoding="utf-8").strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="Size of the large claims file, in MB (10^6 bytes).")
    parser.add_argument("--small-mb", type=float, default=10.0, help="Size of the small file, for comparison.")
    args = parser.parse_args()
    print(f"goal: a {args.mb:g} MB claims file in at most {GOAL_SECONDS:.0f} s and {GOAL_MB:.0f} MB peak RSS")
    print("| claims file (MB) | claims | made in (s) | geo validate (s) | peak RSS (MB) | goal | exit | first line |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    for megabytes in (args.small_mb, args.mb):
        started = time.monotonic()
        folder, claims = data_set(megabytes)
        made = time.monotonic() - started
        size = (folder / "data" / "claims.csv").stat().st_size / 1e6
        seconds, peak, code, first = run([GEO, "validate"], folder)
        met = "met" if seconds <= GOAL_SECONDS and peak <= GOAL_MB and code == 0 else "missed"
        print(f"| {size:.0f} | {claims:,} | {made:.1f} | {seconds:.1f} | {peak:.0f} | {met} | {code} | {first} |")


if __name__ == "__main__":
    main()
