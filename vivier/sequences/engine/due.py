"""``handle_one_due``: claim, decide, commit as ``sending``, send, record, batch after batch."""

import datetime as dt
import logging
import sys
import time

from vivier.lib import clock

from . import decide, sender, state
from .claim import backoff, batch_size, claim_due
from .commit import commit_sending
from .decide import Pending
from .sender import Flight, guard, land, the_sender, threaded

log = logging.getLogger("vivier.engine")


def _prepare(token: str, claimed: list, now: dt.datetime, flight: Flight | None) -> list[Pending]:
    cache: dict = {}
    pending = []
    # No candidate of the batch in flight can be here: a candidate has one active enrollment at most
    # (constraint enrollment_one_active_per_candidate), and the one in flight has no next_at until it lands.
    for enrollment in claimed:
        guard(flight)
        try:
            decided = decide.decide_one(enrollment, now, cache)
        except Exception as exc:  # one broken row must not stop the others
            log.exception("enrollment %s failed", enrollment.public_id)
            backoff(enrollment, now, f"{type(exc).__name__}: {exc}")
            continue
        if decided is not None:
            pending.append(decided)
    guard(flight)
    return commit_sending(token, pending, now)


def handle_one_due() -> bool:
    """Claim a batch of due enrollments and run their steps. True when something was done.
    Batches that go through SMTP chain for up to PIPELINE_SECONDS, each overlapping the previous one's
    sending; all of them are sent and recorded before this returns."""
    flight: Flight | None = None
    worked = False
    deadline = time.monotonic() + sender.PIPELINE_SECONDS
    switch = sys.getswitchinterval()
    try:
        while True:
            now = clock.now()
            token, claimed = claim_due(now, batch_size())
            guard(flight)
            if not claimed:
                break
            worked = True
            go = _prepare(token, claimed, now, flight)
            if flight is not None:
                landing, flight = flight, None
                land(landing)
            if not threaded(go) or state.stop_requested:
                sender.send_all(go)
                break
            flight = Flight(go, guard_at=time.monotonic())  # commit_sending just checked them all
            sys.setswitchinterval(sender.SWITCH_INTERVAL)
            the_sender().inbox.put(flight)
            if state.stop_requested or time.monotonic() >= deadline:
                break
    finally:
        if flight is not None:
            land(flight)
        sys.setswitchinterval(switch)
    return worked
