import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Step
from .services import MAX_DELAY

WEEKDAYS = [
    ("0", _("Mon")),
    ("1", _("Tue")),
    ("2", _("Wed")),
    ("3", _("Thu")),
    ("4", _("Fri")),
    ("5", _("Sat")),
    ("6", _("Sun")),
]

SNOOZE_CHOICES = [
    ("0", _("No snooze (the campaign just completes)")),
    ("3", _("3 months")),
    ("6", _("6 months")),
    ("12", _("12 months")),
    ("24", _("24 months")),
]


class StepForm(forms.Form):
    """One step of the editor; the editor holds several, prefixed ``s0``, ``s1``..."""

    delay = forms.IntegerField(label=_("Delay"), min_value=0, max_value=max(MAX_DELAY.values()), initial=0)
    delay_unit = forms.ChoiceField(
        label=_("Unit"), choices=Step.DelayUnit.choices, initial=Step.DelayUnit.DAYS
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Step.Channel.choices, initial=Step.Channel.EMAIL)
    subject_fr = forms.CharField(label=_("Subject (French)"), required=False, max_length=300)
    body_fr = forms.CharField(
        label=_("Body (French)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    subject_en = forms.CharField(label=_("Subject (English)"), required=False, max_length=300)
    body_en = forms.CharField(
        label=_("Body (English)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    same_thread = forms.BooleanField(
        label=_("Follow-up in the same thread (Re:)"), required=False, initial=True
    )
    window_weekdays = forms.MultipleChoiceField(
        label=_("Send on"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        initial=["0", "1", "2", "3", "4"],
    )
    window_start = forms.TimeField(
        label=_("from"), initial=dt.time(9, 0), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )
    window_end = forms.TimeField(
        label=_("to"), initial=dt.time(18, 0), widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and start >= end:
            self.add_error("window_end", _("The window must end after it starts."))
        return data

    def as_step_dict(self) -> dict:
        d = dict(self.cleaned_data)
        d["window_weekdays"] = sorted(int(x) for x in d["window_weekdays"])
        return d


STEP_KEYS = list(StepForm.base_fields)


def step_initial(step: Step) -> dict:
    return {
        "delay": step.delay,
        "delay_unit": step.delay_unit,
        "channel": step.channel,
        "subject_fr": step.subject_fr,
        "body_fr": step.body_fr,
        "subject_en": step.subject_en,
        "body_en": step.body_en,
        "same_thread": step.same_thread,
        "window_weekdays": [str(d) for d in step.window_weekdays],
        "window_start": step.window_start.strftime("%H:%M"),
        "window_end": step.window_end.strftime("%H:%M"),
    }


def new_step_initial(previous: dict | None = None) -> dict:
    """A new step: two days after the previous one, same window, in the same thread."""
    d = {
        "delay": 0 if previous is None else 2,
        "delay_unit": "days",
        "channel": "email",
        "subject_fr": "",
        "body_fr": "",
        "subject_en": "",
        "body_en": "",
        "same_thread": True,
        "window_weekdays": ["0", "1", "2", "3", "4"],
        "window_start": "09:00",
        "window_end": "18:00",
    }
    if previous:
        for key in ("window_weekdays", "window_start", "window_end"):
            d[key] = previous.get(key, d[key])
    return d


def step_raw(data, prefix: str) -> dict:
    """The raw values a step posted (to re-render them after add/remove/move without validating)."""
    raw = {
        key: data.get(f"{prefix}-{key}", "")
        for key in STEP_KEYS
        if key not in ("window_weekdays", "same_thread")
    }
    raw["window_weekdays"] = data.getlist(f"{prefix}-window_weekdays")
    raw["same_thread"] = bool(data.get(f"{prefix}-same_thread"))
    return raw


def step_data(raw: dict, prefix: str) -> dict:
    """``raw`` as form data under ``prefix`` (a plain dict with lists for the multi-valued field)."""
    data = {f"{prefix}-{k}": v for k, v in raw.items() if k not in ("window_weekdays", "same_thread")}
    if raw.get("same_thread"):
        data[f"{prefix}-same_thread"] = "on"
    return data


class SequenceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    end_wait_days = forms.IntegerField(label=_("Then wait (days)"), min_value=0, max_value=365, initial=7)
    snooze_months = forms.TypedChoiceField(
        label=_("Then snooze the candidate for"), choices=SNOOZE_CHOICES, coerce=int, initial="6"
    )
    snooze_until = forms.DateField(
        label=_("or until this date"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class YamlImportForm(forms.Form):
    file = forms.FileField(label=_("YAML file"), required=False)
    text = forms.CharField(
        label=_("or paste the YAML"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > 1_000_000:
                raise forms.ValidationError(_("The file is too large (1 MB at most)."))
            try:
                data["yaml"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc
        elif (data.get("text") or "").strip():
            data["yaml"] = data["text"]
        else:
            raise forms.ValidationError(_("Choose a file or paste the YAML."))
        return data


class LaunchForm(forms.Form):
    """Step one of the launch wizard; the choices are the team's (set by the view)."""

    name = forms.CharField(label=_("Campaign name"), max_length=200, required=False)
    saved_segment = forms.ChoiceField(label=_("Saved segment"), required=False)
    segment = forms.CharField(
        label=_("Segment (a query)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "skill:python city:lyon"}),
    )
    candidates = forms.CharField(
        label=_("or paste candidates (public ids or email addresses)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sequence = forms.ChoiceField(label=_("Sequence"))
    job = forms.ChoiceField(label=_("Job"), required=False)
    mailbox = forms.ChoiceField(label=_("Send from"), required=False)

    def __init__(
        self, *args, sequences=(), jobs=(), mailboxes=(), segments_available=False, saved_segments=(), **kw
    ):
        super().__init__(*args, **kw)
        self.fields["sequence"].choices = [(str(s.public_id), s.name) for s in sequences]
        self.fields["saved_segment"].choices = [("", _("(none: write a query or paste candidates)"))] + [
            (str(s.public_id), s.name) for s in saved_segments
        ]
        self.fields["job"].choices = [("", _("(no job)"))] + [
            (str(j.public_id), f"{j.title} · {j.company}" if j.company else j.title) for j in jobs
        ]
        self.fields["mailbox"].choices = [("", _("Built-in outbox (nothing leaves)"))] + [
            (str(m.public_id), f"{m.display_name} <{m.address}>" if m.display_name else m.address)
            for m in mailboxes
        ]
        self.segments_available = segments_available
        if not segments_available:
            del self.fields["segment"]
            del self.fields["saved_segment"]

    def clean(self):
        data = super().clean()
        given = [
            bool(data.get("saved_segment")),
            bool((data.get("segment") or "").strip()),
            bool((data.get("candidates") or "").strip()),
        ]
        if not any(given):
            raise forms.ValidationError(
                _("Choose a saved segment, give a segment query or paste some candidates.")
            )
        if sum(given) > 1:
            raise forms.ValidationError(
                _("Choose only one of: a saved segment, a segment query, pasted candidates.")
            )
        return data
