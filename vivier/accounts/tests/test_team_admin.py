"""Team administration: members and roles, invitations, deactivation with a new owner, team settings, user
preferences, and system mail (invitations, password resets) kept in the outbox when no SMTP is configured."""

import datetime as dt
import re

import pytest
import time_machine

from vivier.accounts.models import Invitation, Membership, User
from vivier.accounts.services import (
    TokenRefused,
    invitation_accept,
    invitation_create,
    member_deactivate,
    membership_add,
)
from vivier.mail.tests.smtpd import smtp  # noqa: F401  (fixture)
from vivier.sequences.models import OutboundMessage

OUTBOX_BACKEND = "vivier.sequences.systemmail.OutboxEmailBackend"


@pytest.fixture
def outbox_mail(settings):
    """System mail as a real installation without SMTP sends it: into the built-in outbox."""
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    settings.VIVIER_MAIL_TRANSPORT = ""


def invitation_link(message: OutboundMessage) -> str:
    match = re.search(r"https?://\S+(/accounts/invitation/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_non_admins_do_not_see_the_team_pages(client, alice, bob):
    client.force_login(bob)

    for url in (
        "/accounts/members/",
        "/accounts/members/settings/",
        f"/accounts/members/{alice.public_id}/deactivate/",
    ):
        assert client.get(url).status_code == 404
    assert client.post("/accounts/members/", {"email": "x@example.org", "role": "admin"}).status_code == 404
    assert client.post(f"/accounts/members/{bob.public_id}/role/", {"role": "admin"}).status_code == 404
    assert bob.memberships.get().role == Membership.Role.RECRUITER
    assert not Invitation.objects.exists()


def test_an_admin_cannot_touch_another_teams_member(alice_client, charlie):
    assert alice_client.get(f"/accounts/members/{charlie.public_id}/deactivate/").status_code == 404
    assert (
        alice_client.post(f"/accounts/members/{charlie.public_id}/role/", {"role": "admin"}).status_code
        == 404
    )


def test_an_invitation_lands_in_the_outbox_and_its_link_creates_the_account(
    alice_client, client, team, outbox_mail
):
    response = alice_client.post("/accounts/members/", {"email": "remi@alvea-rh.fr", "role": "recruiter"})
    assert response.status_code == 302

    message = OutboundMessage.objects.get(kind=OutboundMessage.Kind.SYSTEM)
    assert (message.to_email, message.status, message.transport, message.team_id) == (
        "remi@alvea-rh.fr",
        "sent",
        "outbox",
        team.pk,
    )
    assert "Alvéa RH" in message.subject
    link = invitation_link(message)
    alice_client.logout()
    accepted = client.post(
        link, {"username": "remi", "password": "Une-phrase-longue", "password2": "Une-phrase-longue"}
    )

    assert accepted.status_code == 302
    remi = User.objects.get(username="remi")
    assert remi.email == "remi@alvea-rh.fr" and remi.memberships.get(team=team).role == "recruiter"
    # Single use: the same link is refused with a clear message.
    again = client.post(
        link,
        {"username": "other", "password": "Une-phrase-longue", "password2": "Une-phrase-longue"},
        headers={"accept-language": "en"},
    )
    assert again.status_code == 403 and "déjà servi" in again.content.decode()
    assert not User.objects.filter(username="other").exists()


def test_expired_tampered_and_withdrawn_invitations_are_refused_with_a_clear_message(client, team, alice):
    invitation, raw = invitation_create(team=team, email="remi@alvea-rh.fr", by=alice)
    withdrawn, raw_withdrawn = invitation_create(team=team, email="zoe@alvea-rh.fr", by=alice)
    withdrawn.revoked_at = withdrawn.created_at
    withdrawn.save()
    en = {"accept-language": "en"}

    tampered = client.get(f"/accounts/invitation/{raw[:-3]}abc/", headers=en)
    revoked = client.get(f"/accounts/invitation/{raw_withdrawn}/", headers=en)
    with time_machine.travel(invitation.expires_at + dt.timedelta(seconds=1)):
        expired = client.get(f"/accounts/invitation/{raw}/", headers=en)
        with pytest.raises(TokenRefused):
            invitation_accept(raw=raw, username="remi", password="Une-phrase-longue")

    assert tampered.status_code == 403 and "not valid" in tampered.content.decode()
    assert revoked.status_code == 403 and "withdrawn" in revoked.content.decode()
    assert expired.status_code == 403 and "expired" in expired.content.decode()
    assert client.get(f"/accounts/invitation/{raw}/").status_code == 200  # before it expires
    assert not User.objects.filter(username="remi").exists()


def test_someone_with_an_account_joins_a_second_team_and_switches_between_them(client, charlie, team, alice):
    _invitation, raw = invitation_create(team=team, email="charlie@vasco.fr", role="admin", by=alice)
    client.force_login(charlie)

    response = client.post(f"/accounts/invitation/{raw}/", {"action": "join"})

    assert response.status_code == 302
    assert sorted(charlie.memberships.values_list("team__slug", "role")) == [
        ("alvea", "admin"),
        ("vasco", "recruiter"),
    ]
    page = client.get("/accounts/settings/").content.decode()
    assert 'data-testid="team-switcher"' in page
    client.post("/accounts/team/", {"team": "vasco"})
    assert "Cabinet Vasco" in client.get("/accounts/settings/").content.decode()
    assert client.get("/accounts/members/").status_code == 404  # recruiter in vasco
    client.post("/accounts/team/", {"team": "alvea"})
    assert client.get("/accounts/members/").status_code == 200  # admin in alvea


def test_roles_change_but_the_last_admin_stays(alice_client, alice, bob, team):
    alice_client.post(f"/accounts/members/{bob.public_id}/role/", {"role": "admin"})
    assert bob.memberships.get().role == "admin"
    alice_client.post(f"/accounts/members/{bob.public_id}/role/", {"role": "recruiter"})
    alice_client.post(f"/accounts/members/{alice.public_id}/role/", {"role": "recruiter"})

    assert alice.memberships.get().role == "admin"
    assert bob.memberships.get().role == "recruiter"


def test_deactivating_a_member_moves_everything_they_own_to_the_picked_owner(alice_client, alice, bob, team):
    from vivier.mail.services import mailbox_create
    from vivier.pool.models import Candidate
    from vivier.pool.tests.factories import candidate_make
    from vivier.segments.services import segment_create
    from vivier.sequences.models import Campaign, Task
    from vivier.sequences.services import campaign_create, sequence_save

    candidate = candidate_make(team=team, owner=bob)
    box = mailbox_create(team=team, address="bob@alvea-rh.fr", kind="outbox", owner=bob)
    segment = segment_create(team=team, owner=bob, name="Lyon", query="city:Lyon")
    sequence = sequence_save(
        team=team,
        name="Relance",
        steps=[{"delay": 0, "subject_fr": "Bonjour", "body_fr": "Bonjour {{ candidate.first_name }}"}],
    )
    campaign = campaign_create(team=team, name="Python", sequence=sequence, owner=bob)
    task = Task.objects.create(
        team=team,
        candidate=candidate,
        kind=Task.Kind.CALL,
        owner=bob,
        due_at=dt.datetime(2026, 12, 8, tzinfo=dt.UTC),
        created_at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC),
    )

    page = alice_client.get(f"/accounts/members/{bob.public_id}/deactivate/")
    assert page.status_code == 200
    refused = alice_client.post(f"/accounts/members/{bob.public_id}/deactivate/", {})
    assert refused.status_code == 400 and bob.memberships.exists()

    done = alice_client.post(
        f"/accounts/members/{bob.public_id}/deactivate/", {"new_owner": str(alice.public_id)}
    )

    assert done.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).owner == alice
    assert type(box).objects.get(pk=box.pk).owner == alice
    assert type(segment).objects.get(pk=segment.pk).owner == alice
    assert Campaign.objects.get(pk=campaign.pk).owner == alice
    assert Task.objects.get(pk=task.pk).owner == alice
    bob.refresh_from_db()
    assert not bob.memberships.exists() and not bob.is_active


def test_a_member_of_another_team_stays_active_when_leaving_one(team, other_team, alice, bob):
    membership_add(user=bob, team=other_team)

    member_deactivate(team=team, user=bob, new_owner=alice, by=alice)

    bob.refresh_from_db()
    assert bob.is_active and list(bob.memberships.values_list("team__slug", flat=True)) == ["vasco"]


def test_the_team_settings_page_saves_what_the_team_uses(alice_client, team):
    response = alice_client.post(
        "/accounts/members/settings/",
        {
            "name": "Alvéa Recrutement",
            "country": "be",
            "default_region": "BE",
            "time_zone": "Europe/Brussels",
            "language": "en",
            "holidays_country": "fr",
            "contact_pressure_days": "5",
            "default_signature": "L’équipe Alvéa",
        },
    )

    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.country, team.default_region, team.time_zone, team.language, team.holidays) == (
        "Alvéa Recrutement",
        "BE",
        "BE",
        "Europe/Brussels",
        "en",
        "FR",
    )
    assert (team.contact_pressure_days, team.default_signature) == (5, "L’équipe Alvéa")
    bad = alice_client.post(
        "/accounts/members/settings/", {"name": "X", "country": "France", "time_zone": "Nowhere"}
    )
    assert bad.status_code == 400


def test_the_team_contact_pressure_holds_a_second_message(team, alice):
    from vivier.pool.tests.factories import candidate_make
    from vivier.sequences.outbox import contact_allowed

    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    candidate = candidate_make(team=team, last_contacted_at=now - dt.timedelta(days=3))
    assert contact_allowed(candidate, "sequence_step", now)

    team.contact_pressure_days = 5
    team.save()

    assert not contact_allowed(candidate, "sequence_step", now)


def test_each_user_picks_a_language_and_a_time_zone_and_pages_use_them(client, bob):
    client.force_login(bob)

    response = client.post(
        "/accounts/settings/", {"action": "language", "language": "fr", "time_zone": "America/Montreal"}
    )

    assert response.status_code == 302
    bob.refresh_from_db()
    assert (bob.language, bob.time_zone) == ("fr", "America/Montreal")
    assert (
        client.post(
            "/accounts/settings/", {"action": "language", "language": "fr", "time_zone": "Mars/Olympus"}
        ).status_code
        == 400
    )


def test_password_reset_mail_lands_in_the_outbox_and_its_link_sets_a_new_password(
    client, alice, bob, outbox_mail
):
    assert 'href="/accounts/password/reset/"' in client.get("/accounts/login/").content.decode()

    client.post("/accounts/password/reset/", {"email": "bob@alvea-rh.fr"})

    message = OutboundMessage.objects.get(kind=OutboundMessage.Kind.SYSTEM, to_email="bob@alvea-rh.fr")
    link = re.search(r"https?://\S+(/accounts/password/reset/\S+/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else link
    done = client.post(
        set_url, {"new_password1": "Un-autre-mot-de-passe", "new_password2": "Un-autre-mot-de-passe"}
    )
    assert done.status_code == 302
    bob.refresh_from_db()
    assert bob.check_password("Un-autre-mot-de-passe")


def test_system_mail_shows_in_the_outbox_to_admins_only(client, alice, bob, outbox_mail):
    client.post("/accounts/password/reset/", {"email": "bob@alvea-rh.fr"})
    message = OutboundMessage.objects.get(kind=OutboundMessage.Kind.SYSTEM)

    client.force_login(alice)
    assert message.subject in client.get("/sequences/outbox/").content.decode()
    assert client.get(f"/sequences/outbox/{message.public_id}/").status_code == 200
    client.force_login(bob)
    assert message.subject not in client.get("/sequences/outbox/").content.decode()
    assert client.get(f"/sequences/outbox/{message.public_id}/").status_code == 404


def test_system_mail_goes_through_smtp_when_it_is_configured(settings, team, alice, smtp):
    """With VIVIER_EMAIL_HOST set, settings pick Django's SMTP backend: the loopback server receives it."""
    from vivier.accounts.services import invitation_send

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    invitation_send(team=team, email="remi@alvea-rh.fr", by=alice, base_url="https://vivier.example")

    ((_sender, recipients, content),) = smtp.received
    assert recipients == ["remi@alvea-rh.fr"]
    assert b"https://vivier.example/accounts/invitation/" in content
    assert not OutboundMessage.objects.filter(kind=OutboundMessage.Kind.SYSTEM).exists()


def test_the_default_email_backend_is_never_in_memory():
    import subprocess
    import sys

    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "vivier.settings",
            "PATH": "/usr/bin:/bin",
            "VIVIER_DATA_DIR": "/tmp/vivier-settings-check",
        },
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[3]),
    )

    assert result.stdout.strip() == OUTBOX_BACKEND, result.stderr


def test_pages_show_times_in_the_users_time_zone_else_the_teams(alice_client, alice, team, outbox_mail):
    from vivier.accounts.services import invitation_send

    with time_machine.travel(dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC), tick=False):
        invitation_send(team=team, email="remi@alvea-rh.fr", by=alice, base_url="https://vivier.example")

    assert "13:00" in alice_client.get("/sequences/outbox/").content.decode()  # the team's Europe/Paris
    alice.time_zone = "America/Montreal"
    alice.save()
    page = alice_client.get("/sequences/outbox/").content.decode()
    assert "07:00" in page and "13:00" not in page
