"""Sources: one record per article, with its publication date and the basis for it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo._csv import read_table
from geo.schema import SOURCES


def read_sources(path: Path) -> pd.DataFrame:
    """Read and type-check ``data/sources.csv``.

    Parameters
    ----------
    path
        The CSV file; its columns are :data:`geo.schema.SOURCES`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``source_id``; ``published`` is a ``Timestamp``.
    """
    return read_table(path, SOURCES, "source_id").set_index("source_id", drop=False).rename_axis(None)
