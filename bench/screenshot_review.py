"""The README's screenshot of the review page: ``python -m bench.screenshot_review`` writes docs/review.png.

A copy of data/ and seeds/ in a temporary folder gets the fixture article of
tests/test_review_browser.py with ``geo add``; the real server runs on
127.0.0.1 and headless Chromium shows the article with a mention opened and the
picker searching for a destination.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from geo.review import add
from geo.webreview import running
from tests.browser import chromium
from tests.test_review_browser import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "review.png"


def main() -> None:
    """Write :data:`OUT`."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "data", project / "data")
        shutil.copytree(ROOT / "seeds", project / "seeds")
        article = project / "article.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        add(project / "data", project / "seeds", article, published=date(2025, 1, 8), publisher="Test Wire")
        with running(project / "data", project / "seeds") as url, chromium() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 820}, bypass_csp=True)
            page.goto(url + "/review/s005")
            page.wait_for_function("window.geoReview && window.geoReview.api.ready === true")
            page.click("#article [data-mention]:text('Libya')")
            page.hover('[data-candidate="s005-x02"]')
            page.click('[data-candidate="s005-x02"] [data-pick="destination"]')
            page.fill("#place-search", "Tartus")
            page.wait_for_selector('[data-place="tartus_naval_base"]')
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
