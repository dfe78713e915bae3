"""Disputes: one disagreement per place and window, checked against the pair list and a day-by-day reference."""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import geo
from geo.cli import cli
from geo.disputes import STANCES, dispute_records, disputes
from geo.evidence import chain_links, contradictions, count_chains
from geo.schema import DISPUTES, OPPOSING_ACTIONS, column_names
from tests.conftest import DATA_OPTIONS

DAY0 = pd.Timestamp("2024-12-01")

SIDES_AT_THE_BASES = [
    {
        "stance": "leaving",
        "claim_ids": ["c001-05", "c001-09", "c003-02"],
        "source_ids": ["s001", "s003"],
        "independent": 2,
    },
    {
        "stance": "staying",
        "claim_ids": ["c000-03", "c000-04", "c000-05", "c002-08"],
        "source_ids": ["s000", "s002"],
        "independent": 2,
    },
]


def day(offset: int | None) -> pd.Timestamp:
    """``DAY0`` plus ``offset`` days, NaT for None (an open end)."""
    return pd.NaT if offset is None else DAY0 + pd.Timedelta(days=offset)


def iso(offset: int | None) -> str | None:
    return None if offset is None else f"{day(offset):%Y-%m-%d}"


def make_claims(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A claims table with the columns disputes and contradictions read; missing cells get defaults."""
    defaults = {
        "quote": "-", "quantity": "", "origin": "", "destination": "", "places": [], "attribution": "",
        "modality": "occurred",
    }  # fmt: skip
    table = pd.DataFrame(
        [{**defaults, **row, "start": day(row["start"]), "end": day(row["end"])} for row in rows],
        columns=["claim_id", "source_id", "quote", "action", "modality", "quantity", "origin", "destination",
                 "places", "start", "end", "attribution"],
    )  # fmt: skip
    return table.set_index("claim_id", drop=False).rename_axis(None)


SOURCES = pd.DataFrame({"publisher": ["A", "A", "B", "", "", ""]}, index=["s0", "s1", "s2", "s3", "s4", "s5"])


def claim(claim_id: str, action: str, start: int | None, end: int | None, place: str = "p", **extra: Any) -> dict:
    return {"claim_id": claim_id, "source_id": "s3", "action": action, "places": [place], "start": start, "end": end,
            **extra}  # fmt: skip


def windows_of(claims: pd.DataFrame) -> list[tuple[str, str | None, str | None]]:
    return [(r["place_id"], r["start"], r["end"]) for r in dispute_records(disputes(claims, SOURCES))]


# --- the seeds ------------------------------------------------------------------


def test_the_seeds_have_one_dispute_at_each_base(dataset: geo.Dataset) -> None:
    records = dispute_records(disputes(dataset.claims, dataset.sources))
    # 'some combat troops' (c001-01) withdrew from Hmeimim: partial, so on no side.
    assert records == [
        {"place_id": place, "start": "2024-12-14", "end": "2025-01-16", "sides": SIDES_AT_THE_BASES}
        for place in ("hmeimim_air_base", "tartus_naval_base")
    ]


def test_the_seeds_disputes_stand_for_every_contradicting_pair(dataset: geo.Dataset) -> None:
    table = disputes(dataset.claims, dataset.sources)
    assert table["pairs"].tolist() == [12, 12]
    assert_pairs_covered(dataset.claims, table)


# --- the definition, case by case ---------------------------------------------------


def test_touching_pieces_make_one_window_and_a_gap_day_splits() -> None:
    touching = make_claims([claim("l1", "withdraw", 0, 4), claim("l2", "withdraw", 5, 9), claim("s1", "retain", 0, 9)])
    assert windows_of(touching) == [("p", iso(0), iso(9))]
    gap = make_claims([claim("l1", "withdraw", 0, 4), claim("l2", "withdraw", 6, 9), claim("s1", "retain", 0, 9)])
    assert windows_of(gap) == [("p", iso(0), iso(4)), ("p", iso(6), iso(9))]


def test_a_claim_spanning_two_windows_is_on_a_side_of_both() -> None:
    claims = make_claims([claim("l1", "withdraw", 0, 20), claim("s1", "retain", 2, 3), claim("s2", "retain", 10, 12)])
    table = disputes(claims, SOURCES)
    assert table["leaving_claims"].tolist() == [["l1"], ["l1"]]
    assert table["staying_claims"].tolist() == [["s1"], ["s2"]]
    assert table["pairs"].tolist() == [1, 1]


def test_open_ends_and_order() -> None:
    claims = make_claims(
        [
            claim("l1", "withdraw", None, 3, place="q"),
            claim("s1", "retain", None, None, place="q"),
            claim("l2", "withdraw", 10, None, place="q"),
            claim("l3", "withdraw", 5, None, place="a"),  # open only on the leaving side: the window ends
            claim("s3", "retain", None, 8, place="a"),
        ]
    )
    assert windows_of(claims) == [("a", iso(5), iso(8)), ("q", None, iso(3)), ("q", iso(10), None)]
    table = disputes(claims, SOURCES)
    assert table["start"].isna().tolist() == [False, True, False]
    assert table["end"].isna().tolist() == [False, False, True]


def test_sides_partial_withdrawals_and_other_actions() -> None:
    claims = make_claims(
        [
            claim("l1", "withdraw", 0, 5, modality="planned"),
            claim("l2", "withdraw", 0, 5, quantity="some troops"),  # partial
            claim("d1", "depart", 0, 5),
            claim("s1", "retain", 3, 8),
        ]
    )
    table = disputes(claims, SOURCES)
    assert table[["leaving_claims", "staying_claims"]].values.tolist() == [[["l1"], ["s1"]]]
    assert windows_of(claims) == [("p", iso(3), iso(5))]


def test_a_claim_naming_a_place_in_two_roles_counts_once() -> None:
    claims = make_claims(
        [claim("l1", "withdraw", 0, 5, origin="p"), claim("s1", "retain", 0, 5, destination="p", places=["p", "p"])]
    )
    table = disputes(claims, SOURCES)
    assert table[["leaving_claims", "staying_claims", "pairs"]].values.tolist() == [[["l1"], ["s1"], 1]]


def test_sources_are_distinct_and_chains_follow_the_corroboration_rule() -> None:
    claims = make_claims(
        [
            claim("l1", "withdraw", 0, 5, source_id="s0"),
            claim("l2", "withdraw", 0, 5, source_id="s1"),  # same publisher as s0
            claim("l3", "withdraw", 0, 5, source_id="s3", attribution="SOHR"),
            claim("l4", "withdraw", 0, 5, source_id="s4", attribution="sohr"),  # same originator as l3
            claim("l5", "withdraw", 0, 5, source_id="s4", attribution="sohr"),
            claim("s1", "retain", 0, 5, source_id="s5"),
        ]
    )
    (record,) = dispute_records(disputes(claims, SOURCES))
    assert record["sides"][0] == {
        "stance": "leaving",
        "claim_ids": ["l1", "l2", "l3", "l4", "l5"],
        "source_ids": ["s0", "s1", "s3", "s4"],
        "independent": 2,
    }


def test_an_interval_ending_before_it_starts_takes_no_part() -> None:
    claims = make_claims([claim("l1", "withdraw", 5, 2), claim("s1", "retain", None, None)])
    assert disputes(claims, SOURCES).empty
    assert contradictions(claims).empty
    claims = make_claims(
        [claim("l1", "withdraw", 5, 2), claim("l2", "withdraw", 0, 9), claim("s1", "retain", None, None)]
    )
    table = disputes(claims, SOURCES)
    assert table[["leaving_claims", "pairs"]].values.tolist() == [[["l2"], 1]]


def test_no_disputes_give_an_empty_table_with_the_schema_columns() -> None:
    table = disputes(make_claims([claim("s1", "retain", 0, 5)]), SOURCES)
    assert table.empty
    assert list(table.columns) == column_names(DISPUTES)
    assert dispute_records(table) == []
    assert list(disputes(make_claims([]), SOURCES).columns) == column_names(DISPUTES)


def test_the_stances_are_a_pair_of_opposing_actions() -> None:
    from geo.schema import DISPUTE_STANCES
    from geo.slices import DISPUTE_SIDES, EVIDENCE

    actions = frozenset(action for _, kind in DISPUTE_SIDES for action in EVIDENCE[kind].actions)
    assert actions in OPPOSING_ACTIONS
    assert set(STANCES) == set(DISPUTE_STANCES)


def test_a_withdrawal_to_a_place_disputes_nothing_there() -> None:
    """Forces that withdrew from Kobani to Hmeimim arrived at Hmeimim: against a retention there, no dispute."""
    rows = [
        claim("w", "withdraw", 0, 5, place="kobani", destination="hmeimim"),
        claim("r", "retain", 0, 5, place="hmeimim"),
        claim("k", "retain", 0, 5, place="kobani"),
    ]
    claims = make_claims(rows)
    assert [r["place_id"] for r in dispute_records(disputes(claims, SOURCES))] == ["kobani"]
    assert contradictions(claims)[["place_id", "claim_a", "claim_b"]].values.tolist() == [["kobani", "w", "k"]]


def test_pairs_are_counted_without_listing_them() -> None:
    # 3000 x 3000 overlapping claims: nine million pairs, which a pairwise join would have to build.
    rows = [claim(f"l{i:04d}", "withdraw", i % 7, 40 + i % 5) for i in range(3000)]
    rows += [claim(f"s{i:04d}", "retain", 30 + i % 3, None) for i in range(3000)]
    table = disputes(make_claims(rows), SOURCES)
    assert table[["start", "end", "pairs"]].values.tolist() == [[day(30), day(44), 9_000_000]]


# --- random claim sets: the pair list and a day-by-day reference -------------------


def random_claims(seed: int, n: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        start = None if rng.random() < 0.15 else rng.randrange(40)
        end = None if rng.random() < 0.15 else (start if start is not None else rng.randrange(40)) + rng.randrange(8)
        roles: dict[str, Any] = {"places": rng.sample(["p0", "p1", "p2"], rng.randrange(1, 3))}
        if rng.random() < 0.3:
            roles["origin"] = rng.choice(["p0", "p1", "p2"])
        if rng.random() < 0.3:
            roles["destination"] = rng.choice([p for p in ("p0", "p1", "p2") if p != roles.get("origin")])
        rows.append(
            {
                "claim_id": f"c{i:03d}", "source_id": f"s{rng.randrange(6)}",
                "action": rng.choice(["withdraw", "withdraw", "retain", "retain", "depart"]),
                "quantity": rng.choice(["", "", "some", "10%"]), "start": start, "end": end,
                "attribution": rng.choice(["", "SOHR", "Reuters", "unnamed officials"]), **roles,
            }
        )  # fmt: skip
    return make_claims(rows)


def assert_pairs_covered(claims: pd.DataFrame, table: pd.DataFrame) -> None:
    """Each dispute's overlapping leaving x staying pairs, over all disputes, are the pair list, each once."""
    lo = {c: -1e9 if pd.isna(d) else (d - DAY0).days for c, d in claims["start"].items()}
    hi = {c: 1e9 if pd.isna(d) else (d - DAY0).days for c, d in claims["end"].items()}
    found: Counter[tuple[str, str, str]] = Counter()
    for place, leaving, staying, pairs in table[["place_id", "leaving_claims", "staying_claims", "pairs"]].values:
        overlapping = [(place, a, b) for a in leaving for b in staying if lo[a] <= hi[b] and lo[b] <= hi[a]]
        assert len(overlapping) == pairs
        found.update(overlapping)
    expected = Counter(contradictions(claims)[["place_id", "claim_a", "claim_b"]].itertuples(index=False, name=None))
    assert found == expected
    assert table["pairs"].sum() == len(contradictions(claims))


def reference(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """The definition read literally, one day at a time over a range one day wider than any date."""
    offsets = [(d - DAY0).days for d in pd.concat([claims["start"], claims["end"]]).dropna()]
    first, last = min(offsets) - 1, max(offsets) + 1  # open ends reach these days
    links = chain_links(claims, SOURCES)
    cover: dict[str, dict[str, dict[str, range]]] = {}
    for row in claims.itertuples():
        if row.action == "retain":
            stance = "staying"
        elif row.action == "withdraw" and not any(m in row.quantity for m in ("some", "%")):
            stance = "leaving"
        else:
            continue
        start = first if pd.isna(row.start) else (row.start - DAY0).days
        end = last if pd.isna(row.end) else (row.end - DAY0).days
        # A withdrawal stands where it leaves (origin, places), a retention at any of its places.
        named = {row.origin, *row.places} if stance == "leaving" else {row.origin, row.destination, *row.places}
        for place in named - {""}:
            cover.setdefault(place, {"leaving": {}, "staying": {}})[stance][row.claim_id] = range(start, end + 1)
    records = []
    for place in sorted(cover):
        days = {
            stance: set().union(*cover[place][stance].values()) if cover[place][stance] else set()
            for stance in ("leaving", "staying")
        }
        both = sorted(days["leaving"] & days["staying"])
        runs: list[list[int]] = []
        for d in both:
            if runs and d == runs[-1][1] + 1:
                runs[-1][1] = d
            else:
                runs.append([d, d])
        for start, end in runs:
            window = set(range(start, end + 1))
            sides = []
            for stance in ("leaving", "staying"):
                ids = sorted(c for c, covered in cover[place][stance].items() if window & set(covered))
                sources = sorted({claims.at[c, "source_id"] for c in ids})
                sides.append(
                    {"stance": stance, "claim_ids": ids, "source_ids": sources, "independent": count_chains(ids, links)}
                )
            records.append(
                {
                    "place_id": place,
                    "start": None if start == first else iso(start),
                    "end": None if end == last else iso(end),
                    "sides": sides,
                }
            )
    return records


@pytest.mark.parametrize("seed", range(40))
def test_random_claim_sets_match_the_reference_and_the_pair_list(seed: int) -> None:
    claims = random_claims(seed, 8 + seed)
    table = disputes(claims, SOURCES)
    assert dispute_records(table) == reference(claims)
    assert_pairs_covered(claims, table)


def test_random_claim_sets_exercise_every_case() -> None:
    # The random sets above must include the cases the definition singles out, or they test little.
    seen: Counter[str] = Counter()
    for seed in range(40):
        claims = random_claims(seed, 8 + seed)
        table = disputes(claims, SOURCES)
        seen["open start"] += int(table["start"].isna().sum())
        seen["open end"] += int(table["end"].isna().sum())
        seen["several windows at a place"] += int(table["place_id"].duplicated().sum())
        seen["claim on two disputes"] += sum(
            Counter(c for (p, ids) in table[["place_id", "leaving_claims"]].values for c in ids).values()
        ) - len({(p, c) for p, ids in table[["place_id", "leaving_claims"]].values for c in ids})
        seen["non-overlapping pair inside a dispute"] += sum(
            len(lv) * len(st) > n for lv, st, n in table[["leaving_claims", "staying_claims", "pairs"]].values
        )
    assert all(seen[case] > 0 for case in seen), seen


# --- the command line --------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, *args])
    return result.exit_code, result.stdout


def test_disputes_cli_table() -> None:
    code, out = run("disputes")
    assert code == 0
    ids = "c001-05,c001-09,c003-02  4        2                    c000-03,c000-04,c000-05,c002-08  12"
    assert out == (
        "place_id           start       end         leaving  leaving_independent  leaving_claims           "
        "staying  staying_independent  staying_claims                   pairs\n"
        f"hmeimim_air_base   2024-12-14  2025-01-16  3        2                    {ids}\n"
        f"tartus_naval_base  2024-12-14  2025-01-16  3        2                    {ids}\n"
        "2 disputes, 24 contradicting pairs.\n"
    )


def test_disputes_cli_json() -> None:
    code, out = run("disputes", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"place_id": place, "start": "2024-12-14", "end": "2025-01-16", "sides": SIDES_AT_THE_BASES}
        for place in ("hmeimim_air_base", "tartus_naval_base")
    ]
    assert out.startswith('[\n  {\n    "place_id": "hmeimim_air_base",\n    "start": "2024-12-14",\n')
