"""AliasMatcher: boundaries, case, punctuation, Arabic proclitics, leftmost-longest, offsets."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import _matcher
from geo._matcher import PROCLITICS, AliasMatcher, Match, boundary_form, fold_char, normalise


def found(aliases: list[str], text: str) -> list[str]:
    """The surfaces the matcher finds, in order."""
    return [m.surface for m in AliasMatcher(aliases).find(text)]


def test_case_insensitive() -> None:
    matches = AliasMatcher(["Khmeimim"]).find("Jets left KHmeimim and khmeimim.")
    assert [(m.start, m.end, m.surface, m.key) for m in matches] == [(10, 18, "KHmeimim", 0), (23, 31, "khmeimim", 0)]


@pytest.mark.parametrize("text", ["Tartous' port", "Tartous’ port", "Hmeimim's runway", "Hmeimim’s runway"])
def test_possessives_and_trailing_apostrophes(text: str) -> None:
    assert found(["Tartous", "Hmeimim"], text) == [text.split("'")[0].split("’")[0]]


@pytest.mark.parametrize("text", ["Tartusville", "xTartus", "Tartus2", "Homsy", "Al-Homsi"])
def test_no_match_inside_a_word(text: str) -> None:
    assert found(["Tartus", "Homs"], text) == []


def test_edges_and_punctuation_are_boundaries() -> None:
    assert found(["Tartus", "Homs"], "Tartus(Homs)") == ["Tartus", "Homs"]
    assert found(["Homs"], "Homs") == ["Homs"]


def test_leftmost_longest_prefers_the_hyphenated_name() -> None:
    matcher = AliasMatcher(["Qamishli", "Al-Qamishli"])
    (match,) = matcher.find("Flights from Al-Qamishli resumed.")
    assert (match.surface, match.key) == ("Al-Qamishli", 1)


def test_longest_wins_at_the_same_start() -> None:
    matcher = AliasMatcher(["T4", "T4 military airport"])
    assert [m.surface for m in matcher.find("The T4 military airport was hit.")] == ["T4 military airport"]
    assert found(["T4"], "The T4 military airport was hit.") == ["T4"]


def test_leftmost_wins_over_longer_later_overlap() -> None:
    assert found(["Jableh region", "region of Latakia"], "the Jableh region of Latakia") == ["Jableh region"]


def test_longer_alias_failing_the_boundary_does_not_hide_shorter() -> None:
    assert found(["Tartus", "Tartus naval"], "Tartus navally speaking") == ["Tartus"]


def test_longer_alias_failing_its_punctuation_does_not_hide_shorter() -> None:
    # "Al.Qamishli" has the boundary form of "Al-Qamishli" but not its spelling.
    assert found(["Al", "Qamishli", "Al-Qamishli"], "Al.Qamishli") == ["Al", "Qamishli"]


def test_spaces_in_an_alias_must_be_spaces() -> None:
    assert found(["T4 military airport"], "T4, military airport") == []


@pytest.mark.parametrize(
    ("alias", "text"),
    [
        ("Ma'arrat al-Nu'man", "near Ma’arrat al-Nu’man."),
        ("Ma’arrat al-Nu’man", "near Ma'arrat al-Nu'man."),
    ],
)
def test_curly_and_straight_apostrophes_are_equal(alias: str, text: str) -> None:
    assert found([alias], text) == [text[5:-1]]


@pytest.mark.parametrize(
    ("alias", "text"),
    [
        ("Deir ez-Zor", "in Deir ez–Zor"),
        ("Deir ez–Zor", "in Deir ez-Zor"),
        ("Deir ez-Zor", "in Deir ez‐Zor"),
        ("Deir ez-Zor", "in Deir ez—Zor"),
    ],
)
def test_hyphens_and_dashes_are_equal(alias: str, text: str) -> None:
    assert found([alias], text) == [text[3:]]


def test_a_hyphen_in_a_name_is_a_space() -> None:
    """Transliterations write "Maaten Al Sarra" and "Maaten al-Sarra", "Deir ez Zor" and "Deir ez-Zor"."""
    assert found(["Deir ez-Zor"], "Deir ez Zor; Deir ez\nZor") == ["Deir ez Zor", "Deir ez\nZor"]
    assert found(["Maaten al-Sarra"], "the Maaten Al Sarra air base") == ["Maaten Al Sarra"]
    assert found(["Deir ez Zor"], "in Deir ez-Zor") == ["Deir ez-Zor"]


def test_other_punctuation_is_not_collapsed() -> None:
    assert found(["Deir ez-Zor"], "Deir ez_Zor, Deir ez.Zor, Deir ez, Zor") == []


def test_arabic_alias_in_arabic_text() -> None:
    text = "غادرت الطائرات قاعدة حميميم الجوية"
    (match,) = AliasMatcher(["حميميم"]).find(text)
    assert match.surface == "حميميم"
    assert text[match.start : match.end] == "حميميم"


@pytest.mark.parametrize("proclitic", list(PROCLITICS))
def test_arabic_proclitic_before_an_arabic_alias(proclitic: str) -> None:
    text = f"الطائرات {proclitic}حميميم"
    (match,) = AliasMatcher(["حميميم"]).find(text)
    assert (match.start, match.surface) == (len(text) - 6, "حميميم")


@pytest.mark.parametrize("alias", ["حميميم", "تل أبيض", "دير-الزور"])
def test_proclitic_before_single_and_multi_word_aliases(alias: str) -> None:
    text = f"من ب{alias}."
    (match,) = AliasMatcher([alias]).find(text)
    assert (match.start, match.end, match.surface) == (4, 4 + len(alias), alias)


def test_only_one_proclitic_and_only_before_arabic_script() -> None:
    assert found(["حميميم"], "وبحميميم") == []
    assert found(["حميميم"], "سحميميم") == []
    assert found(["Homs"], "وHoms") == []


@pytest.mark.parametrize("aliases", [["ادي", "وادي"], ["وادي", "ادي"]])
def test_alias_spelled_with_the_proclitic_wins(aliases: list[str]) -> None:
    # Both "وادي" and "و" + "ادي" fit; the longer, earlier-starting alias is kept.
    (match,) = AliasMatcher(aliases).find("في وادي")
    assert (match.surface, aliases[match.key]) == ("وادي", "وادي")


@pytest.mark.parametrize(("alias", "text"), [("ΔΑΜΑΣΚΌΣ", "στη Δαμασκός."), ("Δαμασκός", "ΣΤΗ ΔΑΜΑΣΚΌΣ.")])
def test_final_sigma_is_sigma(alias: str, text: str) -> None:
    assert found([alias], text) == [text[4:-1]]


@pytest.mark.parametrize("filler", [" ", "x" * 150, "\U0001f600 " * 70, "é" * 150])
def test_offsets_after_a_lengthening_character(filler: str) -> None:
    # 'İ'.lower() is two characters; offsets must still index the original text.
    text = f"İİ İstanbul {filler} İ Hmeimim and TARTUS İ"
    matches = AliasMatcher(["Hmeimim", "Tartus", "istanbul"]).find(text)
    assert [m.surface for m in matches] == ["İstanbul", "Hmeimim", "TARTUS"]
    for m in matches:
        assert text[m.start : m.end] == m.surface


def test_duplicate_aliases_keep_every_key() -> None:
    matcher = AliasMatcher(["Tartus", "Homs", "TARTUS", "tartus", "Tartus’s", "Tartus's"])
    (match,) = matcher.find("to tartus")
    assert match.key == 0
    assert matcher.keys(0) == matcher.keys(2) == (0, 2, 3)
    assert matcher.keys(1) == (1,)
    assert matcher.keys(4) == (4, 5)
    assert matcher.alias(2) == "TARTUS"
    assert len(matcher) == 3


def test_empty_text_and_empty_alias() -> None:
    matcher = AliasMatcher(["", "Homs"])
    assert matcher.find("") == []
    assert [m.key for m in matcher.find("Homs and ")] == [1]
    assert matcher.keys(0) == ()
    assert len(matcher) == 1


def test_no_aliases() -> None:
    assert AliasMatcher([]).find("Homs") == []


def test_match_is_a_frozen_dataclass() -> None:
    (match,) = AliasMatcher(["Homs"]).find("in Homs")
    assert match == Match(3, 7, "Homs", 0)
    assert hash(match) == hash(Match(3, 7, "Homs", 0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 0  # type: ignore[misc]


def test_accents_fold_so_spellings_that_differ_by_them_match() -> None:
    """Reporting writes "Abéché", "Abeché" and "Abeche", "Kosseï" and "Kossei", "Port-Bouët" and "Port-Bouet"."""
    matcher = AliasMatcher(["Abéché", "Kossei", "Port-Bouët", "أبيض"])
    text = "Abeche, ABÉCHÉ and Abeché; Kosseï; Port-Bouet; ابيض; Abéchéville"
    assert [(m.surface, m.key) for m in matcher.find(text)] == [
        ("Abeche", 0), ("ABÉCHÉ", 0), ("Abeché", 0), ("Kosseï", 1), ("Port-Bouet", 2), ("ابيض", 3),
    ]  # fmt: skip
    # A letter without a decomposition keeps its identity: "ø" is no "o".
    assert normalise("Tromsø") == "tromsø" and fold_char("Ø") == "ø"


def test_bmp_letters_fold_into_the_bmp() -> None:
    # boundary_form maps UTF-16 code units one to one, which needs this.
    for code in range(0x10000):
        char = chr(code)
        if char.isalnum():
            assert len(fold_char(char)) == 1
            assert ord(fold_char(char)) < 0x10000
            assert fold_char(char).isalnum()


# --- properties ------------------------------------------------------------------------

ALIASES = [
    *("Homs", "Tartus", "Tartus naval", "Al-Qamishli", "Qamishli", "T4", "Hama", "Ma'arrat", "Σίσσα", "is"),
    *("حميميم", "تل أبيض", "أبيض", "Δαμασκός"),
]

PIECES = st.sampled_from(
    [
        *ALIASES,
        *(a.upper() for a in ALIASES),
        "ville",
        "s",
        "'",
        "’",
        " ",
        "  ",
        "-",
        "–",
        ".",
        "_",
        "İ",
        "و",
        "ب",
        "x",
        "4",
        "\U0001f600",
        "ς",
        "\u0301",
        "\n",
    ]
)


def reference(aliases: list[str], text: str) -> list[tuple[int, int, int]]:
    """Brute-force leftmost-longest matching by the rules in the module docstring."""
    folded = normalise(text)

    def boundary(i: int) -> bool:
        return i < 0 or i >= len(text) or not text[i].isalnum()

    first: dict[str, int] = {}
    for index, alias in enumerate(aliases):
        first.setdefault(normalise(alias), index)
    candidates = []
    for spelling, key in first.items():
        if not spelling:
            continue
        arabic = "\u0600" <= spelling[0] <= "\u06ff"
        for start in range(len(text) - len(spelling) + 1):
            end = start + len(spelling)
            # A space of the alias also matches one other whitespace character (the class docstring).
            if re.sub(r"[^\S ]", " ", folded[start:end]) != spelling or not boundary(end):
                continue
            proclitic = arabic and start >= 1 and text[start - 1] in PROCLITICS and boundary(start - 2)
            if boundary(start - 1) or proclitic:
                candidates.append((start, end, key))
    candidates.sort(key=lambda c: (c[0], -c[1]))
    kept: list[tuple[int, int, int]] = []
    for candidate in candidates:
        if not kept or candidate[0] >= kept[-1][1]:
            kept.append(candidate)
    return kept


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_matches_agree_with_brute_force(text: str) -> None:
    matches = AliasMatcher(ALIASES).find(text)
    for m in matches:
        assert text[m.start : m.end] == m.surface
    for before, after in itertools.pairwise(matches):
        assert before.end <= after.start
    assert [(m.start, m.end, m.key) for m in matches] == reference(ALIASES, text)


PIECE_LIST = [*ALIASES, *(a.upper() for a in ALIASES), "ville", "s", "'", "’", " ", "  ", "-", "–", ".", "_", "İ"]
PIECE_LIST += ["و", "ب", "x", "4", "\U0001f600", "ς", "\u0301", "\n", "Tartus naval base", "Tel Abyad", "naval", "تل"]
PIECE_LIST += ["Al", "Ma", "arrat"]


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1100, max_value=2500))
def test_long_texts_take_the_array_path_with_the_same_matches(rng: random.Random, pieces: int) -> None:
    # Past _BULK_FROM characters the candidates are checked as arrays, not one by one.
    text = "".join(rng.choice(PIECE_LIST) for _ in range(pieces))
    assert len(text) + 2 >= _matcher._BULK_FROM
    matcher = AliasMatcher(ALIASES)
    spans = matcher.spans(text)
    assert spans == _matcher._unpack(matcher._find(text, boundary_form(text)))
    assert list(zip(*spans, strict=True)) == reference(ALIASES, text)
    assert [(m.start, m.end, m.key, m.surface) for m in matcher.find(text)] == [
        (start, end, key, text[start:end]) for start, end, key in zip(*spans, strict=True)
    ]


@pytest.mark.parametrize("gap", [" ", "\n", "\u00a0", "-", "\u2013", "  ", "'", "\u2019", "\u2003", "."])
def test_long_texts_confirm_punctuated_aliases_as_short_ones_do(gap: str) -> None:
    matcher = AliasMatcher(["Tartus naval", "Tartus", "naval", "Tel Abyad base", "Al-Qamishli", "Ma'arrat"])
    text = f"From Tartus{gap}naval and Tel Abyad{gap}base, Al{gap}Qamishli, Ma{gap}arrat. " * 200
    assert len(text) + 2 >= _matcher._BULK_FROM
    assert matcher.spans(text) == _matcher._unpack(matcher._find(text, boundary_form(text)))
    assert [matcher.spans(piece) for piece in (text[:40], text[40:80])] == [
        _matcher._unpack(matcher._find(piece, boundary_form(piece))) for piece in (text[:40], text[40:80])
    ]


def test_spans_of_nothing_are_empty() -> None:
    assert AliasMatcher(["Homs"]).spans("") == ([], [], [])
    assert AliasMatcher([]).spans("Homs " * 2000) == ([], [], [])
    assert AliasMatcher(["Homs"]).spans("Hama " * 2000) == ([], [], [])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_boundary_form_is_per_character(text: str) -> None:
    expected = "".join(fold_char(c) if c.isalnum() else " " for c in text)
    assert boundary_form(text) == f" {expected} "
    assert len(normalise(text)) == len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.lists(st.text(min_size=1, max_size=8), max_size=6))
def test_any_text_gives_exact_non_overlapping_slices(text: str, aliases: list[str]) -> None:
    matcher = AliasMatcher(aliases)
    matches = matcher.find(text)
    for m in matches:
        assert text[m.start : m.end] == m.surface
        assert normalise(m.surface) == normalise(matcher.alias(m.key))
    for before, after in itertools.pairwise(matches):
        assert before.end <= after.start


@pytest.mark.parametrize("enabled", [True, False])
def test_find_leaves_the_cycle_collector_as_it_was(enabled: bool) -> None:
    matcher = AliasMatcher(["Tartus"])
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert [m.surface for m in matcher.find("From Tartus to Tartus")] == ["Tartus", "Tartus"]
        assert gc.isenabled() is enabled
        with pytest.raises(AttributeError):
            matcher.find(123)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.parametrize("gap", ["\n", "\t", "\u00a0", "\r"])
def test_a_space_in_an_alias_matches_other_whitespace(gap: str) -> None:
    text = f"Troops left Tel{gap}Al-Samn and the Golan{gap}Heights."
    assert found(["Tel Al-Samn", "Golan Heights"], text) == [f"Tel{gap}Al-Samn", f"Golan{gap}Heights"]


@pytest.mark.parametrize("gap", [".", "/", "  ", "_"])
def test_a_space_in_an_alias_does_not_match_punctuation_or_two_spaces(gap: str) -> None:
    assert found(["Tel Al-Samn"], f"Troops left Tel{gap}Al-Samn.") == []
