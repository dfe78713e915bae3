"""The map in a real headless Chromium, opened from disk with the network blocked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import geo
from geo.render import CLAIM_LAYERS, build_map, expected_in_view
from tests.browser import Opened, chromium, open_map
from tests.conftest import ROOT, EditCell

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, dataset: geo.Dataset) -> tuple[Path, dict]:
    m = build_map(dataset)
    path = tmp_path_factory.mktemp("map") / "withdrawal.html"
    m.save(path)
    return path, m.payload


@pytest.fixture
def opened(browser: Browser, built: tuple[Path, dict]) -> Iterator[Opened]:
    page = open_map(browser, built[0])
    yield page
    page.page.close()


def counts(opened: Opened) -> dict:
    return opened.page.evaluate("window.geoMap.counts()")


def test_loads_offline_with_no_errors(opened: Opened) -> None:
    assert opened.errors == []
    assert opened.blocked == []
    assert opened.page.evaluate("typeof L") == "object"
    assert opened.page.evaluate("L.version") == "1.9.3"
    # the offline basemap is on the map with Natural Earth's countries, Syria among them
    page = opened.page
    assert page.evaluate("window.geoMap.map.hasLayer(window.geoMap.basemap)")
    assert page.evaluate("window.geoMap.basemap.getLayers().length") > 200
    names = page.evaluate("window.geoMap.basemap.getLayers().map(l => l.feature.properties.name)")
    assert {"Syria", "Turkey", "Lebanon", "Russia", "Libya"} <= set(names)
    # and Syria's governorates, outlined and named
    labels = page.locator(".geo-admin1-label").all_inner_texts()
    assert len(labels) == 15 and "Lattakia" in labels
    assert page.evaluate("window.geoMap.groups.admin1.getLayers().length") == 1 + 15
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "map-all-time.png"))


def test_all_time_draws_every_claim_and_movement(opened: Opened, built: tuple[Path, dict]) -> None:
    payload = built[1]
    drawn = counts(opened)
    assert drawn["claims"] == len(payload["claims"]["id"])
    assert drawn["movements"] == sum(m["kind"] == "line" for m in payload["movements"])
    assert drawn["contradictions"] == len(payload["contradictions"])


def expected_lines(payload: dict, claim_ids: set[str]) -> int:
    return sum(m["kind"] == "line" and m["claim"] in claim_ids for m in payload["movements"])


@pytest.mark.parametrize("label", ["2024-W50", "2024-W52", "2025-W02"])
def test_chosen_slice_draws_the_expected_claims_and_movements(
    opened: Opened, built: tuple[Path, dict], label: str
) -> None:
    payload = built[1]
    opened.page.evaluate(f"window.geoMap.setSlice('{label}')")
    wanted = expected_in_view(payload, label)
    drawn = counts(opened)
    assert drawn["claims"] == len(wanted)
    assert drawn["movements"] == expected_lines(payload, wanted)
    status = opened.page.locator("#geo-status")
    assert status.get_attribute("data-claims") == str(len(wanted))
    assert status.inner_text().startswith(label)


def test_the_time_slider_changes_what_is_shown(opened: Opened, built: tuple[Path, dict]) -> None:
    page, payload = opened.page, built[1]
    page.locator("#geo-all-time").uncheck()  # back to the slider, first slice
    first = payload["slices"][0]["label"]
    assert page.locator("#geo-status").inner_text().startswith(first)
    before = counts(opened)["claims"]
    assert before == len(expected_in_view(payload, first))
    seen = {before}
    slider = page.locator("#geo-slice")
    for index, piece in enumerate(payload["slices"][1:], start=1):
        slider.focus()
        page.keyboard.press("ArrowRight")
        assert slider.input_value() == str(index)
        assert counts(opened)["claims"] == len(expected_in_view(payload, piece["label"]))
        seen.add(counts(opened)["claims"])
    assert len(seen) > 2  # the slices really differ
    page.locator("#geo-all-time").check()
    assert counts(opened)["claims"] == len(payload["claims"]["id"])


def test_place_colours_follow_the_state_of_the_slice(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W50')")
    quneitra = page.locator('[data-place="quneitra_observation_posts"]')
    assert quneitra.get_attribute("data-state") == "vacated_reported"
    page.evaluate("window.geoMap.setSlice('2024-W52')")
    assert quneitra.get_attribute("data-state") == ""  # no reports that week
    assert page.locator('[data-place="hmeimim_air_base"]').get_attribute("data-state") == "contested"


def layer_on(opened: Opened, group: str) -> bool:
    return opened.page.evaluate(f"window.geoMap.map.hasLayer(window.geoMap.groups['{group}'])")


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Movements", "movements"),
        ("Contradictions", "contradictions"),
        ("Location uncertainty", "uncertainty"),
        ("Places (colour = state in the current slice)", "places"),
        ("Governorates and provinces (offline)", "admin1"),
        *[(name, layer_id) for layer_id, name, _ in CLAIM_LAYERS],
    ],
)
def test_each_layer_exists_and_toggles(opened: Opened, label: str, group: str) -> None:
    page = opened.page
    page.locator(".leaflet-control-layers").hover()
    box = page.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input")
    assert box.count() == 1
    assert box.is_checked()
    assert layer_on(opened, group)
    box.uncheck()
    assert not layer_on(opened, group)
    box.check()
    assert layer_on(opened, group)


def test_basemap_choices(opened: Opened) -> None:
    page = opened.page
    page.locator(".leaflet-control-layers").hover()
    bases = page.locator(".leaflet-control-layers-base label").all_inner_texts()
    assert [b.strip() for b in bases] == ["OpenStreetMap (online only)", "Natural Earth borders (offline)"]
    checked = page.locator(".leaflet-control-layers-base input:checked").locator("xpath=..").inner_text()
    assert checked.strip() == "Natural Earth borders (offline)"


def test_source_filter(opened: Opened, built: tuple[Path, dict]) -> None:
    page, payload = opened.page, built[1]
    page.locator('input[data-source="s001"]').uncheck()
    others = [s["id"] for s in payload["sources"] if s["id"] != "s001"]
    assert counts(opened)["claims"] == len(expected_in_view(payload, None, others))
    assert counts(opened)["movements"] == expected_lines(payload, expected_in_view(payload, None, others))


def test_a_claim_popup_opens_on_click_and_shows_its_quote(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W50')")
    point = page.evaluate("window.geoMap.markerPoint('quneitra_observation_posts', 'leaving')")
    page.mouse.click(point["x"], point["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert dataset.claims.at["c001-06", "quote"] in text
    assert "Russia to Withdraw All Troops from Syria Within a Month" in text
    assert "Last week" in text
    assert "2024-12-09 to 2024-12-15" in text
    assert "Corroboration: 1 independent source(s) for this place and action: s001" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"))


def test_a_place_popup_shows_source_and_status_history(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W50')")
    page.locator("#geo-all-time").check()
    page.locator('[data-place="t4_air_base"]').click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Tiyas Military Airbase (T4)" in text
    assert dataset.places.at["t4_air_base", "coord_text"] in text
    assert "Status history" in text
    assert "2024-W50" in text and "drawing_down" in text
    link = popup.locator("a")
    assert link.get_attribute("href") == dataset.places.at["t4_air_base", "coord_source"]


def test_contradiction_popup_shows_both_quotes(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    point = page.evaluate("window.geoMap.placePoint('tartus_naval_base')")
    page.mouse.click(point["x"], point["y"] + 26)  # on the ring, below the symbol
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Sources disagree about Russian naval facility in Tartus" in text
    assert dataset.claims.at["c001-05", "quote"] in text
    assert "not abandoning its primary bases at Hmeimim and Tartus" in text


def test_stacked_departures_are_one_symbol_listing_each(opened: Opened, built: tuple[Path, dict]) -> None:
    page = opened.page
    page.locator("#geo-all-time").check()
    drawn = counts(opened)
    assert drawn["movementSymbols"] < drawn["movements"] + drawn["departures"]
    texts = page.locator(".geo-departure").all_inner_texts()
    bundled = [i for i, text in enumerate(texts) if text.removeprefix("\u2197").isdigit()]
    assert bundled, texts
    size = int(texts[bundled[0]].removeprefix("\u2197"))
    page.locator(".geo-departure").nth(bundled[0]).click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    title = popup.locator("h4").first.inner_text()
    assert title.startswith("Departures from ")
    assert f"{size} movement(s) in view" in popup.inner_text()
    listed = [t.removeprefix("Movement ") for t in popup.locator(".geo-label", has_text="Movement ").all_inner_texts()]
    origin = next(p["id"] for p in built[1]["places"] if p["name"] == title.removeprefix("Departures from "))
    departures = {m["claim"] for m in built[1]["movements"] if m["kind"] == "departure" and m["origin"] == origin}
    assert len(listed) == size and set(listed) <= departures


def test_an_opened_popup_is_panned_clear_of_the_header(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    point = page.evaluate("window.geoMap.placePoint('tartus_naval_base')")
    page.mouse.click(point["x"], point["y"] + 26)
    page.locator(".leaflet-popup-content").wait_for()
    page.wait_for_timeout(1200)  # the auto-pan and the second fit
    popup = page.locator(".leaflet-popup").bounding_box()
    header = page.locator(".geo-panel").first.bounding_box()
    assert popup is not None and header is not None
    clear_right = popup["x"] >= header["x"] + header["width"]
    clear_below = popup["y"] >= header["y"] + header["height"]
    assert clear_right or clear_below, (popup, header)


HOSTILE = (
    "Russia left <script>alert('xss')</script> the base </div><img src=x onerror=\"alert('img')\"> "
    "with \"double\" and 'single' quotes, back\\slashes\\ and `backticks ${1+1}` &amp; </script><!--"
    " and template syntax {{ 7*7 }} {% if x %} {# unclosed"
)


@pytest.fixture
def hostile_map(project: Path, edit_cell: EditCell, tmp_path: Path) -> Path:
    seed = project / "seeds/004_ae7da5b128864992.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + HOSTILE + "\n", encoding="utf-8")
    edit_cell("claims.csv", "c004-01", "quote", HOSTILE)
    data = geo.load(project / "data", project / "seeds")
    path = tmp_path / "hostile.html"
    build_map(data).save(path)
    return path


def test_hostile_quote_renders_as_text_and_breaks_nothing(browser: Browser, hostile_map: Path) -> None:
    opened = open_map(browser, hostile_map)
    page = opened.page
    try:
        assert opened.errors == []
        assert counts(opened)["claims"] == 33  # every claim still drawn
        page.evaluate("window.geoMap.setSlice('2024-W52')")
        point = page.evaluate("window.geoMap.markerPoint('qamishli_airport', 'seen')")
        page.mouse.click(point["x"], point["y"])
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert popup.locator(".geo-quote").inner_text() == HOSTILE
        assert popup.locator("img").count() == 0
        assert page.locator("img[src=x]").count() == 0
        page.wait_for_timeout(300)
        assert opened.dialogs == []
        assert opened.errors == []
    finally:
        page.close()


def test_main_build_output_loads(browser: Browser, tmp_path: Path) -> None:
    """The file `geo build` writes (from the real data) opens cleanly."""
    out = tmp_path / "maps"
    from click.testing import CliRunner

    from geo.cli import cli
    from tests.conftest import DATA_OPTIONS

    result = CliRunner().invoke(cli, [*DATA_OPTIONS, "build", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    opened = open_map(browser, out / "withdrawal.html")
    try:
        assert opened.errors == []
        assert opened.blocked == []
    finally:
        opened.page.close()
    shutil.rmtree(out)
