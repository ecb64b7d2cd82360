import datetime as dt
from uuid import UUID

from ninja import Field, Schema

from .services import MAX_DELAY, MAX_END_WAIT_DAYS


class StepIn(Schema):
    delay: int = Field(0, ge=0, le=max(MAX_DELAY.values()))
    delay_unit: str = "days"
    channel: str = "email"
    subject_fr: str = ""
    body_fr: str = ""
    subject_en: str = ""
    body_en: str = ""
    same_thread: bool = True
    window_weekdays: list[int] = Field([0, 1, 2, 3, 4], max_length=7)
    window_start: str = "09:00"
    window_end: str = "18:00"


class StepOut(StepIn):
    id: UUID
    position: int
    window_start: dt.time
    window_end: dt.time


class SequenceIn(Schema):
    name: str
    description: str = ""
    steps: list[StepIn] = Field(..., max_length=50)
    end_wait_days: int = Field(7, ge=0, le=MAX_END_WAIT_DAYS)
    snooze_months: int = Field(6, ge=0, le=24)
    snooze_until: dt.date | None = None


class SequenceOut(Schema):
    id: UUID
    name: str
    description: str
    end_wait_days: int
    snooze_months: int
    snooze_until: dt.date | None
    steps: list[StepOut]


class PreviewIn(Schema):
    candidate: UUID
    step: int = Field(1, ge=1, le=50)
    job: str | None = None
    hook: str = ""


class PreviewOut(Schema):
    subject: str
    body: str
    missing: list[str]
    errors: list[str]


class CampaignIn(Schema):
    name: str = ""
    sequence: UUID
    job: str | None = None
    mailbox: str | None = None
    candidates: list[UUID] | None = None
    segment: str | None = None
    hooks: dict[str, str] = {}
    dry_run: bool = False
    allow_missing: bool = False


class CampaignOut(Schema):
    id: UUID
    name: str
    status: str
    sequence: str
    job: str | None
    mailbox: str
    enrollments: dict[str, int]
    messages: dict[str, int]
    upcoming: list[dict]


class TaskOut(Schema):
    id: UUID
    kind: str
    title: str  # in the requester's language; params: what it is made of
    params: dict
    body: str
    due_at: dt.datetime
    done_at: dt.datetime | None
    candidate: UUID


class ErrorOut(Schema):
    detail: str
    review: dict | None = None
