"""Read a CSV table against its schema, keeping line numbers for messages."""

from __future__ import annotations

import csv
import io
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pandas as pd
import pyarrow as pa

from geo._errors import DataError, Problem
from geo._gc import collector_paused
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


CHUNK_ROWS = 10_000
"""Records typed and checked together: large files are read in blocks of this many, so memory holds the
typed table and one block of raw cells, never the whole text or one Python dict per record."""


class LineNumbers(Mapping[str, int]):
    """Each record's id mapped to the line it starts on (``frame.attrs["lines"]``); the first, if repeated.

    Kept as two compact arrays, and made into a dict only when a message first looks a line up: a valid
    table of a million records never needs one. pandas deep-copies a frame's ``attrs`` on nearly every
    operation (a column, a row, a copy); this mapping is shared instead, as it is never changed.

    Parameters
    ----------
    ids
        The id of each record, in file order (empty for a record without one).
    lines
        The line each record starts on.
    """

    def __init__(self, ids: pa.ChunkedArray, lines: np.ndarray) -> None:
        self._ids = ids
        self._lines = lines
        self._index: dict[str, int] | None = None

    def _lookup(self) -> dict[str, int]:
        if self._index is None:
            index: dict[str, int] = {}
            for record_id, line in zip(self._ids.to_pylist(), self._lines.tolist(), strict=True):
                if record_id:
                    index.setdefault(record_id, line)
            self._index = index
        return self._index

    def __getitem__(self, record_id: str) -> int:
        return self._lookup()[record_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lookup())

    def __len__(self) -> int:
        return len(self._lookup())

    def __deepcopy__(self, memo: dict[int, Any]) -> LineNumbers:
        return self


class _Lines:
    """The lines of a UTF-8 file as the CSV reader splits them, read a block at a time.

    A file :func:`read_text` refuses (not a file, unreadable, not UTF-8, NUL bytes) raises that
    function's own :class:`DataError` wherever the fault lies, so messages are the same as for a file
    read whole; :meth:`text` reads the whole text only when a message needs to quote a line.
    """

    def __init__(self, path: Path, on_progress: Callable[[int], None] | None = None) -> None:
        self.path = path
        self.on_progress = on_progress
        self._text: str | None = None

    def text(self) -> str:
        """The whole text (read once, for messages about malformed records)."""
        if self._text is None:
            self._text = read_text(self.path)
        return self._text

    def _refuse(self) -> NoReturn:
        self.text()  # raises the message for what is wrong with the file
        raise DataError([Problem(display_path(self.path), "changed while it was read.", "run the command again.")])

    def __iter__(self) -> Iterator[str]:
        reason = not_a_file(self.path)
        if reason:
            raise DataError([Problem(display_path(self.path), *reason)])
        try:
            with self.path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as handle:
                for number, line in enumerate(handle, start=1):
                    if "\x00" in line:
                        self._refuse()
                    if self.on_progress is not None and not number % 4096:
                        self.on_progress(raw.tell())
                    yield line
        except (OSError, UnicodeDecodeError):
            self._refuse()


def _cell_rule(value: str, column: Column) -> tuple[Any, tuple[str, str] | None]:
    """Type one stripped cell of ``column``: its value, and what is wrong with it (message, fix) or None.

    The one place the cell rules live: :func:`read_table` applies it once per distinct value of a column.
    """
    if not value:
        problem = ("is empty.", f"give a value: {column.doc}") if column.required else None
        return _EMPTY.get(column.type), problem
    try:
        parsed = _parse_cell(value, column)
    except ValueError:
        return None, (f"'{value}' is not {_TYPE_HINT[column.type]}.", "correct the value.")
    if column.choices and value not in column.choices:
        return parsed, (
            f"'{value}' is not one of {', '.join(column.choices)}.",
            "use a value from the vocabulary (see docs/data-dictionary.md).",
        )
    return parsed, None


def _typed_column(
    column: Column, cells: Sequence[str], memo: dict[str, tuple[Any, tuple[str, str] | None]]
) -> tuple[list[Any], list[tuple[int, tuple[str, str]]]]:
    """The typed values of one column of a block of records, and (position, problem) for each bad cell.

    Plain text without a vocabulary is checked only for emptiness; every other column goes through
    :func:`_cell_rule` once per distinct value (``memo``), since dates, vocabularies and lists repeat.
    Equal cells share one value (one list object, for a list column): :func:`read_table` copies lists.
    """
    values = list(map(str.strip, cells))
    problems: list[tuple[int, tuple[str, str]]] = []
    if column.type == "str" and not column.choices:
        if column.required and "" in values:
            empty = _cell_rule("", column)[1]
            problems = [(i, empty) for i, value in enumerate(values) if not value]
        return values, problems
    distinct = set(values)
    for value in distinct - memo.keys():
        memo[value] = _cell_rule(value, column)
    bad = {value for value in distinct if memo[value][1] is not None}
    if bad:
        problems = [(i, memo[value][1]) for i, value in enumerate(values) if value in bad]
    parsed = {value: memo[value][0] for value in distinct}
    return list(map(parsed.__getitem__, values)), problems


def read_table(
    path: Path,
    columns: tuple[Column, ...],
    id_column: str,
    *,
    allow_empty: bool = False,
    progress: bool = True,
) -> pd.DataFrame:
    """Read ``path`` as a CSV table with ``columns``.

    The file is read as a stream, :data:`CHUNK_ROWS` records at a time, and typed column by column, so a
    table of hundreds of megabytes takes the memory of its typed columns, not of its text. A large file
    shows a progress bar on a terminal (:func:`geo._progress.progress`).

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
    progress
        Allow the progress bar (it appears only on a terminal, for a large file).

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
    from geo._progress import progress_bar

    name = display_path(path)
    # Paused: the collector would walk the growing heap of cells again and again; they hold no cycles.
    with collector_paused(), progress_bar(path if progress else None) as on_progress:
        return _read_table(path, name, columns, id_column, allow_empty, _Lines(path, on_progress))


def _read_table(
    path: Path, name: str, columns: tuple[Column, ...], id_column: str, allow_empty: bool, source: _Lines
) -> pd.DataFrame:
    lines_in = iter(source)
    leading: list[str] = []
    for line in lines_in:  # a file of white space only is empty
        leading.append(line)
        if line.strip():
            break
    else:
        raise DataError(
            [Problem(name, "the file is empty.", f"it needs a header row: {','.join(c.name for c in columns)}")]
        )
    reader = csv.reader(itertools.chain(leading, lines_in))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise DataError([_reader_problem(name, source.text(), 1, [], "", exc)]) from None
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
        for _ in lines_in:  # a fault further on (not UTF-8, NUL bytes) is named first, as for a file read whole
            pass
        raise DataError(problems)

    # Problems are sorted by (line, column) at the end: one record's come in schema order, then its duplicate id.
    ordered: list[tuple[int, int, Problem]] = []
    after_fields = len(columns)
    position = [header.index(c.name) for c in columns]
    id_position = header.index(id_column)
    memos: dict[str, dict[str, tuple[Any, tuple[str, str] | None]]] = {c.name: {} for c in columns}
    # Text goes into compact Arrow strings block by block; other columns hold references to shared values.
    typed_blocks: dict[str, list[Any]] = {c.name: [] for c in columns}
    id_blocks: list[pa.Array] = []
    line_blocks: list[np.ndarray] = []
    block: list[list[str]] = []
    block_lines: list[int] = []
    count = 0

    def type_block() -> None:
        """Type and check the records in ``block``, then let go of their raw cells."""
        by_column = list(zip(*block, strict=True))
        record_ids = list(map(str.strip, by_column[id_position]))
        for index, column in enumerate(columns):
            values, bad = _typed_column(column, by_column[position[index]], memos[column.name])
            for i, (message, fix) in bad:
                where = {"line": block_lines[i], "record": record_ids[i] or None, "field": column.name}
                ordered.append((block_lines[i], index, Problem(name, message, fix, **where)))
            typed_blocks[column.name].append(pd.Series(values, dtype="str") if column.type == "str" else values)
        id_blocks.append(pa.array(record_ids, type=pa.string()))
        line_blocks.append(np.array(block_lines, dtype=np.int64))
        block.clear()
        block_lines.clear()

    width = len(header)
    previous_end = reader.line_num
    while True:
        line = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The reader goes on with the next line, which may still be inside this record.
            ordered.append((line, -1, _reader_problem(name, source.text(), line, header, id_column, exc)))
            previous_end = reader.line_num
            continue
        previous_end = reader.line_num
        if not any(map(str.strip, cells)):
            continue
        if len(cells) != width:
            ordered.append((line, -1, _cell_count_problem(name, source.text(), cells, header, line, previous_end)))
            continue
        if max(map(len, cells)) > FIELD_LIMIT_CHARS:
            too_long = [h for h, cell in zip(header, cells, strict=True) if len(cell) > FIELD_LIMIT_CHARS]
            ordered.extend(
                (line, -1, _oversized_problem(name, source.text(), line, header, id_column=id_column, field=f))
                for f in too_long
            )
            continue
        block.append(cells)
        block_lines.append(line)
        count += 1
        if len(block) == CHUNK_ROWS:
            type_block()
    if block:
        type_block()
    ids = pa.chunked_array(id_blocks, type=pa.string())
    starts = np.concatenate(line_blocks) if line_blocks else np.array([], dtype=np.int64)
    ordered.extend(_duplicate_problems(name, id_column, ids, starts, after_fields))
    lines = LineNumbers(ids, starts)
    ordered.sort(key=lambda item: item[:2])
    problems = [problem for *_, problem in ordered]
    if not count and not problems and not allow_empty:
        problems.append(Problem(name, "has a header but no records.", "add at least one record."))
    if problems:
        raise DataError(problems)
    if not count:
        frame = pd.DataFrame.from_records([], columns=expected)
    else:
        frame = pd.DataFrame({c.name: _whole_column(c, typed_blocks[c.name]) for c in columns}, columns=expected)
    frame.attrs["file"] = name
    frame.attrs["lines"] = lines
    return frame


def _whole_column(column: Column, blocks: list[Any]) -> pd.Series:
    """One column from its blocks, each record with a list of its own in a list column."""
    if column.type == "str":
        return pd.concat(blocks, ignore_index=True)
    values = itertools.chain.from_iterable(blocks)
    return pd.Series(list(map(list, values)) if column.type == "list" else list(values))


def _duplicate_problems(
    name: str, id_column: str, ids: pa.ChunkedArray, lines: np.ndarray, order: int
) -> list[tuple[int, int, Problem]]:
    """A problem for every record whose id an earlier record has, naming the first one's line."""
    table = pd.DataFrame({"id": pd.Series(ids, dtype="str"), "line": lines})
    table = table[table["id"] != ""]
    repeated = table["id"].duplicated()
    if not repeated.any():
        return []
    first = table[~repeated].set_index("id")["line"]
    return [
        (
            line,
            order,
            Problem(
                name,
                f"duplicate {id_column} '{record_id}' (first on line {first[record_id]}).",
                "give every record its own id.",
                line=line,
                record=record_id,
                field=id_column,
            ),
        )
        for record_id, line in zip(table["id"][repeated].tolist(), table["line"][repeated].tolist(), strict=True)
    ]
