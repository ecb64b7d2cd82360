"""``vivier import FILE... [--team T] [--source NAME] [--format ...] [--mapping JSON|FILE] [--dry-run] [--json]``"""

import json
import sys

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import team_for_command
from vivier.pool.importing import FORMATS, UnreadableFile, import_run, parse_mapping


class Command(cli.Command):
    group = "Pool"
    requires_system_checks = []  # a bulk tool: the checks cost startup time and guard nothing here
    help = "Import candidates from CSV, XLSX or XLS files (Lever, Greenhouse, LinkedIn or any layout)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--team", help="team slug (optional when there is only one team)")
        parser.add_argument(
            "--source",
            default="",
            help="where these candidates come from (default: the export format, or the file name)",
        )
        parser.add_argument("--format", default="auto", choices=FORMATS)
        parser.add_argument("--mapping", help='JSON {"Column header": "field"} or a JSON file with it')
        parser.add_argument("--dry-run", action="store_true", help="show what would happen, change nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object with the report")

    def handle(self, *args, **options):
        team = team_for_command(options["team"], create_default=True)
        try:
            mapping = parse_mapping(options["mapping"])
        except (ValueError, OSError) as exc:
            raise CommandError(f"--mapping: {exc}") from exc
        for name in options["files"]:
            try:
                open(name, "rb").close()
            except OSError as exc:
                raise CommandError(f"cannot read {name}: {exc.strerror}") from exc
        try:
            report = import_run(
                team=team,
                paths=options["files"],
                source=options["source"],
                format=options["format"],
                mapping=mapping,
                dry_run=options["dry_run"],
            )
        except (ValueError, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        data = report.as_dict()
        if options["json"]:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            if report.failed:
                sys.exit(1)
            return
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"{data['rows']} rows read: {data['created']} candidates {verb} created, "
            f"{data['merged']} merged into existing ones, {data['unchanged']} unchanged, "
            f"{len(data['errors'])} problems."
        )
        for error in data["errors"][:200]:
            self.stdout.write(f"  row {error['row']}: {error['message']}")
        if len(data["errors"]) > 200:
            self.stdout.write(f"  ... and {len(data['errors']) - 200} more (use --json for all)")
        if report.failed:
            self.stderr.write(f"import failed: {report.file_message}")
            sys.exit(1)
