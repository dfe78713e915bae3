"""Progress bars for long work, on a terminal only: logs and pipes get no bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

PROGRESS_MIN_BYTES = 5_000_000
"""Files at least this large (5 MB, about 14,000 claims) show a progress bar while they are read."""


def on_terminal() -> bool:
    """Whether standard error is a terminal (not a pipe, a file or a CI log)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def progress_bar(path: Path | None) -> Iterator[Callable[[int], None] | None]:
    """A progress bar for reading ``path``, as a callback taking the bytes read so far; None when not shown.

    The bar (`tqdm <https://tqdm.github.io>`_, on standard error, erased when done) is shown only when
    standard error is a terminal and the file holds at least :data:`PROGRESS_MIN_BYTES`.
    """
    try:
        size = path.stat().st_size if path is not None else 0
    except OSError:
        size = 0
    if size < PROGRESS_MIN_BYTES or not on_terminal():
        yield None
        return
    from tqdm import tqdm

    from geo._paths import display_path

    with tqdm(
        total=size,
        desc=f"reading {display_path(path)}",
        unit="B",
        unit_scale=True,
        unit_divisor=1000,
        file=sys.stderr,
        leave=False,
        mininterval=0.25,
        dynamic_ncols=True,
    ) as bar:

        def advance(done: int) -> None:
            bar.update(done - bar.n)

        yield advance
