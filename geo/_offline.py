"""Self-contained, byte-deterministic HTML from folium.

folium links Leaflet and its plugins from CDNs and gives every element a
random id. The maps here must open from disk with no network, and two builds
must be byte-identical, so:

* :func:`deterministic_ids` makes branca hand out counter-based ids while a
  map is built;
* :func:`inline_assets` replaces each ``<script src>`` and stylesheet
  ``<link href>`` with the same file's content, read from the npm packages
  the set-up installs into ``assets/node_modules`` (versions pinned in
  ``assets/package-lock.json`` to the ones folium's URLs name). CSS ``url()``
  references to package images become ``data:`` URLs.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from branca.element import Element

from geo.basemap import asset_path

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"

CDN_FILES: dict[str, str] = {
    LEAFLET_JS: "leaflet/dist/leaflet.js",
    LEAFLET_CSS: "leaflet/dist/leaflet.css",
}
"""CDN address folium emits → file inside ``assets/node_modules`` with the same content."""

_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}


@contextmanager
def deterministic_ids() -> Iterator[None]:
    """Within the block, new folium/branca elements get ids 000001, 000002, …"""
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{next(counter):06d}")  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Element._generate_id = original  # type: ignore[method-assign]


@cache
def asset_text(relative: str) -> str:
    """The text of an installed npm file, with CSS images turned into data: URLs."""
    path = asset_path(relative)
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".css":
        return text

    def embed(match: re.Match[str]) -> str:
        image = path.parent / match.group(2)
        mime = _MIME.get(image.suffix, "application/octet-stream")
        return f"url(data:{mime};base64,{base64.b64encode(image.read_bytes()).decode()})"

    return _CSS_URL.sub(embed, text)


def script(text: str) -> str:
    """An inline ``<script>`` holding ``text`` (which must not contain ``</script``)."""
    if "</script" in text.lower():
        raise ValueError("script text must not contain '</script'")
    return f"<script>\n{text}\n</script>"


def inline_assets(html: str) -> str:
    """Replace every known CDN script and stylesheet with its inline content.

    Raises
    ------
    ValueError
        If a script or stylesheet link remains that has no offline copy.
    """

    def inline_script(match: re.Match[str]) -> str:
        url = match.group(1)
        if url not in CDN_FILES:
            raise ValueError(f"no offline copy of script {url}; add it to CDN_FILES and assets/package.json")
        return script(asset_text(CDN_FILES[url]))

    def inline_style(match: re.Match[str]) -> str:
        url = match.group(1)
        if url not in CDN_FILES:
            raise ValueError(f"no offline copy of stylesheet {url}; add it to CDN_FILES and assets/package.json")
        return f"<style>\n{asset_text(CDN_FILES[url])}\n</style>"

    # A function replacement keeps backslashes in the assets literal.
    return _STYLESHEET.sub(inline_style, _SCRIPT.sub(inline_script, html))
