"""OAuth2 mailboxes (Google Workspace, Microsoft 365): the connect flow and a fresh access token before use.

The team's own app registration comes from settings (``VIVIER_OAUTH_*``, docs/mailboxes.md). The refresh
token and the current access token are stored encrypted on the mailbox, like its passwords.

    mailbox_oauth_start(*, mailbox, user, redirect_uri) -> url       where the owner signs in
    mailbox_oauth_finish(*, state, code, redirect_uri, user) -> Mailbox
    mailbox_access_token(*, mailbox) -> str                          refreshed when about to expire
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing

from vivier.lib import clock, oauth2

from .crypto import decrypt, encrypt
from .models import Mailbox

STATE_SALT = "vivier.mail.oauth"
STATE_MAX_AGE = 15 * 60


class OAuthNotConfigured(ValueError):
    pass


def provider_for(method: str) -> oauth2.Provider:
    if method == Mailbox.Auth.GOOGLE:
        provider = oauth2.google()
    elif method == Mailbox.Auth.MICROSOFT:
        provider = oauth2.microsoft(settings.VIVIER_OAUTH_MICROSOFT_TENANT or "common")
    else:
        raise OAuthNotConfigured(f"{method!r} is not an OAuth2 method")
    if settings.VIVIER_OAUTH_AUTHORIZE_URL or settings.VIVIER_OAUTH_TOKEN_URL:
        provider = oauth2.Provider(
            name=provider.name,
            authorize_url=settings.VIVIER_OAUTH_AUTHORIZE_URL or provider.authorize_url,
            token_url=settings.VIVIER_OAUTH_TOKEN_URL or provider.token_url,
            scopes=provider.scopes,
        )
    return provider


def client_for(method: str) -> tuple[str, str]:
    """(client id, client secret) of the team's app registration for this provider."""
    prefix = {Mailbox.Auth.GOOGLE: "GOOGLE", Mailbox.Auth.MICROSOFT: "MICROSOFT"}.get(method)
    if prefix is None:
        raise OAuthNotConfigured(f"{method!r} is not an OAuth2 method")
    client_id = getattr(settings, f"VIVIER_OAUTH_{prefix}_CLIENT_ID", "")
    secret = getattr(settings, f"VIVIER_OAUTH_{prefix}_CLIENT_SECRET", "")
    if not client_id or not secret:
        raise OAuthNotConfigured(
            f"set VIVIER_OAUTH_{prefix}_CLIENT_ID and VIVIER_OAUTH_{prefix}_CLIENT_SECRET (docs/mailboxes.md)"
        )
    return client_id, secret


def oauth_configured(method: str) -> bool:
    try:
        client_for(method)
    except OAuthNotConfigured:
        return False
    return True


def mailbox_oauth_start(*, mailbox: Mailbox, user, redirect_uri: str) -> str:
    """The provider's sign-in URL; the signed ``state`` names the mailbox and the user, and expires."""
    client_id, _ = client_for(mailbox.auth_method)
    state = signing.dumps({"m": str(mailbox.public_id), "u": user.pk}, salt=STATE_SALT)
    return oauth2.authorization_url(
        provider_for(mailbox.auth_method),
        client_id=client_id,
        redirect_uri=redirect_uri,
        state=state,
        login_hint=mailbox.address,
    )


def mailbox_for_state(*, state: str, user) -> Mailbox:
    """The mailbox a callback's ``state`` names; ``ValueError`` if forged, expired or someone else's."""
    try:
        data = signing.loads(state, salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.BadSignature as exc:
        raise ValueError("the sign-in link expired or was altered: start again") from exc
    if data.get("u") != user.pk:
        raise ValueError("this sign-in was started by another user")
    mailbox = Mailbox.objects.filter(public_id=data.get("m")).first()
    if mailbox is None:
        raise ValueError("the mailbox no longer exists")
    return mailbox


def _store(mailbox: Mailbox, token: oauth2.Token, *, connected: bool) -> None:
    mailbox.oauth_access_encrypted = encrypt(token.access_token)
    mailbox.oauth_expires_at = token.expires_at
    fields = ["oauth_access_encrypted", "oauth_expires_at"]
    if token.refresh_token:
        mailbox.oauth_refresh_encrypted = encrypt(token.refresh_token)
        fields.append("oauth_refresh_encrypted")
    if connected:
        mailbox.oauth_connected_at = clock.now()
        fields.append("oauth_connected_at")
    Mailbox.objects.filter(pk=mailbox.pk).update(**{f: getattr(mailbox, f) for f in fields})


def mailbox_oauth_finish(*, mailbox: Mailbox, code: str, redirect_uri: str) -> Mailbox:
    """Exchange the provider's code for tokens and keep them (``oauth2.OAuthError`` when refused)."""
    client_id, secret = client_for(mailbox.auth_method)
    token = oauth2.exchange_code(
        provider_for(mailbox.auth_method),
        client_id=client_id,
        client_secret=secret,
        code=code,
        redirect_uri=redirect_uri,
        now=clock.now(),
    )
    if not token.refresh_token:
        raise oauth2.OAuthError(
            "the provider gave no refresh token: remove Vivier's access and connect again"
        )
    _store(mailbox, token, connected=True)
    return mailbox


def mailbox_access_token(*, mailbox: Mailbox, now: dt.datetime | None = None) -> str:
    """A valid access token for SMTP and IMAP, refreshed (and stored) when it is about to expire."""
    now = now or clock.now()
    if not mailbox.oauth_refresh_encrypted:
        raise oauth2.OAuthError("this mailbox is not connected yet: use “Connect” on its page")
    if mailbox.oauth_access_encrypted and mailbox.oauth_expires_at:
        current = oauth2.Token(
            access_token=decrypt(mailbox.oauth_access_encrypted), expires_at=mailbox.oauth_expires_at
        )
        if current.fresh(now):
            return current.access_token
    client_id, secret = client_for(mailbox.auth_method)
    token = oauth2.refresh(
        provider_for(mailbox.auth_method),
        client_id=client_id,
        client_secret=secret,
        refresh_token=decrypt(mailbox.oauth_refresh_encrypted),
        now=now,
    )
    _store(mailbox, token, connected=False)
    return token.access_token
