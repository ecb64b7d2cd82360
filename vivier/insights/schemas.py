"""The figures over JSON: the same object as ``vivier insights ... --json`` (see ``selectors``' docstring)."""

from __future__ import annotations

from ninja import Field, Schema

CI = "95 % Wilson interval [low, high] of the rate before it (null with the rate)"
SMALL = "true when the rate's denominator is under 20 people"


class StepFigures(Schema):
    step: int = Field(description="step number, from 1")
    sent: int = Field(description="candidates who received this step (an email that later bounced was sent)")
    replied: int = Field(
        description="candidates whose first human reply came after this step, before the next"
    )
    response_rate: float | None = Field(description="replied / sent")
    response_rate_ci: list[float] | None = Field(description=CI)
    response_rate_small_sample: bool = Field(description=SMALL)
    bounced: int = Field(description="bounces attributed to this step")
    unsubscribed: int = Field(description="unsubscribes attributed to this step")
    small_sample: bool = Field(description="true when fewer than 20 received this step")
    variants: list[dict] = Field(description="per-variant figures (empty: the step has no variants)")


class TimeToReply(Schema):
    median_hours: float | None
    p75_hours: float | None


class Figures(Schema):
    enrolled: int
    contacted: int = Field(description="candidates with at least one step sent")
    replied: int = Field(description="contacted candidates with a human reply (no out-of-office, no bounce)")
    response_rate: float | None = Field(description="replied / contacted")
    response_rate_ci: list[float] | None = Field(description=CI)
    response_rate_small_sample: bool = Field(description=SMALL)
    positive: int = Field(description="first reply interested, more_info or slot_choice")
    negative: int = Field(description="first reply not_interested or unsubscribe")
    positive_share: float | None = Field(description="positive / replied")
    positive_share_ci: list[float] | None = Field(description=CI)
    positive_share_small_sample: bool = Field(description=SMALL)
    negative_share: float | None = Field(description="negative / replied")
    negative_share_ci: list[float] | None = Field(description=CI)
    negative_share_small_sample: bool = Field(description=SMALL)
    positive_rate: float | None = Field(description="positive / contacted")
    positive_rate_ci: list[float] | None = Field(description=CI)
    positive_rate_small_sample: bool = Field(description=SMALL)
    small_sample: bool = Field(description="true when fewer than 20 were contacted")
    reasons: dict[str, int] = Field(
        description="decline reason code -> count, over the negative first replies"
    )
    steps: list[StepFigures]
    time_to_reply: TimeToReply
    funnel: dict[str, int] | None = Field(description="offers and bookings (null until the funnel exists)")
