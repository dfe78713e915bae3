"""The join by time slice, and each place's state per slice."""

from __future__ import annotations

import pandas as pd
import pytest

import geo
from geo.slices import is_partial, place_status, slice_edges, slices

T = pd.Timestamp


def labels(freq: str, start: str, end: str) -> list[tuple[str, str, str]]:
    return [(label, f"{a:%Y-%m-%d}", f"{b:%Y-%m-%d}") for label, a, b in slice_edges(freq, T(start), T(end))]


def test_weeks_are_iso_weeks_across_the_year_boundary() -> None:
    assert labels("W", "2024-12-25", "2025-01-06") == [
        ("2024-W52", "2024-12-23", "2024-12-29"),
        ("2025-W01", "2024-12-30", "2025-01-05"),
        ("2025-W02", "2025-01-06", "2025-01-12"),
    ]


def test_months_and_days() -> None:
    assert labels("M", "2024-12-08", "2025-01-16") == [
        ("2024-12", "2024-12-01", "2024-12-31"),
        ("2025-01", "2025-01-01", "2025-01-31"),
    ]
    assert labels("D", "2024-02-28", "2024-03-01") == [
        ("2024-02-28", "2024-02-28", "2024-02-28"),
        ("2024-02-29", "2024-02-29", "2024-02-29"),
        ("2024-03-01", "2024-03-01", "2024-03-01"),
    ]


def test_explicit_edges() -> None:
    edges = slice_edges(["2024-12-08", "2024-12-16", "2025-01-01"], T("2024-12-01"), T("2025-01-31"))
    assert [(label, f"{b:%Y-%m-%d}") for label, _, b in edges] == [
        ("2024-12-08/2024-12-15", "2024-12-15"),
        ("2024-12-16/2024-12-31", "2024-12-31"),
    ]


@pytest.mark.parametrize(
    ("freq", "start", "end", "message"),
    [
        ("fortnight", "2024-12-01", "2024-12-31", "unknown frequency 'fortnight'"),
        ("W", "2024-12-31", "2024-12-01", "the window starts (2024-12-31) after it ends (2024-12-01)"),
    ],
)
def test_bad_slicing_options(freq: str, start: str, end: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        slice_edges(freq, T(start), T(end))


@pytest.fixture(scope="module")
def weekly(dataset: geo.Dataset) -> pd.DataFrame:
    return slices(dataset.claims, dataset.places, freq="W")


def slices_of(table: pd.DataFrame, claim_id: str) -> list[str]:
    return sorted(set(table.loc[table["claim_id"] == claim_id, "slice"]))


def test_a_dated_claim_falls_in_its_week_only(weekly: pd.DataFrame) -> None:
    assert slices_of(weekly, "c004-01") == ["2024-W52"]  # last Tuesday = 2024-12-24


def test_a_claim_spanning_two_weeks_is_in_both_with_every_role(weekly: pd.DataFrame) -> None:
    assert slices_of(weekly, "c001-03") == ["2024-W50", "2024-W51"]  # 2024-12-11 .. 2024-12-16
    rows = weekly[(weekly["claim_id"] == "c001-03") & (weekly["slice"] == "2024-W50")]
    assert list(zip(rows["place_id"], rows["role"], strict=True)) == [
        ("hmeimim_air_base", "origin"),
        ("russia", "destination"),
    ]


def test_open_start_reaches_back_to_the_window_start(weekly: pd.DataFrame) -> None:
    assert slices_of(weekly, "c002-02") == ["2024-W49", "2024-W50"]  # … .. 2024-12-14


def test_open_end_runs_to_the_window_end(weekly: pd.DataFrame) -> None:
    last = weekly["slice"].iloc[-1]
    assert slices_of(weekly, "c000-03")[0] == "2024-W50"
    assert slices_of(weekly, "c000-03")[-1] == last


def test_rows_carry_the_place_point(weekly: pd.DataFrame, dataset: geo.Dataset) -> None:
    row = weekly[weekly["place_id"] == "t4_air_base"].iloc[0]
    assert row.geometry.equals(dataset.places.geometry["t4_air_base"])
    assert weekly.crs.to_epsg() == 4326


def test_window_limits_the_slices(dataset: geo.Dataset) -> None:
    table = slices(dataset.claims, dataset.places, freq="D", start="2024-12-20", end="2024-12-31")
    assert "c004-01" in set(table["claim_id"])
    assert "c001-06" not in set(table["claim_id"])  # 2024-12-09 .. 2024-12-15
    assert table["slice"].min() == "2024-12-20"
    assert table["slice"].max() == "2024-12-31"


@pytest.fixture(scope="module")
def status(weekly: pd.DataFrame, dataset: geo.Dataset) -> pd.DataFrame:
    return place_status(weekly, dataset.claims, dataset.places)


def state(status: pd.DataFrame, slice_label: str, place: str) -> tuple[str, list[str]]:
    row = status[(status["slice"] == slice_label) & (status["place_id"] == place)].iloc[0]
    return row["state"], row["claim_ids"]


def test_observation_posts_left_last_week_are_vacated(status: pd.DataFrame) -> None:
    assert state(status, "2024-W50", "quneitra_observation_posts") == ("vacated_reported", ["c001-06"])


def test_hmeimim_is_contested_when_plan_and_retention_overlap(status: pd.DataFrame) -> None:
    label, ids = state(status, "2024-W51", "hmeimim_air_base")
    assert label == "contested"
    assert {"c001-05", "c000-03", "c002-08"} <= set(ids)


def test_partial_withdrawal_draws_down_and_a_plan_alone_is_planned(status: pd.DataFrame) -> None:
    assert state(status, "2024-W50", "qamishli_airport") == ("drawing_down", ["c001-08"])
    assert state(status, "2024-W52", "qamishli_airport")[0] == "withdrawal_planned"


def test_a_country_is_never_vacated_by_one_report(status: pd.DataFrame) -> None:
    assert "vacated_reported" not in set(status.loc[status["place_id"] == "syria", "state"])


def test_destinations_are_present(status: pd.DataFrame) -> None:
    assert state(status, "2024-W50", "russia")[0] == "present"


def test_a_withdrawal_draws_down_where_it_leaves_not_where_it_goes(dataset: geo.Dataset) -> None:
    """ "Withdrew from Kobani to Hmeimim": Kobani is left; at Hmeimim the forces arrive."""
    claim = dataset.claims.iloc[[0]].assign(
        claim_id="t1", action="withdraw", origin="kobani", destination="hmeimim_air_base", places=[[]],
        quantity="", modality="occurred", start=pd.Timestamp("2024-12-10"), end=pd.Timestamp("2024-12-10"),
    )  # fmt: skip
    claim.index = ["t1"]
    table = slices(claim, dataset.places, freq="W")
    found = place_status(table, claim, dataset.places)
    states = dict(zip(found["place_id"], found["state"], strict=True))
    assert states == {"kobani": "vacated_reported", "hmeimim_air_base": "present"}


@pytest.mark.parametrize(
    ("quantity", "partial"),
    [("some combat troops", True), ("10%", True), ("partial", True), ("seven observation posts", False), ("", False)],
)
def test_partial_markers(quantity: str, partial: bool) -> None:
    assert is_partial(quantity) is partial
