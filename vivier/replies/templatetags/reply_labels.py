"""Reply codes (intents, decline reasons) as labels in the reader's language.

{% load reply_labels %}{{ reply.reason|decline_reason }} {{ reply.intent|intent_label }}
"""

from django import template

from vivier.replies import history

register = template.Library()


@register.filter
def decline_reason(code: str) -> str:
    return history.decline_reason_label(code)


@register.filter
def intent_label(code: str) -> str:
    return history.intent_label(code)
