"""A local stand-in for Google's and Microsoft's OAuth2 token endpoint (and a token-info endpoint a server
such as Dovecot can ask), for the tests of OAuth2 mailboxes."""

import itertools
import json
import threading
import urllib.parse
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class TokenServer:
    """Grants: code ``good-code`` -> a refresh token; that refresh token -> a new access token each time.
    ``issued`` maps each valid access token to the address it was granted for; ``requests`` keeps the forms."""

    def __init__(self, email="alice@alvea-rh.fr"):
        self.email = email
        self.requests: list[dict] = []
        self.issued: dict[str, str] = {}
        self.counter = itertools.count(1)
        self.refresh_token = "rt-alvea-1"
        self.url = ""

    def token(self, form: dict) -> tuple[int, dict]:
        self.requests.append(form)
        if form.get("client_id") != "vivier-client" or form.get("client_secret") != "vivier-secret":
            return 401, {"error": "invalid_client", "error_description": "Unknown client."}
        grant = form.get("grant_type")
        if grant == "authorization_code" and form.get("code") == "good-code":
            access = f"at-{next(self.counter)}"
            self.issued[access] = self.email
            return 200, {"access_token": access, "refresh_token": self.refresh_token, "expires_in": 3600}
        if grant == "refresh_token" and form.get("refresh_token") == self.refresh_token:
            access = f"at-{next(self.counter)}"
            self.issued[access] = self.email
            return 200, {"access_token": access, "expires_in": 3600}
        return 400, {"error": "invalid_grant", "error_description": "Bad Request"}

    def tokeninfo(self, token: str) -> tuple[int, dict]:
        if token in self.issued:
            return 200, {"email": self.issued[token], "active": "true"}
        return 401, {"error": "invalid_token"}


def _handler(server: TokenServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            self._answer(*server.token(form))

        def do_GET(self):
            parsed = urllib.parse.urlparse(self.path)
            token = dict(urllib.parse.parse_qsl(parsed.query)).get("access_token", "")
            if not token:
                auth = self.headers.get("Authorization", "")
                token = auth.split(" ", 1)[1] if auth.lower().startswith("bearer ") else ""
            if not token and parsed.path.startswith("/tokeninfo/"):
                token = parsed.path.rsplit("/", 1)[1]
            self._answer(*server.tokeninfo(token))

    return Handler


@contextmanager
def serving(server: TokenServer):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def oauth_server(settings):
    """The stand-in token endpoint, with Vivier's settings pointing at it (Google provider)."""
    with serving(TokenServer()) as server:
        settings.VIVIER_OAUTH_GOOGLE_CLIENT_ID = "vivier-client"
        settings.VIVIER_OAUTH_GOOGLE_CLIENT_SECRET = "vivier-secret"
        settings.VIVIER_OAUTH_TOKEN_URL = f"{server.url}/token"
        settings.VIVIER_OAUTH_AUTHORIZE_URL = f"{server.url}/authorize"
        yield server
