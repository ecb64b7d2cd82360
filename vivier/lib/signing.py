"""Signed, expiring tokens for unsubscribe links (List-Unsubscribe and the footer link)."""

from django.conf import settings
from django.core import signing

SALT = "vivier.unsubscribe"


class BadToken(Exception):
    pass


class ExpiredToken(BadToken):
    pass


def max_age_seconds() -> int:
    return int(getattr(settings, "VIVIER_UNSUBSCRIBE_MAX_AGE_DAYS", 365)) * 86400


def unsubscribe_token(candidate_public_id: str, message_public_id: str = "") -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"c": str(candidate_public_id), "m": str(message_public_id)})


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
