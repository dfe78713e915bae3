"""Fuzzing the data files: ``geo validate`` passes or lists problems by file and line, never a traceback.

Each example starts from a real data file and applies a few random edits: cells replaced by random
Unicode, quotes, delimiters and line breaks; columns dropped, duplicated or unknown; rows dropped,
duplicated or cut short; and raw characters (quotes, commas, line breaks, a byte-order mark) put
anywhere in the text. Hypothesis runs derandomised with a bounded number of examples, so the test is
deterministic and takes about half a minute.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo._csv import read_table
from geo.cli import cli
from geo.schema import (
    CLAIMS,
    CLAIMS_FILE,
    DISTANCES,
    DISTANCES_FILE,
    LIST_SEPARATOR,
    PLACES,
    PLACES_FILE,
    SOURCES,
    SOURCES_FILE,
    Column,
)
from tests.conftest import DATA, SEEDS

TABLES: dict[str, tuple[tuple[Column, ...], str]] = {
    SOURCES_FILE: (SOURCES, "source_id"),
    PLACES_FILE: (PLACES, "place_id"),
    CLAIMS_FILE: (CLAIMS, "claim_id"),
    DISTANCES_FILE: (DISTANCES, "quote"),
}

EXAMPLES = int(os.environ.get("GEO_FUZZ_EXAMPLES", "60"))
"""Examples per data file: enough to reach each kind of edit, few enough for ``make test``
(``GEO_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py`` for a longer hunt)."""

CELLS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(
        [
            *('"', '""', ",", "\n", "\r\n", "\r", ";", " ; ", "\t", "=1+1", "0001-01-01", "9999-12-31", "2024-02-30"),
            *("nan", "inf", "-1e400", "1e308", "-0", "true", "TRUE", "", " ", "s000", "c000-01", "hmeimim_air_base"),
        ]
    ),
)

EDITS = ("cell", "cell", "cell", "drop_column", "duplicate_column", "unknown_column", "drop_row", "copy_row", "cut_row")

PROBLEM = re.compile(r"^error: (?P<file>\S*?(?:data/[\w./-]+\.csv|seeds/\S+?))(?::(?P<line>\d+))?: ")

WHOLE_FILE = ("the file is empty.", "has a header but no records.")
"""Problems about a file as a whole, which have no line to name."""


@st.composite
def edited_table(draw: st.DrawFn, name: str) -> str:
    """The text of data file ``name`` after a few random edits."""
    rows = list(csv.reader(io.StringIO((DATA / name).read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    for edit in draw(st.lists(st.sampled_from(EDITS), max_size=4)):
        column = draw(st.integers(0, len(header) - 1)) if header else 0
        row = draw(st.integers(0, len(body) - 1)) if body else 0
        if edit == "cell" and body and len(body[row]) > column:
            body[row][column] = draw(CELLS)
        elif edit == "drop_column" and header:
            del header[column]
            for cells in body:
                del cells[column : column + 1]
        elif edit == "duplicate_column" and header:
            header.append(header[column])
            for cells in body:
                cells.append(draw(CELLS))
        elif edit == "unknown_column":
            header.append(draw(CELLS))
            for cells in body:
                cells.append("")
        elif edit == "drop_row" and body:
            del body[row]
        elif edit == "copy_row" and body:
            body.append(list(body[row]))
        elif edit == "cut_row" and body:
            body[row] = body[row][: draw(st.integers(0, len(body[row])))]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *body])
    text = buffer.getvalue()
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', ",", "\n", "\r", '""', "\ufeff", ";"])) + text[at:]
    return text


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the data and seeds for the module: each example rewrites one file and puts it back."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(SEEDS, root / "seeds")
    return root


def _cell(value: object, column: Column) -> str:
    """A typed value written back the way the data files spell it."""
    if column.type == "list":
        return f"{LIST_SEPARATOR} ".join(value)
    if column.type == "bool":
        return "true" if value else "false"
    if column.type == "date":
        return "" if pd.isna(value) else value.date().isoformat()
    if column.type == "float":
        return "" if math.isnan(value) else repr(value)
    return str(value)


def _round_trip(path: Path, columns: tuple[Column, ...], id_column: str) -> None:
    """Read ``path``, write the table back, read it again: the same table."""
    first = read_table(path, columns, id_column, allow_empty=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow([c.name for c in columns])
    for record in first.itertuples(index=False):
        writer.writerow([_cell(value, c) for value, c in zip(record, columns, strict=True)])
    again_path = path.with_name("round-trip.csv")
    again_path.write_text(buffer.getvalue(), encoding="utf-8")
    again = read_table(again_path, columns, id_column, allow_empty=True)
    again_path.unlink()
    pd.testing.assert_frame_equal(first, again)


@pytest.mark.parametrize("name", list(TABLES))
def test_validate_passes_or_names_file_and_line(copy: Path, name: str) -> None:
    path = copy / "data" / name
    original = path.read_bytes()

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(text=edited_table(name))
    def check(text: str) -> None:
        path.write_text(text, encoding="utf-8", newline="")
        try:
            result = CliRunner().invoke(cli, ["--data", str(copy / "data"), "--seeds", str(copy / "seeds"), "validate"])
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            if result.exit_code == 0:
                _round_trip(path, *TABLES[name])
                return
            assert result.exit_code == 1, result.output
            *errors, count = result.stderr.splitlines()
            assert re.fullmatch(r"\d+ problems? found\.", count), result.stderr
            assert errors, result.stderr
            for error in errors:
                found = PROBLEM.match(error)
                assert found, error
                if found["line"] is None:
                    assert error.endswith(WHOLE_FILE) or "is a folder" in error, error
        finally:
            path.write_bytes(original)

    check()
