"""Replacing a whole folder at once: build beside it, then exchange the two names."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` in one step (Linux ``renameat2``); return False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def staging_prefixes(folder: Path) -> tuple[str, str]:
    """The name prefixes of ``folder``'s temporary siblings: the set being built, and a set being replaced."""
    return f".{folder.name}.building-", f".{folder.name}.old-"


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary siblings killed runs left beside ``folder``; restore it if a swap was cut short.

    Call it only under ``folder``'s lock: a running build's own sibling would look like a leftover.
    """
    building, old = staging_prefixes(folder)
    siblings = sorted(p for p in folder.parent.iterdir() if p.name.startswith((building, old)) and p.is_dir())
    for sibling in siblings:
        if sibling.name.startswith(old) and not folder.exists():
            # Killed between the two renames of the fallback swap: the old set is the complete one.
            os.rename(sibling, folder)
            continue
        shutil.rmtree(sibling, ignore_errors=True)


def new_staging(folder: Path) -> Path:
    """A fresh, empty temporary sibling of ``folder`` to build the new set in."""
    staging = Path(tempfile.mkdtemp(prefix=staging_prefixes(folder)[0], dir=folder.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)  # mkdtemp's 0700 would become the output folder's mode
    return staging


def swap_into_place(staging: Path, folder: Path) -> None:
    """Make ``staging`` be ``folder``, so readers see the old set or the new one, never a mix; drop the old set."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    if not _exchange(staging, folder):
        old = Path(tempfile.mkdtemp(prefix=staging_prefixes(folder)[1], dir=folder.parent))
        os.rmdir(old)
        os.rename(folder, old)
        os.rename(staging, folder)
        staging = old
    with contextlib.suppress(OSError):
        shutil.rmtree(staging)
