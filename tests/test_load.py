"""Loaders and schemas: the tables load typed, indexed and with geometry."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from geopy.distance import geodesic

import geo
from geo.claims import claim_places
from geo.schema import CLAIMS, PLACES, SOURCES, column_names


def test_tables_have_the_schema_columns(dataset: geo.Dataset) -> None:
    assert list(dataset.sources.columns) == column_names(SOURCES)
    assert column_names(PLACES) == list(dataset.places.columns.drop("geometry"))
    assert column_names(CLAIMS) == list(dataset.claims.columns.drop("geometry"))


def test_places_are_points_in_wgs84(dataset: geo.Dataset) -> None:
    places = dataset.places
    assert isinstance(places, gpd.GeoDataFrame)
    assert places.crs.to_epsg() == 4326
    hmeimim = places.loc["hmeimim_air_base"]
    assert (hmeimim.geometry.x, hmeimim.geometry.y) == (hmeimim.lon, hmeimim.lat)


def test_claims_carry_the_points_of_their_places(dataset: geo.Dataset) -> None:
    claims = dataset.claims
    assert claims.crs.to_epsg() == 4326
    transport = claims.loc["c001-03"]  # Hmeimim -> Russia
    assert len(transport.geometry.geoms) == 2
    assert claims.loc["c001-05"].places == [
        "hmeimim_air_base",
        "tartus_naval_base",
        "jableh_district",
        "qamishli_airport",
    ]


def test_typed_columns(dataset: geo.Dataset) -> None:
    claims = dataset.claims
    assert isinstance(claims.at["c000-01", "start"], pd.Timestamp)
    assert pd.isna(claims.at["c000-03", "end"])  # open end
    assert claims.at["c001-01", "unconfirmed"]
    assert not claims.at["c000-01", "unconfirmed"]
    assert dataset.places.at["t4_air_base", "precision"] == 1
    assert "Khmeimim Air Base" in dataset.places.at["hmeimim_air_base", "aliases"]


def test_claim_places_lists_every_role(dataset: geo.Dataset) -> None:
    roles = claim_places(dataset.claims)
    c003 = roles[roles["claim_id"] == "c001-03"]
    assert list(zip(c003["place_id"], c003["role"], strict=True)) == [
        ("hmeimim_air_base", "origin"),
        ("russia", "destination"),
    ]
    assert set(roles["role"]) == {"origin", "destination", "location"}


@pytest.mark.parametrize(
    "place_id",
    [
        "hmeimim_air_base",
        "tartus_naval_base",
        "qamishli_airport",
        "qamishli_city",
        "t4_air_base",
        "quneitra_observation_posts",
        "ain_issa",
        "tel_al_samn",
    ],
)
def test_places_the_user_named_have_cited_coordinates(dataset: geo.Dataset, place_id: str) -> None:
    place = dataset.places.loc[place_id]
    assert place.coord_source.startswith("http")
    assert place.coord_text


@pytest.mark.parametrize(
    ("a", "b", "min_km"),
    [
        ("tartus_naval_base", "tartus_city", 2),
        ("qamishli_airport", "qamishli_city", 2),
        ("hmeimim_air_base", "latakia_city", 10),
        ("hmeimim_air_base", "jableh_district", 5),
    ],
)
def test_distinct_places_stay_distinct(dataset: geo.Dataset, a: str, b: str, min_km: float) -> None:
    places = dataset.places
    distance = geodesic((places.at[a, "lat"], places.at[a, "lon"]), (places.at[b, "lat"], places.at[b, "lon"])).km
    assert distance >= min_km


@pytest.mark.parametrize("alias", ["Khmeimim", "Hmeymim", "Tartous", "Tiyas", "Tal Samin", "Al-Qamishli", "Ayn Issa"])
def test_common_transliterations_are_aliases(dataset: geo.Dataset, alias: str) -> None:
    aliases = {a.lower() for row in dataset.places["aliases"] for a in row}
    assert alias.lower() in aliases


def test_corrected_publication_date_is_recorded(dataset: geo.Dataset) -> None:
    source = dataset.sources.loc["s002"]
    assert source.published == pd.Timestamp("2024-12-14")
    assert source.published_basis == "corrected"
    assert "2023" in source.published_quote
    assert "2024" in source.published_note


def test_repr_and_html_repr_summarise(dataset: geo.Dataset) -> None:
    counts = f"{len(dataset.sources)} sources, {len(dataset.places)} places, {len(dataset.claims)} claims"
    assert repr(dataset).startswith(f"Dataset({counts}, 2024-")
    html = dataset._repr_html_()
    assert counts in html
    assert "<td>withdraw</td>" in html
