"""The progress bar of long validations: on a terminal only, never in a pipe or a CI log."""

from __future__ import annotations

import csv
import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from bench.bench_validate import grow_claims
from geo._progress import PROGRESS_MIN_BYTES
from tests.conftest import DATA, SEEDS

GEO = str(Path(sys.executable).with_name("geo"))
PLACES = sum(1 for _ in csv.DictReader((DATA / "gazetteer.csv").open(encoding="utf-8", newline="")))
"""The real gazetteer's size, so the expected summary follows the data."""


@pytest.fixture(scope="module")
def large_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data with a claims file just over :data:`PROGRESS_MIN_BYTES`, every claim valid."""
    root = tmp_path_factory.mktemp("large")
    shutil.copytree(DATA, root / "data", ignore=shutil.ignore_patterns("review"))
    shutil.copytree(SEEDS, root / "seeds")
    grow_claims(DATA / "claims.csv", root / "data" / "claims.csv", PROGRESS_MIN_BYTES * 1.1 / 1e6)
    return root


def _on_a_terminal(command: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``command`` with a real pseudo-terminal as stdin, stdout and stderr; return its exit code and output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    output = bytearray()
    while True:  # read while it runs: a full terminal buffer would stall it
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=120), output.decode("utf-8", "replace")


def test_a_large_file_shows_a_progress_bar_on_a_terminal(large_project: Path) -> None:
    code, output = _on_a_terminal([GEO, "validate"], large_project)
    assert code == 0, output
    assert "reading data/claims.csv:" in output
    assert "%|" in output
    assert f"ok: 5 sources, {PLACES} places, " in output


def test_no_progress_bar_when_piped(large_project: Path) -> None:
    result = subprocess.run([GEO, "validate"], cwd=large_project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"ok: 5 sources, {PLACES} places, ")
    assert "reading" not in result.stdout


def test_a_small_file_shows_no_bar_on_a_terminal(project: Path) -> None:
    code, output = _on_a_terminal([GEO, "validate"], project)
    assert code == 0, output
    assert "reading" not in output
    assert output.startswith("ok: 5 sources, ")
