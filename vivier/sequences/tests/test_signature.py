"""``{{ sender.signature }}``: the mailbox's signature, else the team's default signature."""

from types import SimpleNamespace

import pytest

from vivier.mail.models import Mailbox
from vivier.mail.services import mailbox_create
from vivier.pool.tests.factories import candidate_make
from vivier.sequences.rendering import render_step

pytestmark = pytest.mark.django_db

BODY = "Bonjour {{ candidate.first_name }},\n\nÀ bientôt.\n{{ sender.signature }}"


def render(candidate, mailbox, owner=None):
    step = SimpleNamespace(templates=lambda language: ("Un poste", BODY))
    return render_step(step=step, candidate=candidate, job=None, owner=owner, mailbox=mailbox)


@pytest.fixture
def helene(team):
    return candidate_make(team=team, first_name="Hélène", last_name="Dupré", email="helene@example.org")


def box(team, signature=""):
    return mailbox_create(
        team=team, address="alice@alvea-rh.fr", kind=Mailbox.Kind.OUTBOX, signature=signature
    )


def test_a_mailbox_without_signature_signs_with_the_teams_default(team, helene):
    team.default_signature = "L'équipe Alvéa RH\n01 23 45 67 89"
    team.save(update_fields=["default_signature"])
    rendered = render(helene, box(team))
    assert rendered.body.endswith("À bientôt.\nL'équipe Alvéa RH\n01 23 45 67 89")
    assert rendered.missing == [] and rendered.errors == []


def test_the_mailboxs_own_signature_wins(team, helene):
    team.default_signature = "L'équipe Alvéa RH"
    team.save(update_fields=["default_signature"])
    rendered = render(helene, box(team, signature="Alice Martin, Alvéa RH"))
    assert rendered.body.endswith("À bientôt.\nAlice Martin, Alvéa RH")
    assert "L'équipe" not in rendered.body


def test_without_a_mailbox_the_team_default_is_used(team, helene):
    team.default_signature = "L'équipe Alvéa RH"
    team.save(update_fields=["default_signature"])
    assert render(helene, None).body.endswith("\nL'équipe Alvéa RH")


def test_no_signature_anywhere_is_a_missing_value(team, helene):
    rendered = render(helene, box(team))
    assert rendered.missing == ["sender.signature"]
