"""Every pool page driven through Chromium, as a recruiter uses it."""

import importlib.util
import re

import pytest
from playwright.sync_api import expect

from vivier.pool.models import Candidate, DuplicateReview, TimelineEvent
from vivier.pool.services import candidate_create, note_add

pytestmark = pytest.mark.browser


def test_searching_the_pool_as_you_type_and_paging(page, login, alice, team):
    for i in range(30):
        candidate_create(
            team=team, by=alice, first_name=f"Candidat{i:02}", last_name="Lambda", emails=[f"c{i}@x.fr"]
        )
    candidate_create(
        team=team,
        by=alice,
        first_name="Élodie",
        last_name="Garnier",
        current_title="Cariste",
        current_company="Geodis",
        tags={"skill": ["CACES 3"]},
    )
    login(alice)
    page.goto("/pool/")
    expect(page.locator("h1")).to_have_text("Vivier de talents")
    expect(page.get_by_test_id("page-number")).to_contain_text("Page 1 sur 2")
    page.locator("a[rel=next]").click()
    expect(page.get_by_test_id("page-number")).to_contain_text("Page 2 sur 2")
    expect(page.get_by_test_id("pool-table")).to_contain_text("Candidat00")
    page.fill("input[name=q]", "elodie caces")
    expect(page.get_by_test_id("pool-table")).to_contain_text("Élodie Garnier")
    expect(page.get_by_test_id("pool-table").locator("tbody tr")).to_have_count(1)
    expect(page.get_by_test_id("result-count")).to_have_text("1 candidat")
    page.get_by_role("link", name="Élodie Garnier").click()
    expect(page.get_by_test_id("candidate-name")).to_have_text("Élodie Garnier")


def test_reading_the_timeline_adding_a_note_and_editing(page, login, alice, bob, team):
    c = candidate_create(
        team=team,
        by=alice,
        first_name="Samir",
        last_name="Belkacem",
        emails=["samir@x.fr"],
        current_title="Commercial",
        city="Lille",
    )
    note_add(candidate=c, body="Premier contact au salon", author=bob)
    login(alice)
    page.goto(f"/pool/c/{c.public_id}/")
    timeline = page.get_by_test_id("timeline")
    expect(timeline.locator("li")).to_have_count(2)
    expect(timeline.locator("li").nth(1)).to_contain_text("Premier contact au salon")
    page.fill("textarea[name=body]", "Intéressé par un poste à Lyon")
    page.get_by_role("button", name="Ajouter la note").click()
    expect(timeline.locator("li")).to_have_count(3)
    expect(timeline.locator("li").nth(2)).to_contain_text("Intéressé par un poste à Lyon")
    expect(page.locator("textarea[name=body]")).to_have_value("")

    page.get_by_role("link", name="Modifier", exact=True).click()
    page.fill("input[name=current_title]", "Responsable commercial")
    page.fill("input[name=skills]", "Négociation, B2B")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".lead")).to_contain_text("Responsable commercial")
    expect(page.get_by_test_id("timeline")).to_contain_text("Commercial → Responsable commercial")
    assert c.timeline.filter(kind=TimelineEvent.Kind.EDITED).count() == 1


def test_adding_a_candidate_by_hand_after_a_validation_error(page, login, bob):
    login(bob)  # Bob reads English
    page.goto("/pool/add/")
    page.fill("input[name=first_name]", "Chloé")
    page.fill("input[name=last_name]", "Marchand")
    page.fill("textarea[name=emails]", "chloe.marchand@")
    page.fill("textarea[name=phones]", "06 98 76 54 32")
    page.get_by_role("button", name="Add to the pool").click()
    expect(page.locator(".field.has-error")).to_contain_text("is not a valid email address")
    expect(page.locator("input[name=first_name]")).to_have_value("Chloé")
    page.fill("textarea[name=emails]", "Chloe.Marchand@example.fr")
    page.get_by_role("button", name="Add to the pool").click()
    expect(page.get_by_test_id("candidate-name")).to_have_text("Chloé Marchand")
    expect(page.locator("body")).to_contain_text("chloe.marchand@example.fr")
    # Shown as the team (region FR) dials it, linked as stored.
    expect(page.get_by_role("link", name="06 98 76 54 32")).to_have_attribute("href", "tel:+33698765432")
    assert Candidate.objects.get().primary_email == "chloe.marchand@example.fr"


def _possible_duplicate(team, alice, suffix=""):
    a = candidate_create(
        team=team,
        by=alice,
        first_name="Marie",
        last_name=f"Lefebvre{suffix}",
        emails=[f"marie{suffix}@chu.fr"],
        current_company="CHU Lille",
        city="Lille",
    )
    b = candidate_create(
        team=team,
        by=alice,
        first_name="Marie",
        last_name=f"Lefebvre{suffix}",
        emails=[f"m.lefebvre{suffix}@gmail.com"],
        current_company="CHU Lille",
        current_title="Infirmière",
        city="Lille",
    )
    review = DuplicateReview.objects.create(
        team=team, first=a, second=b, reason="Même nom, même entreprise", created_at=a.created_at
    )
    return a, b, review


def test_reviewing_possible_duplicates_merge_then_dismiss(page, login, alice, team):
    keep, gone, _ = _possible_duplicate(team, alice)
    x, y, second_review = _possible_duplicate(team, alice, suffix="-Roux")
    login(alice)
    page.goto("/pool/duplicates/")
    expect(page.get_by_test_id("duplicates-table").locator("tbody tr")).to_have_count(2)
    page.get_by_test_id("duplicates-table").locator("tbody tr", has_text="Lefebvre-Roux").get_by_role(
        "link"
    ).click()
    expect(page.get_by_test_id("compare")).to_contain_text("m.lefebvre-roux@gmail.com")
    page.get_by_role("button", name="Pas la même personne").click()
    second_review.refresh_from_db()
    assert second_review.status == "dismissed"

    expect(page.get_by_test_id("compare")).to_contain_text("m.lefebvre@gmail.com")  # the next review opened
    page.locator("input[name=keep][value=second]").check()
    page.get_by_role("button", name="Fusionner").click()
    expect(page.locator(".messages")).to_contain_text("Fusionné dans Marie Lefebvre")
    assert not Candidate.objects.filter(pk=keep.pk).exists()
    merged = Candidate.objects.get(pk=gone.pk)
    assert sorted(e.email for e in merged.emails.all()) == ["m.lefebvre@gmail.com", "marie@chu.fr"]
    page.goto(f"/pool/c/{merged.public_id}/")
    expect(page.get_by_test_id("timeline")).to_contain_text("Fusionné avec Marie Lefebvre")


def test_creating_an_api_token_shows_it_once(page, login, alice, client):
    login(alice)
    page.goto("/accounts/settings/")
    page.fill("input[name=name]", "Synchro ATS")
    page.get_by_role("button", name="Créer un jeton").click()
    raw = page.get_by_test_id("new-token").inner_text().strip()
    assert raw.startswith("viv_")
    assert client.get("/api/accounts/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    page.goto("/accounts/settings/")
    expect(page.get_by_test_id("tokens")).to_contain_text("Synchro ATS")
    expect(page.locator("body")).not_to_contain_text(raw)
    page.get_by_role("button", name="Révoquer").click()
    expect(page.get_by_test_id("tokens")).to_contain_text("révoqué")
    assert client.get("/api/accounts/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_switching_the_interface_language(page, login, alice):
    login(alice)
    page.goto("/pool/")
    expect(page.locator("h1")).to_have_text("Vivier de talents")
    page.get_by_test_id("switch-language").click()
    expect(page.locator("h1")).to_have_text("Talent pool")


@pytest.mark.skipif(
    importlib.util.find_spec("vivier.pool.importing") is None,
    reason="the importer (vivier.pool.importing) is not merged yet",
)
def test_importing_a_french_excel_csv_through_the_pages(page, login, alice, team, tmp_path):
    candidate_create(
        team=team, by=alice, first_name="Hélène", last_name="Dupré", emails=["helene.dupre@example.fr"]
    )
    csv = tmp_path / "vivier-excel.csv"
    csv.write_bytes(
        "Prénom;Nom;E-mail;Téléphone;Ville;Poste\r\n"
        "Hélène;Dupré;HELENE.DUPRE@example.fr;06 12 34 56 78;Lyon;Infirmière\r\n"
        "François;Lemaître;francois.lemaitre@example.fr;0611223344;Nantes;Technicien\r\n"
        ";;pas-un-email;;;\r\n".encode("cp1252")
    )  # nobody to import: reported, not dropped silently
    login(alice)
    page.goto("/pool/import/")
    page.set_input_files("input[name=file]", str(csv))
    page.fill("input[name=source]", "Export Excel")
    page.get_by_role("button", name="Aperçu").click()
    mapping = page.get_by_test_id("mapping")
    expect(mapping).to_contain_text("Prénom")
    expect(page.locator("select[name=map_0]")).not_to_have_value("")  # Prénom guessed
    expect(page.locator("select[name=map_2]")).not_to_have_value("")  # E-mail guessed
    expect(page.locator("table.sample")).to_contain_text("François")
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_test_id("import-status")).to_have_attribute(
        "data-status", re.compile("done|failed"), timeout=30_000
    )
    expect(page.get_by_test_id("import-status")).to_have_attribute("data-status", "done")
    expect(page.get_by_test_id("import-rows")).to_have_text("3")
    expect(page.get_by_test_id("import-created")).to_have_text("1")
    expect(page.get_by_test_id("import-merged")).to_have_text("1")
    expect(page.get_by_test_id("import-errors")).to_have_text("1")
    expect(page.get_by_test_id("import-error-rows").locator("tbody tr")).to_have_count(1)
    assert Candidate.objects.filter(team=team).count() == 2


@pytest.mark.browser
def test_an_admin_adds_a_typed_custom_field_from_its_page(page, login, alice):
    from vivier.pool.models import CustomField

    login(alice)
    page.goto("/pool/fields/")
    page.fill("input[name=label]", "Permis de conduire")
    page.select_option("select[name=type]", "bool")
    page.click("form.narrow-form button[type=submit]")
    page.wait_for_selector("[data-testid=custom-fields]")
    assert "Permis de conduire" in page.locator("[data-testid=custom-fields]").inner_text()
    assert CustomField.objects.get(label="Permis de conduire").type == "bool"
