"""The "reported by" control and the timeline strip, in headless Chromium."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import geo
from geo.disputes import dispute_records
from geo.render import build_map, claim_rows, expected_in_view
from tests.browser import Opened, chromium, open_map


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
    assert page.errors == []
    page.page.close()


def evaluate(opened: Opened, script: str) -> object:
    return opened.page.evaluate(script)


# ---- reported by ------------------------------------------------------------------------


def test_as_reported_by_15_december_hmeimim_is_not_contested(opened: Opened, dataset: geo.Dataset) -> None:
    evaluate(opened, "geoMap.setSlice('2024-W51')")
    assert evaluate(opened, "geoMap.placeState('hmeimim_air_base')") == "contested"
    header = opened.page.locator("#geo-reported")
    assert header.inner_text() == "as reported by latest (2024-12-25): 5 of 5 sources"
    evaluate(opened, "geoMap.setReportedBy('2024-12-15')")
    assert evaluate(opened, "geoMap.placeState('hmeimim_air_base')") == "retained_reported"
    assert header.inner_text() == "as reported by 2024-12-15: 2 of 5 sources"
    assert evaluate(opened, "geoMap.disputes()") == []
    assert opened.page.locator("#geo-reported-by").input_value() == "1"  # 2024-12-14, 2024-12-15, ...
    evaluate(opened, "geoMap.setAllTime()")
    frozen = dispute_records(geo.disputes(dataset.claims, dataset.sources, reported_by="2024-12-16"))
    evaluate(opened, "geoMap.setReportedBy('2024-12-16')")
    assert evaluate(opened, "geoMap.disputes()") == frozen
    reported = set(dataset.sources.index[dataset.sources["published"] <= "2024-12-16"])
    shown = dataset.claims[dataset.claims["source_id"].isin(reported)]
    assert evaluate(opened, "geoMap.counts().claims") == len(shown)
    evaluate(opened, "geoMap.setSlice('2024-W51'); geoMap.setReportedBy(null)")
    assert evaluate(opened, "geoMap.placeState('hmeimim_air_base')") == "contested"
    assert header.inner_text() == "as reported by latest (2024-12-25): 5 of 5 sources"


def test_the_reported_by_slider_steps_through_the_publication_dates(opened: Opened, built: tuple[Path, dict]) -> None:
    payload, page = built[1], opened.page
    assert payload["published_dates"] == ["2024-12-14", "2024-12-15", "2024-12-16", "2024-12-25"]
    slider = page.locator("#geo-reported-by")
    assert slider.input_value() == "4"  # latest
    slider.focus()
    page.keyboard.press("Home")
    assert page.locator("#geo-reported").inner_text() == "as reported by 2024-12-14: 1 of 5 sources"
    claims = evaluate(opened, "geoMap.counts().claims")
    assert claims == sum(c["source"] == "s002" for c in claim_rows(payload))
    page.keyboard.press("ArrowRight")
    assert page.locator("#geo-reported").inner_text() == "as reported by 2024-12-15: 2 of 5 sources"
    page.keyboard.press("End")
    assert page.locator("#geo-reported").inner_text() == "as reported by latest (2024-12-25): 5 of 5 sources"
    assert evaluate(opened, "geoMap.counts().claims") == len(payload["claims"]["id"])


# ---- the timeline strip ---------------------------------------------------------------------


def expected_bars(payload: dict) -> list[list]:
    """Claims per (day, layer) as the strip should draw them, counted here day by day."""
    low, high = (date.fromisoformat(d) for d in payload["window"])
    per_day: Counter[tuple[str, str]] = Counter()
    for claim in claim_rows(payload):
        first = max(date.fromisoformat(claim["start"] or payload["window"][0]), low)
        last = min(date.fromisoformat(claim["end"] or payload["window"][1]), high)
        day = first
        while day <= last:
            per_day[(day.isoformat(), claim["layer"])] += 1
            day += timedelta(days=1)
    order = {layer["id"]: i for i, layer in enumerate(payload["layers"])}
    return sorted([[d, layer, n] for (d, layer), n in per_day.items()], key=lambda b: (b[0], order[b[1]]))


def test_play_steps_through_every_slice_with_its_label_and_counts(opened: Opened, built: tuple[Path, dict]) -> None:
    payload, page = built[1], opened.page
    bars = expected_bars(payload)
    assert len(bars) > 30 and len({b[1] for b in bars}) >= 4
    low, high = payload["window"]
    evaluate(opened, "geoMap.setPlayPace(3600000)")  # the hook steps; the real timer is tested below
    assert evaluate(opened, "geoMap.timeline().slice") is None  # all time at first
    page.locator("#geo-play").click()
    assert evaluate(opened, "geoMap.timeline().playing") is True
    seen = []
    for number, piece in enumerate(payload["slices"]):
        if number:
            assert evaluate(opened, "geoMap.playStep()") is True
        shown = evaluate(opened, "geoMap.timeline()")
        label = piece["label"]
        expected = len(expected_in_view(payload, label))
        assert shown["slice"] == label
        assert page.locator("#geo-timeline-label").inner_text() == f"{label}: {expected} claim{'s' * (expected != 1)}"
        assert shown["claims"] == expected == evaluate(opened, "geoMap.counts().claims")
        assert shown["highlighted"] == [max(piece["start"], low), min(piece["end"], high)]
        assert page.locator("#geo-status").inner_text().startswith(label)
        assert shown["bars"] == bars
        seen.append(expected)
    assert evaluate(opened, "geoMap.playStep()") is False  # the end: play stops there
    assert evaluate(opened, "geoMap.timeline().playing") is False
    assert page.locator("#geo-play").inner_text() == "\u25b6"
    assert len(set(seen)) > 2


def test_the_play_button_steps_by_itself_and_stops_at_the_last_slice(opened: Opened, built: tuple[Path, dict]) -> None:
    labels = [s["label"] for s in built[1]["slices"]]
    evaluate(opened, "geoMap.setPlayPace(60)")
    opened.page.locator("#geo-play").click()
    opened.page.wait_for_function("!geoMap.timeline().playing", timeout=10_000)
    assert evaluate(opened, "geoMap.timeline().slice") == labels[-1]


def test_arrow_keys_on_the_strip_step_through_the_slices(opened: Opened, built: tuple[Path, dict]) -> None:
    labels = [s["label"] for s in built[1]["slices"]]
    strip = opened.page.locator('[data-panel="timeline"]')
    strip.focus()
    opened.page.keyboard.press("ArrowRight")  # from all time: the first slice
    assert evaluate(opened, "geoMap.timeline().slice") == labels[0]
    opened.page.keyboard.press("ArrowRight")
    opened.page.keyboard.press("ArrowRight")
    assert evaluate(opened, "geoMap.timeline().slice") == labels[2]
    assert opened.page.locator("#geo-slice").input_value() == "2"  # the time panel follows
    opened.page.keyboard.press("ArrowLeft")
    assert evaluate(opened, "geoMap.timeline().slice") == labels[1]


def test_brushing_a_range_selects_its_slices_and_play_keeps_to_them(opened: Opened, built: tuple[Path, dict]) -> None:
    payload, page = built[1], opened.page
    days = [b[0] for b in expected_bars(payload)]
    first_day, last_day = payload["window"]
    plot = page.locator(".geo-timeline-plot").bounding_box()
    count = (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days + 1
    assert days[0] >= first_day

    def x_of(day: str) -> float:
        offset = (date.fromisoformat(day) - date.fromisoformat(first_day)).days + 0.5
        return plot["x"] + offset * plot["width"] / count

    y = plot["y"] + plot["height"] / 2
    page.mouse.move(x_of("2024-12-25"), y)
    page.mouse.down()
    page.mouse.move(x_of("2024-12-18"), y, steps=5)
    assert page.locator(".geo-timeline-brush").count() == 1
    page.mouse.up()
    shown = evaluate(opened, "geoMap.timeline()")
    assert shown["range"] == ["2024-W51", "2024-W52"]
    assert shown["slice"] == "2024-W51"
    assert evaluate(opened, "geoMap.playStep()") is True
    assert evaluate(opened, "geoMap.timeline().slice") == "2024-W52"
    assert evaluate(opened, "geoMap.playStep()") is False
    evaluate(opened, "geoMap.brush('2024-12-10', '2024-12-10')")
    assert evaluate(opened, "geoMap.timeline().range") == ["2024-W50", "2024-W50"]


def test_the_strip_follows_the_filters(opened: Opened, built: tuple[Path, dict]) -> None:
    evaluate(opened, "geoMap.setSlice('2024-W51')")
    everything = evaluate(opened, "geoMap.timeline()")
    evaluate(opened, "geoMap.setReportedBy('2024-12-15')")
    frozen = evaluate(opened, "geoMap.timeline()")
    assert frozen["claims"] == evaluate(opened, "geoMap.counts().claims") < everything["claims"]
    assert sum(b[2] for b in frozen["bars"]) < sum(b[2] for b in everything["bars"])
    evaluate(opened, "geoMap.setSources([])")
    assert evaluate(opened, "geoMap.timeline()")["bars"] == []
    assert evaluate(opened, "geoMap.timeline().claims") == 0


def test_play_through_the_reported_by_dates_shows_the_dispute_open(opened: Opened, built: tuple[Path, dict]) -> None:
    page = opened.page
    evaluate(opened, "geoMap.setSlice('2024-W51'); geoMap.setPlayPace(3600000)")
    page.locator("#geo-play-mode").select_option("reported")
    page.locator("#geo-play").click()

    def now() -> tuple[object, str]:
        return evaluate(opened, "geoMap.placeState('hmeimim_air_base')"), page.locator("#geo-reported").inner_text()

    seen = [now()]
    while evaluate(opened, "geoMap.playStep()"):
        seen.append(now())
    assert seen == [
        ("retained_reported", "as reported by 2024-12-14: 1 of 5 sources"),
        ("retained_reported", "as reported by 2024-12-15: 2 of 5 sources"),
        ("contested", "as reported by 2024-12-16: 4 of 5 sources"),
        ("contested", "as reported by 2024-12-25: 5 of 5 sources"),
        ("contested", "as reported by latest (2024-12-25): 5 of 5 sources"),
    ]
    assert evaluate(opened, "geoMap.timeline().playing") is False
    assert evaluate(opened, "geoMap.timeline().slice") == "2024-W51"  # the slice stays put


@pytest.mark.parametrize("height", [900, 560])
def test_at_first_fit_no_site_is_hidden_under_the_strip(
    browser: Browser, built: tuple[Path, dict], dataset: geo.Dataset, height: int
) -> None:
    # The map fits the sites; countries (a destination such as Russia) may lie outside the first view.
    sites = set(dataset.places.index[dataset.places["kind"] != "country"])
    opened = open_map(browser, built[0], width=1400, height=height)
    strip_top = evaluate(opened, "document.querySelector('.geo-timeline').getBoundingClientRect().top")
    points = {
        p["id"]: evaluate(opened, f"window.geoMap.placePoint({p['id']!r})")
        for p in built[1]["places"]
        if p["id"] in sites
    }
    assert len(points) >= 10
    # A site's symbol (radius up to about 10 px) stays whole between the top of the map and the strip.
    hidden = {i: pt for i, pt in points.items() if not (10 <= pt["y"] <= strip_top - 10 and 10 <= pt["x"] <= 1390)}
    assert hidden == {}
    assert opened.errors == []
    opened.page.close()
