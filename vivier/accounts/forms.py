from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.user = authenticate(self.request, username=data["username"], password=data["password"])
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(_("Wrong username or password."), code="invalid_login")
        return data


class OwnLanguageSelect(forms.Select):
    """Each language is named in itself ("Français", "English"), and says so (``lang``) to screen readers."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["lang"] = value
        return option


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=[("fr", "Français"), ("en", "English")],
        widget=OwnLanguageSelect,
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("What it is for, e.g. “ATS sync” or “my script”.")
    )


def _time_zone(value: str) -> str:
    import zoneinfo

    if value and value not in zoneinfo.available_timezones():
        raise forms.ValidationError(_("Unknown time zone (expected e.g. Europe/Paris)."))
    return value


def _country(value: str) -> str:
    value = (value or "").strip().upper()
    if value and (len(value) != 2 or not value.isalpha()):
        raise forms.ValidationError(_("Two letters, e.g. FR."))
    return value


LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class PreferencesForm(LanguageForm):
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        help_text=_("Empty: the team's. E.g. Europe/Paris, America/Montreal."),
    )

    def clean_time_zone(self):
        return _time_zone(self.cleaned_data["time_zone"].strip())


class TeamFieldsForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=200)
    country = forms.CharField(
        label=_("Country"), max_length=2, initial="FR", help_text=_("Two letters, e.g. FR.")
    )
    time_zone = forms.CharField(label=_("Time zone"), max_length=64, initial="Europe/Paris")
    language = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, initial="fr", widget=OwnLanguageSelect
    )
    holidays_country = forms.CharField(
        label=_("Public holidays of"),
        max_length=2,
        required=False,
        help_text=_("Two letters; empty: the team's country."),
    )

    def clean_country(self):
        value = _country(self.cleaned_data["country"])
        if not value:
            raise forms.ValidationError(_("Two letters, e.g. FR."))
        return value

    def clean_holidays_country(self):
        return _country(self.cleaned_data["holidays_country"])

    def clean_time_zone(self):
        value = _time_zone(self.cleaned_data["time_zone"].strip())
        if not value:
            raise forms.ValidationError(_("Unknown time zone (expected e.g. Europe/Paris)."))
        return value


class SetupForm(TeamFieldsForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class TeamSettingsForm(TeamFieldsForm):
    default_region = forms.CharField(
        label=_("Default phone region"),
        max_length=2,
        help_text=_("How phone numbers written without a country code are read. Two letters, e.g. FR."),
    )
    contact_pressure_days = forms.IntegerField(
        label=_("Contact pressure (days)"),
        min_value=0,
        max_value=365,
        required=False,
        help_text=_(
            "Never two messages to one candidate within this many days. Empty: the installation's default."
        ),
    )
    default_signature = forms.CharField(
        label=_("Default signature"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_default_region(self):
        value = _country(self.cleaned_data["default_region"])
        if not value:
            raise forms.ValidationError(_("Two letters, e.g. FR."))
        return value


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[("recruiter", _("Recruiter")), ("admin", _("Admin"))], initial="recruiter"
    )


class AcceptNewForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class NotificationSettingsForm(forms.Form):
    """Which notification kinds a user receives (the bell and the digest alike) and when the digest comes."""

    digest_enabled = forms.BooleanField(label=_("Send me a daily email digest"), required=False)
    digest_time = forms.TimeField(
        label=_("Digest time"),
        help_text=_("In your time zone, e.g. 08:00."),
        widget=forms.TimeInput(format="%H:%M"),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Notify me about"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = list(kinds)
