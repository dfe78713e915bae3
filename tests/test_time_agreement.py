"""The automatic resolver against the curated intervals of the seed claims."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import geo
from geo.validate import time_agreement


@pytest.fixture(scope="module")
def checks(dataset: geo.Dataset) -> pd.DataFrame:
    return time_agreement(dataset).set_index("claim_id")


@pytest.mark.parametrize(
    ("claim_id", "phrase"),
    [
        ("c001-06", "Last week"),
        ("c004-01", "Last Tuesday"),
        ("c001-02", "within one month"),
        ("c001-05", "within the one-month timeframe"),
        ("c000-01", "December 15th"),
        ("c001-03", "Over the past few days"),
        ("c001-01", "already"),
    ],
)
def test_resolver_reproduces_the_curated_interval(checks: pd.DataFrame, claim_id: str, phrase: str) -> None:
    row = checks.loc[claim_id]
    assert row["time_text"] == phrase
    assert row["verdict"] == "agree"


def test_the_wrong_year_in_a_source_shows_as_a_difference(checks: pd.DataFrame) -> None:
    row = checks.loc["c002-01"]
    assert row["verdict"] == "differ"
    assert row["resolved_start"] == pd.Timestamp("2023-12-14")  # as written
    assert row["start"] == pd.Timestamp("2024-12-08")  # as corrected and reviewed


def test_since_an_event_of_the_events_table_agrees(checks: pd.DataFrame) -> None:
    row = checks.loc["c004-02"]
    assert row["time_text"].startswith("Since the fall of the Assad")
    assert (row["verdict"], row["rule"]) == ("agree", "since_event")


def test_event_relative_phrases_without_a_dated_event_are_left_to_the_reviewer(project: Path) -> None:
    (project / "data" / "events.csv").unlink()
    row = time_agreement(geo.load(project / "data", project / "seeds")).set_index("claim_id").loc["c004-02"]
    assert row["verdict"] == "unresolved"
    assert "'since' must be followed by an explicit date" in row["detail"]


def test_a_corrected_anchor_re_resolves(dataset: geo.Dataset) -> None:
    sources = dataset.sources.copy()
    sources.loc["s004", "published"] = pd.Timestamp("2024-12-22")  # the text's own "two weeks ago"
    moved = geo.Dataset(
        sources, dataset.places, dataset.claims, dataset.distances, dataset.seeds, dataset.data_dir, dataset.seeds_dir
    )
    row = time_agreement(moved).set_index("claim_id").loc["c004-01"]
    assert row["resolved_start"] == pd.Timestamp("2024-12-17")  # last Tuesday before Sunday 22 December
    assert row["verdict"] == "differ"
