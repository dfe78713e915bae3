"""``geo review``: the review page, a Starlette app served by uvicorn on 127.0.0.1.

The app is a thin layer over :mod:`geo.curate`: the page asks for one article's
text, place mentions and candidates as JSON, and sends each accept, reject,
edit, new claim and new place as a JSON request that one curate function
carries out (validated in a temporary copy, atomic, under the data lock).

Safe server:

* it listens on 127.0.0.1 only;
* a request whose ``Host`` is not ``127.0.0.1:PORT`` or ``localhost:PORT`` is
  refused (a DNS-rebinding page reaches the server under its own host name);
* a request with an ``Origin`` other than the app's own is refused (a page of
  another site posting to it);
* a state-changing request needs the run's random token in the
  ``X-Geo-Token`` header; the token is only in the page the app serves, which
  another site cannot read;
* every script and style comes from the app itself (Leaflet and the basemap
  from the npm assets, the page's own files from ``geo/_review/``), and the
  Content-Security-Policy allows no other;
* the page puts every article and data string into the DOM as text.
"""

from __future__ import annotations

import html
import re
import secrets
import socket
import threading
import webbrowser
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from geo._errors import DataError, GeoError
from geo._offline import asset_text
from geo.schema import (
    ACTIONS,
    ASSETS,
    GEO_PRECISIONS,
    MODALITIES,
    PLACE_KINDS,
    PLACES_FILE,
    TIME_PRECISIONS,
)

HOST = "127.0.0.1"
"""The only address the server listens on."""

TOKEN_HEADER = "x-geo-token"
"""The header a state-changing request carries the run's token in."""

SEARCH_LIMIT = 25
"""Most places the picker lists for one search."""

PAGE_FILES: dict[str, str] = {"review.js": "text/javascript", "text.js": "text/javascript", "review.css": "text/css"}
"""The page's own files in ``geo/_review/``, with their media types."""

ASSET_FILES: dict[str, tuple[str, str]] = {
    "leaflet.js": ("leaflet/dist/leaflet.js", "text/javascript"),
    "leaflet.css": ("leaflet/dist/leaflet.css", "text/css"),
    "topojson-client.js": ("topojson-client/dist/topojson-client.min.js", "text/javascript"),
    "countries.json": ("world-atlas/countries-50m.json", "application/json"),
}
"""Files served from the npm assets: Leaflet, topojson-client and the offline basemap the map uses."""

_SOURCE_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")

SECURITY_HEADERS: dict[str, str] = {
    # Scripts, styles and data only from the app itself; Leaflet positions tiles with inline styles.
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def _page_dir() -> Path:
    return Path(__file__).resolve().parent / "_review"


def _shell(token: str, source_id: str | None) -> str:
    """The page's HTML: a shell whose script fetches the data; the token and source id are escaped attributes."""
    source = html.escape(source_id or "", quote=True)
    title = f"geo review {source}" if source else "geo review"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="geo-token" content="{html.escape(token, quote=True)}">
<meta name="geo-source" content="{source}">
<title>{title}</title>
<link rel="stylesheet" href="/static/leaflet.css">
<link rel="stylesheet" href="/static/review.css">
</head>
<body>
<div id="app"></div>
<script src="/static/leaflet.js"></script>
<script src="/static/topojson-client.js"></script>
<script src="/static/text.js"></script>
<script src="/static/review.js"></script>
</body>
</html>
"""


class Guard:
    """ASGI middleware refusing foreign hosts and origins, and state changes without the run's token."""

    def __init__(self, app: Callable[..., Awaitable[None]], *, port: int, token: str) -> None:
        self.app = app
        self.token = token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        reason = self.refusal(scope["method"], headers)
        if reason:
            await JSONResponse({"error": reason}, status_code=403, headers=SECURITY_HEADERS)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def refusal(self, method: str, headers: dict[str, str]) -> str | None:
        """Why a request is refused, or None."""
        host = headers.get("host", "")
        if host not in self.hosts:
            return f"refused: Host '{host}' is not this server ({' or '.join(sorted(self.hosts))})."
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return f"refused: Origin '{origin}' is not this page's."
        if method not in ("GET", "HEAD"):
            if not secrets.compare_digest(headers.get(TOKEN_HEADER, ""), self.token):
                return "refused: the request lacks this run's token (reload the page)."
            if headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return "refused: send JSON (Content-Type: application/json)."
        return None


def search_places(data_dir: Path, query: str, *, limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Places of the curated and the fallback gazetteer whose name or an alias contains ``query``.

    Curated places come first, then names starting with the query, then shorter names.
    """
    from geo._fallback import fallback_places
    from geo.extract import read_gazetteer

    needle = query.strip().lower()
    if len(needle) < 2:
        return []
    found: dict[str, tuple[tuple[int, int, int], dict[str, Any]]] = {}

    def consider(rank_base: int, name: str, aliases: list[str], record: dict[str, Any]) -> None:
        names = [name, *aliases]
        hits = [n for n in names if needle in n.lower()]
        if not hits:
            return
        best = min(hits, key=lambda n: (not n.lower().startswith(needle), len(n)))
        rank = (rank_base, 0 if best.lower().startswith(needle) else 1, len(best))
        if record["place_id"] not in found or rank < found[record["place_id"]][0]:
            found[record["place_id"]] = (rank, {**record, "matched": best})

    for place in read_gazetteer(Path(data_dir) / PLACES_FILE).itertuples(index=False):
        record = {
            "place_id": place.place_id, "name": place.name, "kind": place.kind, "lat": float(place.lat),
            "lon": float(place.lon), "country": place.country, "gazetteer": "curated",
        }  # fmt: skip
        consider(0, place.name, [*place.aliases, *place.arabic], record)
    places, aliases = fallback_places()
    by_place: dict[int, list[str]] = {}
    for alias, index in aliases:
        if needle in alias.lower():
            by_place.setdefault(index, []).append(alias)
    for index, names in by_place.items():
        place = places[index]
        record = {
            "place_id": place.place_id, "name": place.name, "kind": place.kind, "lat": place.lat,
            "lon": place.lon, "country": place.country, "gazetteer": "fallback",
        }  # fmt: skip
        consider(1, place.name, names, record)
    ranked = sorted(found.values(), key=lambda item: (item[0], item[1]["name"]))
    return [record for _, record in ranked[:limit]]


def _alternatives(data_dir: Path, surface: str, chosen: str) -> list[dict[str, Any]]:
    """The other places a mention's words name exactly (by name or alias), in either gazetteer."""
    wanted = surface.strip().lower()
    return [
        p
        for p in search_places(data_dir, surface, limit=SEARCH_LIMIT)
        if p["place_id"] != chosen and p["matched"].lower() == wanted
    ]


def review_payload(data_dir: Path, seeds_dir: Path, source_id: str) -> dict[str, Any]:
    """What the page of one article shows: its text, its place mentions, its candidates and the vocabularies."""
    from geo.curate import candidates
    from geo.extract import load_geoparser
    from geo.validate import load

    data = load(data_dir, seeds_dir)
    if source_id not in data.sources.index:
        raise GeoError(f"unknown source '{source_id}'. Fix: use a source_id from data/sources.csv.")
    rows = candidates(data.data_dir, source_id)
    text = data.seeds[source_id]
    source = data.sources.loc[source_id]
    geoparser = load_geoparser(data.data_dir / PLACES_FILE)
    found, open_names = geoparser.read(text)
    mentions = []
    for m in found:
        mentions.append(
            {
                "start": m.start, "end": m.end, "surface": m.surface, "place_id": m.place_id, "name": m.name,
                "kind": m.kind, "lat": m.lat, "lon": m.lon, "precision": m.precision, "gazetteer": m.gazetteer,
                "resolved_by": m.resolved_by, "confidence": m.confidence, "country": m.country,
                "others": _alternatives(data.data_dir, m.surface, m.place_id),
            }
        )  # fmt: skip
    places = {
        p.place_id: {"name": p.name, "kind": p.kind, "lat": float(p.lat), "lon": float(p.lon)}
        for p in data.places.itertuples(index=False)
    }
    return {
        "source": {
            "source_id": source_id,
            "title": str(source["title"]),
            "published": str(source["published"])[:10],
            "url": str(source["url"] or ""),
        },
        "text": text,
        "mentions": mentions,
        # Names left unresolved (geo._resolve): shown with their candidates, placed nowhere.
        "unresolved": [
            {
                "start": u.start,
                "end": u.end,
                "surface": u.surface,
                "signals": u.signals,
                "candidates": [
                    {"place_id": c, "name": n, "confidence": p}
                    for c, n, p in zip(u.candidates, u.names, u.confidences, strict=True)
                ],
            }
            for u in open_names
        ],
        "candidates": rows,
        "places": places,
        "vocabularies": _vocabularies(),
    }


def _vocabularies() -> dict[str, list[str]]:
    return {
        "action": list(ACTIONS),
        "modality": list(MODALITIES),
        "time_precision": list(TIME_PRECISIONS),
        "asset": list(ASSETS),
        "kind": list(PLACE_KINDS),
        "precision": [str(p) for p in GEO_PRECISIONS],
        "unconfirmed": ["false", "true"],
    }


def _error(exc: GeoError) -> JSONResponse:
    """A library error as the page shows it: the validator's own lines, or the message."""
    lines = [str(p) for p in exc.problems] if isinstance(exc, DataError) else [str(exc)]
    return JSONResponse({"error": "\n".join(lines), "problems": lines}, status_code=400, headers=SECURITY_HEADERS)


def create_app(data_dir: Path, seeds_dir: Path, *, port: int, token: str) -> Guard:
    """The review app for one data folder, guarded for a server on 127.0.0.1:``port`` with ``token``."""
    from geo import curate

    data_dir, seeds_dir = Path(data_dir), Path(seeds_dir)

    async def body(request: Request) -> dict[str, Any]:
        try:
            value = await request.json()
        except ValueError:
            raise GeoError("the request is not JSON.") from None
        if not isinstance(value, dict):
            raise GeoError("the request must be a JSON object.")
        return value

    def fields_of(value: dict[str, Any], key: str = "fields") -> dict[str, str]:
        fields = value.get(key) or {}
        if not isinstance(fields, dict) or not all(isinstance(v, str | int | float) for v in fields.values()):
            raise GeoError(f"'{key}' must be an object of text values.")
        return {str(k): str(v) for k, v in fields.items()}

    def source_of(request: Request) -> str:
        source_id = request.path_params["source_id"]
        if not _SOURCE_ID.fullmatch(source_id):
            raise GeoError(f"'{source_id}' is not a source id.")
        return source_id

    def handler(action: Callable[[Request], Awaitable[Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            try:
                result = await action(request)
            except GeoError as exc:
                return _error(exc)
            return JSONResponse(result, headers=SECURITY_HEADERS)

        return wrapped

    async def index(request: Request) -> Response:
        return Response(_shell(token, None), media_type="text/html", headers=SECURITY_HEADERS)

    async def article(request: Request) -> Response:
        source_id = request.path_params["source_id"]
        if not _SOURCE_ID.fullmatch(source_id):
            return Response("not a source id", status_code=404, headers=SECURITY_HEADERS)
        return Response(_shell(token, source_id), media_type="text/html", headers=SECURITY_HEADERS)

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name in PAGE_FILES:
            content = (_page_dir() / name).read_text(encoding="utf-8")
            return Response(content, media_type=PAGE_FILES[name], headers=SECURITY_HEADERS)
        if name in ASSET_FILES:
            relative, media_type = ASSET_FILES[name]
            # asset_text embeds Leaflet's CSS images as data: URLs, so nothing else is fetched.
            content = asset_text(relative)
            return Response(content, media_type=media_type, headers=SECURITY_HEADERS)
        return Response("not found", status_code=404, headers=SECURITY_HEADERS)

    async def sources(request: Request) -> list[dict[str, Any]]:
        return [{"source_id": s, "candidates": n} for s, n in curate.pending(data_dir)]

    async def review(request: Request) -> dict[str, Any]:
        return review_payload(data_dir, seeds_dir, source_of(request))

    async def places(request: Request) -> list[dict[str, Any]]:
        return search_places(data_dir, request.query_params.get("q", ""))

    async def accept(request: Request) -> dict[str, Any]:
        value = await body(request)
        claim_id = str(value.get("claim_id", ""))
        done = curate.accept(data_dir, seeds_dir, source_of(request), [claim_id], edits={claim_id: fields_of(value)})
        return {"accepted": claim_id, "claim_id": done[0].claim_id}

    async def reject(request: Request) -> dict[str, Any]:
        value = await body(request)
        return {"rejected": curate.reject(data_dir, seeds_dir, source_of(request), [str(value.get("claim_id", ""))])}

    async def save(request: Request) -> dict[str, Any]:
        value = await body(request)
        claim_id = str(value.get("claim_id", ""))
        return {"saved": curate.save_edits(data_dir, seeds_dir, source_of(request), claim_id, fields_of(value))}

    async def new_claim(request: Request) -> dict[str, Any]:
        value = await body(request)
        return {"created": curate.new_candidate(data_dir, seeds_dir, source_of(request), fields_of(value))}

    async def new_place(request: Request) -> dict[str, Any]:
        value = await body(request)
        return {"place": curate.add_place(data_dir, seeds_dir, fields_of(value))}

    routes = [
        Route("/", index),
        Route("/review/{source_id}", article),
        Route("/static/{name}", static),
        Route("/api/sources", handler(sources)),
        Route("/api/review/{source_id}", handler(review)),
        Route("/api/places", handler(places)),
        Route("/api/review/{source_id}/accept", handler(accept), methods=["POST"]),
        Route("/api/review/{source_id}/reject", handler(reject), methods=["POST"]),
        Route("/api/review/{source_id}/save", handler(save), methods=["POST"]),
        Route("/api/review/{source_id}/new", handler(new_claim), methods=["POST"]),
        Route("/api/places", handler(new_place), methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), port=port, token=token)


def _bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (``port`` 0: a free port the system chooses)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise GeoError(f"cannot listen on {HOST}:{port} ({exc.strerror}). Fix: choose another --port.") from None
    sock.listen(64)
    return sock


@contextmanager
def running(data_dir: Path, seeds_dir: Path, *, port: int = 0, token: str | None = None) -> Iterator[str]:
    """Run the review server in a thread of this process; yield its address (``http://127.0.0.1:PORT``)."""
    import uvicorn

    sock = _bind(port)
    port = sock.getsockname()[1]
    app = create_app(data_dir, seeds_dir, port=port, token=token or secrets.token_urlsafe(32))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started and thread.is_alive():
            threading.Event().wait(0.02)
        yield f"http://{HOST}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def serve(
    data_dir: Path, seeds_dir: Path, *, source_id: str | None = None, port: int = 0, open_browser: bool = True
) -> None:
    """``geo review``: serve the review page until Ctrl-C, printing its address (and opening it)."""
    import uvicorn

    from geo.curate import candidates, pending

    if source_id is not None:
        candidates(Path(data_dir), source_id)  # a clean error for a source with no review file, before serving
    sock = _bind(port)
    port = sock.getsockname()[1]
    app = create_app(Path(data_dir), Path(seeds_dir), port=port, token=secrets.token_urlsafe(32))
    url = f"http://{HOST}:{port}/" + (f"review/{source_id}" if source_id else "")
    waiting = pending(Path(data_dir))
    print(f"geo review: {url} ({len(waiting)} source{'s' if len(waiting) != 1 else ''} with candidates; Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
