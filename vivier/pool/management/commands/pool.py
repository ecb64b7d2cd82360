"""``vivier pool reclassify [--team T] [--json]`` and ``vivier pool family add|list``: the job taxonomy
applied to a pool, and a team's own job families and synonyms."""

from vivier.accounts import cli
from vivier.accounts.cli import add_team_argument, dump, team_for_command


class Command(cli.Command):
    group = "Pool"
    requires_system_checks = []
    help = "Re-infer job families and seniority from titles; add a team's own job families."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reclassify = sub.add_parser(
            "reclassify",
            help="infer job family, specialty and seniority again (only inferred or empty values)",
        )
        reclassify.add_argument("--json", action="store_true")
        add_team_argument(reclassify)
        family = sub.add_parser("family", help="a team's own job families and synonyms")
        actions = family.add_subparsers(dest="family_action", required=True)
        add = actions.add_parser("add", help="add a family, or synonyms to a shipped one (same tag)")
        add.add_argument("tag", help='the value stored on candidates, e.g. "aide-soignant" or "backend"')
        add.add_argument("--name-en", default="")
        add.add_argument("--name-fr", default="")
        add.add_argument("--synonym", action="append", default=[], help="a word or phrase (repeatable)")
        add.add_argument("--json", action="store_true")
        add_team_argument(add)
        lst = actions.add_parser("list")
        lst.add_argument("--json", action="store_true")
        add_team_argument(lst)

    def handle(self, *args, action, team=None, **options):
        from vivier.pool import selectors, services

        team = team_for_command(team)
        if action == "reclassify":
            changed = services.candidates_classify(team_id=team.pk)
            if options["json"]:
                self.stdout.write(dump({"team": team.slug, "changed": changed}))
            else:
                self.stdout.write(f"{changed} candidates reclassified")
            return
        if options["family_action"] == "add":
            try:
                family = services.job_family_add(
                    team=team,
                    tag=options["tag"],
                    name_en=options["name_en"],
                    name_fr=options["name_fr"],
                    synonyms=options["synonym"],
                )
            except ValueError as exc:
                raise cli.Refused(str(exc)) from exc
            row = {"tag": family.tag, "name_en": family.name_en, "name_fr": family.name_fr}
            row["synonyms"] = family.synonyms
            self.stdout.write(dump(row) if options["json"] else family.tag)
            return
        for family in selectors.job_family_list(team=team):
            row = {
                "tag": family.tag,
                "name_en": family.name_en,
                "name_fr": family.name_fr,
                "synonyms": family.synonyms,
            }
            self.stdout.write(dump(row) if options["json"] else f"{family.tag}\t{', '.join(family.synonyms)}")
