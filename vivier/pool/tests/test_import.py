"""Importing real files: dialects, layouts, normalization, merges, review queue, idempotence, bad rows."""

import datetime
from pathlib import Path

import pytest

from vivier.pool import importing
from vivier.pool.importing import import_preview, import_run
from vivier.pool.models import (
    Candidate,
    CandidateEmail,
    CandidateProfile,
    CandidateSource,
    DuplicateReview,
    TimelineEvent,
)
from vivier.pool.services import candidate_refresh_search

FIXTURES = Path(__file__).parent / "fixtures"


def run(team, *names, **kw):
    return import_run(team=team, paths=[FIXTURES / n for n in names], **kw)


def by_email(team, email):
    return Candidate.objects.get(team=team, emails__email=email)


def rows_with_errors(report):
    return {e["row"]: e["message"] for e in report.errors}


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("excel_fr_cp1252.csv", "Windows-1252", ";"),
        ("utf8_bom_comma.csv", "UTF-8 (BOM)", ","),
        ("tab.tsv", "UTF-8", "\t"),
        ("pipe.csv", "UTF-8", "|"),
        ("latin1.csv", "Windows-1252", ";"),  # Latin-1 bytes outside 0x80-0x9F read the same in cp1252
    ],
)
def test_it_detects_the_encoding_and_delimiter_without_being_told(name, encoding, delimiter):
    preview = import_preview(path=FIXTURES / name)
    assert (preview.encoding, preview.delimiter) == (encoding, delimiter)
    assert preview.sample_rows, "the first rows are shown"
    assert "email" in preview.guessed_mapping.values()


def test_a_french_excel_csv_is_read_with_its_accents_and_normalized(team):
    report = run(team, "excel_fr_cp1252.csv")
    helene = by_email(team, "helene.dupre@exemple.fr")
    assert (helene.first_name, helene.last_name) == ("Hélène", "Dupré")
    assert helene.current_company == "Hôpital Édouard-Herriot"
    assert helene.latitude == pytest.approx(45.75, abs=0.05) and helene.longitude == pytest.approx(
        4.85, abs=0.05
    )
    assert (helene.salary_amount, helene.salary_currency, helene.salary_period) == (38000, "EUR", "year")
    assert helene.available_from == datetime.date(2025, 3, 1)
    assert helene.remote_preference == "hybrid"
    assert set(helene.tags.values_list("kind", "value")) >= {
        ("skill", "bloc operatoire"),
        ("skill", "soins intensifs"),
        ("contract", "permanent"),
    }
    assert list(helene.phones.values_list("e164", flat=True)) == ["+33612345678"]
    imported = helene.timeline.get(kind=TimelineEvent.Kind.IMPORTED)
    assert ["note", "Rencontrée au salon. Très motivée ; l’équipe l’a adorée"] in imported.params["kept"]
    assert report.rows == 5


def test_bad_rows_are_reported_with_the_row_number_seen_in_excel_and_the_others_are_imported(team):
    report = run(team, "excel_fr_cp1252.csv")
    errors = rows_with_errors(report)
    # Row 2 holds a quoted two-line cell: it is still one row, so the numbers below are Excel's.
    assert "no email, phone or LinkedIn URL" in errors[4]
    assert "too many columns" in errors[6]
    assert "invalid email" in errors[3]
    assert report.created == 2 and report.merged == 1
    assert not Candidate.objects.filter(team=team, first_name="Zoé").exists()


def test_a_malformed_email_beside_a_valid_phone_is_imported_and_kept_on_the_timeline(team):
    run(team, "excel_fr_cp1252.csv")
    francois = Candidate.objects.get(team=team, phones__e164="+33798765432")
    assert francois.emails.count() == 0
    event = francois.timeline.get(kind=TimelineEvent.Kind.IMPORTED)
    assert ["invalid_email", "francois.lefevre@@exemple"] in event.params["kept"]
    assert francois.salary_period == "month" and francois.salary_amount == 2800
    assert set(francois.tags.filter(kind="contract").values_list("value", flat=True)) == {
        "fixed_term",
        "interim",
    }


def test_the_same_phone_written_differently_in_one_file_is_one_person(team):
    report = run(team, "excel_fr_cp1252.csv")
    helene = by_email(team, "helene.dupre@exemple.fr")
    assert set(helene.emails.values_list("email", "is_primary")) == {
        ("helene.dupre@exemple.fr", True),
        ("h.dupre@gmail.com", False),
    }
    conflict = helene.timeline.get(kind=TimelineEvent.Kind.CONFLICT)
    assert conflict.params["field"] == "current_title"
    assert (conflict.params["current"], conflict.params["incoming"]) == (
        "Infirmière de bloc",
        "Cadre de santé",
    )
    assert helene.current_title == "Infirmière de bloc"
    assert report.merged == 1


def test_reimporting_the_same_file_changes_nothing(team):
    first = run(team, "excel_fr_cp1252.csv", "linkedin_Candidates.csv", "greenhouse_export.xls")
    counts = (
        Candidate.objects.count(),
        CandidateEmail.objects.count(),
        TimelineEvent.objects.count(),
        CandidateSource.objects.count(),
        DuplicateReview.objects.count(),
    )
    again = run(team, "excel_fr_cp1252.csv", "linkedin_Candidates.csv", "greenhouse_export.xls")
    assert (again.created, again.merged) == (0, 0)
    assert again.unchanged == first.created + first.merged + first.unchanged
    assert counts == (
        Candidate.objects.count(),
        CandidateEmail.objects.count(),
        TimelineEvent.objects.count(),
        CandidateSource.objects.count(),
        DuplicateReview.objects.count(),
    )


def test_an_excel_file_and_a_linkedin_export_that_overlap_give_each_person_once(team):
    run(team, "excel_fr_cp1252.csv")
    report = run(team, "linkedin_Candidates.csv")
    assert (report.created, report.merged) == (1, 1)
    helene = by_email(team, "helene.dupre@exemple.fr")
    assert Candidate.objects.filter(team=team, first_name="Hélène").count() == 1
    # Nothing is lost: the new email is an alternate, the profile and headline are added, the source too.
    assert set(helene.emails.values_list("email", flat=True)) == {
        "helene.dupre@exemple.fr",
        "h.dupre@gmail.com",
        "helene@perso.fr",
    }
    assert helene.primary_email == "helene.dupre@exemple.fr"
    assert list(helene.profiles.values_list("url", flat=True)) == [
        "https://www.linkedin.com/in/helene-dupre-42"
    ]
    assert helene.headline == "Infirmière de bloc passionnée"
    assert set(helene.sources.values_list("kind", "name")) == {
        ("import", "excel_fr_cp1252.csv"),
        ("linkedin", "LinkedIn"),
    }
    merged = helene.timeline.filter(kind=TimelineEvent.Kind.MERGED).last()
    assert "LinkedIn" in merged.text or merged.params["source"] == "linkedin"
    assert "helene@perso.fr" in merged.params["added"]["emails"]
    assert set(helene.tags.filter(kind="skill").values_list("value", flat=True)) >= {
        "anesthesie",
        "bloc operatoire",
    }


def test_linkedin_multi_valued_cells_are_split_on_semicolons(team):
    run(team, "linkedin_Candidates.csv")
    marc = Candidate.objects.get(team=team, profiles__url="https://www.linkedin.com/in/marcpetit")
    assert set(marc.tags.filter(kind="skill").values_list("label", flat=True)) == {
        "Python",
        "Django",
        "PostgreSQL",
    }
    assert marc.city == "Paris" and marc.country == "FR"
    assert list(marc.phones.values_list("e164", flat=True)) == ["+33744556677"]
    assert ["note", "Ouvert aux opportunités"] in marc.timeline.get(kind="imported").params["kept"]


def test_a_lever_export_is_recognized_and_its_cells_split_on_commas(team):
    preview = import_preview(path=FIXTURES / "lever_candidates.csv")
    assert preview.format == "lever"
    run(team, "lever_candidates.csv")
    julie = by_email(team, "julie.moreau@example.fr")
    assert set(julie.emails.values_list("email", flat=True)) == {
        "julie.moreau@example.fr",
        "julie@moreau.design",
    }
    assert set(julie.profiles.values_list("kind", "url")) == {
        ("linkedin", "https://www.linkedin.com/in/juliemoreau"),
        ("other", "https://dribbble.com/julie"),
    }
    assert set(julie.tags.filter(kind="tag").values_list("label", flat=True)) == {"UX", "Figma"}
    source = julie.sources.get()
    assert (source.kind, source.job, source.external_id) == ("linkedin", "Product Designer", "0f6b7c1e-aaaa")
    assert source.first_seen_at.date() == datetime.date(2024, 5, 2)
    thomas = by_email(team, "thomas.girard@example.com")
    assert thomas.sources.get().kind == CandidateSource.Kind.REFERRAL


def test_a_genuine_greenhouse_xls_export_is_read(team):
    preview = import_preview(path=FIXTURES / "greenhouse_export.xls")
    assert (preview.kind, preview.format) == ("xls", "greenhouse")
    run(team, "greenhouse_export.xls")
    pauline = by_email(team, "pauline.fontaine@example.fr")
    assert pauline.current_title == "Data Scientist"
    source = pauline.sources.get()
    assert (source.kind, source.referrer, source.external_id) == ("referral", "Hugo Lucas", "48213")
    assert source.first_seen_at.date() == datetime.date(2023, 11, 14)
    assert pauline.profiles.get().url == "https://www.linkedin.com/in/paulinefontaine"


def test_an_xlsx_file_with_phones_typed_as_numbers_is_read(team):
    report = run(team, "pool.xlsx")
    assert report.created == 2 and not report.errors
    maelle = by_email(team, "maelle.kerbrat@example.fr")
    assert list(maelle.phones.values_list("e164", flat=True)) == ["+33612121212"]
    assert maelle.available_from == datetime.date(2025, 9, 1)
    assert maelle.first_name == "Maëlle"


def test_full_names_are_split_and_foreign_numbers_keep_their_country(team):
    run(team, "latin1.csv")
    benoit = by_email(team, "benoit.mercier@example.be")
    assert (benoit.first_name, benoit.last_name, benoit.country) == ("Benoît", "MERCIER", "BE")
    assert list(benoit.phones.values_list("e164", flat=True)) == ["+32470123456"]
    amelie = by_email(team, "amelie.poulain@example.fr")
    assert (amelie.first_name, amelie.last_name, amelie.current_company) == (
        "Amélie",
        "Poulain",
        "Café des Deux Moulins",
    )


def test_a_row_with_broken_encoding_is_reported_and_the_rest_keeps_its_accents(team):
    report = run(team, "broken_utf8_cell.csv")
    assert "broken encoding" in rows_with_errors(report)[3]
    assert by_email(team, "elise.fabre@example.fr").first_name == "Élise"
    assert by_email(team, "agnes.roche@example.fr").city == "Nîmes"
    assert report.created == 2


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.csv", "empty"), ("html_export.xls", "HTML"), ("corrupt.xlsx", "cannot be read")],
)
def test_an_unreadable_file_is_reported_and_the_other_files_still_imported(team, name, reason):
    report = run(team, name, "tab.tsv")
    assert report.created == 2
    assert reason in report.errors[0]["message"] and name in report.errors[0]["message"]


def test_same_name_and_city_is_queued_for_review_and_never_merged(team, tmp_path):
    path = tmp_path / "same-name.csv"
    path.write_text(
        "Prénom;Nom;Email;Ville;Entreprise\n"
        "Marie;Martin;marie.martin@example.fr;Lyon;Korian\n"
        "Marie;MARTIN;m.martin@autre.fr;lyon;Orpea\n"
        "Marie;Martin;marie.martin2@example.fr;Brest;Naval Group\n",
        encoding="utf-8",
    )
    report = import_run(team=team, paths=[path])
    assert report.created == 3
    review = DuplicateReview.objects.get(team=team)
    assert review.status == DuplicateReview.Status.OPEN and "city" in review.reason
    pair = {review.first.emails.get().email, review.second.emails.get().email}
    assert pair == {"marie.martin@example.fr", "m.martin@autre.fr"}


def test_a_row_holding_the_keys_of_two_candidates_merges_them(team, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text("Name,Email,Phone\nAnne Vidal,anne@example.fr,\nAnne V.,,0611111111\n", encoding="utf-8")
    import_run(team=team, paths=[first])
    second = tmp_path / "b.csv"
    second.write_text("Name,Email,Phone\nAnne Vidal,anne@example.fr,0611111111\n", encoding="utf-8")
    import_run(team=team, paths=[second])
    anne = Candidate.objects.get(team=team)
    assert anne.emails.get().email == "anne@example.fr"
    assert anne.phones.get().e164 == "+33611111111"
    assert anne.timeline.filter(kind="merged", params__other_name="Anne V.").exists()
    assert not DuplicateReview.objects.filter(team=team, status=DuplicateReview.Status.OPEN).exists()


def test_teams_never_see_or_merge_each_others_candidates(team, other_team):
    run(team, "tab.tsv")
    report = run(other_team, "tab.tsv")
    assert report.created == 2
    assert Candidate.objects.filter(team=team).count() == 2
    assert Candidate.objects.filter(team=other_team).count() == 2
    ines = Candidate.objects.get(team=team, emails__email="ines.benali@example.fr")
    assert ines.timeline.count() == 1


def test_an_explicit_mapping_overrides_the_guesses(team, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Col A,Col B,Col C\nJeanne,jeanne@example.fr,Infirmière\n", encoding="utf-8")
    import_run(
        team=team, paths=[path], mapping={"Col A": "first_name", "Col B": "email", "Col C": "current_title"}
    )
    jeanne = by_email(team, "jeanne@example.fr")
    assert (jeanne.first_name, jeanne.current_title) == ("Jeanne", "Infirmière")
    with pytest.raises(ValueError, match="unknown field"):
        import_run(team=team, paths=[path], mapping={"Col A": "shoe_size"})


def test_unmapped_columns_are_kept_on_the_timeline(team, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("Email,Permis poids lourd\nluc@example.fr,oui\n", encoding="utf-8")
    import_run(team=team, paths=[path])
    event = by_email(team, "luc@example.fr").timeline.get(kind="imported")
    assert ["column:Permis poids lourd", "oui"] in event.params["kept"]


def test_a_dry_run_reports_without_writing(team):
    report = run(team, "excel_fr_cp1252.csv", dry_run=True)
    assert report.created == 2
    assert not Candidate.objects.exists()


def test_duplicates_in_later_chunks_are_found_in_the_database(team, tmp_path, monkeypatch):
    monkeypatch.setattr(importing.run, "CHUNK", 3)
    lines = ["Prénom,Nom,Email,Téléphone"]
    for i in range(10):
        lines.append(f"P{i},N{i},p{i}@example.fr,06000000{i:02d}")
    for i in range(10):  # the same people again, known by phone only, in other chunks
        lines.append(f"P{i},N{i},,+33 6 00 00 00 {i:02d}")
    lines.append("P0,N0,p0.bis@example.fr,0600000000")
    path = tmp_path / "chunks.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_run(team=team, paths=[path])
    assert (report.created, report.unchanged, report.merged) == (10, 10, 1)
    assert Candidate.objects.filter(team=team).count() == 10
    again = import_run(team=team, paths=[path])
    assert (again.created, again.merged, again.unchanged) == (0, 0, 21)


def test_search_text_and_name_key_are_the_services_values(team):
    run(team, "excel_fr_cp1252.csv", "linkedin_Candidates.csv")
    for candidate in Candidate.objects.filter(team=team).prefetch_related("emails", "tags"):
        stored = candidate.search_text
        candidate_refresh_search(candidate=candidate)
        assert candidate.search_text == stored
    helene = by_email(team, "helene.dupre@exemple.fr")
    assert helene.name_key == "helene dupre"
    assert "anesthesie" in helene.search_text and "h.dupre@gmail.com" in helene.search_text


def test_profiles_are_canonical_so_a_differently_written_linkedin_url_merges(team, tmp_path):
    path = tmp_path / "urls.csv"
    path.write_text(
        "Name,LinkedIn,Email\nLéa Caron,https://fr.linkedin.com/in/Lea-Caron/?trk=abc,lea@a.fr\n"
        "Léa Caron,www.linkedin.com/in/lea-caron,lea@b.fr\n",
        encoding="utf-8",
    )
    import_run(team=team, paths=[path])
    assert CandidateProfile.objects.get(team=team).url == "https://www.linkedin.com/in/lea-caron"
    assert Candidate.objects.filter(team=team).count() == 1


def test_a_stated_message_language_is_set_once_and_reimporting_keeps_it(team, tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text(
        "Email,Langue préférée\nkate@example.co.uk,English\nmarie@example.fr,français\n", encoding="utf-8"
    )
    first = tmp_path / "plain.csv"
    first.write_text("Email\nkate@example.co.uk\nmarie@example.fr\n", encoding="utf-8")
    import_run(team=team, paths=[first], source="crm")
    report = import_run(team=team, paths=[path], source="crm")
    assert report.merged == 1 and report.unchanged == 1
    assert by_email(team, "kate@example.co.uk").preferred_language == "en"
    again = import_run(team=team, paths=[path], source="crm")
    assert (again.merged, again.unchanged) == (0, 2)
