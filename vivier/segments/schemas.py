import datetime as dt
from uuid import UUID

from ninja import Schema


class SegmentCandidateOut(Schema):
    """A candidate in a segment's (or a search's) page; named apart from the pool's CandidateOut, which has
    other fields, so the OpenAPI schema keeps both."""

    id: UUID
    first_name: str
    last_name: str
    email: str
    current_title: str
    current_company: str
    seniority: str | None
    years_experience: int | None
    city: str
    country: str
    last_contacted_at: dt.datetime | None
    last_reply_at: dt.datetime | None
    last_reply_intent: str
    snoozed_until: dt.datetime | None
    in_active_campaign: bool

    @staticmethod
    def from_candidate(c) -> "SegmentCandidateOut":
        return SegmentCandidateOut(
            id=c.public_id,
            first_name=c.first_name,
            last_name=c.last_name,
            email=c.primary_email,
            current_title=c.current_title,
            current_company=c.current_company,
            seniority=c.get_seniority_display() if c.seniority else None,
            years_experience=c.years_experience,
            city=c.city,
            country=c.country,
            last_contacted_at=c.last_contacted_at,
            last_reply_at=c.last_reply_at,
            last_reply_intent=c.last_reply_intent,
            snoozed_until=c.snoozed_until,
            in_active_campaign=c.in_active_campaign,
        )


class SegmentCandidatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SegmentCandidateOut]


CandidateOut, CandidatePage = SegmentCandidateOut, SegmentCandidatePage


class QueryErrorOut(Schema):
    detail: str
    position: int | None = None
    field: str | None = None


class SegmentIn(Schema):
    name: str
    query: str
    description: str = ""


class SegmentPatch(Schema):
    name: str | None = None
    query: str | None = None
    description: str | None = None


class SegmentOut(Schema):
    id: UUID
    name: str
    description: str
    query: str
    owner: str | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def from_segment(s) -> "SegmentOut":
        return SegmentOut(
            id=s.public_id,
            name=s.name,
            description=s.description,
            query=s.query,
            owner=s.owner.username if s.owner else None,
            created_at=s.created_at,
            updated_at=s.updated_at,
        )


class CountOut(Schema):
    count: int
