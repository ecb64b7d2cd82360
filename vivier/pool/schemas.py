"""API shapes for the pool. Public ids only; integer keys never leave the server."""

from datetime import date, datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field


class EmailOut(Schema):
    email: str
    is_primary: bool
    invalid: bool


class SourceOut(Schema):
    kind: str
    name: str
    referrer: str
    job: str
    first_seen_at: datetime


class CandidateSummary(Schema):
    id: UUID
    first_name: str
    last_name: str
    email: str
    current_title: str
    current_company: str
    city: str
    created_at: datetime


class CandidateOut(Schema):
    id: UUID
    first_name: str
    last_name: str
    headline: str
    current_title: str
    current_company: str
    seniority: int | None
    years_experience: int | None
    city: str
    country: str
    latitude: float | None
    longitude: float | None
    max_commute_km: int | None
    open_to_relocation: bool | None
    remote_preference: str
    available_from: date | None
    notice_period_days: int | None
    salary_amount: int | None
    salary_currency: str
    salary_period: str
    preferred_language: str
    time_zone: str
    consent_basis: str
    consent_given_at: datetime | None
    consent_expires_at: datetime | None
    consent_informed_via: str
    last_candidate_activity_at: datetime | None
    unsubscribed_at: datetime | None
    owner: str | None
    emails: list[EmailOut]
    phones: list[str]
    profiles: list[str]
    tags: dict[str, list[str]]
    sources: list[SourceOut]
    custom_fields: dict
    created_at: datetime
    updated_at: datetime


class CandidatePage(Schema):
    count: int
    page: int
    pages: int
    results: list[CandidateSummary]


class _CandidateFields(Schema):
    headline: str | None = None
    current_title: str | None = None
    current_company: str | None = None
    seniority: int | None = Field(None, ge=0, le=100)
    years_experience: int | None = Field(None, ge=0, le=80)
    city: str | None = None
    country: str | None = None
    max_commute_km: int | None = Field(None, ge=0, le=20_000)
    open_to_relocation: bool | None = None
    remote_preference: str | None = None
    available_from: date | None = None
    notice_period_days: int | None = Field(None, ge=0, le=3650)
    salary_amount: int | None = Field(None, ge=0, le=100_000_000)
    salary_currency: str | None = None
    salary_period: str | None = None
    preferred_language: str | None = None
    time_zone: str | None = None
    consent_basis: str | None = None
    consent_given_at: datetime | None = None
    consent_expires_at: datetime | None = None
    consent_informed_via: str | None = None
    emails: list[str] | None = None
    phones: list[str] | None = None
    profiles: list[str] | None = None
    tags: dict[str, list[str]] | None = Field(
        None, description="Values by kind: job, skill, interest, lang, contract, tag"
    )
    custom_fields: dict | None = None


class CandidateIn(_CandidateFields):
    first_name: str = ""
    last_name: str = ""
    source_name: str = Field("", description="Where the candidate comes from (shown in their sources)")


class CandidatePatch(_CandidateFields):
    first_name: str | None = None
    last_name: str | None = None


class NoteIn(Schema):
    body: str


class NoteOut(Schema):
    id: UUID
    body: str
    author: str | None
    created_at: datetime


class TimelineEventOut(Schema):
    id: UUID
    at: datetime
    kind: str
    # The sentence in the requester's language; ``params`` what it is made of (``data``: the same, kept for
    # the scripts that read it).
    summary: str
    actor: str | None
    data: dict
    params: dict


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}
    existing: UUID | None = None
