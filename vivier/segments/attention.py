"""The segments' step of the getting-started checklist (``vivier.accounts.attention``)."""

from django.utils.translation import gettext_lazy as _

from vivier.accounts import attention

from .models import Segment


def segment_exists(*, team) -> bool:
    return Segment.objects.filter(team=team).exists()


def register() -> None:
    attention.step_register(
        "segment", label=_("Build a segment"), url_name="segments:new", done=segment_exists, order=20
    )
