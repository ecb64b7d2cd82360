"""A person's data: exported in one object, erased for real, and kept from coming back.

``candidate_export`` merges what every app declares it holds (``vivier.pool.holdings``) under the keys of the
``vivier privacy export`` contract. ``candidate_erase``:

1. records a tombstone (an HMAC under the installation key, see ``keys``) for each email, phone and LinkedIn
   URL, so that an import or an inbound message does not bring the person back;
2. keeps, for the campaign figures, the rows insights counts (the campaign's messages, the done LinkedIn and
   call steps, the enrollment, the replies with their intent, reason and times), unlinked from the candidate
   and with every personal field blanked: insights reads these same rows, so its figures stay exactly
   equal without a second set of statistics tables for it to read;
3. calls each app's ``erase`` in reverse dependency order (the rest goes: candidate, notes, timeline, tasks,
   other messages, raw inbound messages...), and deletes what no app links to the candidate but carries
   their addresses (unmatched inbound messages, bounce reports), and their rows in uploaded import files;
4. on SQLite, rebuilds the word index without the erased entries, and after the commit checkpoints the
   write-ahead log (``secure_delete`` is on for every connection, see settings): the bytes are gone;
5. adds an audit entry holding hashes only.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from vivier.lib import clock
from vivier.pool import holdings
from vivier.pool.models import Candidate, CandidateEmail, CandidateProfile, ImportBatch
from vivier.replies.models import InboundMessage, Reply
from vivier.sequences.models import Enrollment, OutboundAttachment, OutboundMessage, Task

from . import keys
from .models import AuditEntry, Tombstone

# The export's contract: these keys are always there (``funnel`` and ``requests`` fill in with their apps).
EXPORT_KEYS = (
    "candidate",
    "emails",
    "phones",
    "profiles",
    "sources",
    "consent",
    "timeline",
    "messages",
    "tasks",
    "funnel",
    "requests",
)
CONSENT_FIELDS = (
    "consent_basis",
    "consent_given_at",
    "consent_expires_at",
    "consent_informed_via",
    "last_candidate_activity_at",
)
# An app's export key -> the contract's key (and the direction of a message).
RENAMED = {"outbound_messages": ("messages", "out"), "inbound_messages": ("messages", "in")}
IDENTITY_KINDS = {"e": Tombstone.Kind.EMAIL, "p": Tombstone.Kind.PHONE, "u": Tombstone.Kind.LINKEDIN}


def candidate_export(*, candidate: Candidate) -> dict[str, Any]:
    """Everything held about ``candidate``, as one JSON-able object (keys: ``EXPORT_KEYS``, then the other
    things the apps hold under their own names: notes, tags, enrollments, replies...)."""
    out: dict[str, Any] = {key: [] for key in EXPORT_KEYS}
    for holding in holdings.holdings():
        for key, value in holding.export(candidate).items():
            target, direction = RENAMED.get(key, (key, None))
            if direction is not None:
                value = [{"direction": direction, **row} for row in value]
            if isinstance(value, list):
                out.setdefault(target, [])
                out[target] = [*out[target], *value]
            else:
                out[target] = value
    row = out["candidate"]
    out["consent"] = {name: row.get(name) for name in CONSENT_FIELDS} if isinstance(row, dict) else {}
    return out


def audit_record(*, team, by, action: str, subject: str = "", params: dict | None = None) -> AuditEntry:
    entry = AuditEntry(
        team=team, actor=by, action=action, subject=subject, params=params or {}, at=clock.now()
    )
    entry.save()
    return entry


# --- Tombstones ---------------------------------------------------------------------------------


def tombstone_record(*, team, kind: str, value: str, reason: str = "request") -> bool:
    """Record that ``value`` (normalized as the pool stores it) must not come back; True when new."""
    _, created = Tombstone.objects.get_or_create(
        team=team,
        kind=kind,
        digest=keys.digest(kind, value),
        defaults={"reason": reason[:30], "created_at": clock.now()},
    )
    return created


def blocked_keys(team):
    """The pool's blocklist checker (``vivier.pool.blocklist``) for ``team`` (None: any team)."""
    stones = Tombstone.objects.all() if team is None else Tombstone.objects.filter(team=team)
    known = set(stones.values_list("kind", "digest"))

    def check(identity: Iterable[str]) -> set[str]:
        if not known:
            return set()
        found = set()
        for key in identity:
            prefix, _, value = key.partition(":")
            kind = IDENTITY_KINDS.get(prefix)
            if kind is not None and (kind, keys.digest(kind, value)) in known:
                found.add(key)
        return found

    return check


def refusal_record(team, key: str, what: str) -> None:
    """The pool's blocklist refused something (an inbound message): an audit entry in each team concerned."""
    prefix, _, value = key.partition(":")
    kind = IDENTITY_KINDS.get(prefix)
    if kind is None:
        return
    digest = keys.digest(kind, value)
    stones = Tombstone.objects.filter(kind=kind, digest=digest)
    if team is not None:
        stones = stones.filter(team=team)
    for team_id in set(stones.values_list("team_id", flat=True)):
        AuditEntry(
            team_id=team_id,
            actor=None,
            action=AuditEntry.Action.INBOUND_DROPPED,
            subject=digest,
            at=clock.now(),
        ).save()


# --- Erasure ------------------------------------------------------------------------------------


@dataclass
class Erasure:
    found: bool
    tombstones: int = 0  # new ones (0 when everything was erased before)
    kept_for_statistics: dict[str, int] = field(default_factory=dict)
    files_scrubbed: int = 0
    files_deleted: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "tombstones": self.tombstones,
            "kept_for_statistics": self.kept_for_statistics,
            "files_scrubbed": self.files_scrubbed,
            "files_deleted": self.files_deleted,
        }


def address_erase(*, team, email: str, by, reason: str = "request") -> Erasure:
    """Erase the candidate of ``team`` who has ``email``; when nobody has it, record its tombstone alone
    (a "never contact"), so erasing twice is harmless."""
    from vivier.pool.importing.rows import RowError, clean_email

    try:
        address = clean_email(email)
    except RowError:
        address = email.strip().lower()
    address = address or email.strip().lower()
    found = CandidateEmail.objects.filter(team=team, email=address).select_related("candidate").first()
    if found is not None:
        return candidate_erase(candidate=found.candidate, by=by, reason=reason)
    with transaction.atomic():
        added = tombstone_record(team=team, kind=Tombstone.Kind.EMAIL, value=address, reason=reason)
        audit_record(
            team=team,
            by=by,
            action=AuditEntry.Action.TOMBSTONE,
            subject=keys.digest(Tombstone.Kind.EMAIL, address),
            params={"reason": reason[:200], "in_pool": False, "new": added},
        )
    return Erasure(found=False, tombstones=int(added))


def candidate_erase(*, candidate: Candidate, by, reason: str = "request") -> Erasure:
    team = candidate.team
    emails = list(candidate.emails.values_list("email", flat=True))
    phones = list(candidate.phones.values_list("e164", flat=True))
    raw_phones = [p for p in candidate.phones.values_list("raw", flat=True) if p]
    linkedin = list(
        candidate.profiles.filter(kind=CandidateProfile.Kind.LINKEDIN).values_list("url", flat=True)
    )
    urls = list(candidate.profiles.values_list("url", flat=True))
    result = Erasure(found=True)
    with transaction.atomic():
        for kind, values in (
            (Tombstone.Kind.EMAIL, emails),
            (Tombstone.Kind.PHONE, phones),
            (Tombstone.Kind.LINKEDIN, linkedin),
        ):
            for value in values:
                result.tombstones += tombstone_record(team=team, kind=kind, value=value, reason=reason)
        result.kept_for_statistics = _keep_for_statistics(candidate)
        for holding in reversed(holdings.holdings()):
            holding.erase(candidate)
        _erase_addressed(team, emails)
        identifiers = [*emails, *phones, *raw_phones, *urls]
        result.files_scrubbed, result.files_deleted = _scrub_imports(team, identifiers)
        _search_index_compact()
        audit_record(
            team=team,
            by=by,
            action=AuditEntry.Action.ERASE,
            subject=keys.hashed(str(candidate.public_id)),
            params={
                "reason": reason[:200],
                "tombstones": sorted(keys.digest(k, v) for k, vs in (("email", emails),) for v in vs),
                "kept_for_statistics": result.kept_for_statistics,
            },
        )
    wal_checkpoint()
    return result


def _keep_for_statistics(candidate: Candidate) -> dict[str, int]:
    """Unlink and blank the rows the campaign figures count (see the module docstring)."""
    enrollments = Enrollment.objects.filter(candidate=candidate)
    Enrollment.objects.filter(candidate=candidate, state=Enrollment.State.ACTIVE).update(
        state=Enrollment.State.ENDED, next_at=None
    )
    kept_enrollments = enrollments.update(
        candidate=None,
        hook="",
        claimed_by="",
        claimed_until=None,
        thread_root_id="",
        thread_subject="",
        thread_refs="",
        last_error="",
        stop_reason="",
        next_at=None,
    )
    messages = OutboundMessage.objects.filter(candidate=candidate, campaign__isnull=False)
    OutboundAttachment.objects.filter(message__in=messages).delete()
    messages.filter(status__in=[OutboundMessage.Status.SCHEDULED, OutboundMessage.Status.SENDING]).update(
        status=OutboundMessage.Status.CANCELLED
    )
    kept_messages = 0
    for pk, public_id in messages.values_list("pk", "public_id"):
        # message_id is unique: an opaque value that is no address.
        OutboundMessage.objects.filter(pk=pk).update(
            candidate=None,
            from_email="",
            from_name="",
            to_email="",
            to_name="",
            subject="",
            body="",
            message_id=f"erased-{public_id}",
            in_reply_to="",
            references="",
            unsubscribe_url="",
            raw=b"",
            claimed_by="",
            claimed_until=None,
            last_error="",
            smtp_response="",
        )
        kept_messages += 1
    kept_tasks = Task.objects.filter(
        candidate=candidate,
        enrollment__isnull=False,
        position__isnull=False,
        done_at__isnull=False,  # an open task is work for a recruiter, not a figure: it goes
        kind__in=[Task.Kind.LINKEDIN, Task.Kind.CALL],
    ).update(candidate=None, title="", params={}, body="")
    replies = Reply.objects.filter(candidate=candidate).exclude(
        enrollment__isnull=True, campaign__isnull=True
    )
    kept_replies = 0
    for reply in replies.select_related("inbound"):
        inbound = reply.inbound
        InboundMessage.objects.filter(pk=inbound.pk).update(
            message_id=f"erased-{inbound.public_id}",
            raw=b"",
            raw_sha256="",
            size=0,
            mailbox_address="",
            error="",
            from_address="",
            from_name="",
            subject="",
            in_reply_to="",
            references=[],
            text="",
            visible_text="",
            auto_reason="",
            bounce_recipient="",
            handle_error="",
        )
        Reply.objects.filter(pk=reply.pk).update(candidate=None, recontact_after=None, task=None)
        kept_replies += 1
    # The decline records are theirs (replies' erase deletes them); the reason stays on the Reply.
    return {
        "enrollments": kept_enrollments,
        "messages": kept_messages,
        "tasks": kept_tasks,
        "replies": kept_replies,
    }


def _erase_addressed(team, emails: list[str]) -> None:
    """Inbound messages that carry their address but were never tied to them (unmatched, bounce reports)."""
    if not emails:
        return
    InboundMessage.objects.filter(team=team, from_address__in=emails).delete()
    InboundMessage.objects.filter(team=team, bounce_recipient__in=emails).delete()
    InboundMessage.objects.filter(team__isnull=True, from_address__in=emails).delete()


# --- Uploaded import files ---------------------------------------------------------------------

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}


def _scrub_imports(team, identifiers: list[str]) -> tuple[int, int]:
    """Rewrite each uploaded file of the team without the person's rows (a row holding one of their emails,
    phones or profile URLs); a file that cannot be rewritten (a spreadsheet) is deleted. Their values are
    also taken out of the batches' error lists."""
    needles = [value.lower() for value in identifiers if value]
    if not needles:
        return 0, 0
    scrubbed = deleted = 0
    for batch in ImportBatch.objects.filter(team=team):
        errors = [e for e in batch.errors if not _mentions(str(e.get("message", "")), needles)]
        changed = {"errors": errors} if errors != batch.errors else {}
        path = Path(batch.stored_path) if batch.stored_path else None
        if path is not None and path.is_file():
            outcome = _scrub_file(path, needles)
            if outcome == "deleted":
                changed["stored_path"] = ""
                deleted += 1
            elif outcome == "scrubbed":
                scrubbed += 1
        if changed:
            ImportBatch.objects.filter(pk=batch.pk).update(**changed)
    return scrubbed, deleted


def _mentions(text: str, needles: list[str]) -> bool:
    lowered = text.lower()
    digits = "".join(ch for ch in lowered if ch.isdigit())
    for needle in needles:
        if needle in lowered:
            return True
        number = "".join(ch for ch in needle if ch.isdigit())
        if needle.startswith("+") and len(number) >= 8 and number[-9:] in digits:
            return True
    return False


def _scrub_file(path: Path, needles: list[str]) -> str:
    data = path.read_bytes()
    text = None
    if path.suffix.lower() in TEXT_SUFFIXES:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        if _mentions(data.decode("latin-1"), needles) or path.suffix.lower() not in TEXT_SUFFIXES:
            path.unlink()
            return "deleted"
        return "kept"
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    kept = [r for r in records if not _mentions(delimiter.join(r), needles)]
    if len(kept) == len(records):
        return "kept"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(kept)
    temporary = path.with_suffix(path.suffix + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(out.getvalue().encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    # Overwrite the old bytes in place before replacing, so the file system's free blocks do not keep them.
    with open(path, "r+b") as handle:
        handle.write(b"\0" * len(data))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return "scrubbed"


# --- SQLite: the bytes, not just the rows ----------------------------------------------------------


def _search_index_compact() -> None:
    """SQLite's FTS5 word index only marks a deleted row's words (this SQLite has no FTS5 secure-delete):
    merging its segments writes them out for good; the freed pages are zeroed by ``secure_delete``."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'pool_search_words'")
        if cursor.fetchone():
            cursor.execute("INSERT INTO pool_search_words(pool_search_words) VALUES ('optimize')")


def wal_checkpoint() -> None:
    """Copy the write-ahead log into the database file and empty it (the log kept the erased rows)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
