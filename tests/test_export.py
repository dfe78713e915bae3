"""GIS exports: RFC 7946 GeoJSON, GeoPackage read back by GDAL, CSV, golden files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner

import geo
from geo.cli import cli
from geo.export import FORMULA_ESCAPE, FORMULA_STARTS, SCHEMAS, export, spreadsheet_safe, tables
from geo.schema import EXPORT_TABLES
from tests import rfc7946
from tests.conftest import DATA_OPTIONS, ROOT

MINI = ROOT / "tests/fixtures/mini"
GOLDEN = ROOT / "tests/golden/mini"


@pytest.fixture(scope="module")
def mini() -> geo.Dataset:
    return geo.load(MINI / "data", MINI / "seeds")


def test_every_exported_geojson_follows_rfc7946(tmp_path: Path, dataset: geo.Dataset, mini: geo.Dataset) -> None:
    for name, data in (("real", dataset), ("mini", mini)):
        for path in export(data, fmt="geojson", out=tmp_path / name):
            fields = _time_fields(path.stem)
            assert rfc7946.problems(path, time_fields=fields[:2], datetime_fields=fields[2:]) == []


def _time_fields(table: str) -> tuple[str, ...]:
    return () if table == "areas" else ("start", "end", "start_time", "end_exclusive")


def test_the_validator_catches_what_it_checks(tmp_path: Path) -> None:
    bad = {
        "type": "FeatureCollection",
        "crs": {"type": "name"},
        "features": [
            {"type": "Feature", "id": "x", "properties": {"a": [1], "start": "15/12/2024", "end": None,
                                                          "start_time": "2024-12-15", "end_exclusive": None},
             "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [0, 0]]]}},
            {"type": "Feature", "id": "x", "properties": {"start": None, "end": None},
             "geometry": {"type": "LineString", "coordinates": [[179.5, 1.123456789], [-179.5, 1]]}},
        ],
    }  # fmt: skip
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(bad), encoding="utf-8")
    found = "\n".join(rfc7946.problems(path))
    for expected in (
        "has a crs member",
        "property a is not flat",
        "'15/12/2024' is not an ISO date",
        "start_time '2024-12-15' is not an ISO date-time",
        "feature 1: no start_time property",
        "not counter-clockwise",
        "duplicate id x",
        "more than 7 decimals",
        "crosses the antimeridian unsplit",
    ):
        assert expected in found


def test_lines_crossing_the_antimeridian_are_split(tmp_path: Path, mini: geo.Dataset) -> None:
    (path,) = export(mini, fmt="geojson", out=tmp_path / "m.geojson", names=["movements"])
    features = {f["id"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    assert features["b2"]["geometry"]["type"] == "MultiLineString"
    assert features["a1"]["geometry"]["type"] == "LineString"
    assert 1000 < features["b2"]["properties"]["length_km"] < 1400  # Fiji to Samoa


def test_geojson_matches_the_golden_files(tmp_path: Path, mini: geo.Dataset) -> None:
    for path in export(mini, fmt="geojson", out=tmp_path):
        golden = GOLDEN / path.name
        assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8"), f"{path.name} changed"


def test_csv_matches_the_golden_files(tmp_path: Path, mini: geo.Dataset) -> None:
    for path in export(mini, fmt="csv", out=tmp_path):
        assert path.read_text(encoding="utf-8") == (GOLDEN / path.name).read_text(encoding="utf-8")


def _comparable(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Columns as text the way every format flattens them, for a round-trip comparison."""
    from geo.export import _flat

    out = {"id": frame["id"].astype(str).tolist()}
    for column in SCHEMAS[name]:
        values = frame[column.name].tolist()
        flat = [_flat(v, column) for v in values]
        out[column.name] = ["" if v is None else str(v) for v in flat]
    return pd.DataFrame(out)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_round_trip_through_gdal_gives_back_the_table(tmp_path: Path, mini: geo.Dataset, fmt: str) -> None:
    expected = tables(mini)
    out = tmp_path / ("x.gpkg" if fmt == "gpkg" else "x")
    export(mini, fmt=fmt, out=out)
    for name in EXPORT_TABLES:
        if fmt == "gpkg":
            back = pyogrio.read_dataframe(out, layer=name)
        elif fmt == "geojson":
            back = pyogrio.read_dataframe(out / f"{name}.geojson")
        else:
            back = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
            # Undo the spreadsheet escape (export.spreadsheet_safe) the way a reader of the CSV would.
            back = back.map(_unescaped)
        if fmt == "geojson" and "id" not in back:
            back = back.assign(id=[f["id"] for f in json.loads((out / f"{name}.geojson").read_text())["features"]])
        got = _comparable(_normalise(back, name), name)
        want = _comparable(expected[name], name)
        pd.testing.assert_frame_equal(got, want, check_dtype=False)
        if fmt != "csv":
            assert len(back.geometry) == len(expected[name])


def _unescaped(cell: str) -> str:
    return cell[1:] if cell.startswith(tuple(FORMULA_ESCAPE + c for c in FORMULA_STARTS)) else cell


def _normalise(back: pd.DataFrame, name: str) -> pd.DataFrame:
    """Undo what a format does to types (text lists back to lists, text dates to dates)."""
    from geo.schema import LIST_SEPARATOR

    back = back.copy()
    for column in SCHEMAS[name]:
        values = back[column.name]
        if column.type == "list":
            back[column.name] = [
                [v.strip() for v in str(x).split(LIST_SEPARATOR) if v.strip()] if isinstance(x, str) else []
                for x in values
            ]
        elif column.type in ("date", "datetime"):
            back[column.name] = pd.to_datetime(values.replace("", None))
        elif column.type == "bool":
            back[column.name] = [str(v).lower() in ("true", "1") for v in values]
        elif column.type in ("float", "int"):
            back[column.name] = pd.to_numeric(values.replace("", None))
        else:
            back[column.name] = values.fillna("")
    return back


def test_geopackage_has_one_layer_per_table_with_datetime_fields(tmp_path: Path, dataset: geo.Dataset) -> None:
    path = tmp_path / "x.gpkg"
    export(dataset, fmt="gpkg", out=path)
    assert [layer for layer, _ in pyogrio.list_layers(path)] == list(EXPORT_TABLES)
    for layer in ("claims", "movements", "slices", "places"):
        info = pyogrio.read_info(path, layer=layer)
        types = dict(zip(info["fields"], info["ogr_types"], strict=True))
        assert types["start"] == "OFTDateTime" and types["end"] == "OFTDateTime"
    assert pyogrio.read_info(path, layer="movements")["geometry_type"] == "MultiLineString"
    assert pyogrio.read_info(path, layer="areas")["geometry_type"] == "Polygon"


def test_writing_a_geopackage_leaves_gdal_options_as_they_were(tmp_path: Path, mini: geo.Dataset) -> None:
    # write_gpkg pins GDAL's clock and SQLite's sync mode for its own file only: a caller's
    # own GeoPackage writes afterwards must be durable and dated as GDAL would date them.
    pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": "FULL"})
    try:
        export(mini, fmt="gpkg", out=tmp_path / "x.gpkg")
        assert pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS") == "FULL"
        assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None
    finally:
        pyogrio.set_gdal_config_options({"OGR_SQLITE_SYNCHRONOUS": None})
    assert [layer for layer, _ in pyogrio.list_layers(tmp_path / "x.gpkg")] == list(EXPORT_TABLES)


def _qgis_shows(start_time: pd.Timestamp, end_exclusive: pd.Timestamp, frame: tuple[str, str]) -> bool:
    """QGIS's filter for 'Separate Fields for Start and End Date/Time' with 'Include Start, Exclude End':
    ``(start < frame end OR start IS NULL) AND (end > frame begin OR end IS NULL)`` (frames exclude their end)."""
    begin, end = pd.Timestamp(frame[0]), pd.Timestamp(frame[1])
    return (pd.isna(start_time) or start_time < end) and (pd.isna(end_exclusive) or end_exclusive > begin)


def test_geopackage_has_half_open_datetimes_for_qgis(tmp_path: Path, dataset: geo.Dataset) -> None:
    path = tmp_path / "x.gpkg"
    export(dataset, fmt="gpkg", out=path)
    for layer in ("claims", "movements", "slices", "places"):
        info = pyogrio.read_info(path, layer=layer)
        types = dict(zip(info["fields"], info["ogr_types"], strict=True))
        assert (types["start_time"], types["end_exclusive"]) == ("OFTDateTime", "OFTDateTime"), layer
        back = pyogrio.read_dataframe(path, layer=layer)
        assert back["end_exclusive"].notna().any(), layer
        pd.testing.assert_series_equal(back["start_time"], back["start"], check_names=False)
        one_day_later = (back["end"] + pd.Timedelta(days=1)).astype(back["end_exclusive"].dtype)
        pd.testing.assert_series_equal(back["end_exclusive"], one_day_later, check_names=False)
    claims = pyogrio.read_dataframe(path, layer="claims")
    assert claims.loc[claims["end"].isna(), "end_exclusive"].isna().all() and claims["end"].isna().any()
    one_day = claims[claims["claim_id"] == "c000-01"]
    assert len(one_day) > 0
    assert set(one_day["start"]) == set(one_day["end"]) == {pd.Timestamp("2024-12-15")}
    assert set(one_day["start_time"]) == {pd.Timestamp("2024-12-15T00:00:00")}
    assert set(one_day["end_exclusive"]) == {pd.Timestamp("2024-12-16T00:00:00")}
    row = one_day.iloc[0]
    assert _qgis_shows(row["start_time"], row["end_exclusive"], ("2024-12-15T00:00", "2024-12-16T00:00"))
    assert _qgis_shows(row["start_time"], row["end_exclusive"], ("2024-12-15T23:00", "2024-12-16T00:00"))
    assert not _qgis_shows(row["start_time"], row["end_exclusive"], ("2024-12-16T00:00", "2024-12-17T00:00"))
    assert not _qgis_shows(row["start_time"], row["end_exclusive"], ("2024-12-14T00:00", "2024-12-15T00:00"))
    # the inclusive date read as midnight is the bug these fields fix: the claim's own day never shows
    assert not _qgis_shows(row["start"], row["end"], ("2024-12-15T00:00", "2024-12-16T00:00"))


def test_geojson_and_csv_write_iso_datetimes(tmp_path: Path, dataset: geo.Dataset) -> None:
    (geojson,) = export(dataset, fmt="geojson", out=tmp_path / "c.geojson", names=["claims"])
    (table,) = export(dataset, fmt="csv", out=tmp_path / "c.csv", names=["claims"])
    features = [f["properties"] for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]]
    rows = pd.read_csv(table, dtype=str, keep_default_na=False).to_dict("records")
    for found in (features, rows):
        one_day = [p for p in found if p["claim_id"] == "c000-01"]
        assert one_day and {(p["start_time"], p["end_exclusive"]) for p in one_day} == {
            ("2024-12-15T00:00:00", "2024-12-16T00:00:00")
        }
    assert any(p["end"] is None and p["end_exclusive"] is None for p in features)


def test_exports_are_byte_identical_twice(tmp_path: Path, dataset: geo.Dataset) -> None:
    for run in ("a", "b"):
        export(dataset, fmt="gpkg", out=tmp_path / run / "x.gpkg")
        export(dataset, fmt="geojson", out=tmp_path / run / "geojson")
        export(dataset, fmt="csv", out=tmp_path / run / "csv")
    for path in (tmp_path / "a").rglob("*.*"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes(), path.name


def test_export_command_single_table_and_beside(tmp_path: Path) -> None:
    runner = CliRunner()
    one = tmp_path / "x.geojson"
    result = runner.invoke(
        cli, [*DATA_OPTIONS, "export", "--format", "geojson", "--table", "movements", "--out", str(one)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {one}\n"
    every = runner.invoke(cli, [*DATA_OPTIONS, "export", "--format", "geojson", "--out", str(tmp_path / "all.geojson")])
    assert every.stdout.splitlines() == [f"wrote {tmp_path / f'all_{name}.geojson'}" for name in EXPORT_TABLES]
    bad = runner.invoke(cli, [*DATA_OPTIONS, "export", "--format", "geojson", "--table", "nope", "--out", str(one)])
    assert bad.exit_code == 2
    assert "Invalid value for '--table': 'nope' is not one of 'places', 'areas'" in bad.stderr


def test_the_data_dictionary_is_generated_and_current() -> None:
    from geo.dictionary import data_dictionary

    text = data_dictionary()
    assert (ROOT / "docs/data-dictionary.md").read_text(encoding="utf-8") == text, (
        "run: geo dictionary --out docs/data-dictionary.md"
    )
    for needle in ("| `action` |", "`withdraw`", "ACLED", "| `status_history` |", "`vacated_reported`"):
        assert needle in text


def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(tmp_path: Path) -> None:
    """Issue 14 repro 9: a cell =HYPERLINK(...) reached maps/csv/places.csv unescaped."""
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    path = project / "data/gazetteer.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    # A leading tab or carriage return never reaches an export: the loader strips cells (see the unit test below).
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "a\rb"]
    for row, text in zip(rows[1:], hostile, strict=False):
        row[header.index("note")] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)  # QUOTE_ALL: for the \r
    data = geo.load(project / "data", project / "seeds")
    (table,) = export(data, fmt="csv", out=project / "out" / "places.csv", names=["places"])
    back = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    notes = {row["note"] for row in back}
    assert {"'" + text for text in hostile[:4]} | {"a\rb"} <= notes
    starting = [cell for row in back for cell in row.values() if cell.startswith(FORMULA_STARTS)]
    assert starting and all(float(cell) < 0 for cell in starting)  # only negative numbers (lat, lon) remain
    # numbers are numbers: a negative longitude is written as it is
    negative = data.places[data.places["lon"] < 0]
    assert len(negative) > 0
    for place_id, lon in zip(negative["place_id"], negative["lon"], strict=True):
        assert next(r["lon"] for r in back if r["place_id"] == place_id) == str(round(lon, 7))


def test_spreadsheet_safe_follows_the_owasp_rule() -> None:
    assert [spreadsheet_safe(t) for t in ("=1", "+1", "-1", "@a", "\t1", "\r1", "a=1", "", "'x")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\t1",
        "'\r1",
        "a=1",
        "",
        "'x",
    ]
