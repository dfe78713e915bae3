"""Shared fixtures: the real data, and editable copies of it for bad-input tests."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import geo

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"
DATA_OPTIONS = ["--data", str(DATA), "--seeds", str(SEEDS)]
"""Command-line options that point at the real data wherever the tests run from."""


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of the test session's own (``GEO_CACHE_DIR``), so no test reads the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GEO_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def dataset() -> geo.Dataset:
    """The real data set, loaded and validated once."""
    return geo.load(DATA, SEEDS)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/ and seeds/ in a temporary folder, which is the working directory."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


EditCell = Callable[[str, str, str, str], None]


@pytest.fixture
def edit_cell(project: Path) -> EditCell:
    """Return a function that sets one cell of a CSV in the copied data folder.

    Called as ``edit_cell("claims.csv", "c000-01", "start", "2024-12-20")``;
    the record is found by the value in its first column.
    """

    def edit(file: str, record_id: str, column: str, value: str) -> None:
        path = project / "data" / file
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        matches = [row for row in rows[1:] if row[0] == record_id]
        assert matches, f"{record_id} not in {file}"
        matches[0][header.index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    return edit


def line_of(path: Path, record_id: str) -> int:
    """Return the 1-based line on which ``record_id``'s record starts."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(record_id + ","):
            return number
    raise AssertionError(f"{record_id} not found in {path}")
