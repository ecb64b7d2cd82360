"""The privacy services in process: the installation key, tombstones and the blocklist, the export's
contract, the audit log, and an erasure of a demo candidate that keeps every figure of the campaign."""

import json
import os
import stat

import pytest
from django.test import override_settings

from vivier.demo.seed import demo_seed
from vivier.insights.selectors import campaign_figures, team_figures
from vivier.pool import blocklist
from vivier.pool.models import Candidate, CandidateEmail
from vivier.privacy import keys
from vivier.privacy.models import AuditEntry, Tombstone
from vivier.privacy.services import EXPORT_KEYS, address_erase, candidate_erase, candidate_export
from vivier.replies.models import DeclineRecord, InboundMessage, Reply
from vivier.sequences.models import Campaign, Enrollment, OutboundMessage


@pytest.fixture
def fresh_key(tmp_path, monkeypatch):
    monkeypatch.delenv("VIVIER_PRIVACY_KEY", raising=False)
    keys.installation_key.cache_clear()
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path
    keys.installation_key.cache_clear()


def test_the_key_is_a_file_of_the_data_folder_made_at_first_use_readable_by_its_owner_only(fresh_key):
    path = fresh_key / keys.FILENAME
    assert not path.exists()

    first = keys.digest("email", "ana@example.org")

    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    keys.installation_key.cache_clear()
    assert keys.digest("email", "ana@example.org") == first  # read back, not made again
    assert len(first) == 64 and "ana" not in first


def test_the_environment_key_wins_and_changes_every_digest(fresh_key, monkeypatch):
    from_file = keys.digest("email", "ana@example.org")
    monkeypatch.setenv("VIVIER_PRIVACY_KEY", "another key")
    keys.installation_key.cache_clear()

    assert keys.digest("email", "ana@example.org") != from_file


def test_the_audit_log_is_append_only(team):
    entry = AuditEntry(team=team, action=AuditEntry.Action.ERASE, subject="x", at="2026-01-01T00:00:00Z")
    entry.save()

    entry.subject = "changed"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()


@pytest.fixture
def seeded(db):
    result = demo_seed(candidates=300, seed=4)
    declined = DeclineRecord.objects.filter(team=result.team).select_related("candidate", "campaign").first()
    return result.team, declined.candidate, declined.campaign


def test_the_export_has_the_contract_keys_and_both_directions_of_messages(seeded):
    team, candidate, _ = seeded

    data = json.loads(json.dumps(candidate_export(candidate=candidate)))

    assert set(EXPORT_KEYS) <= set(data)
    assert data["candidate"]["public_id"] == str(candidate.public_id)
    assert data["consent"]["consent_basis"] == candidate.consent_basis
    assert {m["direction"] for m in data["messages"]} == {"in", "out"}
    assert data["funnel"] == [] and data["requests"] == []
    assert candidate.primary_email in {e["email"] for e in data["emails"]}


def test_erasing_keeps_the_figures_and_leaves_nothing_linked_or_personal(seeded):
    team, candidate, campaign = seeded
    before, team_before = campaign_figures(campaign), team_figures(team)
    email = candidate.primary_email
    replies = list(Reply.objects.filter(candidate=candidate).values_list("pk", flat=True))

    result = candidate_erase(candidate=candidate, by=None, reason="request")

    assert campaign_figures(Campaign.objects.get(pk=campaign.pk)) == before
    assert team_figures(team) == team_before
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    assert result.kept_for_statistics["replies"] == len(replies) > 0
    kept = Reply.objects.filter(pk__in=replies)
    assert kept.count() == len(replies) and not kept.filter(candidate__isnull=False).exists()
    for inbound in InboundMessage.objects.filter(reply__in=kept):
        assert (inbound.from_address, inbound.visible_text, inbound.text, bytes(inbound.raw)) == (
            "",
            "",
            "",
            b"",
        )
    assert not OutboundMessage.objects.filter(to_email=email).exists()
    assert not Enrollment.objects.filter(candidate__isnull=True).exclude(hook="").exists()
    assert Tombstone.objects.filter(team=team, digest=keys.digest("email", email)).exists()
    entry = AuditEntry.objects.get(team=team, action=AuditEntry.Action.ERASE)
    assert email not in json.dumps(entry.params) and str(candidate.public_id) not in entry.subject


def test_a_tombstone_blocks_its_identity_keys_in_the_team_only(seeded, other_team):
    team, candidate, _ = seeded
    email = candidate.primary_email
    assert blocklist.blocked(team, [f"e:{email}"]) == set()

    candidate_erase(candidate=candidate, by=None)

    assert blocklist.blocked(team, [f"e:{email}", "e:someone@else.org"]) == {f"e:{email}"}
    assert blocklist.blocked(None, [f"e:{email}"]) == {f"e:{email}"}
    assert blocklist.blocked(other_team, [f"e:{email}"]) == set()


def test_erasing_an_unknown_address_records_a_never_contact_and_twice_is_harmless(team):
    first = address_erase(team=team, email=" Nobody@Example.org ", by=None)
    second = address_erase(team=team, email="nobody@example.org", by=None)

    assert (first.found, first.tombstones) == (False, 1)
    assert (second.found, second.tombstones) == (False, 0)
    assert Tombstone.objects.filter(team=team).count() == 1
    assert blocklist.blocked(team, ["e:nobody@example.org"]) == {"e:nobody@example.org"}
    assert not CandidateEmail.objects.filter(email="nobody@example.org").exists()
    assert AuditEntry.objects.filter(team=team, action=AuditEntry.Action.TOMBSTONE).count() == 2
