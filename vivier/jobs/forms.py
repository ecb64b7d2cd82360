from django import forms
from django.utils.translation import gettext_lazy as _


class JobForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    company = forms.CharField(label=_("Company"), max_length=200, required=False)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    salary_min = forms.IntegerField(
        label=_("Salary from"), min_value=0, max_value=100_000_000, required=False
    )
    salary_max = forms.IntegerField(
        label=_("Salary up to"), min_value=0, max_value=100_000_000, required=False
    )
    salary_currency = forms.CharField(label=_("Currency"), max_length=3, required=False, initial="EUR")
    pitch = forms.CharField(
        label=_("Short pitch (the offer in a few lines)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", _("The top of the range is below its bottom."))
        return data
