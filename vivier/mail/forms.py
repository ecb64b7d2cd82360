from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Mailbox


class MailboxForm(forms.Form):
    """A mailbox's settings. Passwords are never shown back: left empty, the stored one is kept."""

    address = forms.EmailField(label=_("Address"), max_length=254)
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Sends through"), choices=Mailbox.Kind.choices)
    auth_method = forms.ChoiceField(label=_("Login"), choices=Mailbox.Auth.choices)
    daily_limit = forms.IntegerField(label=_("Daily limit"), min_value=1, max_value=100_000, initial=200)
    min_gap_seconds = forms.IntegerField(
        label=_("Minimum gap between sends (s)"), min_value=0, max_value=86_400, initial=90
    )
    jitter_seconds = forms.IntegerField(
        label=_("Random extra gap up to (s)"), min_value=0, max_value=86_400, initial=60
    )

    smtp_host = forms.CharField(label=_("SMTP server"), max_length=255, required=False)
    smtp_port = forms.IntegerField(label=_("Port"), min_value=1, max_value=65535, initial=587)
    smtp_security = forms.ChoiceField(
        label=_("Security"), choices=Mailbox.Security.choices, initial=Mailbox.Security.STARTTLS
    )
    smtp_username = forms.CharField(label=_("User"), max_length=254, required=False)
    smtp_password = forms.CharField(
        label=_("Password"), required=False, strip=False, widget=forms.PasswordInput(render_value=False)
    )

    imap_host = forms.CharField(label=_("IMAP server"), max_length=255, required=False)
    imap_port = forms.IntegerField(label=_("Port"), min_value=1, max_value=65535, initial=993)
    imap_security = forms.ChoiceField(
        label=_("Security"), choices=Mailbox.Security.choices, initial=Mailbox.Security.TLS
    )
    imap_username = forms.CharField(label=_("User"), max_length=254, required=False)
    imap_password = forms.CharField(
        label=_("Password"), required=False, strip=False, widget=forms.PasswordInput(render_value=False)
    )
    imap_inbox = forms.CharField(label=_("Inbox folder"), max_length=200, initial="INBOX", required=False)
    imap_sent = forms.CharField(label=_("Sent folder"), max_length=200, initial="Sent", required=False)
    signature = forms.CharField(
        label=_("Signature"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, team=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["owner"].queryset = get_user_model().objects.filter(memberships__team=team)
        if editing:
            # The address is the mailbox's identity (threads, the team's unique key): not edited.
            self.fields["address"].required = False
            self.fields["address"].disabled = True

    def clean(self):
        data = super().clean()
        for name in ("smtp_password", "imap_password"):
            if "\n" in data.get(name, "") or "\r" in data.get(name, ""):
                self.add_error(name, _("A password cannot contain a line break."))
        if data.get("kind") == Mailbox.Kind.SMTP and not data.get("smtp_host"):
            self.add_error("smtp_host", _("An SMTP mailbox needs its server."))
        return data
