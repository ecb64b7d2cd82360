import pytest

from vivier.pool.models import Candidate, DuplicateReview, TimelineEvent
from vivier.pool.services import candidate_create


@pytest.fixture
def helene(team, alice):
    return candidate_create(
        team=team,
        by=alice,
        first_name="Hélène",
        last_name="Dupré",
        emails=["helene@example.fr"],
        current_title="Infirmière",
        current_company="CHU Lyon",
    )


def test_charlie_gets_a_404_on_alices_candidate(client, charlie, helene):
    client.force_login(charlie)
    for url in (f"/pool/c/{helene.public_id}/", f"/pool/c/{helene.public_id}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/pool/c/{helene.public_id}/notes/", {"body": "x"}).status_code == 404
    assert "Dupré" not in client.get("/pool/?q=dupre").content.decode()
    assert not helene.notes.exists()


def test_charlie_cannot_review_alices_duplicates(client, charlie, team, alice, helene):
    other = candidate_create(team=team, by=alice, first_name="Helene", last_name="Dupre", emails=["h2@x.fr"])
    review = DuplicateReview.objects.create(
        team=team, first=helene, second=other, reason="r", created_at=helene.created_at
    )
    client.force_login(charlie)
    assert client.get(f"/pool/duplicates/{review.public_id}/").status_code == 404
    assert client.post(f"/pool/duplicates/{review.public_id}/", {"action": "merge"}).status_code == 404
    assert Candidate.objects.filter(team=team).count() == 2


def test_the_pool_list_searches_without_accents_and_paginates(alice_client, team, alice):
    for i in range(30):
        candidate_create(
            team=team, by=alice, first_name=f"Personne{i:02}", last_name="Test", emails=[f"p{i}@x.fr"]
        )
    candidate_create(
        team=team, by=alice, first_name="Zoé", last_name="Lefèvre", tags={"skill": ["Soudure TIG"]}
    )
    page1 = alice_client.get("/pool/").content.decode()
    assert "Zoé" in page1 and "Page 1" in page1 or "Page 1" in page1
    page2 = alice_client.get("/pool/?page=2").content.decode()
    assert "Personne00" in page2 and "Zoé" not in page2
    found = alice_client.get(
        "/pool/?q=LEFEVRE soudure", headers={"HX-Request": "true", "HX-Target": "results"}
    )
    body = found.content.decode()
    assert "Zoé" in body and "Personne" not in body and "<html" not in body


def test_a_note_is_added_to_the_timeline_with_htmx(alice_client, helene):
    response = alice_client.post(
        f"/pool/c/{helene.public_id}/notes/", {"body": "A rappeler en mars"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "A rappeler en mars" in response.content.decode()
    assert helene.timeline.filter(kind=TimelineEvent.Kind.NOTE).count() == 1


def test_the_manual_add_form_shows_field_errors_and_loses_nothing(alice_client):
    response = alice_client.post(
        "/pool/add/",
        {
            "first_name": "Karim",
            "last_name": "Haddad",
            "emails": "karim@",
            "current_title": "Chef de quai",
            "preferred_language": "fr",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "karim@" in body and "Chef de quai" in body and "adresse" in body  # Alice reads French
    assert not Candidate.objects.exists()


def test_the_manual_add_points_to_the_existing_candidate(alice_client, helene):
    response = alice_client.post(
        "/pool/add/", {"first_name": "H", "emails": "Helene@example.fr", "preferred_language": "fr"}
    )
    assert response.status_code == 400
    assert f"/pool/c/{helene.public_id}/" in response.content.decode()


def test_alice_reads_french_and_bob_reads_english(client, alice, bob, helene):
    client.force_login(alice)
    french = client.get(f"/pool/c/{helene.public_id}/").content.decode()
    assert "Historique" in french and "Ajouter la note" in french and 'lang="fr"' in french
    client.force_login(bob)
    english = client.get(f"/pool/c/{helene.public_id}/").content.decode()
    assert "Timeline" in english and "Add note" in english and 'lang="en"' in english
    assert "Historique" not in english


def test_settings_create_a_token_shown_once_and_revoke_it(alice_client, alice):
    response = alice_client.post("/accounts/settings/", {"action": "token", "name": "Script"})
    raw = response.context["new_token"]
    assert raw.startswith("viv_") and raw in response.content.decode()
    assert raw not in alice_client.get("/accounts/settings/").content.decode()
    token = alice.api_tokens.get()
    alice_client.post(f"/accounts/settings/tokens/{token.public_id}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_bob_cannot_revoke_alices_token(client, alice, bob, alice_token):
    client.force_login(bob)
    token = alice.api_tokens.get()
    assert client.post(f"/accounts/settings/tokens/{token.public_id}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_timeline_speaks_the_readers_language_whoever_wrote_it(client, alice, bob, team, helene):
    from vivier.pool.services import candidate_merge

    other = candidate_create(
        team=team,
        by=alice,
        first_name="Hélène",
        last_name="Dupré",
        emails=["hd@gmail.com"],
        current_company="Clinique du Parc",
    )
    candidate_merge(keep=helene, other=other, by=alice)  # written while Alice's French was active
    client.force_login(bob)
    body = client.get(f"/pool/c/{helene.public_id}/").content.decode()
    assert "Merged with Hélène Dupré" in body and "Added by hand" in body
    assert "kept “CHU Lyon”, the merged record said “Clinique du Parc”" in body
    assert "Fusionné avec" not in body


def test_a_long_note_is_shown_whole_on_the_timeline(alice_client, helene):
    body = "Très motivée. " * 40
    alice_client.post(f"/pool/c/{helene.public_id}/notes/", {"body": body})
    page = alice_client.get(f"/pool/c/{helene.public_id}/").content.decode()
    assert body.strip() in page


def test_the_edit_page_gives_the_candidate_to_a_teammate(alice_client, bob, helene):
    from vivier.pool.forms import CandidateForm

    data = {k: v for k, v in CandidateForm.initial_for(helene).items() if v is not None}
    data["contracts"] = []
    data["owner"] = str(bob.public_id)
    response = alice_client.post(f"/pool/c/{helene.public_id}/edit/", data)
    assert response.status_code == 302
    helene.refresh_from_db()
    assert helene.owner == bob
    assert helene.timeline.get(kind=TimelineEvent.Kind.EDITED).params["changes"] == {
        "owner": ["", "Bob Durand"]
    }


def test_saving_the_edit_form_unchanged_records_nothing(alice_client, team, alice, bob):
    from datetime import UTC, datetime

    from vivier.pool.forms import CandidateForm
    from vivier.pool.models import CustomField

    CustomField.objects.create(team=team, key="permis", label="Permis B", type="bool")
    CustomField.objects.create(team=team, key="dispo", label="Dispo", type="date")
    CustomField.objects.create(team=team, key="tjm", label="TJM", type="number")
    c = candidate_create(
        team=team,
        by=alice,
        owner=bob,
        first_name="Zoé",
        last_name="Lefèvre",
        emails=["z@x.fr", "zoe@y.fr"],
        phones=["0612345678"],
        profiles=["linkedin.com/in/zoe"],
        city="Nantes",
        seniority=40,
        years_experience=8,
        remote_preference="hybrid",
        open_to_relocation=False,
        salary_amount=52000,
        salary_currency="eur",
        salary_period="year",
        consent_basis="consent",
        consent_given_at=datetime(2025, 3, 1, 9, 13, tzinfo=UTC),
        tags={"skill": ["Soudure TIG", "Lecture de plans"], "contract": ["permanent", "interim"]},
        custom_fields={"permis": True, "dispo": "2027-01-01", "tjm": 450},
    )
    form = CandidateForm(team=team, candidate=c)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if value is None:
            continue
        data[name] = value if isinstance(value, list) else (field.widget.format_value(value) or "")
    response = alice_client.post(f"/pool/c/{c.public_id}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    assert not c.timeline.filter(kind=TimelineEvent.Kind.EDITED).exists()


def test_an_admin_defines_a_custom_field_and_a_recruiter_fills_it(client, alice, bob, helene):
    client.force_login(bob)
    assert client.get("/pool/fields/").status_code == 404  # recruiters do not define fields
    client.force_login(alice)
    assert (
        client.post("/pool/fields/", {"label": "Service", "type": "choice", "choices": ""}).status_code == 400
    )
    assert (
        client.post(
            "/pool/fields/", {"label": "Service souhaité", "type": "choice", "choices": "Urgences, Bloc"}
        ).status_code
        == 302
    )
    client.force_login(bob)
    page = client.get(f"/pool/c/{helene.public_id}/edit/").content.decode()
    assert 'name="cf_service_souhaite"' in page and "Urgences" in page
    from vivier.pool.services import candidate_update

    candidate_update(candidate=helene, by=bob, custom_fields={"service_souhaite": "Bloc"})
    assert "Service souhaité" in client.get(f"/pool/c/{helene.public_id}/").content.decode()
    client.force_login(alice)
    client.post("/pool/fields/service_souhaite/delete/")
    helene.refresh_from_db()
    assert helene.custom_fields == {"service_souhaite": "Bloc"}  # the value is kept
