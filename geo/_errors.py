"""Error types: every problem names its file, line or record, field, and the fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Parameters
    ----------
    file
        The file the problem is in, as the user would type it.
    message
        What is wrong.
    fix
        What to do about it.
    line
        1-based line number where the record starts, if known.
    record
        The record's id (``claim_id``, ``place_id`` …), if known.
    field
        The column the problem is in, if any.
    """

    file: str
    message: str
    fix: str = ""
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        details = []
        if self.record:
            details.append(self.record)
        if self.field:
            details.append(f"field '{self.field}'")
        head = f"{where}: " + (f"[{', '.join(details)}] " if details else "")
        text = head + self.message
        if self.fix:
            text += f" Fix: {self.fix}"
        # Values quoted from the data may hold line breaks or control characters: one problem stays one clean line.
        return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class GeoError(Exception):
    """Base class for errors the command line turns into clean messages."""


class DataError(GeoError):
    """Input data is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class AssetsMissingError(GeoError):
    """Offline assets installed by the set-up (npm packages) are not there."""
