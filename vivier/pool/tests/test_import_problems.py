"""Import problems and duplicate reasons are stored as a code and params and read in the reader's language:
every code in French and in English, and what an import really stores."""

import json
import re
from pathlib import Path

import pytest
from django.utils import translation

from vivier.lib import clock
from vivier.pool import labels
from vivier.pool.import_problems import LABELS
from vivier.pool.importing import import_run
from vivier.pool.models import DuplicateReview, ImportBatch
from vivier.pool.tests.factories import candidate_make

WORDS = json.loads((Path(__file__).parents[2] / "tests" / "data" / "foreign_words.json").read_text("utf-8"))

# Params as an import gives them: values from the file and figures.
PARAMS = {
    "too_many_columns": {"cells": 5, "width": 3},
    "broken_encoding": {"columns": "C3"},
    "no_usable_key": {"values": "x@; 12"},
    "invalid_email": {"value": "x@"},
    "invalid_phone": {"value": "12"},
    "invalid_url": {"value": "htp:/x"},
    "too_wide": {"width": 900, "max": 500},
    "excel_too_big": {"mb": 300, "max_mb": 200, "ratio": 100},
    "no_row_imported": {"rows": 3},
    "more_errors": {"count": 12},
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


@pytest.mark.parametrize("code", sorted(LABELS))
def test_every_import_problem_reads_in_french_and_in_english(code):
    error = {"row": 2, "code": code, "params": {**PARAMS.get(code, {}), "kept": code.startswith("invalid")}}
    with translation.override("en"):
        english = labels.import_error_label(error)
    with translation.override("fr"):
        french = labels.import_error_label(error)
    assert "%(" not in english and "%(" not in french
    assert english != french, f"{code} has no French"
    assert not _words(french) & set(WORDS["en"]), french
    assert not _words(english) & set(WORDS["fr"]), english


@pytest.mark.parametrize("code", sorted(labels.DUPLICATE_REASONS))
def test_every_duplicate_reason_reads_in_french_and_in_english(code):
    with translation.override("en"):
        english = labels.duplicate_reason_label(code, {"value": "Kelvo"})
    with translation.override("fr"):
        french = labels.duplicate_reason_label(code, {"value": "Kelvo"})
    assert english and english != french
    assert not _words(french) & set(WORDS["en"]), french


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_an_import_stores_each_problem_as_a_code_and_params_next_to_its_english_message(
    team, alice, tmp_path
):
    path = _write(
        tmp_path,
        "pool.csv",
        "Prénom,Nom,Email,Téléphone\n"
        "Ana,Roy,ana@example.com,12\n"  # imported, the phone kept aside
        "Bo,Lin,,\n"  # no key
        "Cy,Dan,c@example.com,,extra\n",  # too many columns
    )
    report = import_run(team=team, paths=[path])
    found = {e["row"]: e for e in report.errors}
    assert found[2]["code"] == "invalid_phone" and found[2]["params"] == {"value": "12", "kept": True}
    assert "invalid phone" in found[2]["message"]
    assert found[3]["code"] == "no_key" and found[3]["params"] == {}
    assert found[4]["code"] == "too_many_columns" and found[4]["params"] == {"cells": 5, "width": 4}
    with translation.override("fr"):
        assert labels.import_error_label(found[3]).startswith("ni adresse e-mail, ni téléphone")


@pytest.mark.django_db
def test_a_failed_file_is_stored_with_its_code_and_the_page_reads_it_in_french(team, alice, tmp_path):
    from vivier.pool.importing import import_batch_process

    path = _write(tmp_path, "vide.csv", "Prénom,Nom,Email\n")
    batch = ImportBatch.objects.create(
        team=team, created_by=alice, filename="vide.csv", stored_path=str(path), created_at=clock.now()
    )
    import_batch_process(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.file_error["code"] == "header_no_rows"
    assert batch.error.endswith("the file has a header but no rows")  # the English text stays for the API/CLI
    with translation.override("fr"):
        assert (
            labels.import_error_label(batch.file_error)
            == "vide.csv: le fichier a un en-tête mais aucune ligne"
        )


@pytest.mark.django_db
def test_a_duplicate_review_stores_its_reason_as_a_code_and_params(team, alice, tmp_path):
    candidate_make(team=team, first_name="Léa", last_name="Moreau", current_company="Kelvo", email="l1@x.fr")
    path = _write(tmp_path, "b.csv", "Prénom,Nom,Entreprise,Email\nLéa,Moreau,Kelvo,l2@x.fr\n")
    import_run(team=team, paths=[path])
    review = DuplicateReview.objects.get(team=team)
    assert (review.reason_code, review.reason_params) == ("company", {"value": "Kelvo"})
    with translation.override("fr"):
        assert labels.duplicate_reason_label(review.reason_code, review.reason_params) == (
            "même nom et même entreprise (Kelvo)"
        )
