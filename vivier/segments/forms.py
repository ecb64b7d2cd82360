from django import forms
from django.utils.translation import gettext_lazy as _

from .query import FIELDS

OPS = [(":", ":"), (">=", "≥"), ("<=", "≤"), (">", ">"), ("<", "<")]


# What the builder's field list shows for each built-in term (a registered term may bring its own ``label``).
LABELS = {
    "available": _("Available from"),
    "city": _("City"),
    "commutable": _("Within commuting distance of"),
    "company": _("Company"),
    "consent": _("Consent"),
    "contacted": _("Contacted"),
    "contract": _("Contract type"),
    "country": _("Country"),
    "headline": _("Headline"),
    "in_campaign": _("In a running campaign"),
    "intent": _("Reply intent"),
    "interest": _("Interest"),
    "job": _("Job family"),
    "lang": _("Language spoken"),
    "last_contacted": _("Last contacted on"),
    "last_reply": _("Last reply on"),
    "name": _("Name"),
    "reason": _("Decline reason"),
    "remote": _("Remote work"),
    "replied": _("Replied"),
    "salary": _("Salary expectation"),
    "seniority": _("Seniority"),
    "skill": _("Skill"),
    "snoozed": _("Snoozed"),
    "source": _("Source"),
    "tag": _("Tag"),
    "title": _("Current title"),
    "unsubscribed": _("Unsubscribed"),
    "within": _("Within a radius of"),
    "years": _("Years of experience"),
}


def field_label(name: str) -> str:
    term = FIELDS.get(name)
    return str(getattr(term, "label", None) or LABELS.get(name) or name.replace("_", " "))


def field_choices():
    """(query name, label in the reader's language), sorted by label."""
    names = [f for f in FIELDS if f not in ("last_reason", "custom") and FIELDS[f].listed]
    return sorted(((f, field_label(f)) for f in names), key=lambda choice: choice[1].casefold())


class SegmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    q = forms.CharField(label=_("Query"), widget=forms.HiddenInput)
