"""Untrusted text stays text: every text field of every data file, and the title, hostile at once.

Each field gets its own payload, so a failure names the field that reached
the page as HTML. The map is built through the CLI, opened in Chromium, and
every place, claim symbol, movement and dispute is hovered and clicked, every
panel and every "details" toggle opened. Nothing may execute, no element may
come from data, and the text must show as written.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from tests.browser import Opened, chromium, open_map


def payload(field: str) -> str:
    """A hostile text that records ``field`` in ``window.__pwned`` if it ever runs as HTML or script."""
    mark = f"window.__pwned=(window.__pwned||[]).concat('{field}')"
    return (
        f'[{field}] <img src=x onerror="{mark}"> </script><script>{mark}</script> '
        f'<svg onload="{mark}"></svg> {{{{7*7}}}} {{% if 1 %}} javascript:alert(1) '
        "data:text/html,<b>x</b> \"double\" 'single' back\\slash \u2028line\u2029para `tick ${1+1}` &amp;"
    )


def url_payload(field: str) -> str:
    """An address that validation accepts (http, no whitespace) but that breaks out of naive markup."""
    return f"https://example.org/{field}?q=\"><img/src=x/onerror=window.__pwned=1>&x='<script>"


# The fields that carry free text; the others (ids, vocabularies, numbers,
# dates, country names checked against borders) cannot hold arbitrary text.
TEXT_FIELDS = {
    "sources.csv": ["title", "publisher", "published_note", "errors"],
    "gazetteer.csv": ["name", "aliases", "arabic", "admin1", "coord_text", "note"],
    "claims.csv": ["actor", "quantity", "time_text", "attribution", "note"],
}
URL_FIELDS = {"sources.csv": ["url", "archive_url"], "gazetteer.csv": ["coord_source"]}
QUOTE_FIELDS = {"sources.csv": "published_quote", "claims.csv": "quote", "distances.csv": "quote"}
TITLE = payload("title")


def rewrite(project: Path) -> dict[str, str]:
    """Make every text field of the copied data hostile; return the texts the page must show."""
    data, seeds = project / "data", project / "seeds"
    sources = list(csv.DictReader((data / "sources.csv").open(encoding="utf-8")))
    seed_of = {row["source_id"]: seeds / row["seed_file"] for row in sources}
    appended: dict[str, list[str]] = {source: [] for source in seed_of}
    shown: dict[str, str] = {}
    for name in ("sources.csv", "gazetteer.csv", "claims.csv", "distances.csv"):
        path = data / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        for number, row in enumerate(rows):
            record = row[header[0]] if name != "distances.csv" else f"d{number}"
            for field in TEXT_FIELDS.get(name, []):
                row[field] = payload(f"{name}:{record}:{field}").replace(";", ",")
                if field == "quantity":  # "%" would mark every withdrawal partial, and leave no dispute to test
                    row[field] = row[field].replace("%", "")
                shown[f"{name}:{record}:{field}"] = row[field]
            for field in URL_FIELDS.get(name, []):
                row[field] = url_payload(f"{record}-{field}")
            quote_field = QUOTE_FIELDS.get(name)
            if quote_field:
                quote = payload(f"{name}:{record}:{quote_field}").replace("\u2028", " ").replace("\u2029", " ")
                row[quote_field] = quote
                appended[row["source_id"]].append(quote)
                shown[f"{name}:{record}:{quote_field}"] = quote
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    # Every claim's actor must be an actor's name: the hostile names go into the actors table too.
    actors = sorted({value for key, value in shown.items() if key.startswith("claims.csv:") and key.endswith(":actor")})
    with (data / "actors.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["actor_id", "name", "aliases", "kind", "country", "tracked", "note"])
        writer.writerows([f"a{number:04d}", name, "", "state", "", "false", ""] for number, name in enumerate(actors))
    for source, quotes in appended.items():
        seed = seed_of[source]
        seed.write_text(seed.read_text(encoding="utf-8") + "\n" + "\n".join(quotes) + "\n", encoding="utf-8")
    return shown


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    import shutil

    from tests.conftest import DATA, SEEDS

    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA, project / "data")
    shutil.copytree(SEEDS, project / "seeds")
    shown = rewrite(project)
    options = ["--data", str(project / "data"), "--seeds", str(project / "seeds")]
    checked = CliRunner().invoke(cli, [*options, "validate"])
    assert checked.exit_code == 0, checked.output + checked.stderr
    out = project / "hostile.html"
    built = CliRunner().invoke(cli, [*options, "map", "--out", str(out), "--title", TITLE])
    assert built.exit_code == 0, built.output + built.stderr
    return out, shown


@pytest.fixture(scope="module")
def page(hostile: tuple[Path, dict[str, str]]) -> Iterator[Opened]:
    with chromium() as browser:
        opened = open_map(browser, hostile[0])
        yield opened
        opened.page.close()


def injected(opened: Opened) -> dict:
    return opened.page.evaluate(
        "({pwned: window.__pwned || null,"
        ' images: document.querySelectorAll(\'img[src="x"], img[src$="/x"]\').length,'
        " svgs: [...document.querySelectorAll('svg[onload]')].length,"
        " scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')"
        "   && s.type !== 'application/json').length})"
    )


CLEAN = {"pwned": None, "images": 0, "svgs": 0, "scripts": 0}


STILL = "() => { const m = window.geoMap.map; return !(m._panAnim && m._panAnim._inProgress) && !m._animatingZoom; }"


def settle(opened: Opened) -> None:
    """Wait until the map has stopped moving for two frames.

    A popup's auto-pan, and the one refit after it, can start after a button looked still; a click
    then lands beside it on the map, which closes the popup.
    """
    p = opened.page
    p.wait_for_function(STILL)
    p.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    p.wait_for_function(STILL)


def open_all_details(opened: Opened) -> None:
    toggles = opened.page.locator(".leaflet-popup-content").last.locator(".geo-details-toggle")
    for i in range(toggles.count()):
        settle(opened)
        toggles.nth(i).click()


def test_the_hostile_map_loads_and_shows_the_title_as_text(page: Opened) -> None:
    assert page.errors == []
    assert page.dialogs == []
    assert injected(page) == CLEAN
    assert (
        page.page.locator('[data-panel="header"] h3').inner_text()
        == TITLE.replace("\u2028", "\n").replace("\u2029", "\n")
        or page.page.locator('[data-panel="header"] h3').text_content() == TITLE
    )


def test_every_symbol_hovered_and_clicked_runs_nothing(page: Opened, hostile: tuple[Path, dict[str, str]]) -> None:
    shown = hostile[1]
    p = page.page
    for name in ("legend", "filters", "header", "time"):
        toggle = p.locator(f'[data-panel="{name}"] .geo-collapse')
        toggle.click()
        toggle.click()
    p.locator(".leaflet-control-layers").hover()
    visited: set[str] = set()
    quotes_seen = 0
    for view in ("all", "2024-W51"):
        p.evaluate("window.geoMap.setAllTime()" if view == "all" else f"window.geoMap.setSlice('{view}')")
        for zoom in (6, 9):
            symbols = p.evaluate("window.geoMap.symbols()")
            for symbol in symbols:
                p.evaluate(
                    "([key, zoom]) => { const map = window.geoMap.map; map.stop(); map.closePopup();"
                    " const s = window.geoMap.symbols().find(s => s.key === key);"
                    " const box = map.getContainer().getBoundingClientRect();"
                    " const at = map.containerPointToLatLng([s.x - box.left, s.y - box.top]);"
                    " map.setView(at, zoom, {animate: false}); }",
                    [symbol["key"], zoom],
                )
                p.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
                at = next(s for s in p.evaluate("window.geoMap.symbols()") if s["key"] == symbol["key"])
                p.mouse.move(at["x"], at["y"])
                p.locator(".geo-tooltip").last.wait_for()
                p.mouse.click(at["x"], at["y"])
                content = p.locator(".leaflet-popup-content").last
                content.wait_for()
                choice = content.locator(f'[data-symbol="{symbol["key"]}"]')
                if choice.count():
                    settle(page)
                    choice.click()
                    p.wait_for_function(
                        "key => { const n = [...document.querySelectorAll('.leaflet-popup-content [data-popup]')]"
                        ".pop(); return n && n.getAttribute('data-popup') === key; }",
                        arg=symbol["key"],
                    )
                    content = p.locator(".leaflet-popup-content").last
                open_all_details(page)
                text = content.text_content() or ""
                quotes_seen += sum(text.count(v) for k, v in shown.items() if k.endswith(":quote"))
                visited.add(symbol["kind"])
                assert injected(page) == CLEAN, symbol
    assert visited == {"place", "claims", "movements", "dispute"}
    assert quotes_seen > 0
    assert page.errors == []
    assert page.dialogs == []


def test_hostile_text_shows_literally(page: Opened, hostile: tuple[Path, dict[str, str]]) -> None:
    shown = hostile[1]
    p = page.page
    p.evaluate("window.geoMap.setAllTime()")
    # a place popup: its name as the heading, its note behind details
    p.evaluate("void window.geoMap.map.closePopup()")
    p.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    p.evaluate("void window.geoMap.map.setView([36.385278, 38.859444], 10, {animate: false})")
    at = p.evaluate("window.geoMap.placePoint('ain_issa')")
    p.mouse.click(at["x"], at["y"])
    content = p.locator(".leaflet-popup-content").last
    assert content.locator("h4").text_content() == shown["gazetteer.csv:ain_issa:name"]
    open_all_details(page)
    assert shown["gazetteer.csv:ain_issa:note"] in (content.text_content() or "")
    link = content.locator("a").first
    assert link.get_attribute("href", timeout=1000).startswith("https://example.org/ain_issa-coord_source")
    # a source's title in the panel
    label = p.locator('input[data-source="s001"]').locator("xpath=..")
    assert shown["sources.csv:s001:title"] in (label.text_content() or "")
    assert injected(page) == CLEAN
