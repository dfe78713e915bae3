"""Turn typed tables into plain JSON-ready records."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from geo.schema import Column

if TYPE_CHECKING:
    import pandas as pd


def plain(value: Any) -> Any:
    """Return ``value`` as a JSON-ready Python value (dates as ISO text, NaN as None)."""
    import pandas as pd  # here, not at the top: the command line imports this module, and geo extract needs no pandas

    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(
    frame: pd.DataFrame, columns: tuple[Column, ...], renames: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Return one dict per row with the schema's columns, in schema order.

    Parameters
    ----------
    frame
        A table with at least ``columns``.
    columns
        The schema to follow.
    renames
        Output names for some columns (``{"coord_source": "source"}``).
    """
    renames = renames or {}
    names = [c.name for c in columns]
    keys = [renames.get(name, name) for name in names]
    values = [_plain_column(frame[name].tolist()) for name in names]
    return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]


def _plain_column(values: list[Any]) -> list[Any]:
    """:func:`plain` of every value, computed once per distinct value (dates and vocabularies repeat)."""
    done: dict[tuple[type, Any], Any] = {}
    out = []
    for value in values:
        try:
            key = (type(value), value)  # the type too: True == 1, but plain(True) is not plain(1)
            out.append(done[key] if key in done else done.setdefault(key, plain(value)))
        except TypeError:  # unhashable: a list
            out.append(plain(value))
    return out
