"""What a reply does: the worker step that threads and understands inbound mail, and the services that apply
a reply's effects, correct its label, attach it to a candidate, answer it and follow up the yes.

    handle_one_inbound() -> bool                       worker handler (VIVIER_WORKER_HANDLERS)
    reply_correct(*, reply, intent, reason=None, by)   a recruiter relabels; the effects follow
    reply_confirm(*, reply, reason=None, by)           a recruiter confirms a reply to check
    sending_held(candidate, kind, at)                  send rule: paused while a doubtful stop is checked
    reply_attach(*, reply, candidate, by)              an unmatched message gets its candidate
    reply_set_done(*, reply, done, by)
    inbound_handle(*, message) -> Reply | None         handle one stored message now (demo)
    reply_send(*, reply, body, by) -> OutboundMessage  quick reply in the same thread
    campaign_follow_up(*, campaign, sequence, by, name="", hooks=None) -> (Campaign, Review)
"""

from .answers import ReplyRefused, campaign_follow_up, campaign_positive_candidates, reply_send
from .corrections import (
    CLASSIFIER_RECHECK_SECONDS,
    VALID_INTENTS,
    candidate_sending_held,
    correction_examples,
    reply_attach,
    reply_classifier,
    reply_confirm,
    reply_correct,
    reply_set_done,
    sending_held,
)
from .effects import (
    DEFAULT_LATER,
    NOT_HUMAN,
    POSITIVE,
    REPLY_NOW,
    apply_checked_effects,
    apply_effects,
    candidate_engagement_refresh,
)
from .inbound import BACKOFF, LEASE, handle_one_inbound, inbound_handle, log, reply_record

__all__ = [
    "BACKOFF",
    "CLASSIFIER_RECHECK_SECONDS",
    "DEFAULT_LATER",
    "LEASE",
    "NOT_HUMAN",
    "POSITIVE",
    "REPLY_NOW",
    "ReplyRefused",
    "VALID_INTENTS",
    "apply_checked_effects",
    "apply_effects",
    "campaign_follow_up",
    "campaign_positive_candidates",
    "candidate_engagement_refresh",
    "candidate_sending_held",
    "correction_examples",
    "handle_one_inbound",
    "inbound_handle",
    "log",
    "reply_attach",
    "reply_classifier",
    "reply_confirm",
    "reply_correct",
    "reply_record",
    "reply_send",
    "reply_set_done",
    "sending_held",
]
