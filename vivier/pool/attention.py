"""The pool's step of the getting-started checklist (``vivier.accounts.attention``)."""

from django.utils.translation import gettext_lazy as _

from vivier.accounts import attention

from .models import Candidate


def pool_has_candidates(*, team) -> bool:
    return Candidate.objects.filter(team=team).exists()


def register() -> None:
    attention.step_register(
        "import", label=_("Import your pool"), url_name="pool:import", done=pool_has_candidates, order=10
    )
