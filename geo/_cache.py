"""A checked on-disk cache for objects that are slow to build (the compiled place matcher).

Each entry is one file in :func:`cache_dir`: a header line
``geo-cache <format> <key> <sha256 of payload> <payload length>`` followed by the
pickled payload. :func:`load` returns the payload only when every field of the
header matches what the caller expects and the payload's checksum is right, so a
truncated, corrupted, stale or foreign file is never unpickled; :func:`store`
writes atomically (:mod:`geo._io`), so a reader never sees half a file.

The checksum guards against damage, not against someone who can write into the
user's own cache folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from geo._io import write_bytes_atomic

CACHE_ENV = "GEO_CACHE_DIR"
"""Environment variable naming the cache folder (the tests point it at a temporary one)."""

_MAGIC = b"geo-cache"


def cache_dir() -> Path:
    """The cache folder: ``$GEO_CACHE_DIR``, else ``$XDG_CACHE_HOME/geo``, else ``~/.cache/geo``."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo"


def cache_key(*parts: bytes | str) -> str:
    """The sha256, in hex, of ``parts`` (each length-prefixed, so no two lists of parts collide)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def entry_path(name: str, key: str) -> Path:
    """The file of the entry ``name`` under ``key`` (entries of other keys sit beside it)."""
    return cache_dir() / f"{name}-{key[:20]}.bin"


def load(name: str, key: str, format_version: int) -> Any | None:
    """The payload stored under ``name`` and ``key``, or None when there is none or it cannot be trusted."""
    try:
        data = entry_path(name, key).read_bytes()
    except OSError:
        return None
    header, newline, payload = data.partition(b"\n")
    fields = header.split(b" ")
    if not newline or len(fields) != 5 or fields[0] != _MAGIC:
        return None
    expected = [str(format_version).encode(), key.encode(), hashlib.sha256(payload).hexdigest().encode()]
    if fields[1:4] != expected or fields[4] != str(len(payload)).encode():
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a checksummed payload that still fails to load is rebuilt, whatever the error
        return None


def store(name: str, key: str, format_version: int, value: Any) -> Path | None:
    """Pickle ``value`` under ``name`` and ``key``; the path written, or None if the folder is not writable.

    A cache that cannot be written only costs time on the next run, so that is not an error.
    """
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(payload).hexdigest()
    header = f"{_MAGIC.decode()} {format_version} {key} {digest} {len(payload)}\n".encode()
    path = entry_path(name, key)
    try:
        write_bytes_atomic(path, header + payload)
    except OSError:
        return None
    return path
