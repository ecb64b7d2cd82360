"""The outbox shows the messages whose fate is unknown, and the recruiter settles each in one click."""

import pytest

from vivier.mail import transport
from vivier.sequences import engine
from vivier.sequences.models import Enrollment, OutboundMessage
from vivier.sequences.services import campaign_start

from .conftest import at


def _two_unknown(campaign, make_candidate, monkeypatch, settings):
    """Two first steps whose worker died while each was on the wire (the memory transport, not the outbox:
    nothing can tell whether they left)."""
    from vivier.lib import clock

    settings.VIVIER_MAIL_TRANSPORT = "memory"
    clock.set_now(at("2026-03-09 10:00 Europe/Paris"))
    people = [make_candidate(first_name=name) for name in ("Anne", "Bruno")]
    campaign_start(campaign=campaign, candidates=people)
    for _ in people:
        monkeypatch.setattr(transport, "deliver", lambda **kw: (_ for _ in ()).throw(SystemExit("killed")))
        with pytest.raises(SystemExit):
            engine.handle_one_due()
        monkeypatch.undo()
        settings.VIVIER_MAIL_TRANSPORT = "memory"
        clock.set_now(
            clock.now() + (at("2026-03-09 10:11 Europe/Paris") - at("2026-03-09 10:00 Europe/Paris"))
        )
        engine.handle_one_stale()
    assert OutboundMessage.objects.filter(status="unknown").count() == 2
    return people


@pytest.mark.browser
@pytest.mark.parametrize("who", ["alice", "bob"])  # French, English
def test_the_recruiter_settles_unknown_messages_from_the_outbox(
    page, login, campaign, make_candidate, monkeypatch, settings, who, request
):
    from vivier.lib import clock

    transport.memory_outbox.clear()
    try:
        anne, bruno = _two_unknown(campaign, make_candidate, monkeypatch, settings)
        login(request.getfixturevalue(who))
        page.goto("/sequences/outbox/")
        box = page.locator("[data-testid=outbox-unknown]")
        assert ("À vérifier" if who == "alice" else "To check") in box.inner_text()
        assert page.locator("[data-testid=unknown-row]").count() == 2
        first = OutboundMessage.objects.get(candidate=anne)
        second = OutboundMessage.objects.get(candidate=bruno)
        page.click(f"[data-message='{first.public_id}'] [data-testid=unknown-arrived]")
        page.wait_for_url("**/sequences/outbox/")
        assert page.locator("[data-testid=unknown-row]").count() == 1
        page.click(f"[data-message='{second.public_id}'] [data-testid=unknown-resend]")
        page.wait_for_url("**/sequences/outbox/")
        assert page.locator("[data-testid=outbox-unknown]").count() == 0
        first.refresh_from_db()
        assert first.status == "sent" and Enrollment.objects.get(candidate=anne).next_at is not None
        second_before = second.message_id
        second.refresh_from_db()
        assert second.status == "scheduled" and second.message_id != second_before
        assert transport.memory_outbox == []  # nothing is sent until the worker runs
        engine.handle_one_retry()
        second.refresh_from_db()
        assert second.status == "sent" and len(transport.memory_outbox) == 1
        assert second.message_id.encode() in transport.memory_outbox[0]
    finally:
        clock.set_now(None)
        transport.memory_outbox.clear()
