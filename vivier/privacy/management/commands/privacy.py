"""`vivier privacy export|erase`: everything held about a person, and its erasure.

vivier privacy export ana@example.org [--team T] [--now ISO]       one JSON object
vivier privacy erase ana@example.org [--team T] [--reason TEXT] [--now ISO] [--json]

An address nobody in the pool has: ``export`` exits 1 (not found); ``erase`` records its tombstone (never
contact it) and says so, exit 0. Erasing twice is harmless.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from vivier.accounts import cli
from vivier.accounts.cli import NotFound, add_team_argument, dump, team_for_command
from vivier.lib import clock
from vivier.pool.models import CandidateEmail
from vivier.privacy import keys
from vivier.privacy.models import AuditEntry
from vivier.privacy.services import address_erase, audit_record, candidate_export
from vivier.sequences.management.commands.worker import parse_now


class Command(cli.Command):
    group = "Privacy"
    help = "A person's data: export it (one JSON object) or erase it for good."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        e = sub.add_parser("export", help="print everything held about the person, as one JSON object")
        e.add_argument("email", help="one of the person's email addresses")
        r = sub.add_parser("erase", help="erase the person (and record a tombstone of their addresses)")
        r.add_argument("email", help="one of the person's email addresses")
        r.add_argument("--reason", default="request", help="why (kept in the audit log; default: request)")
        for p in (e, r):
            p.add_argument("--json", action="store_true", help="print one JSON object (errors too)")
            p.add_argument("--now", help="act as if it were this instant (ISO-8601)")
            add_team_argument(p)

    def handle(self, *args, action, team=None, now=None, **o):
        if now:
            clock.set_now(parse_now(now))
        try:
            with translation.override(settings.LANGUAGE_CODE):
                getattr(self, action)(team_for_command(team), o)
        finally:
            if now:
                clock.set_now(None)

    def export(self, team, o):
        address = o["email"].strip().lower()
        found = CandidateEmail.objects.filter(team=team, email=address).select_related("candidate").first()
        if found is None:
            raise NotFound(f"no candidate with the email {address!r} in team {team.slug}")
        data = candidate_export(candidate=found.candidate)
        audit_record(
            team=team,
            by=None,
            action=AuditEntry.Action.EXPORT,
            subject=keys.hashed(str(found.candidate.public_id)),
            params={"via": "cli"},
        )
        self.stdout.write(dump(data))

    def erase(self, team, o):
        result = address_erase(team=team, email=o["email"], by=None, reason=o["reason"])
        if o.get("json"):
            self.stdout.write(dump(result.as_dict()))
        elif result.found:
            kept = result.kept_for_statistics
            self.stdout.write(
                _(
                    "Erased. %(messages)d messages and %(replies)d replies are kept, unlinked and without "
                    "personal data, for the campaign figures."
                )
                % {"messages": kept.get("messages", 0), "replies": kept.get("replies", 0)}
            )
        elif not result.tombstones:
            self.stdout.write(_("This address was already erased: nothing to do."))
        else:
            self.stdout.write(
                _(
                    "Nobody in the pool has this address: it is recorded as erased (never to be contacted "
                    "or imported again)."
                )
            )
