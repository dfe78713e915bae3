"""Find the cue words of many classes in every sentence of a text in one pass.

A cue table maps a class ("withdraw", "hedge", "aircraft") to its terms. A
term is one or more words, matched whole and case-insensitively at word
boundaries, with two wildcards:

- a trailing ``*`` lets the last word run on: ``evacuat*`` is "evacuate",
  "evacuated", "evacuation";
- a word that is only ``*`` stands for any one word: ``departure of * troops``;
- trailing words written ``!word`` must not follow: ``carrying !out`` is
  "carrying troops", not "carrying out an evacuation".

Punctuation between words reads as a space ("pull-out" is the term "pull
out"). :class:`CueScanner` compiles every term of a table into one
Aho-Corasick automaton over the boundary form of :mod:`geo._matcher` (letters
and digits lower-cased, everything else a space), so the text is scanned once
for all classes and only the hits reach Python; before, each class was a
regular expression searched in each sentence, which cost more than the rest
of the extraction together.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Collection, Iterable, Mapping, MutableSequence
from dataclasses import dataclass

import ahocorasick

from geo._matcher import boundary_form

__all__ = ["CueScanner", "term_pattern", "term_words"]

_BLOCK = 1 << 16
"""Characters of text searched at a time (whole sentences; one longer sentence alone)."""


@dataclass(frozen=True, slots=True)
class _Term:
    bit: int
    length: int  # of the automaton's key, leading space included
    stem: bool  # the last word may run on
    spelling: str  # the term's words before any wildcard or refused word, as written, for case-sensitive classes
    rest: re.Pattern[str] | None  # the words after a one-word wildcard, matched after the key


def term_words(term: str) -> str:
    """A term's words without its refused ones: ``"military !equipment !gear"`` is ``"military"``."""
    return " ".join(word for word in term.split() if not word.startswith("!"))


def term_pattern(term: str) -> str:
    """A regular expression matching a term as :class:`CueScanner` does, refused words aside.

    ``*`` alone is any one word, a trailing ``*`` lets the word run on, spaces match any whitespace.
    """
    return r"\s+".join(
        r"[\w'’-]+" if word == "*" else re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
        for word in term_words(term).split()
    )


def _key(words: list[str]) -> str:
    return boundary_form(" ".join(words)).strip()


class CueScanner:
    """All the classes of a cue table whose terms occur in each sentence.

    Parameters
    ----------
    table
        Class → terms (see the module docstring for the term syntax).
    case_sensitive
        Classes whose terms must also match as written, case included
        (proper names: "Moscow", not "moscow").
    """

    def __init__(self, table: Mapping[str, Iterable[str]], *, case_sensitive: Collection[str] = ()) -> None:
        terms: dict[str, list[_Term]] = {}
        self.bits = {cue: 1 << index for index, cue in enumerate(table)}
        """The bit of each class in the masks :meth:`scan` returns."""
        # Masks in a typed array up to 64 classes; beyond, Python integers of any size.
        self._typecode = "I" if len(self.bits) <= 32 else "Q" if len(self.bits) <= 64 else ""
        for cue, spellings in table.items():
            for spelling in spellings:
                words = spelling.split()
                rest = None
                kept = len(words)
                while kept > 1 and words[kept - 1].startswith("!") and len(words[kept - 1]) > 1:
                    kept -= 1
                words, refused = words[:kept], [w[1:] for w in words[kept:]]
                if refused and "*" in words[1:]:
                    raise ValueError(f"cue {cue!r}: the term {spelling!r} has both a wildcard word and a refused word")
                if refused:
                    # The last word's run (if it may run on), a boundary, and none of the refused words
                    # next in the same sentence: "carrying. Out of ..." still carries.
                    run = r"[^\W_]*" if words[-1].endswith("*") else ""
                    after = "|".join(re.escape(w) for w in refused)
                    rest = re.compile(rf"{run}(?![^\W_])(?!(?:[^\w.!?\n]|_)+(?:{after})\b)", re.IGNORECASE)
                elif "*" in words[1:]:
                    wild = words.index("*", 1)
                    after = [r"[^\W_]+" if w == "*" else re.escape(w) for w in words[wild:]]
                    rest = re.compile(r"[\W_]" + r"[\W_]".join(after) + r"\b", re.IGNORECASE)
                    words = words[:wild]
                stem = rest is None and words[-1].endswith("*")
                body = _key([*words[:-1], words[-1].rstrip("*")])
                if not body:
                    raise ValueError(f"cue {cue!r}: the term {spelling!r} has no letters or digits")
                key = f" {body}" if stem or rest else f" {body} "
                # A case-sensitive term's words are compared as written, up to its first wildcard.
                written = " ".join(words).split(" *", 1)[0].rstrip("*") if cue in case_sensitive else ""
                term = _Term(self.bits[cue], len(key), stem, written, rest)
                terms.setdefault(key, []).append(term)
        self._terms = [tuple(found) for found in terms.values()]
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, key in enumerate(terms):
            self._automaton.add_word(key, index)
        self._automaton.make_automaton()
        self.cues = tuple(table)

    def scan(self, text: str, spans: list[tuple[int, int]], *, form: str | None = None) -> MutableSequence[int]:
        """The cue classes found inside each span of ``text``, as bit masks.

        Parameters
        ----------
        text
            The text.
        spans
            ``(start, end)`` of each sentence, in text order, not overlapping.
        form
            ``boundary_form(text)`` of :mod:`geo._matcher`, when the caller has it already: the
            blocks are then cut from it instead of mapped again (it is not checked).

        Returns
        -------
        sequence of int
            For each span, the classes with a term wholly inside it: the sum of their
            :attr:`bits`. Masks in a typed array, not sets or a list: a set per line of a large
            chunk held more memory than the chunk's text.
        """
        found: MutableSequence[int]
        if self._typecode:
            found = array(self._typecode, bytes(array(self._typecode).itemsize * len(spans)))
        else:
            found = [0] * len(spans)
        if not spans or not self._terms:
            return found
        terms = self._terms
        first = 0
        while first < len(spans):
            # A block of whole sentences at a time: pyahocorasick copies the text it searches
            # into four bytes a character, which for a 4 MB chunk would be 16 MB at once.
            last = first
            while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= _BLOCK:
                last += 1
            offset = spans[first][0]
            # The automaton reports hits in the order of their ends, so the sentence that can
            # hold a hit (the first one ending at or after it) only moves forward.
            sentence = first
            if form is None:
                block = boundary_form(text[offset : spans[last][1]])
            else:
                # Index i + 1 of the whole text's form comes from text[i], like that of the block's.
                block = f" {form[offset + 1 : spans[last][1] + 1]} "
            for padded_end, index in self._automaton.iter(block):
                for term in terms[index]:
                    # Index i + 1 of the boundary form comes from text[offset + i]; the key's
                    # leading space stands for the character before the term.
                    start = offset + padded_end - term.length + 1
                    end = offset + (padded_end if term.stem or term.rest else padded_end - 1)
                    # The pointer moves by the key's end, which only grows: a wildcard's words
                    # after it can reach past a later, shorter hit's sentence.
                    while sentence < last and spans[sentence][1] < end:
                        sentence += 1
                    if term.rest is not None:
                        more = term.rest.match(text, end)
                        if more is None:
                            continue
                        end = more.end()
                    if term.spelling and not text.startswith(term.spelling, start):
                        continue
                    span_start, span_end = spans[sentence]
                    if span_start <= start and end <= span_end:
                        found[sentence] |= term.bit
            first = last + 1
        return found

    def names(self, mask: int) -> list[str]:
        """The classes of a mask from :meth:`scan`, in the table's order."""
        return [cue for cue, bit in self.bits.items() if mask & bit]
