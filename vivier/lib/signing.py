"""Signed, expiring tokens for unsubscribe links (List-Unsubscribe and the footer link)."""

from functools import lru_cache

from django.conf import settings
from django.core import signing

SALT = "vivier.unsubscribe"


class BadToken(Exception):
    pass


class ExpiredToken(BadToken):
    pass


def max_age_seconds() -> int:
    return int(getattr(settings, "VIVIER_UNSUBSCRIBE_MAX_AGE_DAYS", 365)) * 86400


@lru_cache(maxsize=4)
def _signer(secret_key: str, fallbacks: tuple) -> signing.TimestampSigner:
    """One signer per key (building one reads settings each time; tokens are the same)."""
    return signing.TimestampSigner(salt=SALT)


def unsubscribe_token(candidate_public_id: str, message_public_id: str = "") -> str:
    signer = _signer(settings.SECRET_KEY, tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ())))
    return signer.sign_object({"c": str(candidate_public_id), "m": str(message_public_id)})


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
