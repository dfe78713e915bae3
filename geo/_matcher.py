"""Find many place-name aliases in text in one linear pass.

:class:`AliasMatcher` compiles every alias into one Aho-Corasick automaton
(``pyahocorasick``) and reports leftmost-longest, non-overlapping, whole-word
matches with offsets into the original text.

How it stays fast: the automaton does not search the text itself but its
*boundary form*, a same-length copy in which every letter or digit is
lower-cased and every other character is a space, padded with one space on
each side. Each alias is stored as ``" " + boundary form + " "``, so the
automaton can only report matches that start and end on a word boundary and
nothing inside a word ever reaches Python. Building the boundary form is one
table look-up per character (``bytes.translate`` for ASCII text, a NumPy
look-up otherwise). Aliases that contain a non-alphanumeric character
("Al-Qamishli", "T4 military airport") collide in that form with spellings
that differ in punctuation, so their matches are confirmed against the
normalised text before they are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick
import numpy as np

__all__ = ["AliasMatcher", "Match"]

APOSTROPHES = "\u2019"
"""Characters read as the straight apostrophe ``'``."""

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""Characters read as the hyphen-minus ``-``: hyphen, non-breaking hyphen, figure, en and em dash, bar, minus."""

PROCLITICS = "\u0648\u0628\u0644\u0641\u0643"
"""Arabic one-letter proclitics allowed directly before an Arabic-script alias: و ب ل ف ك."""

# Final sigma is the one lower-case letter whose spelling depends on its
# neighbours (str.lower() chooses it by context); folding it into σ makes the
# normalisation a per-character function, which the boundary table needs.
_PUNCTUATION = str.maketrans({"\u03c2": "\u03c3"} | dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, "-"))

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

_SPACE = 0x20

# Boundary form of ASCII text: lower-case letters and digits, a space for the rest.
_ASCII_TABLE = bytes(ord(chr(i).lower()) if chr(i).isalnum() else _SPACE for i in range(256))

# The order in which trie children are created, most frequent first: pyahocorasick
# finds a child by a linear scan of its node's children in creation order, so the
# node after a word boundary (hundreds of first letters in a world gazetteer)
# costs a few comparisons per word instead of a hundred.
_FREQUENT = " etaoinshrdlcumwfgypbvkjxqz0123456789\u0627\u0644\u064a\u0645\u0646\u0648\u0647\u0631\u062a\u0628\u0643"
_RANK = str.maketrans({c: chr(1 + i) for i, c in enumerate(_FREQUENT)})


@dataclass(frozen=True, slots=True)
class Match:
    """One alias found in a text.

    Attributes
    ----------
    start
        Offset of the first character in the original text (a ``str`` index).
    end
        Offset just past the last character (exclusive).
    surface
        The matched text as written, ``text[start:end]``.
    key
        Index, in the list given to :class:`AliasMatcher`, of the first alias
        with this normalised spelling; :meth:`AliasMatcher.keys` gives all of them.
    """

    start: int
    end: int
    surface: str
    key: int


def fold_char(char: str) -> str:
    """Return the case-folded form of one character, always one character long.

    Parameters
    ----------
    char
        A single character.

    Returns
    -------
    str
        ``char.lower()``, cut to its first character when lower-casing would
        lengthen it ('İ' lowers to 'i' plus a combining dot), with final sigma
        read as σ.
    """
    low = char.lower()
    if len(low) != 1:
        low = low[0]
    return "\u03c3" if low == "\u03c2" else low


def normalise(text: str) -> str:
    """Return ``text`` lower-cased, with apostrophes and dashes unified, at the same length.

    Parameters
    ----------
    text
        Any text.

    Returns
    -------
    str
        A string of the same length as ``text`` in which index ``i`` comes
        from ``text[i]``: each character folded by :func:`fold_char`, the
        characters of :data:`APOSTROPHES` replaced by ``'`` and those of
        :data:`DASHES` by ``-``. Nothing else changes.
    """
    low = text.lower()
    if len(low) != len(text):
        # Only a few characters lengthen when lowered ('İ'), so the slow
        # per-character path runs only for the texts that contain one.
        low = "".join(map(fold_char, text))
    return low.translate(_PUNCTUATION)


def _mask(normalised: str) -> str:
    """Replace every character of a normalised string that is not a letter or digit by a space."""
    return "".join(c if c.isalnum() else " " for c in normalised)


@cache
def _bmp_table() -> np.ndarray:
    """Boundary-form table for the Basic Multilingual Plane, indexed by UTF-16 code unit."""
    table = np.full(0x10000, _SPACE, dtype=np.uint16)
    for code in range(0x10000):
        char = chr(code)
        if char.isalnum():
            # Every BMP letter or digit folds to a BMP character (a test checks
            # it), so one code unit in gives one code unit out.
            table[code] = ord(fold_char(char))
    return table


@cache
def _astral_code(code: int) -> int:
    """Boundary-form code point of one character outside the BMP."""
    char = chr(code)
    return ord(fold_char(char)) if char.isalnum() else _SPACE


def boundary_form(text: str) -> str:
    """Return the padded boundary form that the automaton searches.

    Parameters
    ----------
    text
        The original text.

    Returns
    -------
    str
        ``" " + mapped + " "`` where ``mapped[i]`` is ``fold_char(text[i])``
        if ``text[i].isalnum()`` and a space otherwise; ``len(text) + 2``
        characters, so index ``i + 1`` of the result comes from ``text[i]``.
    """
    if text.isascii():
        return (b" " + text.encode("ascii").translate(_ASCII_TABLE) + b" ").decode("ascii")
    encoded = text.encode("utf-16-le", "surrogatepass")
    if len(encoded) == 2 * len(text):
        units = np.frombuffer(encoded, dtype=np.uint16)
        out = np.empty(len(units) + 2, dtype=np.uint16)
        out[0] = out[-1] = _SPACE
        np.take(_bmp_table(), units, out=out[1:-1])
        return out.tobytes().decode("utf-16-le", "surrogatepass")
    # Characters beyond the BMP take two UTF-16 units; work on code points.
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out32 = np.empty(len(codes) + 2, dtype=np.uint32)
    out32[0] = out32[-1] = _SPACE
    body = out32[1:-1]
    body[:] = _bmp_table()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    body[astral] = [_astral_code(int(code)) for code in codes[astral]]
    return out32.tobytes().decode("utf-32-le", "surrogatepass")


def _is_arabic(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _ARABIC_BLOCKS)


def _leftmost_longest(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep the leftmost, then longest, candidates that do not overlap an earlier kept one."""
    candidates.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, int]] = []
    reach = 0
    for candidate in candidates:
        if candidate[0] >= reach:
            kept.append(candidate)
            reach = candidate[1]
    return kept


# What the automaton stores for each padded key: (shift, key, None) when the key
# can only come from one alias spelled with letters and digits (the match then
# starts at end_index - shift), or (shift, -1, surfaces) when the match must be
# confirmed: surfaces maps each normalised spelling that shares this boundary
# form to (offset past a proclitic, key), and the span starts at end_index - shift.
_Value = tuple[int, int, dict[str, tuple[int, int]] | None]


class AliasMatcher:
    """Find whole-word, case-insensitive occurrences of many aliases in one pass.

    Parameters
    ----------
    aliases
        The aliases; ``Match.key`` and :meth:`alias` refer to positions in this
        sequence. Aliases equal after normalisation (case, apostrophes,
        dashes; see :func:`normalise`) share one entry, reported under the
        first of their indices. Empty aliases never match.

    Notes
    -----
    A match is kept when the character before it and the character after it
    are not letters or digits (``str.isalnum``) or are the text's edges, so
    "Tartus" is found in "Tartus'", "Tartus's" and "(Tartus)" but not in
    "Tartusville". An Arabic-script alias may also follow one proclitic letter
    (:data:`PROCLITICS`) that itself starts a word: "وحميميم" contains
    "حميميم", and the match starts after the proclitic. Overlapping matches
    are resolved leftmost first, then longest. The work is linear in the
    length of the text plus the number of whole-word candidates.

    Examples
    --------
    >>> matcher = AliasMatcher(["Qamishli", "Al-Qamishli", "T4"])
    >>> [(m.surface, m.key) for m in matcher.find("From al‑Qamishli to T4's runway")]
    [('al‑Qamishli', 1), ('T4', 2)]
    """

    def __init__(self, aliases: Sequence[str]) -> None:
        self._aliases: tuple[str, ...] = tuple(aliases)
        groups: dict[str, list[int]] = {}
        for index, alias in enumerate(self._aliases):
            groups.setdefault(normalise(alias), []).append(index)
        groups.pop("", None)
        self._groups: dict[int, tuple[int, ...]] = {}
        for members in groups.values():
            shared = tuple(members)
            for index in shared:
                self._groups[index] = shared
        self._size = len(groups)

        # Padded boundary form -> {normalised spelling: (offset past a proclitic, key)}.
        entries: dict[str, dict[str, tuple[int, int]]] = {}
        for spelling, members in groups.items():
            key = members[0]
            masked = _mask(spelling)
            variants = [(masked, spelling, 0)]
            if _is_arabic(spelling[0]):
                variants += [(p + masked, p + spelling, 1) for p in PROCLITICS]
            for form, surface, offset in variants:
                surfaces = entries.setdefault(f" {form} ", {})
                # An alias spelled with the proclitic itself starts earlier, so
                # leftmost-longest would choose it anyway.
                if surface not in surfaces or offset < surfaces[surface][0]:
                    surfaces[surface] = (offset, key)

        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for padded in sorted(entries, key=lambda k: k.translate(_RANK)):
            self._automaton.add_word(padded, self._value(padded, entries[padded]))
        self._automaton.make_automaton()

    @staticmethod
    def _value(padded: str, surfaces: dict[str, tuple[int, int]]) -> _Value:
        # The padded key ends at index e of the padded text, i.e. just past the
        # alias in the original text (e - 1); the alias starts len(padded) - 1
        # characters before e in the padded text, one more back in the original.
        span = len(padded) - 1
        if len(surfaces) == 1:
            ((surface, (offset, key)),) = surfaces.items()
            if surface.isalnum():
                return (span - offset, key, None)
        return (span, -1, surfaces)

    def __len__(self) -> int:
        """Return the number of distinct normalised (non-empty) aliases."""
        return self._size

    def alias(self, key: int) -> str:
        """Return the alias at index ``key`` of the list given to the constructor.

        Parameters
        ----------
        key
            An index into the alias list, such as ``Match.key``.

        Returns
        -------
        str
            The alias as given.
        """
        return self._aliases[key]

    def keys(self, key: int) -> tuple[int, ...]:
        """Return every index whose alias has the same normalised spelling as alias ``key``.

        Parameters
        ----------
        key
            An index into the alias list, such as ``Match.key``.

        Returns
        -------
        tuple of int
            The indices in increasing order; ``(key,)`` when the alias is
            unique, ``()`` when it is empty.
        """
        if not 0 <= key < len(self._aliases):
            raise IndexError(f"alias index out of range: {key}")
        return self._groups.get(key, ())

    def find(self, text: str) -> list[Match]:
        """Return the leftmost-longest, non-overlapping alias matches in ``text``.

        Parameters
        ----------
        text
            The text to search.

        Returns
        -------
        list of Match
            In text order; ``text[m.start:m.end] == m.surface`` for each.
        """
        return [Match(start, end, text[start:end], key) for start, end, key in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """Return the matches of :meth:`find` as ``(start, end, key)`` tuples.

        Parameters
        ----------
        text
            The text to search.

        Returns
        -------
        list of tuple of int
            In text order, without building :class:`Match` objects.
        """
        if not text:
            return []
        candidates: list[tuple[int, int, int]] = []
        append = candidates.append
        last_end = 0
        overlapping = False
        for end_index, (shift, key, surfaces) in self._automaton.iter(boundary_form(text)):
            start = end_index - shift
            end = end_index - 1
            if surfaces is not None:
                found = surfaces.get(normalise(text[start:end]))
                if found is None:
                    continue
                start += found[0]
                key = found[1]
            # Candidates arrive ordered by end, so overlap with any earlier one
            # means overlap with the last; sorting is needed only then.
            if start < last_end:
                overlapping = True
            last_end = end
            append((start, end, key))
        return _leftmost_longest(candidates) if overlapping else candidates
