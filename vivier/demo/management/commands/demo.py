"""``vivier demo [--candidates N] [--seed S] [--reset]``: seed the demo team, its users and pool."""

from django.core.management.base import BaseCommand, CommandError

from vivier.demo.seed import DEMO_PASSWORD, DEMO_TEAM_SLUG, demo_seed


class Command(BaseCommand):
    group = "Running"
    help = "Seed a demo team with a believable pool (French and English, tech and non-tech jobs)."

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, default=3000, help="pool size (default 3000)")
        parser.add_argument(
            "--seed", type=int, default=None, help="random seed, for the same pool every time"
        )
        parser.add_argument("--reset", action="store_true", help="delete the existing demo first")

    def handle(self, *args, candidates, seed, reset, **options):
        try:
            result = demo_seed(candidates=candidates, seed=seed, reset=reset)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo team “{result.team.name}” created: {result.candidates} candidates, "
                    f"{result.duplicates} possible duplicates to review (seed {result.seed})."
                )
            )
            for hook in result.hooks:
                self.stdout.write(f"  + {hook}")
        else:
            self.stdout.write(
                f"The demo already exists (team “{result.team.name}”, slug {DEMO_TEAM_SLUG}, "
                f"{result.candidates} candidates): nothing changed. Use --reset to start it again."
            )
        self.stdout.write(
            f"Log in as demo / {DEMO_PASSWORD} (French UI, admin) or demo-en / {DEMO_PASSWORD} (English UI)."
        )
