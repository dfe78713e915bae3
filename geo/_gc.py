"""Pause Python's cycle collector around work that allocates millions of objects.

The collector runs after every few hundred new container objects and, as the
heap grows, walks more and more of it: building a map of 10^5 claims or
matching a 10 MB text spends a quarter of its time there. The objects made by
that work are freed by reference counting; any cycles among them (folium's
elements know their parents) are collected when the collector resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cycle collector inside the block, and restore its previous state after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
