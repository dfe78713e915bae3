"""Take the README's screenshot of the real map (week 2024-W51 on the Syrian coast at zoom 9).

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
        page.evaluate("void window.geoMap.map.setView([35.12, 36.02], 9, {animate: false})")
        page.wait_for_timeout(500)  # let the labels settle
        page.screenshot(path=str(ROOT / "docs/map.png"))
        detail = page.evaluate("window.geoMap.detail()")
        if detail["layers"] != ["coast", "lakes", "rivers", "sea"] or not detail["labels"]:
            raise SystemExit(f"the basemap's close-zoom detail is not all drawn: {detail}")
        if opened.errors or opened.blocked or opened.failed:
            raise SystemExit(f"page errors {opened.errors}, blocked {opened.blocked}, failed {opened.failed}")
        print(f"wrote docs/map.png; detail on the map: {detail}")


if __name__ == "__main__":
    main()
