"""`vivier sequence import FILE.yaml` / `vivier sequence export NAME` / `vivier sequence list`."""

from pathlib import Path

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import add_team_argument, team_for_command
from vivier.sequences.models import Sequence
from vivier.sequences.services import sequence_export_yaml, sequence_import_yaml


class Command(cli.Command):
    group = "Campaigns"
    help = "Import, export or list sequences (YAML playbooks)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="create or update a sequence from a YAML file")
        imp.add_argument("file")
        add_team_argument(imp)
        exp = sub.add_parser("export", help="print a sequence as YAML")
        exp.add_argument("name")
        exp.add_argument("-o", "--output", help="write to this file instead of stdout")
        add_team_argument(exp)
        lst = sub.add_parser("list")
        add_team_argument(lst)

    def handle(self, *args, action, team=None, **options):
        team = team_for_command(team)
        if action == "import":
            path = Path(options["file"])
            if not path.exists():
                raise CommandError(f"{path}: no such file")
            try:
                sequence = sequence_import_yaml(team=team, text=path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            self.stdout.write(f"sequence “{sequence.name}”: {sequence.steps.count()} steps")
        elif action == "export":
            sequence = Sequence.objects.filter(team=team, name=options["name"]).first()
            if sequence is None:
                raise CommandError(f"no sequence named {options['name']!r}")
            text = sequence_export_yaml(sequence=sequence)
            if options.get("output"):
                Path(options["output"]).write_text(text, encoding="utf-8")
            else:
                self.stdout.write(text, ending="")
        else:
            for sequence in Sequence.objects.filter(team=team):
                self.stdout.write(f"{sequence.name}\t{sequence.steps.count()} steps")
