"""geo: sourced, time-aware maps of reported military movements.

The data flow one way: seed articles and data files → validated tables
(:func:`load`) → joined time slices → maps and exports.
"""

from geo._errors import DataError, GeoError, Problem
from geo.dataset import Dataset, load
from geo.disputes import disputes
from geo.evidence import contradictions, corroboration
from geo.movements import check_distances, movements
from geo.render import GeoMap
from geo.render import build_map as map
from geo.slices import place_status, slices

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
