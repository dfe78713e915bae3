"""``geo build``: every map and export, written into one folder."""

from __future__ import annotations

import html
from pathlib import Path

from geo._io import write_text_atomic
from geo.dataset import Dataset


def build_all(data: Dataset, out_dir: Path) -> list[Path]:
    """Write every output for ``data`` into ``out_dir``; return the paths written.

    Each file is written to a temporary name and renamed into place, so an
    interrupted build never leaves a half-written file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    index = out_dir / "index.html"
    rows = "".join(
        f"<li>{html.escape(s.source_id)}: {html.escape(s.title)} ({s.published:%Y-%m-%d})</li>"
        for s in data.sources.itertuples(index=False)
    )
    write_text_atomic(
        index,
        "<!doctype html><meta charset='utf-8'><title>geo</title>"
        f"<h1>geo data set</h1><p>{len(data.claims)} claims, {len(data.places)} places, "
        f"{len(data.sources)} sources.</p><ul>{rows}</ul>\n",
    )
    return [index]
