"""`vivier job create --title ...` / `vivier job list`."""

import json

from django.core.management.base import CommandError

from vivier.accounts import cli
from vivier.accounts.cli import add_team_argument, team_for_command
from vivier.jobs.models import Job
from vivier.jobs.services import job_create


class Command(cli.Command):
    group = "Campaigns"
    help = "Create or list jobs (what campaigns are about)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--title", required=True)
        create.add_argument("--company", default="")
        create.add_argument("--location", default="")
        create.add_argument("--salary-min", type=int)
        create.add_argument("--salary-max", type=int)
        create.add_argument("--currency", default="EUR")
        create.add_argument("--pitch", default="")
        create.add_argument("--url", default="")
        create.add_argument("--slug")
        add_team_argument(create)
        lst = sub.add_parser("list")
        lst.add_argument("--json", action="store_true")
        add_team_argument(lst)

    def handle(self, *args, action, team=None, **o):
        team = team_for_command(team)
        if action == "create":
            try:
                job = job_create(
                    team=team,
                    title=o["title"],
                    company=o["company"],
                    location=o["location"],
                    salary_min=o["salary_min"],
                    salary_max=o["salary_max"],
                    salary_currency=o["currency"],
                    pitch=o["pitch"],
                    url=o["url"],
                    slug=o["slug"],
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(job.slug)
            return
        for job in Job.objects.filter(team=team, archived_at__isnull=True):
            row = {
                "slug": job.slug,
                "title": job.title,
                "company": job.company,
                "location": job.location,
                "salary": job.salary,
            }
            self.stdout.write(
                json.dumps(row, ensure_ascii=False)
                if o.get("json")
                else f"{job.slug}\t{job.title}\t{job.company}"
            )
