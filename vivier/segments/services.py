"""Writes on saved segments. The pages, the API and the CLI call these."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vivier.lib import clock

from .models import Segment
from .query import QueryError, compile_query


def _clean(*, team, name: str, query: str, exclude_pk=None) -> tuple[str, str]:
    name = " ".join((name or "").split())
    query = (query or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("A segment needs a name.")
    elif Segment.objects.filter(team=team, name=name).exclude(pk=exclude_pk).exists():
        errors["name"] = _("A segment with this name already exists.")
    if not query:
        errors["query"] = _("A segment needs a query.")
    else:
        try:
            compile_query(query, team=team)
        except QueryError as exc:
            errors["query"] = _("Position %(pos)s: %(msg)s") % {"pos": exc.position, "msg": exc.message}
    if errors:
        raise ValidationError(errors)
    return name[:200], query


@transaction.atomic
def segment_create(*, team, owner, name: str, query: str, description: str = "") -> Segment:
    """Save a query under a name. Raises ValidationError (per field) on a bad name or query."""
    name, query = _clean(team=team, name=name, query=query)
    now = clock.now()
    try:
        with transaction.atomic():
            return Segment.objects.create(
                team=team,
                owner=owner,
                name=name,
                query=query,
                description=(description or "").strip(),
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        raise ValidationError({"name": _("A segment with this name already exists.")}) from None


@transaction.atomic
def segment_update(
    *, segment: Segment, name: str | None = None, query: str | None = None, description: str | None = None
) -> Segment:
    name, query = _clean(
        team=segment.team,
        name=segment.name if name is None else name,
        query=segment.query if query is None else query,
        exclude_pk=segment.pk,
    )
    segment.name, segment.query = name, query
    if description is not None:
        segment.description = description.strip()
    segment.updated_at = clock.now()
    segment.save(update_fields=["name", "query", "description", "updated_at"])
    return segment


def segment_delete(*, segment: Segment) -> None:
    segment.delete()
