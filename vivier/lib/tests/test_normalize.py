import pytest

from vivier.lib.normalize import InvalidValue, canonical_url, normalize_email, normalize_phone
from vivier.lib.text import fold, nfc


def test_emails_are_trimmed_and_lower_cased():
    assert normalize_email("  Julie.Martin@Example.FR ") == "julie.martin@example.fr"
    assert normalize_email("<julie@example.fr>") == "julie@example.fr"


@pytest.mark.parametrize("bad", ["julie", "julie@", "@example.fr", "julie@@example.fr", "ju lie@example.fr"])
def test_malformed_emails_are_refused_with_a_reason(bad):
    with pytest.raises(InvalidValue, match="invalid email"):
        normalize_email(bad)


def test_french_phones_become_e164():
    assert normalize_phone("06 12 34 56 78") == "+33612345678"
    assert normalize_phone("+33 (0)6 12 34 56 78") == "+33612345678"
    assert normalize_phone("0033612345678") == "+33612345678"
    assert normalize_phone("(415) 555-0134", region="US") == "+14155550134"


def test_a_phone_that_cannot_exist_is_refused():
    with pytest.raises(InvalidValue):
        normalize_phone("12")


def test_linkedin_urls_are_canonical_whatever_the_subdomain_or_tracking():
    expected = ("linkedin", "https://www.linkedin.com/in/julie-martin-1a2b3c")
    assert canonical_url("http://fr.linkedin.com/in/Julie-Martin-1a2b3c/") == expected
    assert canonical_url("linkedin.com/in/julie-martin-1a2b3c?trk=abc") == expected
    assert canonical_url("https://www.linkedin.com/in/julie-martin-1a2b3c/details/experience/") == expected


def test_text_is_nfc_and_folded_for_matching():
    assert nfc("  He\u0301le\u0300ne   Dupre\u0301 ") == "Hélène Dupré"
    assert fold("Hélène  DUPRÉ") == "helene dupre"
