"""Mailbox passwords at rest: Fernet with settings.VIVIER_FERNET_KEY, or a key derived from SECRET_KEY."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = getattr(settings, "VIVIER_FERNET_KEY", None)
    if not key:
        digest = hashlib.sha256(("vivier.mail.crypto:" + settings.SECRET_KEY).encode()).digest()
        key = base64.urlsafe_b64encode(digest).decode()
    return Fernet(key.encode() if isinstance(key, str) else key)


def encrypt(raw: str) -> str:
    return _fernet().encrypt(raw.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("the mailbox password cannot be decrypted (was the secret key changed?)") from exc
