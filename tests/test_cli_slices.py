"""The time-slice commands through click's runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geo.cli import cli
from tests.conftest import DATA_OPTIONS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, *args])
    return result.exit_code, result.stdout, result.stderr


def test_slices_json_has_the_schema_columns() -> None:
    code, out, _ = run("slices", "--freq", "W", "--json")
    assert code == 0
    rows = json.loads(out)
    assert set(rows[0]) == {
        "slice", "slice_start", "slice_end", "claim_id", "source_id", "place_id",
        "role", "action", "modality", "start", "end", "time_precision",
    }  # fmt: skip
    quneitra = [r for r in rows if r["claim_id"] == "c001-06"]
    assert [(r["slice"], r["place_id"], r["role"]) for r in quneitra] == [
        ("2024-W50", "quneitra_observation_posts", "origin")
    ]


def test_slices_window_options() -> None:
    code, out, _ = run("slices", "--freq", "D", "--since", "2024-12-24", "--until", "2024-12-24", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["slice"] for r in rows} == {"2024-12-24"}
    assert "c004-01" in {r["claim_id"] for r in rows}


def test_bad_frequency_is_a_usage_error() -> None:
    code, _, err = run("slices", "--freq", "fortnight")
    assert code == 2
    assert "Error: unknown frequency 'fortnight': use D, W, M" in err
    assert "Traceback" not in err


def test_bad_date_option_is_a_usage_error() -> None:
    code, _, err = run("slices", "--since", "15/12/2024")
    assert code == 2
    assert "Invalid value for '--since'" in err


def test_status_table() -> None:
    code, out, _ = run("status", "--freq", "M")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["slice", "place_id", "state", "claim_ids"]
    assert "2024-12  quneitra_observation_posts  vacated_reported    c001-06" in lines


def test_corroboration_json() -> None:
    code, out, _ = run("corroboration", "--json")
    assert code == 0
    rows = json.loads(out)
    assert all(r["independent_sources"] <= r["sources"] <= r["claims"] for r in rows)


def test_distances_table() -> None:
    code, out, _ = run("distances")
    assert code == 0
    assert out.splitlines()[1].split() == [
        "s000", "hmeimim_air_base", "damascus", "200.0", "N", "213.0", "351.5", "True",
    ]  # fmt: skip


def test_validate_lists_where_the_resolver_differs() -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert "time phrases: " in out
    assert (
        "  differ: c002-01 'On December 14, 2023, reports emerged': curated 2024-12-08..2024-12-14, "
        "resolver 2023-12-14..2023-12-14 (date_with_year)"
    ) in out.splitlines()


def test_status_last_known_carries_a_state_forward() -> None:
    code, out, _ = run("status", "--last-known", "--since", "2024-12-16", "--until", "2025-01-05")
    assert code == 0
    ain_issa = [line for line in out.splitlines() if " ain_issa " in line]
    assert ain_issa == [
        "2024-W51  ain_issa           vacated_reported    2024-W51  False",
        "2024-W52  ain_issa           vacated_reported    2024-W51  True",
        "2025-W01  ain_issa           vacated_reported    2024-W51  True",
    ]
    assert out.splitlines()[0].split() == ["slice", "place_id", "state", "reported", "carried"]
    code, out, _ = run("status", "--last-known", "--json")
    rows = json.loads(out)
    assert {"slice": "2025-W02", "place_id": "ain_issa", "state": "vacated_reported", "reported": "2024-W51",
            "carried": True} in rows  # fmt: skip
    # without the option, a slice with no report has no row
    code, out, _ = run("status", "--json")
    assert not [r for r in json.loads(out) if r["place_id"] == "ain_issa" and r["slice"] == "2025-W02"]
