"""Read a CSV table against its schema, keeping line numbers for messages."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from geo._errors import DataError, Problem
from geo._paths import display_path, not_a_file
from geo.schema import Column, split_list

FIELD_LIMIT_CHARS = 1_048_576
"""The longest cell a data file may hold, in characters (1 MiB of text: far above any quote or note).

:func:`read_table` reports a longer cell as a problem naming its line, record and field;
Python's ``csv`` module, whose own limit is set to match, would otherwise stop at 131,072."""

csv.field_size_limit(FIELD_LIMIT_CHARS)


def csv_row(cells: Sequence[Any]) -> str:
    """One CSV line (ending in ``\\n``) that every reader splits back into ``cells``.

    Python's writer quotes a cell holding a line feed but not one holding a
    lone carriage return when the line ends in ``\\n``, and such a cell would
    split the record in two when read back; a row with one is quoted whole.
    """
    buffer = io.StringIO()
    carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in cells)
    quoting = csv.QUOTE_ALL if carriage_return else csv.QUOTE_MINIMAL
    csv.writer(buffer, lineterminator="\n", quoting=quoting).writerow(cells)
    return buffer.getvalue()


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every failure into a :class:`DataError`."""
    name = display_path(path)
    reason = not_a_file(path)
    if reason:
        raise DataError([Problem(name, *reason)])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([Problem(name, f"cannot be read ({exc.strerror}).", "check the file's permissions.")]) from None
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


def _cell_count_problem(name: str, text: str, cells: list[str], header: list[str], line: int, end: int) -> Problem:
    """A record with the wrong number of cells, naming an unbalanced double quote when there is one."""
    counts = f"has {len(cells)} cells (the header has {len(header)})"
    fix = 'close the quote; write a double quote inside a quoted cell as two ("").'
    if end > line and any("\n" in cell for cell in cells):
        return Problem(
            name,
            f"a double quote opened in this record is not closed on its line, so the record swallows the lines "
            f"after it up to line {end} and {counts}.",
            fix,
            line=line,
        )
    if _line_text(text, line).count('"') % 2:
        return Problem(name, f"{counts}: the line has an odd number of double quotes.", fix, line=line)
    return Problem(
        name,
        f"has {len(cells)} cells, the header has {len(header)}.",
        "quote cells that contain commas with double quotes.",
        line=line,
    )


def _line_start(text: str, line: int) -> int:
    """Offset of ``line`` in ``text``, counting lines as the CSV reader does (``\\n``, ``\\r\\n`` or ``\\r``)."""
    start = 0
    for number, physical in enumerate(io.StringIO(text, newline=""), start=1):
        if number == line:
            break
        start += len(physical)
    return start


def _line_text(text: str, line: int) -> str:
    start = _line_start(text, line)
    rest = next(iter(io.StringIO(text[start:], newline="")), "")
    return rest.rstrip("\r\n")


def _oversized_problem(
    name: str, text: str, line: int, header: list[str], *, id_column: str = "", field: str | None = None
) -> Problem:
    """A cell longer than :data:`FIELD_LIMIT_CHARS`, located by re-reading its record without the limit."""
    start = _line_start(text, line)
    previous = csv.field_size_limit(len(text) + 1)
    try:
        cells = next(csv.reader(io.StringIO(text[start:], newline="")), [])
    finally:
        csv.field_size_limit(previous)
    long_cells = [i for i, cell in enumerate(cells) if len(cell) > FIELD_LIMIT_CHARS]
    if field is None and long_cells and long_cells[0] < len(header):
        field = header[long_cells[0]]
    record = dict(zip(header, cells, strict=False)).get(id_column, "").strip() or None
    return Problem(
        name,
        f"a cell is longer than the limit of {FIELD_LIMIT_CHARS:,} characters.",
        "shorten it (quote only the words a claim rests on), or check for an unclosed double quote.",
        line=line,
        record=record,
        field=field,
    )


def _reader_problem(name: str, text: str, line: int, header: list[str], id_column: str, error: csv.Error) -> Problem:
    """What the CSV reader refused on ``line``."""
    if "field limit" in str(error):
        return _oversized_problem(name, text, line, header, id_column=id_column)
    return Problem(name, f"cannot be read as CSV ({error}).", "check the quoting of this line.", line=line)


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
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise DataError([_reader_problem(name, text, 1, [], "", exc)]) from None
    expected = [c.name for c in columns]
    problems: list[Problem] = []
    for col in sorted({h for h in header if header.count(h) > 1}, key=header.index):
        positions = [str(i) for i, h in enumerate(header, start=1) if h == col]
        problems.append(
            Problem(
                name,
                f"column '{col}' appears {len(positions)} times in the header (columns {', '.join(positions)}).",
                "keep one of them: which one holds the data cannot be guessed.",
                line=1,
                field=col,
            )
        )
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
    while True:
        line = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The reader goes on with the next line, which may still be inside this record.
            problems.append(_reader_problem(name, text, line, header, id_column, exc))
            previous_end = reader.line_num
            continue
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(_cell_count_problem(name, text, cells, header, line, previous_end))
            continue
        too_long = [h for h, cell in zip(header, cells, strict=True) if len(cell) > FIELD_LIMIT_CHARS]
        if too_long:
            problems.extend(
                _oversized_problem(name, text, line, header, id_column=id_column, field=f) for f in too_long
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
