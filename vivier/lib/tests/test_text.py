"""One folding for every matcher: pool keys, segment queries, reply understanding and dates."""

from vivier.lib.lang import guess_lang
from vivier.lib.text import fold, fold_cached


def test_fold_lowers_strips_accents_and_collapses_spaces():
    assert fold("  Hélène   Dupré ") == "helene dupre"
    assert fold(None) == ""


def test_fold_makes_typographic_quotes_and_ligatures_plain():
    assert fold("O’Brien") == fold("O'Brien") == "o'brien"
    assert fold("Cœur d’Æsop") == "coeur d'aesop"
    assert fold("«\u00a0Oui\u00a0»") == '" oui "'


def test_fold_keeps_the_lines_of_a_message_when_asked():
    assert fold("Jeudi,\n  c’est bon.", keep_lines=True) == "jeudi,\n  c'est bon."


def test_the_cached_fold_answers_the_same():
    for value in ("ÉVRY", "  Saint  Étienne ", "O’Brien", "plain ascii"):
        assert fold_cached(value) == fold(value)


def test_it_guesses_french_or_english_from_short_texts():
    assert guess_lang("Oui, avec plaisir") == "fr"
    assert guess_lang("Absent jusqu'au 3, congés") == "fr"
    assert guess_lang("I am out of the office until Monday") == "en"
    assert guess_lang("No thanks") == "en"
    assert guess_lang("42", default="en") == "en"
