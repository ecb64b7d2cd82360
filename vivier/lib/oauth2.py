"""OAuth2 for mailboxes that refuse passwords (Microsoft 365, many Google accounts): the authorization-code
flow with the team's own app registration, token refresh, and the SASL XOAUTH2 string SMTP and IMAP take.

Knows no model: the caller stores the refresh token (encrypted) and passes the provider's endpoints, so tests
use a local stand-in token endpoint.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class OAuthError(RuntimeError):
    """The provider refused; the message carries its own error code and description."""


@dataclass(frozen=True)
class Provider:
    name: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]


def google() -> Provider:
    return Provider(
        name="google",
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=("https://mail.google.com/",),
    )


def microsoft(tenant: str = "common") -> Provider:
    base = f"https://login.microsoftonline.com/{urllib.parse.quote(tenant)}/oauth2/v2.0"
    return Provider(
        name="microsoft",
        authorize_url=f"{base}/authorize",
        token_url=f"{base}/token",
        scopes=(
            "https://outlook.office.com/SMTP.Send",
            "https://outlook.office.com/IMAP.AccessAsUser.All",
            "offline_access",
        ),
    )


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_at: dt.datetime
    refresh_token: str = ""

    def fresh(self, now: dt.datetime, margin: dt.timedelta = dt.timedelta(minutes=2)) -> bool:
        return now + margin < self.expires_at


def authorization_url(
    provider: Provider, *, client_id: str, redirect_uri: str, state: str, login_hint: str = ""
) -> str:
    """Where the mailbox owner signs in and consents; the provider comes back to ``redirect_uri`` with a code."""
    params = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": " ".join(provider.scopes),
        "state": state,
        "access_type": "offline",  # Google: a refresh token
        "prompt": "consent",  # Google: a refresh token even on a second consent
    }
    if login_hint:
        params["login_hint"] = login_hint
    return f"{provider.authorize_url}?{urllib.parse.urlencode(params)}"


def _post(provider: Provider, form: dict[str, str], *, now: dt.datetime, timeout: float) -> Token:
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(
        provider.token_url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read(1_000_000) or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            body = json.loads(exc.read(100_000) or b"{}")
        except ValueError:
            body = {}
        raise OAuthError(
            f"{provider.name}: {body.get('error', exc.code)}: {body.get('error_description', exc.reason)}"
        ) from exc
    except (OSError, ValueError) as exc:
        raise OAuthError(f"{provider.name}: the token endpoint did not answer ({exc})") from exc
    if "access_token" not in body:
        raise OAuthError(
            f"{provider.name}: no access token in the answer ({body.get('error', 'unknown error')})"
        )
    return Token(
        access_token=body["access_token"],
        expires_at=now + dt.timedelta(seconds=int(body.get("expires_in", 3600))),
        refresh_token=body.get("refresh_token", form.get("refresh_token", "")),
    )


def exchange_code(
    provider: Provider,
    *,
    client_id: str,
    client_secret: str,
    code: str,
    redirect_uri: str,
    now: dt.datetime,
    timeout: float = 15.0,
) -> Token:
    return _post(
        provider,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": client_id,
            "client_secret": client_secret,
            "scope": " ".join(provider.scopes),
        },
        now=now,
        timeout=timeout,
    )


def refresh(
    provider: Provider,
    *,
    client_id: str,
    client_secret: str,
    refresh_token: str,
    now: dt.datetime,
    timeout: float = 15.0,
) -> Token:
    """A new access token; providers may also rotate the refresh token (kept when they do not)."""
    return _post(
        provider,
        {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": client_id,
            "client_secret": client_secret,
            "scope": " ".join(provider.scopes),
        },
        now=now,
        timeout=timeout,
    )


def xoauth2(user: str, access_token: str) -> bytes:
    """The SASL XOAUTH2 initial response (before base64): what IMAP's AUTHENTICATE takes as is."""
    return f"user={user}\x01auth=Bearer {access_token}\x01\x01".encode()


def xoauth2_b64(user: str, access_token: str) -> str:
    """The same, base64-encoded: SMTP's ``AUTH XOAUTH2 <this>``."""
    return base64.b64encode(xoauth2(user, access_token)).decode("ascii")
