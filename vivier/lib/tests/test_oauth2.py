"""OAuth2 against a local stand-in token endpoint; the XOAUTH2 string as providers document it (the\nmailbox transports test it against SMTP and IMAP servers)."""

import base64
import datetime as dt
import http.server
import json
import threading
import urllib.parse

import pytest

from vivier.lib import oauth2

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def token_endpoint():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            form = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
            seen.append(form)
            if form.get("client_secret") != "s3cret":
                status, body = (
                    401,
                    {"error": "invalid_client", "error_description": "Client authentication failed"},
                )
            elif form["grant_type"] == "authorization_code" and form["code"] == "good-code":
                status, body = 200, {"access_token": "at-1", "refresh_token": "rt-1", "expires_in": 3599}
            elif form["grant_type"] == "refresh_token" and form["refresh_token"] == "rt-1":
                status, body = 200, {"access_token": "at-2", "expires_in": 3599}
            else:
                status, body = 400, {"error": "invalid_grant", "error_description": "Token has been revoked"}
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/token"
    yield oauth2.Provider("stand-in", "http://127.0.0.1/authorize", url, ("https://mail.google.com/",)), seen
    server.shutdown()


def test_the_authorization_url_asks_for_offline_mail_access_with_the_state():
    url = oauth2.authorization_url(
        oauth2.microsoft("contoso.onmicrosoft.com"),
        client_id="app-id",
        redirect_uri="https://vivier.example/cb",
        state="xyz",
        login_hint="alice@contoso.com",
    )
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    assert parts.netloc == "login.microsoftonline.com" and "contoso.onmicrosoft.com" in parts.path
    assert query["state"] == "xyz" and query["response_type"] == "code"
    assert "offline_access" in query["scope"] and "SMTP.Send" in query["scope"]
    assert query["login_hint"] == "alice@contoso.com"


def test_a_code_is_exchanged_then_refreshed_keeping_the_refresh_token(token_endpoint):
    provider, seen = token_endpoint
    token = oauth2.exchange_code(
        provider,
        client_id="id",
        client_secret="s3cret",
        code="good-code",
        redirect_uri="https://vivier.example/cb",
        now=NOW,
    )
    assert (token.access_token, token.refresh_token) == ("at-1", "rt-1")
    assert token.fresh(NOW) and not token.fresh(NOW + dt.timedelta(hours=1))
    again = oauth2.refresh(
        provider, client_id="id", client_secret="s3cret", refresh_token=token.refresh_token, now=NOW
    )
    assert (again.access_token, again.refresh_token) == ("at-2", "rt-1")
    assert [form["grant_type"] for form in seen] == ["authorization_code", "refresh_token"]


def test_a_refusal_carries_the_providers_own_words(token_endpoint):
    provider, _ = token_endpoint
    with pytest.raises(oauth2.OAuthError, match="invalid_grant: Token has been revoked"):
        oauth2.refresh(provider, client_id="id", client_secret="s3cret", refresh_token="old", now=NOW)
    with pytest.raises(oauth2.OAuthError, match="invalid_client"):
        oauth2.refresh(provider, client_id="id", client_secret="wrong", refresh_token="rt-1", now=NOW)
    closed = oauth2.Provider("down", "", "http://127.0.0.1:9/token", ())
    with pytest.raises(oauth2.OAuthError, match="did not answer"):
        oauth2.refresh(closed, client_id="id", client_secret="s", refresh_token="rt", now=NOW, timeout=2)


def test_the_xoauth2_string_is_the_one_googles_documentation_gives():
    assert oauth2.xoauth2_b64("someuser@example.com", "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg") == (
        "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ=="
    )
    assert base64.b64decode(oauth2.xoauth2_b64("a@b.c", "t")) == oauth2.xoauth2("a@b.c", "t")
