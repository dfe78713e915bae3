"""Take the README's screenshot of the real map (week 2024-W51, a contradiction popup open).

Run after `make build`: `.venv/bin/python -m bench.screenshot` writes docs/map.png.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser import chromium, open_map

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with chromium() as browser:
        opened = open_map(browser, ROOT / "maps/withdrawal.html", width=1400, height=860)
        page = opened.page
        page.evaluate("window.geoMap.setSlice('2024-W51')")
        point = page.evaluate("window.geoMap.placePoint('tartus_naval_base')")
        page.mouse.click(point["x"], point["y"] + 25)  # the contradiction ring below the symbol
        page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(500)  # let the popup's pan settle
        page.screenshot(path=str(ROOT / "docs/map.png"))
        if opened.errors or opened.blocked:
            raise SystemExit(f"page errors {opened.errors}, blocked requests {opened.blocked}")


if __name__ == "__main__":
    main()
