"""Read a CSV table against its schema, keeping line numbers for messages."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from geo._errors import DataError, Problem
from geo._paths import display_path
from geo.schema import Column, split_list


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every failure into a :class:`DataError`."""
    name = display_path(path)
    if not path.exists():
        raise DataError([Problem(name, "file not found.", "check the path or the --data option.")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    name,
                    f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}).",
                    "save the file as UTF-8.",
                    line=line,
                )
            ]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError([Problem(name, "contains NUL bytes; it looks binary.", "give a text file.", line=line)])
    return text


def _parse_cell(value: str, column: Column) -> Any:
    """Parse one non-empty cell; raise ValueError with a readable reason."""
    if column.type == "str":
        return value
    if column.type == "list":
        return split_list(value)
    if column.type == "float":
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"'{value}' is not a finite number")
        return number
    if column.type == "int":
        return int(value)
    if column.type == "bool":
        lowered = value.lower()
        if lowered not in {"true", "false"}:
            raise ValueError(f"'{value}' is not true or false")
        return lowered == "true"
    if column.type == "date":
        return pd.Timestamp(date.fromisoformat(value))
    raise AssertionError(f"unknown column type {column.type}")


_EMPTY: dict[str, Any] = {"str": "", "list": [], "float": math.nan, "date": pd.NaT}

_TYPE_HINT = {
    "float": "a decimal number such as 35.4",
    "int": "a whole number",
    "bool": "true or false",
    "date": "an ISO date YYYY-MM-DD, or empty for an open end",
}


def read_table(path: Path, columns: tuple[Column, ...], id_column: str, *, allow_empty: bool = False) -> pd.DataFrame:
    """Read ``path`` as a CSV table with ``columns``.

    Parameters
    ----------
    path
        The CSV file (UTF-8, header row first).
    columns
        The schema of the table.
    id_column
        The column holding each record's unique id.
    allow_empty
        Accept a file with a header and no records.

    Returns
    -------
    pandas.DataFrame
        Typed columns in schema order. ``df.attrs["file"]`` holds the file name
        and ``df.attrs["lines"]`` maps each id to the line its record starts on.

    Raises
    ------
    DataError
        With every problem found: empty file, missing or unknown columns, cells
        that don't parse, missing required values, values outside a
        vocabulary, duplicate ids.
    """
    name = display_path(path)
    text = read_text(path)
    if not text.strip():
        raise DataError(
            [Problem(name, "the file is empty.", f"it needs a header row: {','.join(c.name for c in columns)}")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    expected = [c.name for c in columns]
    problems: list[Problem] = []
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected]
    for col in missing:
        problems.append(Problem(name, f"missing column '{col}'.", "add it to the header row.", line=1, field=col))
    for col in unknown:
        problems.append(
            Problem(
                name,
                f"unknown column '{col}'.",
                f"remove it or rename it; known columns are {', '.join(expected)}.",
                line=1,
                field=col,
            )
        )
    if problems:
        raise DataError(problems)

    records: list[dict[str, Any]] = []
    lines: dict[str, int] = {}
    previous_end = reader.line_num
    for cells in reader:
        line = previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    name,
                    f"has {len(cells)} cells, the header has {len(header)}.",
                    "quote cells that contain commas with double quotes.",
                    line=line,
                )
            )
            continue
        raw = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        record_id = raw.get(id_column) or None
        record: dict[str, Any] = {}
        for column in columns:
            value = raw[column.name]
            where = {"line": line, "record": record_id, "field": column.name}
            if not value:
                if column.required:
                    problems.append(Problem(name, "is empty.", f"give a value: {column.doc}", **where))
                record[column.name] = _EMPTY.get(column.type)
                continue
            try:
                record[column.name] = _parse_cell(value, column)
            except ValueError:
                problems.append(
                    Problem(name, f"'{value}' is not {_TYPE_HINT[column.type]}.", "correct the value.", **where)
                )
                continue
            if column.choices and value not in column.choices:
                problems.append(
                    Problem(
                        name,
                        f"'{value}' is not one of {', '.join(column.choices)}.",
                        "use a value from the vocabulary (see docs/data-dictionary.md).",
                        **where,
                    )
                )
        if record_id is not None:
            if record_id in lines:
                problems.append(
                    Problem(
                        name,
                        f"duplicate {id_column} '{record_id}' (first on line {lines[record_id]}).",
                        "give every record its own id.",
                        line=line,
                        record=record_id,
                        field=id_column,
                    )
                )
            else:
                lines[record_id] = line
        records.append(record)
    if not records and not problems and not allow_empty:
        problems.append(Problem(name, "has a header but no records.", "add at least one record."))
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame.from_records(records, columns=expected)
    frame.attrs["file"] = name
    frame.attrs["lines"] = lines
    return frame
