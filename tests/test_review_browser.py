"""`geo review` in Chromium: the real server (uvicorn on 127.0.0.1), a copy of the data, the network blocked."""

from __future__ import annotations

import csv
import http.client
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, Route

from geo.cli import cli
from geo.review import add
from geo.webreview import running
from tests.browser import chromium

ARTICLE = (
    "Russian jets leave Hmeimim\n"
    "Russian transport planes flew equipment from Hmeimim to Libya on Tuesday, according to Reuters. "
    "Russian troops withdrew from Tartus, a source said. Rebels dismantled a checkpoint near Latakia.\n"
)
HOSTILE = (
    "Russian troops leave Hmeimim <img src=x onerror=window.__pwned=1>\n"
    "By Gideon Levi <b>x</b>\n"
    "Russian troops withdrew from Tartus </script><script>window.__pwned=2</script> on Tuesday. "
    "<svg onload=window.__pwned=3></svg>\n"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def _added(project: Path, text: str) -> None:
    article = project / "article.txt"
    article.write_text(text, encoding="utf-8")
    add(project / "data", project / "seeds", article, published=date(2025, 1, 8))


def _open(browser: Browser, url: str, path: str) -> tuple[Page, list[str], list[str]]:
    """Open ``path`` of the server at ``url``; every request elsewhere is blocked and listed."""
    # bypass_csp: Playwright evaluates its waits as strings; and without the CSP the hostile test shows
    # that the page itself keeps text as text.
    page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    errors: list[str] = []
    blocked: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def route(route: Route) -> None:
        if route.request.url.startswith(url + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.goto(url + path)
    page.wait_for_function("window.geoReview && window.geoReview.api.ready === true", timeout=30_000)
    return page, errors, blocked


def _status(page: Page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('status').textContent.includes(t)", arg=text, timeout=30_000)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_review_accept_edit_reject_and_add_a_place(project: Path, browser: Browser, tmp_path: Path) -> None:
    _added(project, ARTICLE)
    claims_before = _rows(project / "data/claims.csv")
    with running(project / "data", project / "seeds") as url:
        page, errors, blocked = _open(browser, url, "/")
        assert page.locator("a", has_text="s005").count() == 1
        page.click("a:text('s005')")
        page.wait_for_url(url + "/review/s005")
        page.wait_for_function(
            "window.geoReview && window.geoReview.api.ready && document.querySelector('[data-candidate]')"
        )
        cards = page.eval_on_selector_all("[data-candidate]", "cs => cs.map(c => c.dataset.candidate)")
        assert cards == ["s005-x01", "s005-x02", "s005-x03"]
        # the evidence and the mentions are highlighted, as text
        assert page.locator("#article [data-evidence~='s005-x02']").count() >= 1
        page.click("#article [data-mention]:text('Libya')")
        mention = page.inner_text("#mention")
        assert "resolved to Libya (libya)" in mention and "other candidates" in mention

        page.click('[data-candidate="s005-x01"] [data-action="accept"]')
        _status(page, "accepted s005-x01 as c005-01")

        page.click('[data-candidate="s005-x02"] [data-pick="destination"]')
        page.fill("#place-search", "Tartus naval")
        page.click('[data-place="tartus_naval_base"]')
        destination = '[data-candidate="s005-x02"] [data-field="destination"]'
        assert page.input_value(destination) == "tartus_naval_base"
        page.click('[data-candidate="s005-x02"] [data-action="accept"]')
        _status(page, "accepted s005-x02 as c005-02")

        page.click('[data-candidate="s005-x03"] [data-action="reject"]')
        _status(page, "rejected s005-x03")

        box = page.locator("#picker-map").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert page.input_value("#place-form [name=lat]") != ""  # the click set a coordinate
        page.fill("#place-form [name=name]", "Test Crossroads")
        page.select_option("#place-form [name=kind]", "town")
        page.fill("#place-form [name=lat]", "35.1")
        page.fill("#place-form [name=lon]", "36.7")
        page.fill("#place-form [name=coord_source]", "https://example.org/test-crossroads")
        page.select_option("#place-form [name=precision]", "2")
        page.fill("#place-form [name=radius_km]", "3")
        page.click('[data-action="add-place"]')
        _status(page, "added place test_crossroads")
        assert errors == [] and blocked == []

    claims = _rows(project / "data/claims.csv")
    assert claims[: len(claims_before)] == claims_before
    added = {row["claim_id"]: row for row in claims[len(claims_before) :]}
    assert set(added) == {"c005-01", "c005-02"}
    assert (added["c005-01"]["action"], added["c005-01"]["origin"]) == ("withdraw", "hmeimim_air_base")
    assert (added["c005-02"]["origin"], added["c005-02"]["destination"]) == ("hmeimim_air_base", "tartus_naval_base")
    assert _rows(project / "data/review/s005.csv") == []
    assert [r["claim_id"] for r in _rows(project / "data/rejected.csv")] == ["s005-x03"]
    place = _rows(project / "data/gazetteer.csv")[-1]
    assert (place["place_id"], place["country"], place["precision"], place["radius_km"]) == (
        "test_crossroads", "Syria", "2", "3",
    )  # fmt: skip

    options = ["--data", str(project / "data"), "--seeds", str(project / "seeds")]
    result = CliRunner().invoke(cli, [*options, "validate"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [*options, "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    drawn = json.loads((out / "geojson/claims.geojson").read_text(encoding="utf-8"))
    ids = {feature["properties"]["claim_id"] for feature in drawn["features"]}
    assert {"c005-01", "c005-02"} <= ids


def _request(url: str, method: str, path: str, body: dict | None, headers: dict[str, str]) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers={"Content-Type": "application/json", **headers})
    status = connection.getresponse().status
    connection.close()
    return status


def _snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted((project / "data").rglob("*")) if p.is_file()}


def test_foreign_origin_foreign_host_or_no_token_change_nothing(project: Path) -> None:
    _added(project, ARTICLE)
    before = _snapshot(project)
    accept = "/api/review/s005/accept"
    body = {"claim_id": "s005-x01", "fields": {}}
    with running(project / "data", project / "seeds", token="the-token") as url:
        port = urlsplit(url).port
        own = {"Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}"}
        refused = [
            {**own, "Origin": "http://evil.example", "X-Geo-Token": "the-token"},
            {**own, "Origin": f"http://127.0.0.1:{port}.evil.example", "X-Geo-Token": "the-token"},
            {**own, "Host": f"evil.example:{port}", "X-Geo-Token": "the-token"},
            {**own, "Host": "127.0.0.1:1", "X-Geo-Token": "the-token"},
            own,
            {**own, "X-Geo-Token": "a-guess"},
        ]
        for headers in refused:
            assert _request(url, "POST", accept, body, headers) == 403, headers
            assert _request(url, "POST", "/api/review/s005/reject", body, headers) == 403, headers
            assert _request(url, "POST", "/api/places", {"fields": {"name": "x"}}, headers) == 403, headers
        # a rebinding page cannot read the data either: its requests carry its own host name
        assert _request(url, "GET", "/api/review/s005", None, {"Host": f"evil.example:{port}"}) == 403
        assert _snapshot(project) == before
        # the same request from the page itself goes through
        assert _request(url, "POST", accept, body, {**own, "X-Geo-Token": "the-token"}) == 200
    assert _snapshot(project) != before


def test_hostile_article_text_shows_literally_and_runs_nothing(project: Path, browser: Browser) -> None:
    _added(project, HOSTILE)
    with running(project / "data", project / "seeds") as url:
        page, errors, blocked = _open(browser, url, "/review/s005")
        article = page.inner_text("#article")
        assert "<img src=x onerror=window.__pwned=1>" in article
        assert "</script><script>window.__pwned=2</script>" in article
        assert "<img src=x" in page.inner_text("header h1")
        quotes = page.eval_on_selector_all("[data-candidate] .quote", "qs => qs.map(q => q.textContent)")
        assert quotes == [row["quote"] for row in _rows(project / "data/review/s005.csv")]
        assert any("<img src=x" in quote for quote in quotes)
        page.click("#article [data-mention]")
        # The byline's surname is no town abroad: an unresolved name, its candidates listed as text.
        page.click("#article [data-unresolved]")
        assert "Lévis" in page.inner_text("#mention") and "person" in page.inner_text("#mention")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#app img, #app svg:not(.leaflet-zoom-animated), #app script").count() == 0
        assert errors == [] and blocked == []


def _drag_select(page: Page, passage: str) -> None:
    """Select ``passage`` in the article by dragging the mouse over it, as a reviewer does."""
    box = page.evaluate(
        """passage => {
            const article = document.getElementById('article');
            const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let text = '';
            for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
            const at = text.indexOf(passage);
            if (at < 0) { return null; }
            const point = offset => {
                const [node, from] = nodes.filter(([, from]) => from <= offset).pop();
                return [node, offset - from];
            };
            const range = document.createRange();
            range.setStart(...point(at));
            range.setEnd(...point(at + passage.length));
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            return {x0: first.left + 1, y0: (first.top + first.bottom) / 2,
                    x1: last.right - 1, y1: (last.top + last.bottom) / 2};
        }""",
        passage,
    )
    assert box is not None, passage
    page.mouse.move(box["x0"], box["y0"])
    page.mouse.down()
    page.mouse.move(box["x1"], box["y1"], steps=8)
    page.mouse.up()


def test_review_new_claim_from_selection_then_save_edits(project: Path, browser: Browser) -> None:
    _added(project, ARTICLE)
    passage = "Rebels dismantled a checkpoint near Latakia"
    with running(project / "data", project / "seeds") as url:
        page, errors, blocked = _open(browser, url, "/review/s005")
        page.click('[data-action="new-claim"]')
        _status(page, "select the passage in the article first")  # nothing selected: nothing sent
        _drag_select(page, passage)
        selected = page.inner_text("#selection")
        assert passage in selected, selected
        page.click('[data-action="new-claim"]')
        _status(page, "new candidate s005-x04")
        card = '[data-candidate="s005-x04"]'
        assert page.inner_text(f"{card} .quote").strip() == passage
        # the passage's place is filled in from its mention, so the new candidate validates at once
        assert page.input_value(f"{card} [data-field=places]") == "latakia_city"
        page.select_option(f"{card} [data-field=action]", "withdraw")
        page.fill(f"{card} [data-field=places]", "latakia_city; latakia_governorate")
        page.fill(f"{card} [data-field=note]", "edited in the browser test")
        page.click(f"{card} [data-action=save]")
        _status(page, "saved s005-x04")
        assert errors == [] and blocked == []
        # an edit that would not validate is refused with a message, and the file keeps the saved row
        page.fill(f"{card} [data-field=places]", "no_such_place")
        page.click(f"{card} [data-action=save]")
        page.wait_for_function("document.getElementById('status').textContent.includes('no_such_place')")
        assert page.get_attribute("#status", "class") == "status error"
        assert [e for e in errors if "400 (Bad Request)" not in e] == [] and blocked == []
    rows = {row["claim_id"]: row for row in _rows(project / "data/review/s005.csv")}
    written = rows["s005-x04"]
    assert (written["quote"], written["action"], written["places"], written["note"]) == (
        passage, "withdraw", "latakia_city; latakia_governorate", "edited in the browser test",
    )  # fmt: skip
    text = ARTICLE
    assert text[int(written["evidence_start"]) :].startswith(passage)
