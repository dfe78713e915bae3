"""Movement lines with geodesic lengths, departures without invented lines, stated distances."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from geopy.distance import geodesic
from shapely.geometry import LineString, MultiLineString, Point

import geo
from geo.cli import cli
from geo.movements import check_distances, great_circle, movements
from tests.conftest import DATA_OPTIONS


@pytest.fixture(scope="module")
def moves(dataset: geo.Dataset) -> pd.DataFrame:
    return movements(dataset.claims, dataset.places)


def test_every_line_has_its_geodesic_length(moves: pd.DataFrame, dataset: geo.Dataset) -> None:
    lines = moves[moves["kind"] == "line"]
    assert set(lines["claim_id"]) == {"c001-03", "c002-03", "c002-06"}
    places = dataset.places
    for row in lines.itertuples():
        a, b = places.loc[row.origin], places.loc[row.destination]
        assert row.length_km == pytest.approx(geodesic((a.lat, a.lon), (b.lat, b.lon)).km)
        assert row.length_km > 1000
        assert isinstance(row.geometry, LineString)
        assert len(row.geometry.coords) > 20  # drawn as an arc, not a straight segment
        assert row.geometry.coords[0] == (a.lon, a.lat)
        assert row.geometry.coords[-1] == (b.lon, b.lat)


def test_departures_are_points_not_invented_lines(moves: pd.DataFrame, dataset: geo.Dataset) -> None:
    departures = moves[moves["kind"] == "departure"]
    assert "c001-07" in set(departures["claim_id"])  # convoy left T4, destination unknown
    for row in departures.itertuples():
        assert isinstance(row.geometry, Point)
        assert row.geometry.equals(dataset.places.geometry[row.origin])
        assert pd.isna(row.length_km)


def test_planned_or_unconfirmed_movements_are_dashed(moves: pd.DataFrame) -> None:
    by_id = moves.set_index("claim_id")
    assert by_id.at["c001-03", "dashed"]  # unconfirmed
    assert not by_id.at["c002-03", "dashed"]  # Reuters, not hedged


def test_lines_crossing_the_antimeridian_are_split() -> None:
    line = great_circle(Point(170, 60), Point(-170, 62))
    assert isinstance(line, MultiLineString)
    for part in line.geoms:
        xs = [x for x, _ in part.coords]
        assert all(-180 <= x <= 180 for x in xs)
        assert max(xs) - min(xs) < 180


def test_stated_distance_is_checked(dataset: geo.Dataset) -> None:
    checks = check_distances(dataset.distances, dataset.places)
    row = checks.iloc[0]
    assert (row["place_id"], row["reference"]) == ("hmeimim_air_base", "damascus")
    assert 200 < row["geodesic_km"] < 230
    assert row["consistent"]
    wrong = dataset.distances.assign(stated_km=100.0)
    assert not check_distances(wrong, dataset.places).iloc[0]["consistent"]
    south = dataset.distances.assign(direction="S")
    assert not check_distances(south, dataset.places).iloc[0]["consistent"]


def test_movements_cli_json() -> None:
    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "movements", "--json"])
    assert result.exit_code == 0
    rows = {r["claim_id"]: r for r in json.loads(result.stdout)}
    assert rows["c002-03"]["destination"] == "libya"
    assert rows["c002-03"]["length_km"] > 2000
    assert rows["c001-07"]["length_km"] is None


def test_a_short_line_has_just_its_two_ends() -> None:
    line = great_circle(Point(35.9, 35.4), Point(35.95, 35.41))
    assert list(line.coords) == [(35.9, 35.4), (35.95, 35.41)]
