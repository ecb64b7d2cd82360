"""The installation key of the tombstones, kept outside the database so that a stolen dump cannot test
addresses against them: ``VIVIER_PRIVACY_KEY``, else ``privacy.key`` in the data folder (made at first use,
readable by its owner only)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache

from django.conf import settings

FILENAME = "privacy.key"


@cache
def installation_key() -> bytes:
    value = os.environ.get("VIVIER_PRIVACY_KEY", "")
    if value:
        return value.encode()
    path = settings.DATA_DIR / FILENAME
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip().encode()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def digest(kind: str, value: str) -> str:
    """HMAC-SHA256 of ``kind:value`` (the value normalized as the pool stores it)."""
    return hmac.new(installation_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def hashed(value: str) -> str:
    """A plain SHA-256, for audit references that need not be secret (a public id)."""
    return hashlib.sha256(value.encode()).hexdigest()
