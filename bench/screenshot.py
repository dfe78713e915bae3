"""Take the README's screenshot of the real map (week 2024-W51 on the coast, Hmeimim's dispute open).

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
        page.evaluate("void window.geoMap.map.setView([35.15, 36.55], 8, {animate: false})")
        page.evaluate("window.geoMap.open('dispute:hmeimim_air_base/0')")
        page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(500)  # let the popup's pan settle
        page.screenshot(path=str(ROOT / "docs/map.png"))
        if opened.errors or opened.blocked:
            raise SystemExit(f"page errors {opened.errors}, blocked requests {opened.blocked}")


if __name__ == "__main__":
    main()
