from vivier.lib.geo import haversine_km, place_lookup


def test_cities_are_found_offline_whatever_the_case_and_accents():
    lyon = place_lookup("Lyon")
    assert lyon is not None and abs(lyon[0] - 45.75) < 0.05
    assert place_lookup("saint-etienne") == place_lookup("Saint-Étienne")
    assert place_lookup("Lyon (69)") == lyon


def test_an_unknown_place_is_none_not_a_guess():
    assert place_lookup("Nowhereville-sur-Rien") is None


def test_distance_between_lyon_and_villeurbanne_is_a_few_km():
    assert 2 < haversine_km(*place_lookup("Lyon"), *place_lookup("Villeurbanne")) < 5
