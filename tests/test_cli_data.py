"""The data commands through click's runner: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from geo.cli import cli
from tests.conftest import EditCell, line_of


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_ok(project: Path) -> None:
    code, out, err = run("validate")
    assert (code, err) == (0, "")
    assert out.startswith("ok: 5 sources, ")


def test_validate_reports_problems_and_exits_1(project: Path, edit_cell: EditCell) -> None:
    edit_cell("claims.csv", "c001-03", "destination", "moskow")
    line = line_of(project / "data/claims.csv", "c001-03")
    code, out, err = run("validate")
    assert code == 1
    assert out == ""
    assert err == (
        f"error: data/claims.csv:{line}: [c001-03, field 'destination'] unknown place 'moskow'. "
        "Fix: use a place_id from data/gazetteer.csv or add the place.\n"
        "1 problem found.\n"
    )


def test_bad_data_never_prints_a_traceback(project: Path) -> None:
    (project / "data/gazetteer.csv").write_bytes(b"\xff\xfe\x00garbage")
    code, _, err = run("places", "--json")
    assert code == 1
    assert "Traceback" not in err
    assert err.startswith("error: data/gazetteer.csv:1: not valid UTF-8")


def test_data_option_points_elsewhere(tmp_path: Path) -> None:
    code, _, err = run("--data", str(tmp_path / "nothing"), "validate")
    assert code == 1
    assert "sources.csv: file not found." in err


def test_places_json(project: Path) -> None:
    code, out, _ = run("places", "--json")
    assert code == 0
    places = {p["place_id"]: p for p in json.loads(out)}
    hmeimim = places["hmeimim_air_base"]
    for field in ("place_id", "name", "aliases", "kind", "lat", "lon", "precision", "admin1", "country", "source"):
        assert field in hmeimim
    assert isinstance(hmeimim["aliases"], list)
    assert hmeimim["kind"] == "air_base"
    assert hmeimim["precision"] == 1
    assert hmeimim["source"].startswith("http")


def test_claims_json(project: Path) -> None:
    code, out, _ = run("claims", "--json")
    assert code == 0
    claims = {c["claim_id"]: c for c in json.loads(out)}
    fields = [
        "claim_id",
        "source_id",
        "quote",
        "actor",
        "action",
        "asset",
        "quantity",
        "origin",
        "destination",
        "places",
        "time_text",
        "start",
        "end",
        "time_precision",
        "modality",
        "attribution",
    ]
    for claim in claims.values():
        assert all(f in claim for f in fields)
    quneitra = claims["c001-06"]
    assert quneitra["time_text"] == "Last week"
    assert (quneitra["start"], quneitra["end"], quneitra["time_precision"]) == ("2024-12-09", "2024-12-15", "week")
    assert claims["c000-03"]["end"] is None


def test_claims_table(project: Path) -> None:
    code, out, _ = run("claims")
    assert code == 0
    first = out.splitlines()[0]
    assert first.split() == ["c000-01", "depart", "2024-12-15..2024-12-15", "occurred", "hmeimim_air_base"]
    assert "hmeimim_air_base -> russia" in out


def test_python_m_geo_is_the_same_command() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "geo", "validate"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")
