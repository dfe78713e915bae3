"""Contradictions between claims, and corroboration counted by independent source."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import geo
from geo.cli import cli
from geo.evidence import contradictions, corroboration, independent_count, originators
from geo.slices import slices
from tests.conftest import DATA_OPTIONS


@pytest.fixture(scope="module")
def pairs(dataset: geo.Dataset) -> pd.DataFrame:
    return contradictions(dataset.claims)


def pair(pairs: pd.DataFrame, place: str, a: str, b: str) -> pd.Series:
    hit = pairs[(pairs["place_id"] == place) & (pairs["claim_a"] == a) & (pairs["claim_b"] == b)]
    assert len(hit) == 1, f"{a} vs {b} at {place} not found"
    return hit.iloc[0]


def test_planned_pullout_contradicts_keeping_hmeimim_and_tartus(pairs: pd.DataFrame, dataset: geo.Dataset) -> None:
    for place in ("hmeimim_air_base", "tartus_naval_base"):
        row = pair(pairs, place, "c001-05", "c002-08")
        assert row["quote_a"] == dataset.claims.at["c001-05", "quote"]
        assert "not abandoning its primary bases at Hmeimim and Tartus" in row["quote_b"]
        assert (row["source_a"], row["source_b"]) == ("s001", "s002")
        assert (row["overlap_start"], row["overlap_end"]) == (pd.Timestamp("2024-12-16"), pd.Timestamp("2025-01-16"))
        pair(pairs, place, "c001-05", "c000-03")  # and against article 000's intention


def test_partial_withdrawals_and_departures_do_not_contradict_retention(pairs: pd.DataFrame) -> None:
    involved = set(pairs["claim_a"]) | set(pairs["claim_b"])
    assert "c001-01" not in involved  # "some combat troops ... pulled out"
    assert "c003-03" not in involved  # warships left: a departure
    assert set(pairs["action_a"]) == {"withdraw"}
    assert set(pairs["action_b"]) == {"retain"}


def test_claims_that_do_not_overlap_in_time_do_not_contradict(dataset: geo.Dataset) -> None:
    claims = dataset.claims.copy()
    claims.loc["c002-08", "start"] = pd.Timestamp("2025-02-01")  # retention reported after the plan ends
    claims.loc[["c000-03", "c000-04", "c000-05"], "start"] = pd.Timestamp("2025-02-01")
    claims.loc["c003-02", "end"] = pd.Timestamp("2024-12-10")
    assert contradictions(claims).empty


def test_contradictions_cli_json_shows_both_quotes(dataset: geo.Dataset) -> None:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "contradictions", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    hit = [
        r for r in rows if (r["claim_a"], r["claim_b"], r["place_id"]) == ("c001-05", "c000-03", "tartus_naval_base")
    ]
    assert hit and hit[0]["quote_b"] == dataset.claims.at["c000-03", "quote"]
    assert hit[0]["overlap_start"] == "2024-12-16"


def claims_frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["claim_id", "source_id", "attribution"])
    return frame.set_index("claim_id", drop=False).rename_axis(None)


SOURCES = pd.DataFrame({"publisher": ["Archyde", "Archyde", "", "", ""]}, index=["s1", "s2", "s3", "s4", "s5"])


def test_one_article_counts_once() -> None:
    claims = claims_frame(("a", "s3", ""), ("b", "s3", "Dr. Petrova"))
    assert independent_count(["a", "b"], claims, SOURCES) == 1


def test_same_publisher_counts_once() -> None:
    claims = claims_frame(("a", "s1", ""), ("b", "s2", ""))
    assert independent_count(["a", "b"], claims, SOURCES) == 1


def test_same_named_originator_counts_once() -> None:
    claims = claims_frame(("a", "s3", "SOHR"), ("b", "s4", "sohr"), ("c", "s5", "Reuters"))
    assert independent_count(["a", "b", "c"], claims, SOURCES) == 2


def test_unnamed_parties_link_nothing() -> None:
    claims = claims_frame(("a", "s3", "unnamed Syrian officials"), ("b", "s4", "unnamed Syrian officials"))
    assert independent_count(["a", "b"], claims, SOURCES) == 2


def test_originators_split_and_normalise() -> None:
    assert originators("Maxar Technologies; Planet Labs (satellite imagery)") == {"maxar technologies", "planet labs"}
    assert originators("reports (unnamed)") == set()


def test_corroboration_on_the_seeds(dataset: geo.Dataset) -> None:
    sliced = slices(dataset.claims, dataset.places, freq="W")
    table = corroboration(sliced, dataset.claims, dataset.sources)
    row = table[
        (table["slice"] == "2024-W50") & (table["place_id"] == "hmeimim_air_base") & (table["action"] == "retain")
    ].iloc[0]
    # c000-03/04/05 are one article (000, three times); c002-08 is another.
    assert (row["claims"], row["sources"], row["independent_sources"]) == (4, 2, 2)
    assert (table["independent_sources"] <= table["sources"]).all()
    assert (table["sources"] <= table["claims"]).all()
