"""Reporting time: claims as reported by a date, in the library and through the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner

import geo
from geo.cli import cli
from geo.disputes import dispute_records
from geo.reporting import as_reported, publication_dates, reported_mask, reporting_date
from geo.slices import known_states, place_status, slices
from tests.conftest import DATA_OPTIONS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, *args])
    return result.exit_code, result.stdout, result.stderr


# ---- the rule, on a small table of its own ------------------------------------------------


def test_a_row_is_visible_when_its_source_was_published_on_or_before_the_day() -> None:
    sources = pd.DataFrame(
        {"published": pd.to_datetime(["2024-12-14", "2024-12-15", "2024-12-16"])}, index=["a", "b", "c"]
    )
    rows = pd.DataFrame({"source_id": ["c", "a", "b", "a", "c"]})
    assert reported_mask(rows["source_id"], sources, "2024-12-15").tolist() == [False, True, True, True, False]
    assert reported_mask(rows["source_id"], sources, date(2024, 12, 13)).tolist() == [False] * 5
    assert reported_mask(rows["source_id"], sources, None).tolist() == [True] * 5
    assert as_reported(rows, sources, pd.Timestamp("2024-12-14"))["source_id"].tolist() == ["a", "a"]
    assert publication_dates(sources) == ["2024-12-14", "2024-12-15", "2024-12-16"]


@pytest.mark.parametrize("bad", ["2024-13-01", "15/12/2024", "yesterday", ""])
def test_a_bad_date_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match=f"reported_by '{bad}' is not a date: use YYYY-MM-DD"):
        reporting_date(bad)


def test_a_date_without_the_sources_is_refused(dataset: geo.Dataset) -> None:
    with pytest.raises(ValueError, match="reported_by needs the sources table"):
        slices(dataset.claims, dataset.places, reported_by="2024-12-15")


# ---- the real data ------------------------------------------------------------------------


def test_on_15_december_hmeimim_was_not_yet_disputed(dataset: geo.Dataset) -> None:
    before = dispute_records(geo.disputes(dataset.claims, dataset.sources, reported_by="2024-12-15"))
    after = dispute_records(geo.disputes(dataset.claims, dataset.sources, reported_by="2024-12-16"))
    assert [d["place_id"] for d in before] == []
    assert [d["place_id"] for d in after] == ["hmeimim_air_base", "tartus_naval_base"]
    assert after == dispute_records(geo.disputes(dataset.claims, dataset.sources))


def test_states_as_reported_keep_the_slices_of_all_the_claims(dataset: geo.Dataset) -> None:
    claims, places, sources = dataset.claims, dataset.places, dataset.sources
    frozen = slices(claims, places, reported_by="2024-12-15", sources=sources)
    assert set(frozen["source_id"]) == {"s000", "s002"}
    # the same slices, not a window cut down to the claims reported by then
    assert sorted(set(frozen["slice"])) <= sorted(set(slices(claims, places)["slice"]))
    status = place_status(frozen, claims, places)
    hmeimim = status[status["place_id"] == "hmeimim_air_base"].set_index("slice")["state"]
    assert hmeimim["2024-W51"] == "retained_reported"
    latest = place_status(slices(claims, places), claims, places)
    assert latest.set_index(["slice", "place_id"]).loc[("2024-W51", "hmeimim_air_base"), "state"] == "contested"
    # place_status applies the same rule to rows sliced without it
    again = place_status(slices(claims, places), claims, places, reported_by="2024-12-15", sources=sources)
    pd.testing.assert_frame_equal(again, status)
    known = known_states(claims, places, reported_by="2024-12-15", sources=sources)
    assert "contested" not in set(known["state"])


# ---- the command line ---------------------------------------------------------------------


def test_disputes_reported_by_prints_no_dispute_at_hmeimim() -> None:
    code, out, _ = run("disputes", "--reported-by", "2024-12-15", "--json")
    assert code == 0
    assert json.loads(out) == []
    code, out, _ = run("disputes", "--json")
    assert code == 0
    assert [d["place_id"] for d in json.loads(out)] == ["hmeimim_air_base", "tartus_naval_base"]
    code, out, _ = run("disputes", "--reported-by", "2024-12-15")
    assert (code, out) == (
        0,
        "place_id  start  end  leaving  leaving_independent  leaving_claims  staying  "
        "staying_independent  staying_claims  pairs\n0 disputes, 0 contradicting pairs.\n",
    )


def test_status_reported_by_is_the_table_of_the_earlier_articles() -> None:
    code, out, _ = run("status", "--freq", "M", "--reported-by", "2024-12-14")
    assert code == 0
    assert out == (
        "slice    place_id           state              claim_ids\n"
        "2024-12  alawite_mountains  drawing_down       c002-01,c002-07\n"
        "2024-12  hmeimim_air_base   drawing_down       c002-02,c002-03,c002-05,c002-06\n"
        "2024-12  libya              present            c002-03\n"
        "2024-12  northern_syria     drawing_down       c002-01,c002-07\n"
        "2024-12  russia             present            c002-06\n"
        "2024-12  syria              drawing_down       c002-09\n"
        "2024-12  tartus_naval_base  retained_reported  c002-08\n"
        "2025-01  hmeimim_air_base   retained_reported  c002-08\n"
        "2025-01  tartus_naval_base  retained_reported  c002-08\n"
    )
    code, out, _ = run("status", "--last-known", "--json", "--reported-by", "2024-12-15")
    assert code == 0
    rows = json.loads(out)
    assert {r["state"] for r in rows if r["place_id"] == "hmeimim_air_base" and r["slice"] == "2024-W51"} == {
        "retained_reported"
    }


@pytest.mark.parametrize("command", ["status", "disputes"])
def test_a_bad_reporting_date_is_a_usage_error(command: str) -> None:
    code, out, err = run(command, "--reported-by", "2024-12-32")
    assert (code, out) == (2, "")
    message = "Error: Invalid value for '--reported-by': '2024-12-32' does not match the format '%Y-%m-%d'.\n"
    assert err.endswith(message)
    assert "Traceback" not in err


def test_map_and_export_frozen_at_a_reporting_date(tmp_path: Path) -> None:
    page = tmp_path / "frozen.html"
    code, out, _ = run("map", "--reported-by", "2024-12-15", "--out", str(page))
    assert code == 0
    assert out.startswith(f"wrote {page} (")
    assert out.endswith("; filtered to reported by 2024-12-15)\n")
    code, out, err = run("map", "--reported-by", "2024-12-01", "--out", str(tmp_path / "none.html"))
    assert (code, out) == (1, "")
    assert err == (
        "error: no claims match the filters; widen --since/--until, --reported-by or the "
        "--action/--source/--place choices\n"
    )
    assert not (tmp_path / "none.html").exists()
    gpkg = tmp_path / "frozen.gpkg"
    code, out, _ = run("export", "--format", "gpkg", "--out", str(gpkg), "--reported-by", "2024-12-15")
    assert (code, out) == (0, f"wrote {gpkg}\n")
    claims = pyogrio.read_dataframe(gpkg, layer="claims")
    assert set(claims["source_id"]) == {"s000", "s002"}
    whole = tmp_path / "whole.gpkg"
    assert run("export", "--format", "gpkg", "--out", str(whole))[0] == 0
    assert set(pyogrio.read_dataframe(whole, layer="claims")["source_id"]) == {"s000", "s001", "s002", "s003", "s004"}
