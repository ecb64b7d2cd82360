"""What the pages and the API say, word for word, in French and in English: codes shown as labels, counts in
the singular or the plural, keys, months, phone numbers, and the API's own errors."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from vivier.pool import labels
from vivier.pool.tests.factories import candidate_make


@pytest.mark.parametrize(
    ("lang", "code", "value", "wanted"),
    [
        ("fr", "company", "Kelvo", "même nom et même entreprise (Kelvo)"),
        ("en", "company", "Kelvo", "same name and company (Kelvo)"),
        ("fr", "city", "Lyon", "même nom et même ville (Lyon)"),
        ("fr", "linked", "", "partagent un e-mail, un téléphone ou un profil dans une même ligne d’import"),
    ],
)
def test_a_duplicate_reason_reads_in_the_readers_language(lang, code, value, wanted):
    with translation.override(lang):
        assert labels.duplicate_reason_label(code, {"value": value}) == wanted


def test_import_errors_read_in_the_readers_language():
    error = {"row": 4, "code": "too_many_columns", "params": {"cells": 5, "width": 3}, "message": "(English)"}
    with translation.override("fr"):
        assert labels.import_error_label(error) == (
            "trop de colonnes : 5 cellules alors que l’en-tête en a 3 (un séparateur dans une valeur ?)"
        )
        kept = labels.import_error_label({"code": "invalid_phone", "params": {"value": "'12'", "kept": True}})
        assert (
            kept
            == "numéro de téléphone invalide '12' (ligne importée ; la valeur est gardée dans l’historique)"
        )
        empty = {"code": "file_empty", "params": {"file": "a.csv"}}
        assert labels.import_error_label(empty) == "a.csv: le fichier est vide"
    with translation.override("en"):
        assert labels.import_error_label(error).startswith("too many columns: 5 cells but the header has 3")


@pytest.mark.parametrize(
    ("region", "wanted"),
    [("FR", "06 12 34 56 78"), ("GB", "+33 6 12 34 56 78"), (None, "+33 6 12 34 56 78")],
)
def test_a_phone_number_is_national_for_its_region_and_international_otherwise(region, wanted):
    assert labels.phone_display("+33612345678", region) == wanted
    assert labels.phone_display("not a number", "FR") == "not a number"


@pytest.mark.django_db
def test_tags_show_families_and_languages_in_the_readers_language(team):
    candidate = candidate_make(team=team, langs=["French", "anglais"], jobs=["Software development"])
    tags = {t.value: t for t in candidate.tags.all()}
    with translation.override("fr"):
        assert labels.tag_label("lang", "french", tags["french"].label) == "Français"
        assert labels.tag_label("lang", "anglais", "anglais") == "Anglais"
        assert (
            labels.tag_label("job", "software development", "Software development")
            == "Développement logiciel"
        )
    with translation.override("en"):
        assert labels.tag_label("lang", "anglais", "anglais") == "English"
        assert (
            labels.tag_label("job", "software development", "Software development") == "Software development"
        )


def test_the_segment_builder_lists_fields_by_their_name_in_the_readers_language():
    from vivier.segments.forms import field_choices

    with translation.override("fr"):
        fields = dict(field_choices())
    assert fields["in_campaign"] == "Dans une campagne en cours"
    assert fields["commutable"] == "À distance de trajet de"
    assert all("_" not in label for label in fields.values())
    with translation.override("en"):
        assert dict(field_choices())["available"] == "Available from"


def test_decline_reasons_read_as_labels():
    from vivier.replies.history import decline_reason_label

    with translation.override("fr"):
        assert decline_reason_label("salary") == "Salaire"
    with translation.override("en"):
        assert decline_reason_label("happy") == "Happy where they are"


def test_months_are_never_ambiguous_in_french():
    template = Template('{{ day|date:"j N" }}')
    with translation.override("fr"):
        june = template.render(Context({"day": dt.date(2027, 6, 3)}))
        july = template.render(Context({"day": dt.date(2027, 7, 3)}))
    assert (june, july) == ("3 juin", "3 juil.")


def test_the_inbox_counts_say_one_or_several():
    from vivier.replies.selectors import Group

    with translation.override("fr"):
        assert Group("referral", "recommandations", 1).count_text == "1 recommandation"
        assert Group("referral", "recommandations", 3).count_text == "3 recommandations"
    with translation.override("en"):
        assert Group("more_info", "more info", 1).count_text == "1 asks for more info"


def test_a_keyboard_key_is_a_touche():
    from django.utils.translation import pgettext

    with translation.override("fr"):
        assert pgettext("keyboard", "Key") == "Touche"


def test_the_french_intent_labels_are_in_sentence_case():
    from vivier.replies.models import INTENT_CHOICES

    with translation.override("fr"):
        shown = [str(label) for _, label in INTENT_CHOICES]
    assert all(label[1:] == label[1:].lower() or label.isupper() for label in shown), shown


def test_the_demo_hooks_never_put_de_before_a_title():
    from vivier.demo.campaign import HOOKS_FR

    lines = [hook.format(title="Architecte", at_company="", skill="Angular") for hook in HOOKS_FR]
    assert not any(" de Architecte" in line or " de Angular" in line for line in lines)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "not_found", "missing"),
    [("alice", "Introuvable", "Champ obligatoire"), ("bob", "Not Found", "Field required")],
)
def test_the_api_answers_its_own_errors_in_the_token_users_language(
    client, team, alice, bob, who, not_found, missing
):
    from vivier.accounts.services import api_token_create

    user = {"alice": alice, "bob": bob}[who]
    _, raw = api_token_create(user=user, team=team, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    gone = client.get("/api/pool/candidates/7f0b6a2e-0000-4000-8000-000000000000", headers=headers)
    assert gone.status_code == 404 and gone.json() == {"detail": not_found}
    bad = client.post(
        "/api/sequences/campaigns", {"name": "x"}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["type"] == "missing" and bad.json()["detail"][0]["msg"] == missing


def test_a_launch_reviews_problems_read_in_the_readers_language():
    from vivier.sequences.templatetags.outbox_labels import render_problem

    with translation.override("fr"):
        assert render_problem("step 2: missing hook") == "étape 2 : valeur manquante hook"
    with translation.override("en"):
        assert render_problem("step 2: missing hook") == "step 2: missing value hook"
