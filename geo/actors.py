"""The parties the reporting names (``data/actors.csv``), as extraction reads them.

Each actor has a name, aliases and a country; the ``tracked`` ones are the
subject of the data set. :class:`Actors` finds, for every sentence of a text in
one pass, which actors it names (:mod:`geo._cues`), and :meth:`Actors.acting`
says whom a sentence's claims are about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo._cues import CueScanner
from geo.schema import ACTORS

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Actor:
    """One record of the actors table."""

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    tracked: bool

    def is_named(self, *spellings: str) -> bool:
        """Whether one of ``spellings`` is a name of this actor (a place that stands for it: "Moscow")."""
        names = {name.casefold() for name in (self.name, *self.aliases)}
        return any(spelling.casefold() in names for spelling in spellings)


def read_actors(path: Path) -> pd.DataFrame:
    """Read and type-check the actors table (columns :data:`geo.schema.ACTORS`).

    Raises
    ------
    geo._errors.DataError
        Naming the file, line, record and field of every problem.
    """
    from geo._csv import read_table  # pandas: only when the parser is built, not when it comes from the cache

    return read_table(path, ACTORS, "actor_id", allow_empty=True)


def _as_written(alias: str) -> bool:
    """Whether an alias matches only as written: one in capitals only, an acronym ("HTS", "US")."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_EXACT = "\x00exact"  # suffix of the class holding an actor's acronyms, matched as written


class Actors:
    """The actors of a data set and the words that name them.

    Parameters
    ----------
    actors
        The records, in the table's order (the order breaks ties: see :meth:`acting`).
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.actors: tuple[Actor, ...] = tuple(actors)
        table: dict[str, list[str]] = {}
        exact = []
        for actor in self.actors:
            names = sorted({actor.name, *actor.aliases})
            if loose := [n for n in names if not _as_written(n)]:
                table[actor.actor_id] = loose
            if strict := [n for n in names if _as_written(n)]:
                table[actor.actor_id + _EXACT] = strict
                exact.append(actor.actor_id + _EXACT)
        self._scanner = CueScanner(table, case_sensitive=exact)
        by_id = {actor.actor_id: actor for actor in self.actors}
        self._order = {actor.actor_id: index for index, actor in enumerate(self.actors)}
        self._class_actor = [by_id[name.removesuffix(_EXACT)] for name in self._scanner.bits]
        self._tracked = sum(bit for name, bit in self._scanner.bits.items() if by_id[name.removesuffix(_EXACT)].tracked)
        self._names = frozenset(n.casefold() for actor in self.actors for n in (actor.name, *actor.aliases))

    def any_named(self, *spellings: str) -> bool:
        """Whether any spelling is a name or alias of some actor of the table (case-insensitive)."""
        return any(spelling.casefold() in self._names for spelling in spellings)

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> Actors:
        """The actors of a table from :func:`read_actors`."""
        return cls(
            Actor(r.actor_id, r.name, tuple(r.aliases), r.kind, r.country, bool(r.tracked))
            for r in table.itertuples(index=False)
        )

    def scan(self, text: str, spans: list[tuple[int, int]], *, form: str | None = None) -> Sequence[int]:
        """For each sentence span of ``text``, a mask of the actors it names (read it with :meth:`acting`).

        ``form`` is the text's boundary form, if the caller has it (:meth:`geo._cues.CueScanner.scan`).
        """
        return self._scanner.scan(text, spans, form=form)

    def acting(self, mask: int) -> Actor | None:
        """The tracked actor a sentence with this mask names (the first in the table's order), if any."""
        named = [actor for index, actor in enumerate(self._class_actor) if mask >> index & 1 and actor.tracked]
        return min(named, key=lambda actor: self._order[actor.actor_id]) if named else None

    def names_others(self, mask: int) -> bool:
        """Whether a sentence with this mask names an actor that is not tracked."""
        return bool(mask & ~self._tracked)
