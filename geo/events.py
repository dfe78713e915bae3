"""Dated events that reports count from: "since the fall of Assad" starts on the event's day.

The table is data (``events.csv`` beside the gazetteer, columns :data:`geo.schema.EVENTS`),
so a new conflict brings its own events without code. :func:`event_dates` turns it into the
:class:`geo.time.EventDates` that :func:`geo.time.resolve` reads (rule ``since_event``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from geo._errors import DataError, Problem
from geo._paths import display_path
from geo.schema import EVENTS
from geo.time import EventDates

if TYPE_CHECKING:
    import pandas as pd


def read_events(path: Path) -> pd.DataFrame:
    """Read and check ``events.csv``: types by the schema, each ``source`` an http(s) URL, names unique.

    Raises
    ------
    geo._errors.DataError
        Naming the file, line, record and field of every problem.
    """
    from geo._csv import read_table  # pandas: only when the parser is built, not when it comes from the cache
    from geo.sources import URL_FIX, url_problem

    table = read_table(path, EVENTS, "event_id", allow_empty=True)
    name, lines = display_path(path), table.attrs.get("lines", {})
    problems = []
    seen: dict[str, str] = {}
    for row in table.itertuples(index=False):
        where = {"line": lines.get(row.event_id), "record": row.event_id}
        problem = url_problem(row.source)
        if problem:
            problems.append(Problem(name, problem + ".", URL_FIX + ".", field="source", **where))
        for spelling in (row.name, *row.aliases):
            key = " ".join(spelling.casefold().split())
            if seen.setdefault(key, row.event_id) != row.event_id:
                problems.append(
                    Problem(
                        name,
                        f"{spelling!r} also names event {seen[key]}.",
                        "one name can start only one interval: keep it on one event.",
                        field="aliases",
                        **where,
                    )
                )
    if problems:
        raise DataError(problems)
    return table


def event_dates(table: pd.DataFrame) -> EventDates:
    """The names and aliases of every event with its date, for :func:`geo.time.resolve`."""
    pairs = []
    for row in table.itertuples(index=False):
        day = row.date.date() if hasattr(row.date, "date") else row.date
        pairs += [(name, day) for name in (row.name, *row.aliases)]
    return EventDates(tuple(sorted(pairs)))
