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
