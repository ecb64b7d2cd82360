"""The team's own job families page: list, add a family, add synonyms (FR/EN), and another team's 404."""

import pytest
from playwright.sync_api import expect

from vivier.pool.models import JobFamily
from vivier.pool.services import job_family_add
from vivier.segments.selectors import count_members


@pytest.mark.browser
def test_an_admin_adds_a_family_then_a_synonym_and_job_finds_it(page, login, alice, team):
    from vivier.pool.tests.factories import candidate_make

    candidate_make(team=team, first_name="Lou", jobs=["sommellerie"])
    login(alice)
    page.goto("/pool/families/")
    expect(page.get_by_test_id("no-families")).to_have_text("Aucune famille propre pour l’instant.")
    form = page.get_by_test_id("job-family-form")
    form.get_by_label("Étiquette").fill("Sommellerie")
    form.get_by_label("Nom en français").fill("Sommellerie")
    form.get_by_label("Synonymes").fill("caviste, sommelier")
    form.get_by_role("button", name="Enregistrer").click()
    rows = page.get_by_test_id("job-families")
    expect(rows).to_contain_text("caviste, sommelier")
    rows.get_by_role("link", name="sommellerie").click()
    page.get_by_label("Synonymes").fill("maître de chai")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_test_id("job-family")).to_contain_text("caviste, sommelier, maître de chai")
    assert JobFamily.objects.get(team=team).synonyms == ["caviste", "sommelier", "maître de chai"]
    assert count_members(team=team, query='job:"maitre de chai"') == 1


@pytest.mark.django_db
def test_the_page_reads_in_english_and_another_teams_family_is_a_404(
    client, alice, charlie, team, other_team
):
    theirs = job_family_add(team=other_team, tag="cave", synonyms=["caviste"])
    ours = job_family_add(team=team, tag="backend", synonyms=["pisseur de code"])
    alice.language = "en"
    alice.save()
    client.force_login(alice)
    listing = client.get("/pool/families/", headers={"accept-language": "en"}).content.decode()
    assert "Job families" in listing and "pisseur de code" in listing and "caviste" not in listing
    assert client.get(f"/pool/families/{ours.public_id}/").status_code == 200
    assert client.get(f"/pool/families/{theirs.public_id}/").status_code == 404
    refused = client.post(f"/pool/families/{theirs.public_id}/", {"synonyms": "x"})
    assert refused.status_code == 404 and JobFamily.objects.get(pk=theirs.pk).synonyms == ["caviste"]
