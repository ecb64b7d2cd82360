"""Signed, expiring tokens for unsubscribe links (List-Unsubscribe and the footer link)."""

import hashlib
import hmac
import json
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.utils.encoding import force_bytes

SALT = "vivier.unsubscribe"


class BadToken(Exception):
    pass


class ExpiredToken(BadToken):
    pass


def max_age_seconds() -> int:
    return int(getattr(settings, "VIVIER_UNSUBSCRIBE_MAX_AGE_DAYS", 365)) * 86400


class _Signer(signing.TimestampSigner):
    """Django's TimestampSigner, with its HMAC key derived once instead of for every token (the worker signs
    one per message). Same tokens, byte for byte; verified by Django's own signer."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        hasher = getattr(hashlib, self.algorithm)
        derived = hasher((self.salt + "signer").encode() + force_bytes(self.key)).digest()
        self._mac = hmac.new(derived, digestmod=hasher)

    def signature(self, value, key=None):
        if key is not None and key != self.key:
            return super().signature(value, key)
        mac = self._mac.copy()
        mac.update(force_bytes(value))
        return signing.b64_encode(mac.digest()).decode()


@lru_cache(maxsize=4)
def _signer(secret_key: str, fallbacks: tuple) -> signing.TimestampSigner:
    """One signer per key (building one reads settings each time; tokens are the same)."""
    return _Signer(salt=SALT)


def unsubscribe_token(candidate_public_id: str, message_public_id: str = "") -> str:
    signer = _signer(settings.SECRET_KEY, tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ())))
    # What sign_object does with its JSON serializer and no compression, without its generic steps.
    payload = json.dumps({"c": str(candidate_public_id), "m": str(message_public_id)}, separators=(",", ":"))
    return signer.sign(signing.b64_encode(payload.encode("latin-1")).decode())


def unsubscribe_token_read(token: str, *, max_age: int | None = None) -> dict:
    """{"c": candidate public id, "m": message public id}; raises ExpiredToken or BadToken."""
    try:
        return signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=max_age if max_age is not None else max_age_seconds()
        )
    except signing.SignatureExpired as exc:
        raise ExpiredToken(str(exc)) from exc
    except signing.BadSignature as exc:
        raise BadToken(str(exc)) from exc
