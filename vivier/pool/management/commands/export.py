"""``vivier export --format csv|xlsx|jsonl [--team T] [--output FILE]``"""

import sys

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import team_for_command
from vivier.pool.exporting import BINARY_FORMATS, FORMATS, export_candidates


class Command(cli.Command):
    group = "Pool"
    help = (
        "Export the pool, one candidate per line, with all their emails, phones, profiles, tags and sources."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", default="csv", choices=FORMATS)
        parser.add_argument("--team", help="team slug (optional when there is only one team)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, **options):
        team = team_for_command(options["team"])
        binary = options["format"] in BINARY_FORMATS
        if options["output"]:
            try:
                out = (
                    open(options["output"], "wb")
                    if binary
                    else open(options["output"], "w", encoding="utf-8", newline="")
                )
            except OSError as exc:
                raise CommandError(f"cannot write {options['output']}: {exc.strerror}") from exc
            with out:
                count = export_candidates(team=team, format=options["format"], out=out)
            self.stderr.write(f"{count} candidates written to {options['output']}")
        else:
            if binary:
                sys.stdout.flush()
                export_candidates(team=team, format=options["format"], out=sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                export_candidates(team=team, format=options["format"], out=sys.stdout)
