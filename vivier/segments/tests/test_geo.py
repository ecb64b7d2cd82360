from vivier.lib.geo import haversine_km, place_find, place_lookup


def test_place_lookup_ignores_case_and_accents_and_prefers_the_most_populous():
    lyon = place_lookup("LYON")
    assert lyon is not None and abs(lyon[0] - 45.75) < 0.05
    assert place_lookup("saint-étienne") == place_lookup("Saint Etienne")
    assert place_find("Paris")[2] == "FR"
    assert place_find("Paris", "US")[2] == "US"
    assert place_find("Paris, US")[2] == "US"
    assert place_find("Londres")[3] == "London"
    assert place_lookup("Nowhere-sur-Rien") is None


def test_haversine_gives_the_road_free_distance():
    assert 380 < haversine_km(*place_lookup("Lyon"), *place_lookup("Paris")) < 400


def test_the_database_distance_formula_stays_within_two_percent_of_the_great_circle_up_to_100_km():
    import math

    from vivier.lib.geo import bounding_box, equirectangular_scales

    lat0, lon0 = place_lookup("Lyon")
    ky, kx = equirectangular_scales(lat0)
    for bearing in range(0, 360, 15):
        for km in (10, 30, 60, 100):
            lat = lat0 + km * math.cos(math.radians(bearing)) / ky
            lon = lon0 + km * math.sin(math.radians(bearing)) / kx
            approx = math.hypot((lat - lat0) * ky, (lon - lon0) * kx)
            assert abs(approx - haversine_km(lat0, lon0, lat, lon)) <= 0.02 * km
            min_lat, max_lat, min_lon, max_lon = bounding_box(lat0, lon0, km)
            assert min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
