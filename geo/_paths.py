"""Paths as the messages show them, and what is wrong with a path that should be a file."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is below it.

    A path that cannot be resolved (a symbolic link loop, a folder that cannot
    be read) is shown as given: a message about it must not fail in turn.
    """
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop"
        return str(path)


def not_a_file(path: Path, *, missing_fix: str = "check the path or the --data option.") -> tuple[str, str] | None:
    """Say why ``path`` cannot be read as a file, with what to do, or return None when it can.

    Tells apart a missing file, a symbolic link that points nowhere or into a
    loop, and a folder, so each message names the real cause.
    """
    try:
        os.stat(path)
    except OSError as exc:
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            if exc.errno == errno.ELOOP:
                return f"is a symbolic link loop (-> {target}).", "point the link at the real file, or replace it."
            return f"is a symbolic link to {target}, which does not exist.", "point the link at the real file."
        return "file not found.", missing_fix
    if path.is_dir():
        return "is a folder, not a file.", "give the file itself (a folder cannot be read as a table or a text)."
    return None
