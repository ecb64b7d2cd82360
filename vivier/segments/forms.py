from django import forms
from django.utils.translation import gettext_lazy as _

from .query import FIELDS

OPS = [(":", ":"), (">=", "≥"), ("<=", "≤"), (">", ">"), ("<", "<")]


def field_choices():
    return [(f, f) for f in sorted(FIELDS) if f not in ("last_reason", "custom")]


class SegmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    q = forms.CharField(label=_("Query"), widget=forms.HiddenInput)
