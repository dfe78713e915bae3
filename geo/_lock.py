"""One writer at a time: an exclusive lock file beside the folder a command writes into."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from geo._errors import GeoError
from geo._paths import display_path

LOCK_TIMEOUT_S = 300.0
"""How long a writer waits for another one to finish before it gives up with a message."""


def lock_path(folder: Path) -> Path:
    """The lock file of ``folder``: ``.<name>.lock`` beside it (``data/`` → ``.data.lock``)."""
    folder = Path(folder).absolute()
    return folder.with_name(f".{folder.name}.lock")


@contextmanager
def writing(folder: Path, *, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the exclusive lock of ``folder`` while the block writes into it.

    The lock is an operating-system lock (``flock``) taken through ``filelock``,
    so it is released when the process ends, even by SIGKILL: a killed writer
    never leaves a stale lock behind.

    Raises
    ------
    GeoError
        When the folder's parent does not exist, or another writer holds the
        lock for longer than ``timeout`` seconds.
    """
    path = lock_path(folder)
    if not path.parent.is_dir():
        raise GeoError(f"{display_path(path.parent)} is not a folder: check the --data, --seeds or --out option.")
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise GeoError(
            f"another geo command has been writing into {display_path(Path(folder))} for {timeout:.0f} s "
            f"(it holds {display_path(path)}): wait for it to finish, then run this again."
        ) from None
    try:
        yield
    finally:
        lock.release()
