"""Filling missing hooks in place: the launch review and the follow-up of the yes share these."""

HOOK_FIELD = "hook-"


def hooks_posted(data, hooks: dict | None = None) -> dict:
    """The hooks typed on the page (``hook-<candidate public id>`` fields) over ``hooks``; blanks dropped."""
    hooks = dict(hooks or {})
    for name, value in data.items():
        if name.startswith(HOOK_FIELD):
            hooks[name[len(HOOK_FIELD) :]] = value.strip()
    return {k: v for k, v in hooks.items() if v}


def sequence_uses_hook(sequence) -> bool:
    return any("hook" in (s.subject_fr + s.body_fr + s.subject_en + s.body_en) for s in sequence.steps.all())


def missing_rows(review, hooks: dict) -> list[tuple]:
    """(candidate, problems in the reader's words, a hook is missing, the hook typed so far) per candidate
    whose templates render with missing values."""
    from .pages import _review_text

    return [
        (
            c,
            [_review_text(p) for p in problems],
            any("missing hook" in p for p in problems),
            hooks.get(str(c.public_id), ""),
        )
        for c, problems in review.missing
    ]
