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


def test_all_time_draws_every_claim_movement_and_dispute(
    opened: Opened, built: tuple[Path, dict], dataset: geo.Dataset
) -> None:
    payload = built[1]
    drawn = counts(opened)
    assert drawn["claims"] == len(payload["claims"]["id"])
    assert drawn["movements"] == sum(m["kind"] == "line" for m in payload["movements"])
    assert drawn["disputes"] == len(geo.disputes(dataset.claims, dataset.sources))


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
    assert quneitra.get_attribute("data-carried") == "false"
    page.evaluate("window.geoMap.setSlice('2024-W52')")
    assert page.locator('[data-place="hmeimim_air_base"]').get_attribute("data-state") == "contested"
    # no report that week: the last known state, faded, with the slice it was reported in
    assert quneitra.get_attribute("data-state") == "vacated_reported"
    assert quneitra.get_attribute("data-carried") == "true"
    info = page.evaluate("window.geoMap.placeInfo('quneitra_observation_posts')")
    assert info == {"state": "vacated_reported", "carried": True, "reported": "2024-W50"}
    page.locator("#geo-slice-only").check()  # today's view: that slice's reports only
    assert quneitra.get_attribute("data-state") == ""
    assert page.evaluate("window.geoMap.placeState('quneitra_observation_posts')") is None
    page.locator("#geo-slice-only").uncheck()
    assert page.evaluate("window.geoMap.placeState('quneitra_observation_posts')") == "vacated_reported"


def test_the_source_filter_recomputes_states(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "contested"
    page.evaluate("window.geoMap.setSources(['s000'])")
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") != "contested"
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "retained_reported"
    assert counts(opened)["disputes"] == 0
    page.evaluate("window.geoMap.setSources([])")
    assert counts(opened)["claims"] == 0
    states = page.evaluate(
        "window.geoMap.sliceLabels().length && ['hmeimim_air_base', 'ain_issa'].map(id => window.geoMap.placeState(id))"
    )
    assert states == [None, None]
    assert page.locator("[data-place][data-state='contested']").count() == 0
    page.locator('input[data-source="s001"]').check()  # the checkbox and the hook share one state
    # s001 alone: "some combat troops" left (partial), the rest planned
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "drawing_down"


def test_layer_modality_and_confirmed_filters_recompute_states(opened: Opened, built: tuple[Path, dict]) -> None:
    page, payload = opened.page, built[1]
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    # retained presence is in two layers: "staying", and "planned" for intentions to stay
    page.locator('input[data-layer="staying"]').uncheck()
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "contested"
    page.locator('input[data-layer="planned"]').uncheck()
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "drawing_down"
    assert counts(opened)["disputes"] == 0
    page.evaluate("window.geoMap.setLayers(['leaving', 'staying', 'moving', 'seen', 'planned'])")
    page.locator('input[data-modality="planned"]').uncheck()
    page.locator('input[data-modality="intended"]').uncheck()
    # c002-08 (ongoing, retain) against c003-02 (ongoing, withdrawal): still a dispute
    assert page.evaluate("window.geoMap.placeState('hmeimim_air_base')") == "contested"
    page.evaluate("window.geoMap.setModalities(['occurred', 'ongoing', 'planned', 'intended'])")
    unconfirmed = sum(payload["claims"]["unconfirmed"])
    page.evaluate("window.geoMap.setAllTime()")
    before = counts(opened)["claims"]
    page.locator("#geo-confirmed-only").check()
    assert counts(opened)["claims"] == before - unconfirmed


def layer_on(opened: Opened, group: str) -> bool:
    return opened.page.evaluate(f"window.geoMap.map.hasLayer(window.geoMap.groups['{group}'])")


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Movements", "movements"),
        ("Disputes (sources disagree)", "disputes"),
        ("Location uncertainty", "uncertainty"),
        ("Places (colour = state)", "places"),
        ("Place labels (from zoom 7)", "labels"),
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


def popup_of(opened: Opened) -> str:
    """The ``data-popup`` of the open popup ("kind:id"), once it is open.

    The newest popup is the last: a closed one fades out for 200 ms before it leaves the page.
    """
    node = opened.page.locator(".leaflet-popup-content [data-popup]").last
    node.wait_for()
    return node.get_attribute("data-popup") or ""


def close_popups(opened: Opened) -> None:
    """Close the open popup and wait until it has faded out (a fading popup still takes clicks)."""
    opened.page.evaluate("void window.geoMap.map.closePopup()")
    opened.page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")


def click_symbol(opened: Opened, key: str) -> None:
    """Click a symbol where the page says it is, choosing it if a chooser opens."""
    page = opened.page
    close_popups(opened)
    symbol = next(s for s in page.evaluate("window.geoMap.symbols()") if s["key"] == key)
    page.mouse.click(symbol["x"], symbol["y"])
    if popup_of(opened).startswith("chooser:"):
        page.locator(f'.leaflet-popup-content [data-symbol="{key}"]').last.click()
        page.wait_for_function(
            "key => { const n = [...document.querySelectorAll('.leaflet-popup-content [data-popup]')].pop();"
            " return n && n.getAttribute('data-popup') === key; }",
            arg=key,
        )
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")  # the chooser faded


def test_a_claim_popup_opens_on_click_and_shows_its_quote(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W50')")
    click_symbol(opened, "claims:quneitra_observation_posts/leaving")
    assert popup_of(opened) == "claims:quneitra_observation_posts/leaving"
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert dataset.claims.at["c001-06", "quote"] in text
    assert "Russia to Withdraw All Troops from Syria Within a Month (Archyde), 2024-12-16" in text
    assert "Last week" in text
    assert "2024-12-09 to 2024-12-15" in text
    assert "Corroboration: 1 independent source(s) for this place and action in view: s001" in text
    assert dataset.claims.at["c001-06", "note"] not in popup.text_content()  # behind "details"
    popup.locator(".geo-details-toggle").first.click()
    assert dataset.sources.at["s001", "published_note"] in popup.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"))


def test_a_place_popup_shows_source_and_state_history(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.locator("#geo-all-time").check()
    click_symbol(opened, "place:t4_air_base")
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert "Tiyas Military Airbase (T4)" in text
    assert dataset.places.at["t4_air_base", "coord_text"] in text
    link = popup.locator("a")
    assert link.get_attribute("href") == dataset.places.at["t4_air_base", "coord_source"]
    popup.locator(".geo-details-toggle").click()
    history = popup.locator(".geo-history").inner_text()
    assert "2024-W50" in history and "drawing down" in history


def test_one_dispute_ring_per_disagreement_with_each_side_once(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    keys = [s["key"] for s in page.evaluate("window.geoMap.symbols()") if s["kind"] == "dispute"]
    assert sorted(keys) == ["dispute:hmeimim_air_base/0", "dispute:tartus_naval_base/0"]
    click_symbol(opened, "dispute:hmeimim_air_base/0")
    popup = page.locator(".leaflet-popup-content")
    assert "Sources disagree about Hmeimim Air Base" in popup.inner_text()
    assert len(popup.text_content()) < 4000
    leaving = popup.locator('[data-stance="leaving"] [data-claim]').evaluate_all("ns => ns.map(n => n.dataset.claim)")
    staying = popup.locator('[data-stance="staying"] [data-claim]').evaluate_all("ns => ns.map(n => n.dataset.claim)")
    assert leaving == ["c001-05", "c001-09", "c003-02"]
    assert staying == ["c000-03", "c000-04", "c000-05", "c002-08"]
    assert popup.inner_text().count(dataset.claims.at["c001-05", "quote"]) == 1
    assert dataset.claims.at["c001-05", "note"] not in popup.text_content()


def test_stacked_departures_are_one_symbol_listing_each(opened: Opened, built: tuple[Path, dict]) -> None:
    page = opened.page
    page.locator("#geo-all-time").check()
    drawn = counts(opened)
    assert drawn["movementSymbols"] < drawn["movements"] + drawn["departures"]
    texts = page.locator(".geo-departure").all_inner_texts()
    bundled = [text for text in texts if text.removeprefix("\u2197").isdigit()]
    assert bundled, texts
    departures = [s for s in page.evaluate("window.geoMap.symbols()") if s["key"].startswith("movements:departure/")]
    origin = "hmeimim_air_base"
    key = f"movements:departure/{origin}/"
    assert key in [s["key"] for s in departures]
    click_symbol(opened, key)
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("h4").first.inner_text() == "Departures from Hmeimim Air Base"
    listed = popup.locator("[data-claim]").evaluate_all("ns => ns.map(n => n.dataset.claim)")
    expected = {m["claim"] for m in built[1]["movements"] if m["kind"] == "departure" and m["origin"] == origin}
    assert f"{len(expected)} movement(s) in view" in popup.inner_text()
    assert set(listed) == expected and len(listed) == len(expected) > 1


def test_an_opened_popup_is_panned_clear_of_the_panels(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    click_symbol(opened, "dispute:tartus_naval_base/0")
    page.wait_for_timeout(1200)  # the auto-pan and the second fit
    popup = page.locator(".leaflet-popup").bounding_box()
    assert popup is not None
    for name in ("header", "filters", "time", "timeline"):
        panel = page.locator(f'[data-panel="{name}"]').bounding_box()
        assert panel is not None
        assert (
            popup["x"] >= panel["x"] + panel["width"]
            or popup["y"] >= panel["y"] + panel["height"]
            or (popup["y"] + popup["height"] <= panel["y"])
        ), (name, popup, panel)


@pytest.mark.parametrize("zoom", [6, 8, 10])
def test_every_place_and_claim_symbol_is_reachable(opened: Opened, built: tuple[Path, dict], zoom: int) -> None:
    """Click each symbol where it is drawn: the popup that opens (directly or through the chooser) is its own."""
    page = opened.page
    page.evaluate("window.geoMap.setSlice('2024-W51')")
    page.evaluate("window.geoMap.setAllTime()")
    keys = [s for s in page.evaluate("window.geoMap.symbols()") if s["kind"] in ("place", "claims", "dispute")]
    assert len([s for s in keys if s["kind"] == "place"]) == len(built[1]["places"])
    chooser_seen = 0
    for symbol in keys:
        close_popups(opened)
        # centre the map on the symbol so that no panel covers it (stopping any auto-pan first)
        page.evaluate(
            "([key, zoom]) => { const map = window.geoMap.map; map.stop();"
            " const s = window.geoMap.symbols().find(s => s.key === key);"
            " const box = map.getContainer().getBoundingClientRect();"
            " const at = map.containerPointToLatLng([s.x - box.left, s.y - box.top]);"
            " map.setView(at, zoom, {animate: false}); }",
            [symbol["key"], zoom],
        )
        found = next(s for s in page.evaluate("window.geoMap.symbols()") if s["key"] == symbol["key"])
        page.mouse.click(found["x"], found["y"])
        opened_key = popup_of(opened)
        if opened_key.startswith("chooser:"):
            chooser_seen += 1
            chooser = page.locator(".leaflet-popup-content").last
            choice = chooser.locator(f'[data-symbol="{symbol["key"]}"]')
            assert choice.count() == 1, (symbol["key"], opened_key)
            choice.click()
            page.wait_for_function(
                "key => { const n = [...document.querySelectorAll('.leaflet-popup-content [data-popup]')].pop();"
                " return n && n.getAttribute('data-popup') === key; }",
                arg=symbol["key"],
            )
        else:
            assert opened_key == symbol["key"], (zoom, symbol)
    if zoom == 6:
        assert chooser_seen > 0  # the coast is crowded at zoom 6: the chooser is what makes it reachable
    assert opened.errors == []


def test_jableh_and_the_syrian_coast_share_a_point_and_both_open(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setAllTime()")
    for key in ("place:jableh_district", "place:syrian_coast", "place:hmeimim_air_base"):
        click_symbol(opened, key)
        assert popup_of(opened) == key


def test_labels_from_zoom_7_do_not_overlap(opened: Opened) -> None:
    page = opened.page
    page.evaluate("void window.geoMap.map.setView([35.0, 37.5], 6, {animate: false})")
    assert page.evaluate("window.geoMap.labels()") == []
    for zoom in (7, 8, 10):
        page.evaluate(f"void window.geoMap.map.setView([35.2, 36.0], {zoom}, {{animate: false}})")
        labels = page.evaluate("window.geoMap.labels()")
        assert labels, zoom
        boxes = page.locator(".geo-place-label").evaluate_all(
            "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
        )
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (zoom, a, b)
    assert "Hmeimim Air Base" in page.evaluate("window.geoMap.labels()")


def test_panels_collapse_and_do_not_overlap(opened: Opened, dataset: geo.Dataset) -> None:
    page = opened.page
    legend = page.locator('[data-panel="legend"]')
    assert not legend.locator(".geo-panel-body").is_visible()  # collapsed at first
    legend.locator(".geo-collapse").click()
    assert legend.locator(".geo-panel-body").is_visible()
    page.locator(".leaflet-control-layers").hover()  # the layer control opens
    names = ["header", "filters", "time", "legend", "timeline"]
    boxes = {n: page.locator(f'[data-panel="{n}"]').bounding_box() for n in names}
    boxes["layers"] = page.locator(".leaflet-control-layers").bounding_box()
    for i, a_name in enumerate([*names, "layers"]):
        for b_name in [*names, "layers"][i + 1 :]:
            a, b = boxes[a_name], boxes[b_name]
            assert (
                a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            ), (a_name, b_name)  # fmt: skip
    header = page.locator('[data-panel="header"]')
    header.locator(".geo-collapse").click()
    assert not header.locator(".geo-panel-body").is_visible()
    # full source titles, on hover too
    label = page.locator('input[data-source="s002"]').locator("xpath=..")
    assert dataset.sources.at["s002", "title"] in label.inner_text()
    assert label.get_attribute("title").startswith(dataset.sources.at["s002", "title"])


def test_hover_shows_the_name_as_a_tooltip(opened: Opened) -> None:
    page = opened.page
    page.evaluate("window.geoMap.setAllTime()")
    page.evaluate("void window.geoMap.map.setView([36.385278, 38.859444], 9, {animate: false})")
    point = page.evaluate("window.geoMap.placePoint('ain_issa')")
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator(".geo-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text() == "Russian base at Ain Issa: vacated reported"
    page.evaluate("window.geoMap.setSlice('2025-W02')")  # weeks after its last report
    page.mouse.move(point["x"] + 1, point["y"])
    page.wait_for_function("document.querySelector('.geo-tooltip').textContent.includes('last reported')")
    assert tooltip.inner_text() == "Russian base at Ain Issa: vacated reported (last reported 2024-W51)"


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


def test_the_online_tiles_say_when_they_cannot_load(opened: Opened) -> None:
    """Offline, choosing the OpenStreetMap layer gives a notice and the offline basemap back, not a blank map."""
    page = opened.page
    assert page.evaluate("window.geoMap.notice()") is None
    page.hover(".leaflet-control-layers")
    page.get_by_text("OpenStreetMap (online only)").click()
    page.wait_for_function("window.geoMap.notice() !== null", timeout=10_000)
    assert page.evaluate("window.geoMap.notice()") == "no network: showing the offline basemap"
    assert page.locator(".geo-notice").is_visible()
    offline = page.locator(".leaflet-control-layers-base label", has_text="Natural Earth borders (offline)")
    assert offline.locator("input").is_checked()
    assert any("tile.openstreetmap.org" in url for url in opened.blocked)
    assert not [e for e in opened.errors if "net::" not in e and "Failed to load resource" not in e]
