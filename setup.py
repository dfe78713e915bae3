"""The build hook: put the offline assets into the package before setuptools copies it.

Everything else about the package is in pyproject.toml. ``assets/collect.py``
copies the files the maps inline (Leaflet, topojson-client, the Natural Earth
basemap, the admin-1 divisions) and the example data set into ``geo/_assets/``;
the package data of pyproject.toml then carries them into the sdist and the
wheel. Built from an sdist, which has no ``assets/`` folder, the copy it
carries is checked and kept.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent


def _collect() -> None:
    if (ROOT / "assets" / "collect.py").is_file():
        # Run as a script, not imported: it lives outside the package and runs before geo is installed.
        runpy.run_path(str(ROOT / "assets" / "collect.py"))["collect"](ROOT)
    elif not (ROOT / "geo" / "_assets" / "MANIFEST.json").is_file():
        raise SystemExit("error: geo/_assets is missing; build from the source checkout (it has assets/).")


class BuildPyWithAssets(build_py):
    """``build_py`` that collects the offline assets first (not for an editable install).

    An editable install reads the checkout itself, whose ``geo/_assets`` the Makefile
    collects (``make setup``); collecting here too would need npm before the Makefile
    has made sure it is there.
    """

    def run(self) -> None:
        if not getattr(self, "editable_mode", False):
            _collect()
        super().run()


class SdistWithAssets(sdist):
    """``sdist`` that collects the offline assets first, so the archive carries them."""

    def run(self) -> None:
        _collect()
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets, "sdist": SdistWithAssets})
