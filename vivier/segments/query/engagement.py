"""The built-in terms about a candidate's engagement: contacted, replies, intent, snooze, campaigns.

They read the engagement columns of the candidate row (``vivier.pool.models.Candidate``), which the apps
that send and read mail keep up to date.
"""

from __future__ import annotations

from functools import partial

from django.db.models import Q
from django.utils.translation import gettext as _

from vivier.lib.text import fold

from .compiler import Compiler
from .terms import EQUAL, FALSE, TRUE, Term, boolean, moment
from .tokens import Token


def _when(column: str, c: Compiler, tok: Token, value: str) -> Q:
    """``>90d`` means longer ago than 90 days; ``>2026-01-01`` means after that date."""
    if tok.op in EQUAL:
        key = fold(value)
        if key in ("never", "jamais"):
            return c.cq(column, "isnull", True)
        if key in ("ever", "yes", "oui", "true"):
            return c.cq(column, "isnull", False)
        raise c.error(tok, _("expected never, yes, or a comparison like >90d"))
    instant, is_duration = moment(c, tok, value)
    op = tok.op
    if is_duration:
        op = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[op]
    lookup = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[op]
    return c.cq(column, lookup, instant)


def _ever(column: str, c: Compiler, tok: Token, value: str) -> Q:
    """``contacted:yes`` / ``contacted:no``, or a moment as ``last_contacted`` reads it."""
    if tok.op in EQUAL and fold(value) in TRUE | FALSE:
        return c.cq(column, "isnull", not boolean(c, tok, value))
    return _when(column, c, tok, value)


def _intent(c: Compiler, tok: Token, value: str) -> Q:
    return c.cq("last_reply_intent", "exact", fold(value).replace(" ", "_"))


def _reason(c: Compiler, tok: Token, value: str) -> Q:
    """``reason:salary``: the decline reason.

    Only the latest reason is kept (``last_decline_reason``), so ``reason:`` and ``last_reason:`` both read
    it. When the replies app keeps a decline history, ``reason:`` becomes "ever" by OR-ing a
    ``pk IN (history rows with that reason)`` subquery here, and ``last_reason:`` stays the column.
    """
    return c.cq("last_decline_reason", "exact", fold(value).replace(" ", "_"))


def _snoozed(c: Compiler, tok: Token, wanted: bool) -> Q:
    snoozed = c.cq("snoozed_until", "gt", c.now)
    return snoozed if wanted else ~snoozed


def _in_campaign(c: Compiler, tok: Token, wanted: bool) -> Q:
    return Q(in_active_campaign=wanted)


def _unsubscribed(c: Compiler, tok: Token, wanted: bool) -> Q:
    return Q(unsubscribed_at__isnull=not wanted)


TERMS = (
    Term("contacted", compile=partial(_ever, "last_contacted_at"), ops=None),
    Term("last_contacted", compile=partial(_when, "last_contacted_at"), ops=None),
    Term("replied", compile=partial(_ever, "last_reply_at"), ops=None),
    Term("last_reply", compile=partial(_when, "last_reply_at"), ops=None),
    Term("intent", compile=_intent),
    Term("reason", compile=_reason),
    Term("last_reason", compile=_reason, listed=False),
    Term("snoozed", compile=_snoozed, value=boolean),
    Term("in_campaign", compile=_in_campaign, value=boolean),
    Term("unsubscribed", compile=_unsubscribed, value=boolean),
)
