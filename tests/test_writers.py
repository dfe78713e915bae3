"""One writer at a time, all-or-nothing builds: real processes, run in parallel and killed.

Issue 14 repros 7 and 8: four ``geo add`` at once all took ``s005`` and lost three candidate sets;
a SIGKILL during ``geo build`` left temporary files and a mixed set of old and new outputs.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from geo._swap import staging_prefixes
from geo.cli import cli

GEO = [sys.executable, "-m", "geo", "--data", "data", "--seeds", "seeds"]

ARTICLES = [
    "Convoy leaves Hmeimim\nA Russian convoy left the Hmeimim air base for Tartus on Monday.\n",
    "Jets seen at Hmeimim\nSatellite images showed Russian jets at the Hmeimim air base on Tuesday.\n",
    "Ships in Tartus\nTwo Russian ships were loaded with equipment in Tartus on Wednesday.\n",
    "Flights to Libya\nRussian transport planes flew equipment from Hmeimim to Libya on Thursday.\n",
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (relative path → SHA-256), to compare sets byte for byte."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_parallel_adds_take_turns(project: Path, tmp_path: Path) -> None:
    paths = []
    for number, text in enumerate(ARTICLES):
        path = tmp_path / f"article{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    runs = [
        subprocess.Popen(
            [*GEO, "add", str(path), "--published", "2025-01-08"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in paths
    ]
    results = [(run.wait(timeout=600), run.stdout.read(), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert all(code == 0 for code, _, _ in results), results
    added = sorted(out.split(":")[0] for _, out, _ in results)
    assert added == ["added s005", "added s006", "added s007", "added s008"]
    sources = list(csv.DictReader((project / "data/sources.csv").open(encoding="utf-8", newline="")))
    assert [s["source_id"] for s in sources[-4:]] == ["s005", "s006", "s007", "s008"]
    assert sorted(p.name for p in (project / "data/review").glob("*.csv")) == [
        "s005.csv",
        "s006.csv",
        "s007.csv",
        "s008.csv",
    ]
    seeds = {s["source_id"]: (project / "seeds" / s["seed_file"]).read_text(encoding="utf-8") for s in sources[-4:]}
    assert sorted(seeds.values()) == sorted(ARTICLES)
    result = CliRunner().invoke(cli, ["--data", "data", "--seeds", "seeds", "validate"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: 9 sources")


def _build(project: Path, out: str) -> float:
    started = time.monotonic()
    subprocess.run([*GEO, "build", "--out", out], cwd=project, check=True, capture_output=True)
    return time.monotonic() - started


def test_a_killed_build_leaves_the_old_set_or_the_new_one(project: Path) -> None:
    _build(project, "maps")
    old = snapshot(project / "maps")
    (project / "maps" / "mine.html").write_text("a map of my own\n", encoding="utf-8")
    old_with_mine = snapshot(project / "maps")
    keep = project / "old-maps"
    shutil.copytree(project / "maps", keep)
    # New data: one claim's note changes, so every output of the new set differs from the old one somewhere.
    claims = project / "data/claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("No destination is stated.", "No destination."))
    duration = _build(project, "new-maps")
    new = snapshot(project / "new-maps")
    assert new != old
    new_with_mine = {**new, "mine.html": old_with_mine["mine.html"]}
    seen = set()
    for fraction in (0.2, 0.5, 0.75, 0.9, 1.0):
        shutil.rmtree(project / "maps")
        shutil.copytree(keep, project / "maps")
        run = subprocess.Popen(
            [*GEO, "build", "--out", "maps"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
        now = snapshot(project / "maps")
        assert now in (old_with_mine, new_with_mine), f"killed at {fraction:.0%} of a build: a mixed set"
        seen.add("new" if now == new_with_mine else "old")
    assert "old" in seen  # the kills did land during builds
    building, replaced = staging_prefixes(project / "maps")
    # The next build removes what the killed ones left, and git ignores those names meanwhile.
    _build(project, "maps")
    assert snapshot(project / "maps") == new_with_mine
    assert not [p.name for p in project.iterdir() if p.name.startswith((building, replaced))]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", f"{building}x/", f"{replaced}x/", ".maps.lock", ".data.lock"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == [f"{building}x/", f"{replaced}x/", ".maps.lock", ".data.lock"]
