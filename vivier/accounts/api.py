"""Accounts API: who am I, and my personal tokens (create shows the raw token once; revoke)."""

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema, Status

from . import selectors, services
from .access import require_team

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    name: str
    language: str
    team: str


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: UUID
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str


def _token(t) -> dict:
    return {
        "id": t.public_id,
        "name": t.name,
        "prefix": t.prefix,
        "created_at": t.created_at,
        "last_used_at": t.last_used_at,
        "revoked_at": t.revoked_at,
    }


@router.get("/me", response=MeOut)
def me(request: HttpRequest):
    team = require_team(request)
    return {
        "username": request.user.username,
        "name": request.user.get_full_name(),
        "language": request.user.language,
        "team": team.slug,
    }


@router.get("/tokens", response=list[TokenOut])
def tokens_list(request: HttpRequest):
    return [_token(t) for t in selectors.api_token_list(user=request.user, team=require_team(request))]


@router.post("/tokens", response={201: TokenCreated})
def tokens_create(request: HttpRequest, payload: TokenIn):
    token, raw = services.api_token_create(
        user=request.user, team=require_team(request), name=payload.name.strip()[:100] or "api"
    )
    return Status(201, {**_token(token), "token": raw})


@router.delete("/tokens/{public_id}", response={204: None})
def tokens_revoke(request: HttpRequest, public_id: UUID):
    token = selectors.api_token_get(user=request.user, team=require_team(request), public_id=public_id)
    services.api_token_revoke(token=token)
    return Status(204, None)
