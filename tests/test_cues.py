"""The cue scanner (geo._cues): every class whose term lies wholly inside a sentence, in one pass."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import extract
from geo._cues import CueScanner, term_pattern, term_words
from geo._matcher import boundary_form
from geo.schema import ACTIONS, ASSETS

TABLE = {
    "retain": ("keep", "remain at"),
    "withdraw": ("pull out", "left", "evacuat*", "departure of * troops"),
    "actor": ("Moscow",),
    "transport": ("carrying !out", "ship* !out !off"),
}


@pytest.fixture(scope="module")
def scanner() -> CueScanner:
    return CueScanner(TABLE, case_sensitive=["actor"])


def found(scanner: CueScanner, text: str) -> list[list[str]]:
    spans = extract.sentences(text)
    return [scanner.names(mask) for mask in scanner.scan(text, spans)]


def test_whole_words_stems_and_punctuation(scanner: CueScanner) -> None:
    assert found(scanner, "They keep it. The keeper stayed.") == [["retain"], []]
    assert found(scanner, "An evacuation began. Troops Pull-Out now.") == [["withdraw"], ["withdraw"]]
    assert found(scanner, "They remain at Tartus. They remain  at Tartus.") == [["retain"], []]


def test_one_word_wildcard(scanner: CueScanner) -> None:
    assert found(scanner, "The departure of Russian troops. The departure of troops.") == [["withdraw"], []]
    assert found(scanner, "The departure of Russian troopships.") == [[]]


def test_refused_next_words(scanner: CueScanner) -> None:
    assert found(scanner, "Planes carrying troops. They are carrying out an evacuation.") == [
        ["transport"],
        ["withdraw"],
    ]
    assert found(scanner, "Tanks were shipped off. Tanks were shipped away. Ships out.") == [[], ["transport"], []]
    # A refused word in the next sentence refuses nothing.
    assert found(scanner, "They were carrying. Out of the base came trucks.") == [["transport"], []]
    with pytest.raises(ValueError, match="both a wildcard word and a refused word"):
        CueScanner({"withdraw": ("departure of * !troops",)})


def test_case_sensitive_classes_match_as_written(scanner: CueScanner) -> None:
    assert found(scanner, "Moscow said so. moscow said so. MOSCOW said so.") == [["actor"], [], []]


def test_a_term_across_a_sentence_end_is_in_neither() -> None:
    scanner = CueScanner({"withdraw": ("pull out",)})
    assert found(scanner, "They will pull!out soon.") == [[], []]


def test_a_table_with_no_letters_in_a_term_is_refused() -> None:
    with pytest.raises(ValueError, match="has no letters or digits"):
        CueScanner({"withdraw": ("--",)})


def _reference(text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
    """The same rules as regular expressions searched sentence by sentence (ASCII text, no underscores)."""
    patterns = []
    for cue, terms in TABLE.items():
        for term in terms:
            words = term.split()
            refused = [w[1:] for w in words if w.startswith("!")]
            words = [w for w in words if not w.startswith("!")]
            parts = [r"[a-z0-9]+" if w == "*" else re.escape(w.rstrip("*").lower()) for w in words]
            tail = "" if words[-1].endswith("*") else r"(?![a-z0-9])"
            if refused:
                tail = ("[a-z0-9]*" if words[-1].endswith("*") else "") + r"(?![a-z0-9])"
                tail += r"(?![^a-z0-9]+(?:" + "|".join(refused) + r")(?![a-z0-9]))"
            body = r"(?<![a-z0-9])" + r"[^a-z0-9]".join(parts) + tail
            patterns.append((cue, re.compile(body), cue == "actor", term))
    out = []
    for s, e in spans:
        sentence = text[s:e]
        hits = set()
        for cue, pattern, exact, term in patterns:
            for match in pattern.finditer(sentence.lower()):
                if not exact or sentence[match.start() : match.end()] == term:
                    hits.add(cue)
        out.append([cue for cue in TABLE if cue in hits])
    return out


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_agrees_with_a_per_sentence_search_over_many_blocks(scanner: CueScanner, seed: int) -> None:
    """A long random text (several 64k-character blocks) gives what searching each sentence would."""
    rng = random.Random(seed)
    words = ["keep", "keeper", "pull", "out", "left", "evacuation", "remain", "at", "departure", "of"]
    words += ["Russian", "troops", "Moscow", "moscow", "the", "a", "carrying", "shipped", "ship", "off"]
    separators = [" ", " ", " ", "-", ", ", ". ", "\n", "? ", "  "]
    pieces = []
    for _ in range(40_000):
        pieces += [rng.choice(words), rng.choice(separators)]
    text = "".join(pieces)
    assert len(text) > 3 * 65_536
    spans = extract.sentences(text)
    assert found(scanner, text) == _reference(text, spans)


def test_the_cue_tables_and_the_schema_vocabularies_agree() -> None:
    """Every action has cue words and every cue names a schema action or asset: a new action needs both."""
    assert set(extract.ACTION_CUES) == set(ACTIONS)
    assert set(extract.ASSET_CUES) <= set(ASSETS)
    scanner = extract._scanner()
    # Each action as written and negated (NEGATORS), one class of count words (QUANTITY_COUNTS), one of
    # arrivals (ARRIVAL_CUES) and one of vessel words (geo._resolve.VESSEL_WORDS).
    assert len(scanner.bits) == 2 * len(extract.ACTION_CUES) + len(extract.ASSET_CUES) + len(extract.SENTENCE_CUES) + 3
    assert set(extract.NEGATED_ACTIONS) <= set(ACTIONS) and set(extract.NEGATED_ACTIONS.values()) <= set(ACTIONS)


WORDS = ["Keep", "pull-out", "Left.", "evacuated", "Moscow", "Édith", "İstanbul", "\ufb01", "\n", " ", "?", "\u2019"]


@given(st.lists(st.sampled_from(WORDS), max_size=30))
@settings(max_examples=200, deadline=None)
def test_a_given_boundary_form_reads_like_the_text(words: list[str]) -> None:
    """extract passes the article's boundary form once for every scanner: the masks are the same."""
    scanner = CueScanner(TABLE, case_sensitive=["actor"])
    text = " ".join(words)
    spans = extract.sentences(text)
    assert list(scanner.scan(text, spans, form=boundary_form(text))) == list(scanner.scan(text, spans))


def test_a_term_as_a_regular_expression_reads_the_same_syntax() -> None:
    """Patterns built from cue terms elsewhere (geo.extract) read wildcards and refused words as the scanner."""
    assert term_words("military !equipment !gear") == "military"
    assert re.fullmatch(term_pattern("evacuat*"), "evacuation")
    assert re.fullmatch(term_pattern("departure of * troops"), "departure of Russian\ntroops")
    assert not re.fullmatch(term_pattern("departure of * troops"), "departure of troops")
    assert re.fullmatch(term_pattern("carrying !out"), "carrying")
