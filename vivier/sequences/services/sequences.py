"""Sequences and their steps: save, update, YAML import and export, preview."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from vivier.lib import clock
from vivier.pool.models import Candidate

from ..models import Sequence, Step
from ..rendering import check_syntax, render_step

# --- Sequences -----------------------------------------------------------------------------

STEP_FIELDS = (
    "delay",
    "delay_unit",
    "channel",
    "subject_fr",
    "body_fr",
    "subject_en",
    "body_en",
    "same_thread",
    "window_weekdays",
    "window_start",
    "window_end",
)


# The longest wait a step may ask for, per unit (two years): beyond it a date overflows the calendar.
MAX_DELAY = {"days": 730, "hours": 730 * 24, "business_days": 520}
MAX_END_WAIT_DAYS = 365


def _validate_step(data: dict, index: int) -> dict:
    clean = {k: data[k] for k in STEP_FIELDS if k in data}
    where = gettext("step %(number)s") % {"number": index + 1}
    if clean.get("channel", Step.Channel.EMAIL) not in Step.Channel.values:
        raise ValueError(
            gettext("%(where)s: channel must be one of %(values)s")
            % {"where": where, "values": ", ".join(Step.Channel.values)}
        )
    if clean.get("delay_unit", Step.DelayUnit.DAYS) not in Step.DelayUnit.values:
        raise ValueError(
            gettext("%(where)s: delay_unit must be one of %(values)s")
            % {"where": where, "values": ", ".join(Step.DelayUnit.values)}
        )
    delay = clean.get("delay", 0)
    if not isinstance(delay, int) or isinstance(delay, bool) or delay < 0:
        raise ValueError(gettext("%(where)s: delay must be a whole number >= 0") % {"where": where})
    unit = clean.get("delay_unit", Step.DelayUnit.DAYS)
    if delay > MAX_DELAY[unit]:
        raise ValueError(
            gettext("%(where)s: a delay is at most %(max)s %(unit)s")
            % {"where": where, "max": MAX_DELAY[unit], "unit": Step.DelayUnit(unit).label}
        )
    days = clean.get("window_weekdays", [0, 1, 2, 3, 4])
    if not isinstance(days, list) or not days or any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise ValueError(
            gettext("%(where)s: window_weekdays must list weekdays 0 (Monday) to 6 (Sunday)")
            % {"where": where}
        )
    for key in ("window_start", "window_end"):
        if key in clean and isinstance(clean[key], str):
            try:
                clean[key] = dt.time.fromisoformat(clean[key])
            except ValueError as exc:
                raise ValueError(
                    gettext("%(where)s: %(key)s must be HH:MM") % {"where": where, "key": key}
                ) from exc
    for key in ("subject_fr", "body_fr", "subject_en", "body_en"):
        if key in clean:
            clean[key] = clean[key] or ""
            try:
                check_syntax(clean[key])
            except ValueError as exc:
                raise ValueError(
                    gettext("%(where)s, %(key)s: %(error)s") % {"where": where, "key": key, "error": exc}
                ) from exc
    channel = clean.get("channel", Step.Channel.EMAIL)
    if channel == Step.Channel.EMAIL and not (
        clean.get("body_fr", "").strip() or clean.get("body_en", "").strip()
    ):
        raise ValueError(
            gettext("%(where)s: an email step needs a body (body_fr or body_en)") % {"where": where}
        )
    return clean


@transaction.atomic
def sequence_save(
    *,
    team,
    name: str,
    steps: list[dict],
    description: str = "",
    end_wait_days: int = 7,
    snooze_months: int = 6,
    snooze_until: dt.date | None = None,
) -> Sequence:
    """Create the sequence or replace its steps. Enrolled candidates' future steps follow the new version
    (enrollments point at step positions, not at step rows)."""
    name = (name or "").strip()
    if not name:
        raise ValueError(gettext("a sequence needs a name"))
    if not steps:
        raise ValueError(gettext("a sequence needs at least one step"))
    if not isinstance(end_wait_days, int) or not 0 <= end_wait_days <= MAX_END_WAIT_DAYS:
        raise ValueError(gettext("end_wait_days must be 0 to %(max)s") % {"max": MAX_END_WAIT_DAYS})
    if snooze_months not in (0, 3, 6, 12, 24) and snooze_until is None:
        raise ValueError(gettext("snooze_months must be 0, 3, 6, 12 or 24"))
    cleaned = [_validate_step(s, i) for i, s in enumerate(steps)]
    now = clock.now()
    sequence, created = Sequence.objects.get_or_create(
        team=team,
        name=name,
        defaults={"created_at": now, "updated_at": now},
    )
    sequence.description = description
    sequence.end_wait_days = end_wait_days
    sequence.snooze_months = snooze_months
    sequence.snooze_until = snooze_until
    sequence.updated_at = now
    sequence.save()
    existing = {s.position: s for s in sequence.steps.all()}
    for position, data in enumerate(cleaned):
        step = existing.pop(position, None) or Step(sequence=sequence, position=position)
        for key in STEP_FIELDS:
            setattr(step, key, data.get(key, Step._meta.get_field(key).get_default()))
        step.save()
    for step in existing.values():
        step.delete()
    return sequence


@transaction.atomic
def sequence_update(
    *,
    sequence: Sequence,
    name: str,
    steps: list[dict],
    description: str = "",
    end_wait_days: int = 7,
    snooze_months: int = 6,
    snooze_until: dt.date | None = None,
) -> Sequence:
    """Save an existing sequence from the editor, renaming it first if its name changed (``sequence_save``
    finds a sequence by name, so a rename would otherwise create a copy)."""
    name = (name or "").strip()
    if name and name != sequence.name:
        if Sequence.objects.filter(team_id=sequence.team_id, name=name).exclude(pk=sequence.pk).exists():
            raise ValueError(gettext("Another sequence is already named “%(name)s”.") % {"name": name})
        Sequence.objects.filter(pk=sequence.pk).update(name=name)
    return sequence_save(
        team=sequence.team,
        name=name,
        steps=steps,
        description=description,
        end_wait_days=end_wait_days,
        snooze_months=snooze_months,
        snooze_until=snooze_until,
    )


def sequence_import_yaml(*, team, text: str) -> Sequence:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(gettext("not valid YAML: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise ValueError(gettext("the file must describe one sequence (a mapping with name and steps)"))
    unknown = set(data) - {"name", "description", "steps", "end"}
    if unknown:
        raise ValueError(gettext("unknown keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    end = data.get("end") or {}
    steps = []
    for i, raw in enumerate(data.get("steps") or []):
        if not isinstance(raw, dict):
            raise ValueError(gettext("step %(number)s must be a mapping") % {"number": i + 1})
        step = dict(raw)
        subject, body = step.pop("subject", None), step.pop("body", None)
        for lang in ("fr", "en"):
            if isinstance(subject, dict):
                step.setdefault(f"subject_{lang}", subject.get(lang, ""))
            if isinstance(body, dict):
                step.setdefault(f"body_{lang}", body.get(lang, ""))
        window = step.pop("window", None) or {}
        if "days" in window:
            step["window_weekdays"] = window["days"]
        if "start" in window:
            step["window_start"] = str(window["start"])
        if "end" in window:
            step["window_end"] = str(window["end"])
        if "delay" in step and isinstance(step["delay"], str):
            amount, _, unit = step["delay"].partition(" ")
            try:
                step["delay"] = int(amount)
            except ValueError as exc:
                raise ValueError(
                    gettext("step %(number)s: delay like “2 days”, “1 week”, “4 hours” or “3 business days”")
                    % {"number": i + 1}
                ) from exc
            unit = unit.strip().replace(" ", "_") or "days"
            unit = unit if unit.endswith("s") else unit + "s"
            if unit == "weeks":
                step["delay"], unit = step["delay"] * 7, "days"
            step["delay_unit"] = unit
        unknown = set(step) - set(STEP_FIELDS)
        if unknown:
            raise ValueError(
                gettext("step %(number)s: unknown keys: %(keys)s")
                % {"number": i + 1, "keys": ", ".join(sorted(unknown))}
            )
        steps.append(step)
    snooze_until = end.get("snooze_until")
    if isinstance(snooze_until, str):
        snooze_until = dt.date.fromisoformat(snooze_until)
    return sequence_save(
        team=team,
        name=str(data.get("name") or ""),
        description=data.get("description") or "",
        steps=steps,
        end_wait_days=int(end.get("wait_days", 7)),
        snooze_months=int(end.get("snooze_months", 6)),
        snooze_until=snooze_until,
    )


def sequence_export_yaml(*, sequence: Sequence) -> str:
    import yaml

    steps = []
    for step in sequence.steps.all():
        item = {"delay": f"{step.delay} {step.delay_unit}", "channel": step.channel}
        item["subject"] = {"fr": step.subject_fr, "en": step.subject_en}
        item["body"] = {"fr": step.body_fr, "en": step.body_en}
        item["same_thread"] = step.same_thread
        item["window"] = {
            "days": list(step.window_weekdays),
            "start": step.window_start.strftime("%H:%M"),
            "end": step.window_end.strftime("%H:%M"),
        }
        steps.append(item)
    end = {"wait_days": sequence.end_wait_days, "snooze_months": sequence.snooze_months}
    if sequence.snooze_until:
        end["snooze_until"] = sequence.snooze_until.isoformat()
    data = {"name": sequence.name, "description": sequence.description, "steps": steps, "end": end}

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


def preview_step(*, step: Step, candidate: Candidate, job=None, mailbox=None, owner=None, hook: str = ""):
    """What ``step`` would say to ``candidate`` (a ``Rendered``: subject, body, missing, errors)."""
    return render_step(step=step, candidate=candidate, job=job, owner=owner, mailbox=mailbox, hook=hook)
