"""geo: sourced, time-aware maps of reported military movements.

The data flow one way: seed articles and data files → validated tables
(:func:`load`) → joined time slices → maps and exports.
"""

from geo._errors import DataError, GeoError, Problem
from geo.dataset import Dataset, load

__all__ = ["DataError", "Dataset", "GeoError", "Problem", "load"]
