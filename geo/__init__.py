"""geo: sourced, time-aware maps of reported military movements.

The data flow one way: seed articles and data files → validated tables
(:func:`load`) → joined time slices → maps and exports.

The public names are imported on first use, so a command that needs only a
part of the package (``geo extract``) does not pay for geopandas and folium.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from geo._errors import DataError, GeoError, Problem

DISTRIBUTION = "geo-movement-maps"
"""The name geo is installed under (``pip install geo-movement-maps``); the import package is ``geo``."""

if TYPE_CHECKING:
    from geo.dataset import Dataset
    from geo.disputes import disputes
    from geo.evidence import contradictions, corroboration
    from geo.movements import check_distances, movements
    from geo.render import GeoMap
    from geo.render import build_map as map
    from geo.slices import place_status, slices
    from geo.validate import load

_LAZY = {
    "Dataset": ("geo.dataset", "Dataset"),
    "load": ("geo.validate", "load"),
    "disputes": ("geo.disputes", "disputes"),
    "contradictions": ("geo.evidence", "contradictions"),
    "corroboration": ("geo.evidence", "corroboration"),
    "check_distances": ("geo.movements", "check_distances"),
    "movements": ("geo.movements", "movements"),
    "GeoMap": ("geo.render", "GeoMap"),
    "map": ("geo.render", "build_map"),
    "place_status": ("geo.slices", "place_status"),
    "slices": ("geo.slices", "slices"),
}

__all__ = [
    "DataError",
    "Dataset",
    "GeoError",
    "GeoMap",
    "Problem",
    "check_distances",
    "contradictions",
    "corroboration",
    "disputes",
    "load",
    "map",
    "movements",
    "place_status",
    "slices",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """The package, keeping its public functions over the submodules of the same name.

    Importing ``geo.slices`` makes Python set the attribute ``slices`` of the package to the
    submodule; ``geo.slices`` has always been the function, so that binding is not kept.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, ModuleType) and name in _LAZY and _LAZY[name][0] == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
