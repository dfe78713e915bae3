"""Benchmark: build and open maps of synthetic claim sets (1k, 10k, 100k claims), beside folium's own layers.

Prints, for each size: build time (payload + folium + offline HTML + write),
HTML size, time until the page is interactive in headless Chromium (the data
parsed and every layer drawn: ``window.geoMap.ready``, then two animation
frames, as for the anchors), and the time one move
of the time control takes until the page has redrawn (two animation frames
after the move, as for the anchors' time step). Run it with::

    .venv/bin/python -m bench.bench_map [--sizes 1000 10000 100000] [--no-anchors]
    .venv/bin/python -m bench.bench_map --size 1000000   # the 1M-claim case (not in CI)

Goals (issue 12): at 100k claims, build and time to interactive at most
1.0x the ``CircleMarker`` anchor's; at 1M claims, built in at most 30 s, HTML
at most 200 MB, and one time-slider step under 1 s. Sizes above
``--anchors-max`` (default 100k) run without the anchors: folium's
``TimestampedGeoJson`` took 150 s a time step at 100k already.

The anchors, built and opened in the same run from the same claims (one
point per claim and place, with the claim's id, action, modality and quote as
properties): folium's plainest fast layer, ``GeoJson`` with a ``CircleMarker``
on a ``prefer_canvas`` map, and ``TimestampedGeoJson`` (``auto_play=False``,
weekly period, one time per point: the claim's start). Their build is
construct + save; they are opened offline with the CDN files folium links
served from ``bench/node_modules`` (``npm ci --ignore-scripts --prefix bench``,
run by the benchmark when missing; jQuery UI 1.10.2 and highlight.js's style,
which no registry package here ships, are refused like any other request, and
the layers draw without them). Interactive is the ``load`` event plus two
animation frames; a time step is ``timeDimension.nextTime()`` plus two frames.
The ratios printed are geo's figure over the ``CircleMarker`` anchor's.

The synthetic data are deterministic (fixed seed): 400 places scattered over
Syria and claims with random actions, modalities, places and 1-21 day
intervals over three months, from 50 sources. Movements run from any place
to one of 12 hubs, as the seeds' movements run to a few bases or abroad.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

import geo
from geo.claims import with_geometry
from geo.dataset import Dataset
from geo.gazetteer import CRS_WGS84
from geo.render import build_map
from geo.schema import ACTIONS, CLAIMS, MODALITIES, PLACES, SOURCES, column_names

if TYPE_CHECKING:
    import folium
    from playwright.sync_api import Browser, Route

ROOT = Path(__file__).resolve().parent.parent


def synthetic(n_claims: int, *, n_places: int = 400, n_sources: int = 50, seed: int = 7) -> Dataset:
    """A deterministic synthetic data set with ``n_claims`` claims (not validated)."""
    rng = random.Random(seed)
    real = geo.load(ROOT / "data", ROOT / "seeds")
    places = []
    for i in range(n_places):
        lat, lon = rng.uniform(32.8, 37.0), rng.uniform(35.8, 41.5)
        places.append(
            {
                "place_id": f"p{i:04d}", "name": f"Place {i}", "aliases": [], "arabic": [],
                "kind": rng.choice(["air_base", "town", "city", "military_base", "airport"]),
                "lat": round(lat, 5), "lon": round(lon, 5), "radius_km": rng.choice([0.0, 5.0, 20.0]),
                "precision": rng.choice([1, 2, 3]), "admin1": "", "country": "Syria", "controlled_by": "",
                "coord_source": "https://example.org/synthetic", "coord_text": f"{lat:.5f}, {lon:.5f}", "note": "",
            }
        )  # fmt: skip
    place_table = pd.DataFrame(places, columns=column_names(PLACES))
    place_gdf = (
        gpd.GeoDataFrame(
            place_table, geometry=gpd.points_from_xy(place_table["lon"], place_table["lat"]), crs=CRS_WGS84
        )
        .set_index("place_id", drop=False)
        .rename_axis(None)
    )
    base = pd.Timestamp("2024-12-01")
    sources = pd.DataFrame(
        [
            {
                "source_id": f"s{i:03d}", "seed_file": f"{i:03d}.txt", "title": f"Synthetic article {i}",
                "publisher": f"Outlet {i % 20}", "published": base + pd.Timedelta(days=rng.randrange(90)),
                "published_basis": "stated", "published_quote": "-", "published_note": "-", "errors": "",
                "url": "", "archive_url": "",
            }
            for i in range(n_sources)
        ],
        columns=column_names(SOURCES),
    ).set_index("source_id", drop=False).rename_axis(None)  # fmt: skip
    actions, modalities = list(ACTIONS), list(MODALITIES)
    rows = []
    for i in range(n_claims):
        start = base + pd.Timedelta(days=rng.randrange(90))
        action = rng.choice(actions)
        origin = destination = ""
        located: list[str] = []
        if action in ("transport", "redeploy") and rng.random() < 0.7:
            # Movements run from anywhere to a few hubs (bases, the coast, abroad), as in the seeds.
            origin, destination = f"p{rng.randrange(n_places):04d}", f"p{rng.randrange(12):04d}"
            if origin == destination:
                destination = f"p{(int(destination[1:]) + 1) % 12:04d}"
        elif action in ("withdraw", "depart") and rng.random() < 0.5:
            origin = f"p{rng.randrange(n_places):04d}"
        else:
            located = [f"p{rng.randrange(n_places):04d}"]
        rows.append(
            {
                "claim_id": f"c{i:06d}", "source_id": f"s{rng.randrange(n_sources):03d}",
                "quote": f"Synthetic quote {i} about <{action}> & \"things\"", "actor": "Russia",
                "action": action, "asset": ["troops"], "quantity": rng.choice(["", "some", "seven posts"]),
                "origin": origin, "destination": destination, "places": located,
                "time_text": "", "start": start, "end": start + pd.Timedelta(days=rng.randrange(21)),
                "time_precision": "week", "modality": rng.choice(modalities),
                "attribution": rng.choice(["", "SOHR", "Reuters", "unnamed officials"]), "unconfirmed": False,
                "note": "",
            }
        )  # fmt: skip
    claims = pd.DataFrame(rows, columns=column_names(CLAIMS)).set_index("claim_id", drop=False).rename_axis(None)
    return Dataset(
        sources,
        place_gdf,
        with_geometry(claims, place_gdf),
        real.distances.iloc[0:0],
        {},
        ROOT / "data",
        ROOT / "seeds",
    )


GOALS_1M = {"build_s": 30.0, "html_mb": 200.0, "slice_change_s": 1.0}
"""The 1M-claim goals of issue 12: build seconds, HTML megabytes, one time-slider step in seconds."""


def measure(n_claims: int, out_dir: Path) -> dict[str, float]:
    data = synthetic(n_claims)
    path = out_dir / f"bench-{n_claims}.html"
    started = time.perf_counter()
    build_map(data, title=f"Synthetic benchmark, {n_claims} claims").save(path)
    build_s = time.perf_counter() - started
    del data

    from tests.browser import chromium, open_map

    with chromium() as browser:
        started = time.perf_counter()
        opened = open_map(browser, path, timeout_ms=max(30_000, n_claims / 1000 * 600))
        page = opened.page
        # As for the anchors: two animation frames more, so that what the page drew is on screen.
        page.evaluate(_FRAMES)
        interactive_s = time.perf_counter() - started
        slices = page.evaluate("window.geoMap.sliceLabels()")
        started = time.perf_counter()
        page.evaluate(f"window.geoMap.setSlice('{slices[len(slices) // 2]}')")
        # As for the anchors' time step: until the redrawn canvases are on screen.
        page.evaluate(_FRAMES)
        slice_s = time.perf_counter() - started
        drawn = page.evaluate("window.geoMap.counts()")
        errors = list(opened.errors)
    return {
        "claims": n_claims,
        "build_s": build_s,
        "html_mb": path.stat().st_size / 1e6,
        "interactive_s": interactive_s,
        "slice_change_s": slice_s,
        "drawn_claims_in_slice": drawn["claims"],
        "drawn_movement_symbols_in_slice": drawn["movementSymbols"],
        "page_errors": len(errors),
    }


BENCH_NPM = ROOT / "bench" / "node_modules"

ANCHOR_FILES: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": "jquery/dist/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/iso8601-js-period@0.2.1/iso8601.min.js": "iso8601-js-period/iso8601.js",
    "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.min.js": (
        "leaflet-timedimension/dist/leaflet.timedimension.min.js"
    ),
    "https://cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/leaflet.timedimension.control.css": (
        "leaflet-timedimension/dist/leaflet.timedimension.control.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js": "moment/min/moment.min.js",
}
"""CDN address folium's anchors link → the same file in ``bench/node_modules`` (bench/package.json pins them)."""

_CONTENT_TYPES = {".js": "application/javascript", ".css": "text/css"}


def _bench_npm() -> None:
    """Install the anchors' npm files into bench/node_modules if they are missing."""
    if all((BENCH_NPM / relative).is_file() for relative in ANCHOR_FILES.values()):
        return
    subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(ROOT / "bench")], check=True
    )


def _points(data: Dataset) -> list[dict]:
    """One GeoJSON Point per claim and place, in claim order."""
    features = []
    for claim, geometry in zip(data.claims.itertuples(index=False), data.claims.geometry, strict=True):
        if geometry is None:
            continue
        for point in geometry.geoms:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [point.x, point.y]},
                    "properties": {
                        "claim_id": claim.claim_id,
                        "action": claim.action,
                        "modality": claim.modality,
                        "quote": claim.quote,
                        "times": [claim.start.date().isoformat()],
                    },
                }
            )
    return features


def _anchor_map() -> folium.Map:
    import folium

    bench_map = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None, prefer_canvas=True, max_zoom=18)
    # Only Leaflet: the default Bootstrap and awesome-markers files draw nothing these layers use.
    bench_map.default_js = [bench_map.default_js[0]]
    bench_map.default_css = [bench_map.default_css[0]]
    return bench_map


def build_anchor(kind: str, data: Dataset, path: Path) -> float:
    """Build and save one anchor map of ``data``'s claims; return the seconds it took."""
    import folium
    from folium.plugins import TimestampedGeoJson

    features = _points(data)
    started = time.perf_counter()
    bench_map = _anchor_map()
    collection = {"type": "FeatureCollection", "features": features}
    if kind == "circle":
        folium.GeoJson(collection, marker=folium.CircleMarker(radius=4, fill=True, weight=1)).add_to(bench_map)
    else:
        TimestampedGeoJson(collection, period="P1W", auto_play=False, add_last_point=False).add_to(bench_map)
    bench_map.save(str(path))
    return time.perf_counter() - started


_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def open_anchor(browser: Browser, path: Path) -> dict[str, float]:
    """Open an anchor offline; return its time to interactive, one time step, and its page errors."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(route: Route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        elif url in ANCHOR_FILES:
            local = BENCH_NPM / ANCHOR_FILES[url]
            route.fulfill(body=local.read_bytes(), content_type=_CONTENT_TYPES[local.suffix])
        else:
            route.abort()

    page.route("**/*", route)
    started = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    page.evaluate(_FRAMES)
    interactive_s = time.perf_counter() - started
    # A map that drew nothing would be fast: count what the layer holds.
    drawn = page.evaluate(
        "Object.keys(window).filter(k => /^(geo_json|timestamped_geo_json)_/.test(k))"
        ".map(k => window[k].getLayers ? window[k].getLayers().length : 0).reduce((a, b) => a + b, 0)"
    )
    step_s = float("nan")
    if page.evaluate("Object.keys(window).some(k => k.startsWith('map_') && window[k].timeDimension)"):
        started = time.perf_counter()
        page.evaluate(
            "(() => { const k = Object.keys(window).find(k => k.startsWith('map_') && window[k].timeDimension);"
            " window[k].timeDimension.nextTime(1); })()"
        )
        page.evaluate(_FRAMES)
        step_s = time.perf_counter() - started
    page.close()
    return {"interactive_s": interactive_s, "step_s": step_s, "errors": len(errors), "drawn": drawn}


def measure_anchors(n_claims: int, out_dir: Path) -> dict[str, dict[str, float]]:
    """Build and open both anchors of the synthetic set of ``n_claims``."""
    from tests.browser import chromium

    data = synthetic(n_claims)
    results = {}
    with chromium() as browser:
        for kind in ("circle", "timestamped"):
            path = out_dir / f"anchor-{kind}-{n_claims}.html"
            build_s = build_anchor(kind, data, path)
            results[kind] = {"build_s": build_s, "html_mb": path.stat().st_size / 1e6}
            results[kind].update(open_anchor(browser, path))
            results[kind]["points"] = len(_points(data))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--size", type=int, help="measure this one size only (e.g. 1000000: the 1M-claim case)")
    parser.add_argument("--no-anchors", action="store_true", help="measure geo's map only")
    parser.add_argument(
        "--anchors-max", type=int, default=100_000, help="build the folium anchors only up to this many claims"
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args()
    if args.size:
        args.sizes = [args.size]
    if not args.no_anchors:
        _bench_npm()
    every = []
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'map':<26} {'claims':>8} {'build s':>8} {'HTML MB':>8} {'interactive s':>14} {'step s':>8} {'errors':>7}"
        )
        for size in args.sizes:
            r = measure(size, Path(tmp))
            every.append({"map": "geo", **r})
            print(
                f"{'geo':<26} {r['claims']:>8} {r['build_s']:>8.2f} {r['html_mb']:>8.1f} {r['interactive_s']:>14.2f} "
                f"{r['slice_change_s']:>8.3f} {r['page_errors']:>7}"
            )
            if size >= 1_000_000:
                verdicts = [
                    f"{name} {r[name]:.2f} <= {goal:g}: {'met' if r[name] <= goal else 'NOT met'}"
                    for name, goal in GOALS_1M.items()
                ]
                print("  goals at 1M: " + "; ".join(verdicts))
            if args.no_anchors or size > args.anchors_max:
                continue
            anchors = measure_anchors(size, Path(tmp))
            for kind, label in (("circle", "folium CircleMarker"), ("timestamped", "folium TimestampedGeoJson")):
                a = anchors[kind]
                every.append({"map": label, "claims": size, **a})
                print(
                    f"{label:<26} {size:>8} {a['build_s']:>8.2f} {a['html_mb']:>8.1f} {a['interactive_s']:>14.2f} "
                    f"{a['step_s']:>8.3f} {a['errors']:>7}"
                )
            circle = anchors["circle"]
            if circle["drawn"] != circle["points"]:
                print(f"  warning: the CircleMarker anchor holds {circle['drawn']} of {circle['points']} points")
            print(
                f"{'  geo / CircleMarker':<26} {size:>8} {r['build_s'] / circle['build_s']:>7.2f}x "
                f"{r['html_mb'] / circle['html_mb']:>7.2f}x {r['interactive_s'] / circle['interactive_s']:>13.2f}x"
            )
    if args.json:
        args.json.write_text(json.dumps(every, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
