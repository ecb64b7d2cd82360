"""Merge two candidates and dismiss a duplicate review."""

from django.db import IntegrityError, transaction
from django.db.models import Q

from vivier.lib import clock

from .. import facets
from ..models import (
    Candidate,
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateSource,
    CandidateTag,
    DuplicateReview,
    Note,
    TimelineEvent,
)
from .candidates import PROFILE_FIELDS, _display, _is_empty, candidate_refresh_search, name_key
from .timeline import timeline_add

# --- Duplicates: merge, dismiss --------------------------------------------------------------------

# Engagement dates: the merged record keeps the latest of each...
_LATEST_FIELDS = ("last_candidate_activity_at", "last_contacted_at", "last_reply_at", "snoozed_until")


@transaction.atomic
def candidate_merge(*, keep: Candidate, other: Candidate, by=None) -> Candidate:
    """Fold ``other`` into ``keep``; nothing is lost.

    1. Move every email, phone, profile, tag, source, note and timeline event of ``other`` to ``keep``
       (and any row other apps hang on a candidate).
    2. Fill keep's empty fields from other; a conflicting value is kept on the timeline (``conflict``).
    3. Record ``merged``, resolve their DuplicateReview, delete ``other``.
    """
    if keep.pk == other.pk or keep.team_id != other.team_id:
        raise ValueError("can only merge two different candidates of one team")
    keep = Candidate.objects.select_for_update().get(pk=keep.pk)
    other = Candidate.objects.select_for_update().get(pk=other.pk)
    now = clock.now()
    other_label = other.full_name or str(other.public_id)

    has_primary = keep.emails.filter(is_primary=True).exists()
    CandidateEmail.objects.filter(candidate=other).update(
        candidate=keep, **({"is_primary": False} if has_primary else {})
    )
    CandidatePhone.objects.filter(candidate=other).update(candidate=keep)
    CandidateProfile.objects.filter(candidate=other).update(candidate=keep)
    keep_tags = set(keep.tags.values_list("kind", "value"))
    for tag in list(other.tags.all()):
        if (tag.kind, tag.value) in keep_tags:
            tag.delete()
        else:
            CandidateTag.objects.filter(pk=tag.pk).update(candidate=keep)
    CandidateSource.objects.filter(candidate=other).update(candidate=keep)
    facets.refresh(keep)
    Note.objects.filter(candidate=other).update(candidate=keep)
    TimelineEvent.objects.filter(candidate=other).update(candidate=keep)

    conflicts = {}
    for name in PROFILE_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if _is_empty(theirs) or mine == theirs:
            continue
        if name in _LATEST_FIELDS:
            if mine is None or theirs > mine:
                setattr(keep, name, theirs)
        elif _is_empty(mine):
            setattr(keep, name, theirs)
        else:
            conflicts[name] = [_display(mine), _display(theirs)]
    for name in _LATEST_FIELDS[1:]:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if theirs is not None and (mine is None or theirs > mine):
            setattr(keep, name, theirs)
    if other.unsubscribed_at and (
        keep.unsubscribed_at is None or other.unsubscribed_at < keep.unsubscribed_at
    ):
        keep.unsubscribed_at = other.unsubscribed_at  # an unsubscribe is never undone by a merge
    if other.last_reply_at and other.last_reply_at == keep.last_reply_at:
        keep.last_reply_intent = keep.last_reply_intent or other.last_reply_intent
        keep.last_decline_reason = keep.last_decline_reason or other.last_decline_reason
    keep.in_active_campaign = keep.in_active_campaign or other.in_active_campaign
    for key, theirs in (other.custom_fields or {}).items():
        mine = keep.custom_fields.get(key)
        if _is_empty(mine):
            keep.custom_fields[key] = theirs
        elif mine != theirs:
            conflicts[f"custom_fields.{key}"] = [mine, theirs]
    if keep.owner_id is None:
        keep.owner_id = other.owner_id
    if (keep.latitude is None) and other.latitude is not None and keep.city == other.city:
        keep.latitude, keep.longitude = other.latitude, other.longitude
    keep.name_key = name_key(keep.first_name, keep.last_name)
    keep.save()

    _move_other_apps_rows(keep=keep, other=other)
    for review in (
        DuplicateReview.objects.filter(Q(first=other) | Q(second=other))
        .exclude(Q(first=keep) | Q(second=keep))
        .filter(status=DuplicateReview.Status.OPEN)
    ):
        # Another open review of the merged-away record now concerns the kept one (unless already paired).
        third = review.second if review.first_id == other.pk else review.first
        pair = Q(first=keep, second=third) | Q(first=third, second=keep)
        if not DuplicateReview.objects.filter(pair).exists():
            DuplicateReview.objects.filter(pk=review.pk).update(
                **({"first": keep} if review.first_id == other.pk else {"second": keep})
            )
    DuplicateReview.objects.filter(Q(first=keep, second=other) | Q(first=other, second=keep)).update(
        status=DuplicateReview.Status.MERGED, resolved_at=now, resolved_by=by
    )

    for name, (kept, dropped) in conflicts.items():
        timeline_add(
            candidate=keep,
            kind=TimelineEvent.Kind.CONFLICT,
            actor=by,
            at=now,
            params={"field": name, "kept": kept, "other": dropped},
        )
    timeline_add(
        candidate=keep,
        kind=TimelineEvent.Kind.MERGED,
        actor=by,
        at=now,
        params={"other": str(other.public_id), "other_name": other_label, "conflicts": sorted(conflicts)},
    )
    other.delete()
    candidate_refresh_search(candidate=keep)
    return keep


_POOL_RELATIONS = {
    CandidateEmail,
    CandidatePhone,
    CandidateProfile,
    CandidateTag,
    CandidateSource,
    Note,
    TimelineEvent,
    DuplicateReview,
}


def _move_other_apps_rows(*, keep: Candidate, other: Candidate) -> None:
    """Rows other apps hang on a candidate (enrollments, messages...) follow the kept record.

    A row that would break a uniqueness rule (e.g. both were enrolled in one campaign) stays and goes
    with the merged-away record; the timeline already holds its history.
    """
    for relation in Candidate._meta.get_fields(include_hidden=True):
        if not (
            relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
        ):
            continue
        model = relation.related_model
        if model in _POOL_RELATIONS or model is Candidate:
            continue
        field = relation.field.name
        for pk in list(model._default_manager.filter(**{field: other}).values_list("pk", flat=True)):
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk=pk).update(**{field: keep})
            except IntegrityError:
                continue


def duplicate_dismiss(*, review: DuplicateReview, by=None) -> DuplicateReview:
    """Not the same person: close the review (it will not be proposed again for this pair)."""
    review.status = DuplicateReview.Status.DISMISSED
    review.resolved_at = clock.now()
    review.resolved_by = by
    review.save(update_fields=["status", "resolved_at", "resolved_by"])
    return review
