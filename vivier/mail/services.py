"""Mailboxes (writes)."""

import datetime as dt
import random

from django.db import connection

from vivier.lib import clock
from vivier.lib import tz as tzlib

from .mime import HeaderInjection, address
from .models import Mailbox


def mailbox_create(
    *,
    team,
    address_: str | None = None,
    kind: str = Mailbox.Kind.SMTP,
    owner=None,
    display_name: str = "",
    smtp_host: str = "",
    smtp_port: int = 587,
    smtp_security: str = Mailbox.Security.STARTTLS,
    smtp_username: str = "",
    smtp_password: str = "",
    daily_limit: int = 200,
    min_gap_seconds: int = 90,
    jitter_seconds: int = 60,
    signature: str = "",
    auth_method: str = Mailbox.Auth.PASSWORD,
    imap_host: str = "",
    imap_port: int = 993,
    imap_security: str = Mailbox.Security.TLS,
    imap_username: str = "",
    imap_password: str = "",
    imap_inbox: str = "INBOX",
    imap_sent: str = "Sent",
    **kw,
) -> Mailbox:
    addr = (address_ or kw.pop("address", "") or "").strip().lower()
    address(display_name, addr, "mailbox address")  # raises on a malformed address or a line break
    if kind not in Mailbox.Kind.values:
        raise ValueError(f"kind must be one of {', '.join(Mailbox.Kind.values)}")
    if kind == Mailbox.Kind.SMTP and not smtp_host:
        raise ValueError("an SMTP mailbox needs a host")
    _check_choices(smtp_security=smtp_security, imap_security=imap_security, auth_method=auth_method)
    if Mailbox.objects.filter(team=team, address=addr).exists():
        raise ValueError(f"the mailbox {addr} already exists")
    mailbox = Mailbox(
        team=team,
        owner=owner,
        address=addr,
        display_name=display_name,
        kind=kind,
        smtp_host=smtp_host,
        smtp_port=smtp_port,
        smtp_security=smtp_security,
        smtp_username=smtp_username,
        daily_limit=daily_limit,
        min_gap_seconds=min_gap_seconds,
        jitter_seconds=jitter_seconds,
        signature=signature,
        auth_method=auth_method,
        imap_host=imap_host.strip(),
        imap_port=imap_port,
        imap_security=imap_security,
        imap_username=imap_username.strip(),
        imap_inbox=imap_inbox.strip() or "INBOX",
        imap_sent=imap_sent.strip(),
        created_at=clock.now(),
    )
    mailbox.set_password(smtp_password)
    mailbox.set_imap_password(imap_password)
    mailbox.save()
    return mailbox


def _check_choices(*, smtp_security: str, imap_security: str, auth_method: str) -> None:
    if smtp_security not in Mailbox.Security.values or imap_security not in Mailbox.Security.values:
        raise ValueError(f"security must be one of {', '.join(Mailbox.Security.values)}")
    if auth_method not in Mailbox.Auth.values:
        raise ValueError(f"auth method must be one of {', '.join(Mailbox.Auth.values)}")


# Fields a recruiter edits; secrets are separate (a blank password in a form keeps the stored one).
EDITABLE = (
    "display_name",
    "owner",
    "kind",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "smtp_username",
    "daily_limit",
    "min_gap_seconds",
    "jitter_seconds",
    "signature",
    "auth_method",
    "imap_host",
    "imap_port",
    "imap_security",
    "imap_username",
    "imap_inbox",
    "imap_sent",
)


def mailbox_update(
    *, mailbox: Mailbox, smtp_password: str = "", imap_password: str = "", **fields
) -> Mailbox:
    """Change a mailbox's settings. An empty password keeps the stored one; a changed IMAP server or folder
    starts its polling afresh (the cursors and the last error belong to the old one)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
    merged = {name: fields.get(name, getattr(mailbox, name)) for name in EDITABLE}
    if merged["kind"] not in Mailbox.Kind.values:
        raise ValueError(f"kind must be one of {', '.join(Mailbox.Kind.values)}")
    if merged["kind"] == Mailbox.Kind.SMTP and not merged["smtp_host"]:
        raise ValueError("an SMTP mailbox needs a host")
    _check_choices(
        smtp_security=merged["smtp_security"],
        imap_security=merged["imap_security"],
        auth_method=merged["auth_method"],
    )
    address(merged["display_name"], mailbox.address, "mailbox address")
    imap_before = (
        mailbox.imap_host,
        mailbox.imap_port,
        mailbox.imap_username,
        mailbox.imap_inbox,
        mailbox.imap_sent,
    )
    for name, value in merged.items():
        setattr(mailbox, name, value.strip() if isinstance(value, str) and name != "signature" else value)
    mailbox.imap_inbox = mailbox.imap_inbox or "INBOX"
    if smtp_password:
        mailbox.set_password(smtp_password)
    if imap_password:
        mailbox.set_imap_password(imap_password)
    imap_after = (
        mailbox.imap_host,
        mailbox.imap_port,
        mailbox.imap_username,
        mailbox.imap_inbox,
        mailbox.imap_sent,
    )
    if imap_before != imap_after or imap_password:
        mailbox.imap_cursors = {}
        mailbox.imap_error, mailbox.imap_error_at, mailbox.imap_failures = "", None, 0
        mailbox.imap_next_poll_at = None
    mailbox.save()
    return mailbox


def mailbox_take_slots(*, mailbox: Mailbox, now: dt.datetime, wanted: int) -> tuple[int, list[dt.datetime]]:
    """Inside a transaction: how many of ``wanted`` sends fit now (daily limit, minimum gap plus jitter), and
    for each one that does not, when to try again. Moves the mailbox's rhythm state in one UPDATE."""
    qs = Mailbox.objects.filter(pk=mailbox.pk)
    if connection.vendor == "postgresql":
        qs = qs.select_for_update()
    mb = qs.get()
    zone = tzlib.zone(mailbox.team.time_zone)
    today = now.astimezone(zone).date()
    count = mb.day_count if mb.day == today else 0
    free = mb.next_free_at
    fits = 0
    later: list[dt.datetime] = []
    gap = dt.timedelta(seconds=mb.min_gap_seconds)
    tomorrow = tzlib._at_wall(today + dt.timedelta(days=1), dt.time(0, 0), zone)
    for _ in range(wanted):
        if count >= mb.daily_limit:
            later.append(tomorrow)
            continue
        if free is not None and free > now:
            # Spread the waiting ones one gap apart so they are not all re-examined at each slot.
            later.append(free + gap * len([t for t in later if t != tomorrow]))
            continue
        fits += 1
        count += 1
        if mb.min_gap_seconds or mb.jitter_seconds:
            # Deterministic jitter: the same mailbox, day and rank always wait the same, so tests can be exact.
            rng = random.Random(f"{mb.pk}:{today.isoformat()}:{count}")
            free = now + gap + dt.timedelta(seconds=round(rng.uniform(0, mb.jitter_seconds)))
    Mailbox.objects.filter(pk=mb.pk).update(day=today, day_count=count, next_free_at=free)
    return fits, later


__all__ = ["mailbox_create", "mailbox_take_slots", "mailbox_update", "HeaderInjection"]


def mailbox_poll_soon(*, mailbox_id: int, at: dt.datetime) -> bool:
    """New mail was announced (IMAP IDLE): the mailbox's next poll is due at ``at``, unless it already is.
    True when the mailbox was moved forward."""
    return bool(
        Mailbox.objects.filter(pk=mailbox_id, imap_next_poll_at__gt=at)
        .exclude(imap_host="")
        .update(imap_next_poll_at=at)
    )
