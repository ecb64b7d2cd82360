"""Forms for the pool pages. They only parse and present; the services validate and write."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vivier.accounts.models import User

from .labels import language_name
from .models import Candidate, CandidateTag, ContractType, CustomField

PROFILE_FORM_FIELDS = [
    "first_name",
    "last_name",
    "headline",
    "current_title",
    "current_company",
    "seniority",
    "years_experience",
    "city",
    "country",
    "max_commute_km",
    "open_to_relocation",
    "remote_preference",
    "available_from",
    "notice_period_days",
    "salary_amount",
    "salary_currency",
    "salary_period",
    "preferred_language",
    "time_zone",
    "consent_basis",
    "consent_given_at",
    "consent_expires_at",
    "consent_informed_via",
]
TAG_FIELDS = {  # form field -> CandidateTag kind
    "job_families": CandidateTag.Kind.JOB_FAMILY,
    "skills": CandidateTag.Kind.SKILL,
    "languages": CandidateTag.Kind.LANGUAGE,
    "interests": CandidateTag.Kind.INTEREST,
    "contracts": CandidateTag.Kind.CONTRACT,
}
LIST_FORM_FIELDS = ("emails", "phones", "profiles")

# The groups the candidate form is laid out in (the template walks them).
FIELDSETS = [
    (_("Identity"), ["first_name", "last_name", "headline", "preferred_language", "time_zone", "owner"]),
    (_("Contact"), ["emails", "phones", "profiles"]),
    (
        _("Current position"),
        [
            "current_title",
            "current_company",
            "seniority",
            "years_experience",
            "job_families",
            "skills",
            "languages",
            "interests",
        ],
    ),
    (
        _("Location and mobility"),
        ["city", "country", "max_commute_km", "open_to_relocation", "remote_preference"],
    ),
    (
        _("Availability and expectations"),
        [
            "available_from",
            "notice_period_days",
            "contracts",
            "salary_amount",
            "salary_currency",
            "salary_period",
        ],
    ),
    (_("Consent"), ["consent_basis", "consent_given_at", "consent_expires_at", "consent_informed_via"]),
]

LABELS = {
    "salary_currency": _("currency"),
    "salary_period": _("period"),
    "consent_basis": _("legal basis"),
    "consent_given_at": _("consent given on"),
    "consent_expires_at": _("consent expires on"),
    "consent_informed_via": _("how the candidate was informed"),
    "time_zone": _("time zone"),
}


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()]


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]


class CandidateForm(forms.Form):
    emails = forms.CharField(
        label=_("Emails"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; the first is the main one."),
    )
    phones = forms.CharField(
        label=_("Phones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    profiles = forms.CharField(
        label=_("Profiles (LinkedIn, GitHub, web)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One URL per line."),
    )
    job_families = forms.CharField(
        label=_("Job families"), required=False, help_text=_("Separated by commas.")
    )
    skills = forms.CharField(label=_("Skills"), required=False, help_text=_("Separated by commas."))
    languages = forms.CharField(label=_("Languages"), required=False, help_text=_("Separated by commas."))
    interests = forms.CharField(label=_("Interests"), required=False, help_text=_("Separated by commas."))
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    contracts = forms.MultipleChoiceField(
        label=_("Wanted contracts"),
        required=False,
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def _mark_inferred(self, candidate) -> None:
        """Say which values the job taxonomy inferred: changing or emptying one makes it the person's."""
        source = candidate.current_title or candidate.headline
        note = _("Inferred from “%(title)s”: change or empty it to set it yourself.") % {"title": source}
        jobs = candidate.tags.filter(kind=CandidateTag.Kind.JOB_FAMILY).values_list("value", flat=True)
        for name, inferred in (
            ("seniority", candidate.is_inferred("seniority")),
            ("years_experience", candidate.is_inferred("years_experience")),
            ("job_families", any(candidate.is_inferred("job", value) for value in jobs)),
        ):
            if inferred and name in self.fields:
                self.fields[name].help_text = note

    def __init__(self, *args, team, candidate=None, **kwargs):
        self.candidate = candidate
        if candidate is not None:
            kwargs.setdefault("initial", self.initial_for(candidate))
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Candidate,
            fields=PROFILE_FORM_FIELDS,
            labels=LABELS,
            widgets={
                "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "consent_given_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "consent_expires_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "headline": forms.TextInput(),
            },
        )
        for name, field in model_fields.items():
            if name in ("consent_given_at", "consent_expires_at"):
                field = forms.DateField(label=field.label, required=False, widget=field.widget)
            field.required = False
            self.fields[name] = field
        # The candidate's language is named in the reader's language, like every other value of the form.
        self.fields["preferred_language"].choices = [(code, language_name(code)) for code in ("fr", "en")]
        self.members = {
            str(u.public_id): u
            for u in User.objects.filter(memberships__team=team).order_by(
                "first_name", "last_name", "username"
            )
        }
        self.fields["owner"].choices = [("", "—")] + [
            (key, u.get_full_name() or u.get_username()) for key, u in self.members.items()
        ]
        self.custom_definitions = list(CustomField.objects.filter(team=team).order_by("label"))
        for definition in self.custom_definitions:
            self.fields[f"cf_{definition.key}"] = _custom_form_field(definition)
        if candidate is not None:
            self._mark_inferred(candidate)
        self.fieldsets = [(title, [self[name] for name in names]) for title, names in FIELDSETS]
        if self.custom_definitions:
            self.fieldsets.append(
                (_("Custom fields"), [self[f"cf_{d.key}"] for d in self.custom_definitions])
            )

    @classmethod
    def initial_for(cls, candidate: Candidate) -> dict:
        initial = {name: getattr(candidate, name) for name in PROFILE_FORM_FIELDS}
        for name in ("consent_given_at", "consent_expires_at"):
            if initial[name]:
                initial[name] = timezone.localdate(initial[name])
        initial["owner"] = str(candidate.owner.public_id) if candidate.owner else ""
        initial["emails"] = "\n".join(e.email for e in candidate.emails.all())
        initial["phones"] = "\n".join(p.e164 for p in candidate.phones.all())
        initial["profiles"] = "\n".join(p.url for p in candidate.profiles.all())
        tags = list(candidate.tags.all())
        for field, kind in TAG_FIELDS.items():
            labels = [t.label for t in tags if t.kind == kind]
            initial[field] = (
                [t.value for t in tags if t.kind == kind] if field == "contracts" else ", ".join(labels)
            )
        for key, value in (candidate.custom_fields or {}).items():
            initial[f"cf_{key}"] = value
        return initial

    def service_kwargs(self) -> dict:
        """The cleaned data as ``candidate_create``/``candidate_update`` keyword arguments."""
        data = self.cleaned_data
        kwargs = {name: data.get(name) for name in PROFILE_FORM_FIELDS}
        for name in ("consent_given_at", "consent_expires_at"):
            if kwargs[name]:
                current = getattr(self.candidate, name, None)
                if current and timezone.localdate(current) == kwargs[name]:
                    kwargs[name] = current  # same day: keep the recorded time
                else:
                    kwargs[name] = timezone.make_aware(datetime.combine(kwargs[name], time(12)))
        for name, value in list(kwargs.items()):
            if value is None and Candidate._meta.get_field(name).get_internal_type() == "CharField":
                kwargs[name] = ""
        for name in LIST_FORM_FIELDS:
            kwargs[name] = _lines(data.get(name) or "")
        tags = {
            kind: _items(data.get(field) or "") for field, kind in TAG_FIELDS.items() if field != "contracts"
        }
        tags[CandidateTag.Kind.CONTRACT] = list(data.get("contracts") or [])
        kwargs["tags"] = tags
        kwargs["owner"] = self.members.get(data.get("owner") or "")
        if self.custom_definitions:
            kwargs["custom_fields"] = {d.key: data.get(f"cf_{d.key}") for d in self.custom_definitions}
        return kwargs

    def add_service_errors(self, errors: dict) -> None:
        for field, messages in errors.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


def _custom_form_field(definition: CustomField) -> forms.Field:
    common = {"label": definition.label, "required": False}
    if definition.type == CustomField.Type.NUMBER:
        return forms.DecimalField(**common)
    if definition.type == CustomField.Type.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if definition.type == CustomField.Type.BOOL:
        return forms.NullBooleanField(**common)
    if definition.type == CustomField.Type.CHOICE:
        return forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in definition.choices], **common)
    return forms.CharField(**common)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


IMPORT_FORMATS = [
    ("auto", _("Detect automatically")),
    ("generic", _("Any spreadsheet (CSV, XLSX, XLS)")),
    ("lever", "Lever"),
    ("greenhouse", "Greenhouse"),
    ("linkedin", "LinkedIn Talent Hub"),
]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV, XLSX or XLS)"))
    source = forms.CharField(
        label=_("Source name"),
        required=False,
        max_length=100,
        help_text=_("Where these candidates come from, e.g. “Lever 2023” or “Job fair”."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=IMPORT_FORMATS, initial="auto")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".tsv", ".xlsx", ".xls")):
            raise forms.ValidationError(_("Vivier reads CSV, XLSX and XLS files."))
        return upload


class CustomFieldForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=100)
    type = forms.ChoiceField(label=_("Type"), choices=CustomField.Type.choices)
    choices = forms.CharField(
        label=_("Choices"), required=False, help_text=_("For a choice field, separated by commas.")
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"label": data["label"], "type": data["type"], "choices": _items(data.get("choices") or "")}


class JobFamilyForm(forms.Form):
    """A team's own job family, or synonyms for a shipped one (its tag): ``services.job_family_add``."""

    tag = forms.CharField(
        label=_("Tag"),
        max_length=100,
        help_text=_("What candidates are tagged with; a shipped family’s tag (e.g. backend) adds to it."),
    )
    name_fr = forms.CharField(label=_("Name in French"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=100, required=False)
    synonyms = forms.CharField(
        label=_("Synonyms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Job titles that mean this family, one per line or separated by commas."),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        words = [w.strip() for w in data["synonyms"].replace("\n", ",").split(",") if w.strip()]
        return {"tag": data["tag"], "name_en": data["name_en"], "name_fr": data["name_fr"], "synonyms": words}
