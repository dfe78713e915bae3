"""The page and Python derive the same view: states, last known states and disputes.

The page (``geo/_page/derive.js``) evaluates the state rules and the dispute
rule on the claims left by its filters; Python's ``geo.place_status``,
``geo.slices.last_known`` and ``geo.disputes`` do the same for the exports and
the CLI. Both run here, Node on the map's own payload, on the seeds and on 200
generated claim sets (fixed seeds) with random filters, and every (slice,
place) state and every dispute must agree. The filters include "reported by"
a date: the page's control, and Python's ``reported_by=`` options.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest

import geo
from geo._pack import DETAIL_COLUMNS, pack
from geo.claims import with_geometry
from geo.dataset import Dataset
from geo.disputes import dispute_records, disputes
from geo.gazetteer import CRS_WGS84
from geo.render import claim_layer, map_payload
from geo.reporting import as_reported
from geo.schema import ACTIONS, CLAIMS, MODALITIES, PLACES, SOURCES, column_names
from geo.slices import last_known, place_status, slice_edges, slices
from tests.conftest import ROOT

RUNNER = ROOT / "tests" / "js" / "parity_runner.js"
NODE = shutil.which("node")
GENERATED_SETS = 200


def generated(seed: int, tmp: Path) -> Dataset:
    """A small random data set: 6 places of every precision, 5 sources, 1-30 claims."""
    rng = random.Random(seed)
    places = pd.DataFrame(
        [
            {
                "place_id": f"p{i}", "name": f"Place {i}", "aliases": [], "arabic": [],
                "kind": ["air_base", "city", "region", "naval_base", "town", "country"][i],
                "lat": 33.0 + i * 0.4, "lon": 36.0 + i * 0.5, "radius_km": 0.0, "precision": [1, 2, 3, 1, 2, 3][i],
                "admin1": "", "country": "Syria", "controlled_by": "", "coord_source": "https://example.org/p",
                "coord_text": "", "note": "",
            }
            for i in range(6)
        ],
        columns=column_names(PLACES),
    )  # fmt: skip
    places = (
        gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs=CRS_WGS84)
        .set_index("place_id", drop=False)
        .rename_axis(None)
    )
    publishers = ["Outlet A", "Outlet A", "Outlet B", "", ""]
    published = ["2024-12-20", "2025-01-05", "2025-01-05", "2025-01-20", "2025-02-01"]
    sources = pd.DataFrame(
        [
            {
                "source_id": f"s{i}", "seed_file": f"{i}.txt", "title": f"Article {i}", "publisher": publishers[i],
                "published": pd.Timestamp(published[i]), "published_basis": "stated", "published_quote": "",
                "published_note": "", "errors": "", "url": "", "archive_url": "",
            }
            for i in range(5)
        ]
    ).set_index("source_id", drop=False).rename_axis(None)  # fmt: skip
    sources = sources[[c for c in column_names(SOURCES) if c in sources.columns]]
    ids = list(places.index)
    attributions = ["", "", "Reuters", "SOHR", "unnamed officials", "Reuters; SOHR", "Maxar Technologies"]
    quantities = ["", "", "some", "10%", "all troops", "two planes"]
    rows = []
    for n in range(rng.randint(1, 30)):
        action = rng.choice(list(ACTIONS))
        origin = destination = ""
        located: list[str] = []
        if action in ("depart", "transport", "redeploy", "withdraw") and rng.random() < 0.5:
            origin = rng.choice(ids)
            destination = rng.choice([p for p in ids if p != origin]) if rng.random() < 0.6 else ""
        if not origin or rng.random() < 0.3:
            located = rng.sample(ids, rng.randint(1, 3))
        day = pd.Timestamp("2024-12-01") + pd.Timedelta(days=rng.randint(0, 60))
        start = day if rng.random() > 0.15 else pd.NaT
        end = day + pd.Timedelta(days=rng.choice([0, 0, 3, 6, 13, 30])) if rng.random() > 0.15 else pd.NaT
        rows.append(
            {
                "claim_id": f"c{n:03d}", "source_id": rng.choice(list(sources.index)), "quote": f"quote {n}",
                "actor": "Actor", "action": action, "asset": ["troops"], "quantity": rng.choice(quantities),
                "origin": origin, "destination": destination, "places": located, "time_text": "",
                "start": start, "end": end, "time_precision": "day", "modality": rng.choice(list(MODALITIES)),
                "attribution": rng.choice(attributions), "unconfirmed": rng.random() < 0.2, "note": "",
            }
        )  # fmt: skip
    claims = pd.DataFrame(rows, columns=column_names(CLAIMS))
    if claims["start"].isna().all() and claims["end"].isna().all():
        claims.loc[0, "start"] = pd.Timestamp("2024-12-10")
    claims = with_geometry(claims.set_index("claim_id", drop=False).rename_axis(None), places)
    empty = pd.DataFrame()
    return Dataset(sources, places, claims, empty, {}, tmp, tmp)


def random_filters(rng: random.Random, payload: dict[str, Any]) -> dict[str, Any]:
    def some(ids: list[str]) -> dict[str, bool]:
        return {i: rng.random() < 0.75 for i in ids}

    # "Reported by": latest, one of the publication dates (the control's steps) or a day between.
    steps = payload["published_dates"]
    between = f"{pd.Timestamp(steps[0]) + pd.Timedelta(days=rng.randint(0, 40)):%Y-%m-%d}"
    day = None if rng.random() < 0.5 else rng.choice([*steps, between])
    return {
        "sources": some([s["id"] for s in payload["sources"]]),
        "layers": some([layer["id"] for layer in payload["layers"]]),
        "modalities": some(payload["modalities"]),
        "confirmedOnly": rng.random() < 0.25,
        "reportedBy": day,
    }


def everything(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "sources": {s["id"]: True for s in payload["sources"]},
        "layers": {layer["id"]: True for layer in payload["layers"]},
        "modalities": {m: True for m in payload["modalities"]},
        "confirmedOnly": False,
        "reportedBy": None,
    }


def python_view(data: Dataset, payload: dict[str, Any], filters: dict[str, Any]) -> dict[str, Any]:
    """What Python derives for the claims the filters keep, in the runner's shape.

    The other filters select claims here; "reported by" goes through the
    library's own ``reported_by=`` options, so they are what is compared.
    """
    claims = data.claims
    reported_by = filters["reportedBy"]
    keep = [
        filters["sources"][c.source_id]
        and filters["layers"][claim_layer(c.action, c.modality)]
        and filters["modalities"][c.modality]
        and not (filters["confirmedOnly"] and c.unconfirmed)
        for c in claims.itertuples(index=False)
    ]
    claims = claims[keep]
    shown = as_reported(claims, data.sources, reported_by)
    view: dict[str, Any] = {"claims": shown["claim_id"].tolist(), "states": {}, "carried": {}, "all_time": {}}
    low, high = (pd.Timestamp(d) for d in payload["window"])
    frozen = {"reported_by": reported_by, "sources": data.sources}
    view["disputes"] = dispute_records(disputes(claims, data.sources, reported_by=reported_by)) if len(claims) else []
    if shown.empty:
        return view
    sliced = slices(claims, data.places, freq="W", start=low, end=high, **frozen)
    if sliced.empty:
        return view
    status = place_status(sliced, claims, data.places)
    view["states"] = {f"{r.slice}|{r.place_id}": r.state for r in status.itertuples(index=False)}
    known = last_known(status, slice_edges("W", low, high))
    view["carried"] = {f"{r.slice}|{r.place_id}": [r.state, r.reported] for r in known.itertuples(index=False)}
    whole = slices(claims, data.places, freq=[low, high + pd.Timedelta(days=1)], start=low, end=high)
    if not whole.empty:
        status = place_status(whole, claims, data.places, **frozen)
        view["all_time"] = dict(status[["place_id", "state"]].values.tolist())
    return view


def run_page(cases: list[dict[str, Any]], tmp: Path) -> list[dict[str, Any]]:
    """Run the page's code on each case's payload as the page gets it: packed (geo._pack)."""
    path = tmp / "cases.json"
    packed = [case | {"payload": pack(case["payload"])[0], "details": pack(case["payload"])[1]} for case in cases]
    path.write_text(json.dumps(packed), encoding="utf-8")
    done = subprocess.run([NODE, str(RUNNER), str(path)], capture_output=True, text=True, check=True, timeout=300)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def node() -> str:
    assert NODE, "node is needed for the page's tests (make test installs it with npm)"
    return NODE


def compare(python: dict[str, Any], page: dict[str, Any], label: str, payload: dict[str, Any]) -> None:
    # What the page unpacks is the payload Python made: every claim column, movement and detail.
    columns = payload["claims"]
    for name in ("id", "source", "action", "layer", "modality", "start", "end", "unconfirmed", "places", "chain"):
        assert page["columns"][name] == columns[name], (label, name)
    assert page["movements"] == payload["movements"], label
    for name in (*DETAIL_COLUMNS, "asset"):
        assert page["details"][name] == columns[name], (label, name)
    assert page["claims"] == python["claims"], label
    assert page["states"] == python["states"], label
    assert page["carried"] == python["carried"], label
    assert page["all_time"] == python["all_time"], label
    assert page["disputes"] == python["disputes"], label


def test_the_page_and_python_agree_on_the_seeds(node: str, dataset: geo.Dataset, tmp_path: Path) -> None:
    payload = map_payload(dataset)
    rng = random.Random(1)
    filters = [everything(payload)] + [random_filters(rng, payload) for _ in range(20)]
    only_s000 = everything(payload) | {"sources": {s["id"]: s["id"] == "s000" for s in payload["sources"]}}
    filters += [everything(payload) | {"reportedBy": day} for day in payload["published_dates"]]
    filters.append(only_s000)
    results = run_page([{"payload": payload, "filters": f} for f in filters], tmp_path)
    for number, (chosen, page) in enumerate(zip(filters, results, strict=True)):
        compare(python_view(dataset, payload, chosen), page, f"seeds, filters #{number}", payload)
    # the comparison has substance: states of several kinds, disputes, carried states
    everything_page = results[0]
    assert {"contested", "vacated_reported", "drawing_down"} <= set(everything_page["states"].values())
    assert {d["place_id"] for d in everything_page["disputes"]} >= {"hmeimim_air_base"}
    assert any(state[1] != key.split("|")[0] for key, state in everything_page["carried"].items())
    assert results[-1]["states"].get("2024-W51|hmeimim_air_base") != "contested"
    assert everything_page["states"]["2024-W51|hmeimim_air_base"] == "contested"
    by_day = {f["reportedBy"]: r for f, r in zip(filters, results, strict=True) if f.get("reportedBy")}
    assert by_day["2024-12-15"]["states"]["2024-W51|hmeimim_air_base"] == "retained_reported"
    assert by_day["2024-12-15"]["disputes"] == []
    assert by_day["2024-12-16"]["states"]["2024-W51|hmeimim_air_base"] == "contested"


def test_the_page_and_python_agree_on_generated_claim_sets(node: str, tmp_path: Path) -> None:
    cases, datasets = [], []
    for seed in range(GENERATED_SETS):
        data = generated(seed, tmp_path)
        payload = map_payload(data, title="generated")
        rng = random.Random(10_000 + seed)
        chosen = everything(payload) if seed % 4 == 0 else random_filters(rng, payload)
        cases.append({"payload": payload, "filters": chosen})
        datasets.append(data)
    results = run_page(cases, tmp_path)
    kinds: set[str] = set()
    compared_disputes = 0
    for seed, (data, case, page) in enumerate(zip(datasets, cases, results, strict=True)):
        compare(python_view(data, case["payload"], case["filters"]), page, f"generated set {seed}", case["payload"])
        kinds |= set(page["states"].values())
        compared_disputes += len(page["disputes"])
    assert kinds == set(geo.schema.PLACE_STATES), "the generated sets reach every state"
    # fewer than before "reported by" was among the filters (over 50): it hides claims in many sets
    assert compared_disputes > 40
    frozen = [(case, page) for case, page in zip(cases, results, strict=True) if case["filters"]["reportedBy"]]
    assert len(frozen) > 60, "many generated sets are compared as reported by a date"
    assert sum(len(page["disputes"]) for _, page in frozen) >= 5
    assert sum(len(page["claims"]) < len(case["payload"]["claims"]["id"]) for case, page in frozen) > 30
