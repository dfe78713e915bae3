"""Headless Debian Chromium, driven by Playwright, with the network blocked.

Not a test module: the browser fixtures import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Dialog, Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Opened:
    """A page with what it tried to fetch and what went wrong."""

    page: Page
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def open_map(
    browser: Browser, path: Path, *, width: int = 1400, height: int = 900, timeout_ms: float = 30_000
) -> Opened:
    """Open ``path`` from disk, blocking every request that is not ``file:`` or ``data:``.

    ``timeout_ms`` bounds loading the page and waiting for it to be ready (the benchmark's
    largest map needs more than the tests' 30 s).
    """
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("requestfailed", lambda request: opened.failed.append(request.url))

    def on_dialog(dialog: Dialog) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            opened.blocked.append(url)
            route.abort()

    page.route("**/*", route)
    page.goto(path.resolve().as_uri(), timeout=timeout_ms)
    page.wait_for_function("window.geoMap && window.geoMap.ready === true", timeout=timeout_ms)
    return opened
