"""Benchmark: build and open maps of synthetic claim sets (1k, 10k, 100k claims).

Prints, for each size: build time (payload + folium + offline HTML + write),
HTML size, time until the page is interactive in headless Chromium (the data
parsed and every layer drawn: ``window.geoMap.ready``), and the time one move
of the time control takes. Run it with::

    .venv/bin/python -m bench.bench_map [--sizes 1000 10000 100000]

The synthetic data are deterministic (fixed seed): 400 places scattered over
Syria and claims with random actions, modalities, places and 1-21 day
intervals over three months, from 50 sources. Movements run from any place
to one of 12 hubs, as the seeds' movements run to a few bases or abroad.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

import geo
from geo.claims import with_geometry
from geo.dataset import Dataset
from geo.gazetteer import CRS_WGS84
from geo.render import build_map
from geo.schema import ACTIONS, CLAIMS, MODALITIES, PLACES, SOURCES, column_names

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


def measure(n_claims: int, out_dir: Path) -> dict[str, float]:
    data = synthetic(n_claims)
    path = out_dir / f"bench-{n_claims}.html"
    started = time.perf_counter()
    build_map(data, title=f"Synthetic benchmark, {n_claims} claims").save(path)
    build_s = time.perf_counter() - started

    from tests.browser import chromium, open_map

    with chromium() as browser:
        started = time.perf_counter()
        opened = open_map(browser, path)
        interactive_s = time.perf_counter() - started
        page = opened.page
        slices = page.evaluate("window.geoMap.sliceLabels()")
        started = time.perf_counter()
        page.evaluate(f"window.geoMap.setSlice('{slices[len(slices) // 2]}')")
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
        "page_errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'claims':>8} {'build s':>8} {'HTML MB':>8} {'interactive s':>14} {'slice change s':>15} {'errors':>7}")
        for size in args.sizes:
            r = measure(size, Path(tmp))
            print(
                f"{r['claims']:>8} {r['build_s']:>8.2f} {r['html_mb']:>8.1f} {r['interactive_s']:>14.2f} "
                f"{r['slice_change_s']:>15.3f} {r['page_errors']:>7}"
            )


if __name__ == "__main__":
    main()
