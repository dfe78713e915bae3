"""Find many place-name aliases in text in one linear pass.

:class:`AliasMatcher` compiles every alias into one Aho-Corasick automaton
(``pyahocorasick``) and reports leftmost-longest, non-overlapping, whole-word
matches with offsets into the original text.

How it stays fast: the automaton does not search the text itself but its
*boundary form*, a same-length copy in which every letter or digit is
lower-cased and stripped of its accents ("é" is "e") and every other character is a space, padded with one space on
each side. Each alias is stored as ``" " + boundary form + " "``, so the
automaton can only report matches that start and end on a word boundary and
nothing inside a word ever reaches Python. Building the boundary form is one
table look-up per character (``bytes.translate`` for ASCII text, a NumPy
look-up otherwise). Aliases that contain a non-alphanumeric character
("Al-Qamishli", "T4 military airport") collide in that form with spellings
that differ in punctuation, so their matches are confirmed against the
normalised text before they are kept.

On a long text the automaton's candidates are gathered into NumPy arrays in
one C-level pass and checked there: lengths and keys by bit arithmetic, the
spellings with punctuation (one spelling to a boundary form) by looking up
the characters at their spaces, hyphens and apostrophes all at once, overlaps by a sort, and only the other spellings to
confirm and the crowded overlaps run Python code per candidate.
:meth:`AliasMatcher.spans` returns the result as lists of starts, ends and
keys; :meth:`AliasMatcher.find` builds :class:`Match` objects from them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

import ahocorasick
import numpy as np

from geo._gc import collector_paused

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "PROCLITICS",
    "AliasMatcher",
    "Match",
    "Spans",
    "boundary_form",
    "fold_char",
    "normalise",
]

APOSTROPHES = "\u2019"
"""Characters read as the straight apostrophe ``'``."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
"""Characters read as a space in a name: the hyphen-minus, hyphen, non-breaking hyphen, figure, en and em dash,
bar, minus ("Maaten Al Sarra" is "Maaten al-Sarra", "Deir ez Zor" is "Deir ez-Zor")."""

PROCLITICS = "\u0648\u0628\u0644\u0641\u0643"
"""Arabic one-letter proclitics allowed directly before an Arabic-script alias: و ب ل ف ك."""

# Final sigma is the one lower-case letter whose spelling depends on its
# neighbours (str.lower() chooses it by context); folding it into σ makes the
# normalisation a per-character function, which the boundary table needs.
_PUNCTUATION = str.maketrans({"\u03c2": "\u03c3"} | dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(DASHES, " "))
_ASCII_DASH = str.maketrans("-", " ")

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

_SPACE = 0x20

_WHITESPACE = re.compile(r"[^\S ]")

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


class Spans(NamedTuple):
    """The matches of :meth:`AliasMatcher.spans` as three parallel lists, in text order.

    Attributes
    ----------
    starts
        ``Match.start`` of each match.
    ends
        ``Match.end`` of each match.
    keys
        ``Match.key`` of each match.
    """

    starts: list[int]
    ends: list[int]
    keys: list[int]


def _base_letter(char: str) -> str:
    """``char`` without its accents when it is a letter with combining marks ('é' → 'e', 'أ' → 'ا'), else itself."""
    if not unicodedata.decomposition(char):
        return char
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and all(unicodedata.combining(mark) for mark in decomposed[1:]):
        return decomposed[0]
    return char


def fold_char(char: str) -> str:
    """Return the case- and accent-folded form of one character, always one character long.

    Parameters
    ----------
    char
        A single character.

    Returns
    -------
    str
        ``char.lower()``, cut to its first character when lower-casing would
        lengthen it ('İ' lowers to 'i' plus a combining dot), with final sigma
        read as σ, and without the accents of a precomposed letter, so that
        "Abéché", "Abeché" and "Abeche" are one spelling.
    """
    low = char.lower()
    if len(low) != 1:
        low = low[0]
    return "\u03c3" if low == "\u03c2" else low if low.isascii() else _base_letter(low)


def normalise(text: str) -> str:
    """Return ``text`` lower-cased, without accents, with apostrophes and dashes unified, at the same length.

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
        :data:`DASHES` by a space. Nothing else changes.
    """
    low = text.lower()
    if low.isascii():
        return low.translate(_PUNCTUATION)
    if len(low) != len(text):
        # Only a few characters lengthen when lowered ('İ'), so the slow
        # per-character path runs only for the texts that contain one.
        low = "".join(map(fold_char, text))
    return low.translate(_FOLD_TABLE)


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding a lower-cased character's accents and unifying apostrophes and dashes."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _base_letter(chr(code))
        return folded


_FOLD_TABLE = _FoldTable({**{code: chr(code) for code in range(128)}, **_PUNCTUATION})


class _MaskTable(dict[int, int]):
    """``str.translate`` table keeping letters and digits and turning every other character into a space."""

    def __missing__(self, code: int) -> int:
        kept = self[code] = code if chr(code).isalnum() else _SPACE
        return kept


_MASK_TABLE = _MaskTable()


def _mask(normalised: str) -> str:
    """Replace every character of a normalised string that is not a letter or digit by a space."""
    # A table filled as characters are met: a generator over each character of 10^5 aliases
    # took a tenth of a cold start.
    return normalised.translate(_MASK_TABLE)


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


class _CharTable(dict[int, str]):
    """``str.translate`` table to the boundary form, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_char(char) if char.isalnum() else " "
        self[code] = folded
        return folded


_CHAR_TABLE = _CharTable()

# Below this length str.translate (about 45 ns a character) beats the NumPy
# path's fixed cost of a few microseconds.
_SHORT_TEXT = 128

# Non-ASCII punctuation common in English text. All of it becomes a space in
# the boundary form anyway, so replacing it first often leaves an ASCII text,
# whose boundary form bytes.translate builds in well under a microsecond.
_TYPOGRAPHIC = "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a0"
_TYPOGRAPHIC_BELOW = 4096


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
    if not text.isascii() and len(text) < _TYPOGRAPHIC_BELOW:
        plain = text
        for char in _TYPOGRAPHIC:
            if char in plain:
                plain = plain.replace(char, " ")
        if plain.isascii():
            text = plain
    if text.isascii():
        return (b" " + text.encode("ascii").translate(_ASCII_TABLE) + b" ").decode("ascii")
    if len(text) < _SHORT_TEXT:
        return f" {text.translate(_CHAR_TABLE)} "
    encoded = text.encode("utf-16-le", "surrogatepass")
    if len(encoded) == 2 * len(text):
        out = np.empty(len(text) + 2, dtype=np.uint16)
        out[0] = out[-1] = _SPACE
        out[1:-1] = _bmp_table()[np.frombuffer(encoded, dtype=np.uint16)]
        return out.tobytes().decode("utf-16-le", "surrogatepass")
    # Characters beyond the BMP take two UTF-16 units; work on code points.
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out32 = np.empty(len(text) + 2, dtype=np.uint32)
    out32[0] = out32[-1] = _SPACE
    out32[1:-1] = _bmp_table()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)
    out32[astral + 1] = [_astral_code(int(code)) for code in codes[astral]]
    return out32.tobytes().decode("utf-32-le", "surrogatepass")


def _is_arabic(char: str) -> bool:
    """Whether ``char`` belongs to one of the Arabic Unicode blocks."""
    code = ord(char)
    return any(low <= code <= high for low, high in _ARABIC_BLOCKS)


# Packed integers keep per-candidate work free of tuples, which would be
# tracked by the garbage collector, and let the candidates sort in C.
# A candidate is start << 64 | length << 32 | key: sorting orders by start,
# then length, so among equal starts the longest comes last.
_LOW32 = (1 << 32) - 1


def _leftmost_longest(candidates: list[int]) -> list[int]:
    """Keep the leftmost, then longest, packed candidates that do not overlap an earlier kept one."""
    candidates.sort()
    kept: list[int] = []
    start = reach = -1
    for candidate in candidates:
        begin = candidate >> 64
        if begin == start:
            # Same start as the one just kept, and longer: it wins instead.
            kept[-1] = candidate
            reach = begin + ((candidate >> 32) & _LOW32)
        elif begin >= reach:
            kept.append(candidate)
            start, reach = begin, begin + ((candidate >> 32) & _LOW32)
    return kept


_new_object = object.__new__
_set_start = Match.start.__set__  # type: ignore[attr-defined]
_set_end = Match.end.__set__  # type: ignore[attr-defined]
_set_surface = Match.surface.__set__  # type: ignore[attr-defined]
_set_key = Match.key.__set__  # type: ignore[attr-defined]


def _unpack(candidates: list[int]) -> Spans:
    """The spans of packed candidates."""
    starts = [candidate >> 64 for candidate in candidates]
    lengths = [(candidate >> 32) & _LOW32 for candidate in candidates]
    return Spans(starts, list(map(int.__add__, starts, lengths)), [candidate & _LOW32 for candidate in candidates])


def _greedy(starts: list[int], ends: list[int]) -> list[int]:
    """Positions kept by the leftmost-longest choice among spans sorted by start, then length."""
    kept: list[int] = []
    start = reach = -1
    for position, (begin, end) in enumerate(zip(starts, ends, strict=True)):
        if begin == start:
            # Same start as the one just kept, and at least as long: it wins instead.
            kept[-1] = position
            reach = end
        elif begin >= reach:
            kept.append(position)
            start, reach = begin, end
    return kept


def _leftmost_longest_bulk(
    starts: np.ndarray, ends: np.ndarray, keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_leftmost_longest` on arrays: the spans kept, in text order."""
    order = np.lexsort((keys, ends - starts, starts))
    starts, ends, keys = starts[order], ends[order], keys[order]
    # A span that no earlier span reaches past opens a group; the choice in one group
    # cannot change the next (the greedy reach never passes the group's furthest end),
    # so a group of one is kept as it is and only the crowded groups need Python.
    opens = np.ones(len(starts), dtype=bool)
    opens[1:] = starts[1:] >= np.maximum.accumulate(ends)[:-1]
    kept = opens.copy()
    kept[:-1] &= opens[1:]
    crowded = np.flatnonzero(~kept)
    kept[crowded[_greedy(starts[crowded].tolist(), ends[crowded].tolist())]] = True
    return starts[kept], ends[kept], keys[kept]


_new_object = object.__new__
_set_start = Match.start.__set__  # type: ignore[attr-defined]
_set_end = Match.end.__set__  # type: ignore[attr-defined]
_set_surface = Match.surface.__set__  # type: ignore[attr-defined]
_set_key = Match.key.__set__  # type: ignore[attr-defined]


def _make_matches(text: str, spans: Spans) -> list[Match]:
    """Build the Match objects of ``spans`` in ``text``."""
    # A frozen dataclass's __init__ sets each field through object.__setattr__
    # (about 0.9 µs a match here); filling the slots directly gives equal
    # objects in about two thirds of the time, which counts at 10^5 matches.
    matches: list[Match] = []
    append = matches.append
    for start, end, key in zip(*spans, strict=True):
        match = _new_object(Match)
        _set_start(match, start)
        _set_end(match, end)
        _set_surface(match, text[start:end])
        _set_key(match, key)
        append(match)
    return matches


# Below this length of boundary form the per-candidate Python loop is quicker than
# collecting the automaton's output into arrays, whose NumPy steps cost some tens
# of microseconds a call whatever the text.
_BULK_FROM = 4096


# The automaton stores one integer per padded key (STORE_INTS keeps it inside
# the trie node, so reading it touches no other memory; pyahocorasick keeps 31
# bits of it). Even values are key << 9 | length << 1 for a key spelled with
# letters and digits only: the match is the `length` characters before its end.
# Odd values are table << 9 | length << 1 | 1 for keys whose match must be
# confirmed: self._surfaces[table] maps each normalised spelling with this
# boundary form to key << 1 | proclitic, the spelling is the `length`
# characters before the end, and the match starts after the proclitic letter,
# if any. Spellings too long for the 8-bit length field are confirmed too,
# with length 0 and the true length in self._long.
_LENGTH_BITS = 8
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1
_ID_SHIFT = _LENGTH_BITS + 1
_MAX_ID = (1 << (31 - _ID_SHIFT)) - 1


class AliasMatcher:
    """Find whole-word, case-insensitive occurrences of many aliases in one pass.

    Parameters
    ----------
    aliases
        The aliases; ``Match.key`` and :meth:`alias` refer to positions in this
        sequence. Aliases equal after normalisation (case, apostrophes,
        dashes; see :func:`normalise`) share one entry, reported under the
        first of their indices. Empty aliases never match.

    Raises
    ------
    ValueError
        If there are more than 4,194,303 aliases.

    Notes
    -----
    A match is kept when the character before it and the character after it
    are not letters or digits (``str.isalnum``) or are the text's edges, so
    "Tartus" is found in "Tartus'", "Tartus's" and "(Tartus)" but not in
    "Tartusville". An Arabic-script alias may also follow one proclitic letter
    (:data:`PROCLITICS`) that itself starts a word: "وحميميم" contains
    "حميميم", and the match starts after the proclitic. Overlapping matches
    are resolved leftmost first, then longest. A space inside an alias also
    matches one other whitespace character, so a line break or a no-break
    space between "Tel" and "Al-Samn" does not hide "Tel Al-Samn".

    The text is scanned once by the automaton; the Python work that follows
    is proportional to the number of whole-word candidates, not to the
    length of the text.

    Examples
    --------
    >>> matcher = AliasMatcher(["Qamishli", "Al-Qamishli", "T4"])
    >>> [(m.surface, m.key) for m in matcher.find("From al‑Qamishli to T4's runway")]
    [('al‑Qamishli', 1), ('T4', 2)]
    """

    def __init__(self, aliases: Sequence[str]) -> None:
        self._aliases: tuple[str, ...] = tuple(aliases)
        if len(self._aliases) > _MAX_ID:
            raise ValueError(f"too many aliases: {len(self._aliases)} (at most {_MAX_ID})")
        groups: dict[str, list[int]] = {}
        for index, alias in enumerate(self._aliases):
            groups.setdefault(normalise(alias), []).append(index)
        groups.pop("", None)
        self._size = len(groups)
        # Index -> first index with the same spelling (-1: empty alias), and the
        # shared indices of the spellings given more than once.
        self._first = [-1] * len(self._aliases)
        self._shared: dict[int, tuple[int, ...]] = {}
        for members in groups.values():
            for index in members:
                self._first[index] = members[0]
            if len(members) > 1:
                self._shared[members[0]] = tuple(members)

        # Padded boundary form -> {normalised spelling: key << 1 | proclitic}.
        entries: dict[str, dict[str, int]] = {}
        for spelling, members in groups.items():
            key = members[0]
            masked = _mask(spelling)
            variants = [(masked, spelling, 0)]
            if _is_arabic(spelling[0]):
                variants += [(p + masked, p + spelling, 1) for p in PROCLITICS]
            for form, surface, proclitic in variants:
                surfaces = entries.setdefault(f" {form} ", {})
                # An alias spelled with the proclitic itself starts earlier, so
                # leftmost-longest would choose it anyway.
                current = surfaces.get(surface)
                if current is None or current & 1 > proclitic:
                    surfaces[surface] = key << 1 | proclitic

        self._surfaces: list[dict[str, int]] = []
        self._long: dict[int, int] = {}
        # Per table, for the long-text path: the key of a table of one spelling without a
        # proclitic (-1 otherwise), and the offsets and characters of its punctuation.
        self._spaced_key: list[int] = []
        self._spaces: list[tuple[int, ...]] = []
        self._mark_list: list[str] = []
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS, ahocorasick.KEY_STRING)
        for padded in sorted(entries, key=lambda k: k.translate(_RANK)):
            self._automaton.add_word(padded, self._value(padded, entries[padded]))
        self._automaton.make_automaton()
        self._spaced_keys = np.array(self._spaced_key, dtype=np.int64)
        self._space_counts = np.array([len(offsets) for offsets in self._spaces], dtype=np.int64)
        self._space_first = np.zeros(len(self._spaces), dtype=np.int64)
        np.cumsum(self._space_counts[:-1], out=self._space_first[1:])
        self._space_offsets = np.array([o for offsets in self._spaces for o in offsets], dtype=np.int64)
        self._marks = np.frombuffer("".join(self._mark_list).encode("utf-32-le"), dtype=np.uint32)
        del self._spaced_key, self._spaces, self._mark_list

    def _value(self, padded: str, surfaces: dict[str, int]) -> int:
        length = len(padded) - 2
        if len(surfaces) == 1 and length <= _LENGTH_MASK:
            ((surface, packed),) = surfaces.items()
            if surface.isalnum():
                return (packed >> 1) << _ID_SHIFT | (length - (packed & 1)) << 1
        table = len(self._surfaces)
        if table > _MAX_ID:
            raise ValueError("too many distinct aliases with punctuation")
        self._surfaces.append(surfaces)
        if length > _LENGTH_MASK:
            self._long[table] = length
            length = 0
        ((surface, packed), *others) = surfaces.items()
        single = not others and not packed & 1 and length
        offsets = tuple(i for i, char in enumerate(surface) if not char.isalnum()) if single else ()
        self._spaced_key.append(packed >> 1 if single else -1)
        self._spaces.append(offsets)
        self._mark_list.append("".join(surface[i] for i in offsets))
        return table << _ID_SHIFT | length << 1 | 1

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
        first = self._first[key]
        if first < 0:
            return ()
        return self._shared.get(first, (first,))

    def find(self, text: str, *, form: str | None = None) -> list[Match]:
        """Return the leftmost-longest, non-overlapping alias matches in ``text``.

        Parameters
        ----------
        text
            The text to search.
        form
            ``boundary_form(text)``, when the caller has it already (it is not checked).

        Returns
        -------
        list of Match
            In text order; ``text[m.start:m.end] == m.surface`` for each.
        """
        spans = self.spans(text, form=form)
        # Nothing built here forms a reference cycle, yet collections set off by
        # 10^5 new Match objects take a quarter of the time on a 10 MB text.
        with collector_paused():
            return _make_matches(text, spans)

    def spans(self, text: str, *, form: str | None = None) -> Spans:
        """Return the matches :meth:`find` gives, as parallel lists of starts, ends and keys.

        Parameters
        ----------
        text
            The text to search.
        form
            ``boundary_form(text)``, when the caller has it already (it is not checked).

        Returns
        -------
        Spans
            ``(starts, ends, keys)``, in text order; no :class:`Match` is built,
            which is most of the cost of :meth:`find` on a long text.
        """
        if not text or not self._size:
            # An automaton without keys refuses to search.
            return Spans([], [], [])
        if form is None:
            form = boundary_form(text)
        # Nothing built here forms a reference cycle, yet collections set off by
        # 10^5 short-lived tuples and ints take a large share of the time on a long text.
        with collector_paused():
            if len(form) >= _BULK_FROM:
                return self._spans_bulk(text, form)
            return _unpack(self._find(text, form))

    def _spans_bulk(self, text: str, form: str) -> Spans:
        """:meth:`spans` for a long text: the automaton's output gathered into arrays, the checks on them."""
        # One (end, value) pair a candidate, flattened in C: no Python code runs per candidate
        # except for the keys that must be confirmed against the text.
        flat = np.fromiter(chain.from_iterable(self._automaton.iter(form)), dtype=np.int64)
        # The key's closing space sits at the pair's end in the padded text, which is
        # index end - 1 of the text: just past the alias.
        ends = flat[0::2] - 1
        values = flat[1::2]
        starts = ends - ((values >> 1) & _LENGTH_MASK)
        keys = values >> _ID_SHIFT
        odd = np.flatnonzero(values & 1)
        if odd.size:
            rest = self._confirm_spaced(text, odd, starts, keys)
            if rest.size:
                confirmed_starts, confirmed_keys = self._confirm(text, ends[rest].tolist(), values[rest].tolist())
                starts[rest] = confirmed_starts
                keys[rest] = confirmed_keys
            found = keys >= 0
            if not found.all():
                starts, ends, keys = starts[found], ends[found], keys[found]
        # Candidates arrive ordered by end, so overlap with any earlier one means
        # overlap with the one before.
        if len(starts) > 1 and (starts[1:] < ends[:-1]).any():
            starts, ends, keys = _leftmost_longest_bulk(starts, ends, keys)
        return Spans(starts.tolist(), ends.tolist(), keys.tolist())

    def _confirm_spaced(self, text: str, odd: np.ndarray, starts: np.ndarray, keys: np.ndarray) -> np.ndarray:
        """Confirm, as arrays, the candidates of tables with one spelling and no proclitic; return the rest.

        Such a candidate's letters and digits are those of the spelling already (the automaton
        matched its boundary form), so it is the spelling, as :meth:`_confirm` would find, when
        the text has the spelling's own character at each of its other positions (its spaces,
        hyphens, apostrophes). The starts and keys of the confirmed ones are set in ``starts``
        and ``keys``; the indices left to :meth:`_confirm` (other tables, and candidates with
        another character there, such as a line break or an en dash) are returned.
        """
        tables = keys[odd]
        chosen = self._spaced_keys[tables] >= 0
        if not chosen.any():
            return odd
        hits, tables = odd[chosen], tables[chosen]
        counts = self._space_counts[tables]
        total = int(counts.sum())
        if total:
            # Index into the offsets of each candidate's marks: its table's first offset, then on.
            first = np.repeat(self._space_first[tables] - (np.cumsum(counts) - counts), counts) + np.arange(total)
            positions = np.repeat(starts[hits], counts) + self._space_offsets[first]
            found = "".join(itemgetter(*positions.tolist())(text)) if total > 1 else text[int(positions[0])]
            found = found.translate(_PUNCTUATION)
            other = np.frombuffer(found.encode("utf-32-le"), dtype=np.uint32) != self._marks[first]
            if other.any():
                odd_ones = np.zeros(len(hits), dtype=bool)
                odd_ones[np.repeat(np.arange(len(hits)), counts)[other]] = True
                hits, tables = hits[~odd_ones], tables[~odd_ones]
                chosen[np.flatnonzero(chosen)[odd_ones]] = False
        keys[hits] = self._spaced_keys[tables]
        return odd[~chosen]

    def _confirm(self, text: str, ends: list[int], values: list[int]) -> tuple[list[int], list[int]]:
        """Starts and keys of the candidates whose spelling must be checked (key -1: not a match)."""
        tables, long_lengths = self._surfaces, self._long
        length_mask, id_shift = _LENGTH_MASK, _ID_SHIFT
        starts: list[int] = []
        keys: list[int] = []
        for end, value in zip(ends, values, strict=True):
            table = value >> id_shift
            start = end - (((value >> 1) & length_mask) or long_lengths[table])
            piece = text[start:end]
            spelling = piece.lower().translate(_ASCII_DASH)
            if not spelling.isascii():
                spelling = normalise(piece)
            packed = tables[table].get(spelling)
            if packed is None:
                packed = tables[table].get(_WHITESPACE.sub(" ", spelling))
                if packed is None:
                    starts.append(end)
                    keys.append(-1)
                    continue
            starts.append(start + (packed & 1))
            keys.append(packed >> 1)
        return starts, keys

    def _find(self, text: str, form: str) -> list[int]:
        """The packed candidates kept in a short non-empty text (see :meth:`spans`)."""
        tables, long_lengths = self._surfaces, self._long
        length_mask, id_shift = _LENGTH_MASK, _ID_SHIFT
        candidates: list[int] = []
        append = candidates.append
        last_end = 0
        overlapping = False
        for padded_end, value in self._automaton.iter(form):
            # The key's closing space sits at padded_end in the padded text,
            # which is index padded_end - 1 of the text: just past the alias.
            end = padded_end - 1
            length = (value >> 1) & length_mask
            if value & 1:
                table = value >> id_shift
                start = end - (length or long_lengths[table])
                piece = text[start:end]
                spelling = piece.lower().translate(_ASCII_DASH)
                if not spelling.isascii():
                    # Lower-casing ASCII keeps the length and leaves no apostrophe or
                    # dash to unify but the hyphen; only the rest needs normalise.
                    spelling = normalise(piece)
                packed = tables[table].get(spelling)
                if packed is None:
                    # A line break, tab or no-break space between the words of
                    # a multi-word alias reads as the space it stands for.
                    packed = tables[table].get(_WHITESPACE.sub(" ", spelling))
                    if packed is None:
                        continue
                start += packed & 1
                key = packed >> 1
            else:
                start = end - length
                key = value >> id_shift
            # Candidates arrive ordered by end, so overlap with any earlier one
            # means overlap with the last; sorting is needed only then.
            if start < last_end:
                overlapping = True
            last_end = end
            append(start << 64 | (end - start) << 32 | key)
        if overlapping:
            candidates = _leftmost_longest(candidates)
        return candidates
