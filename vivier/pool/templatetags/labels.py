"""Filters that show stored codes as labels in the reader's language (see ``vivier.pool.labels``).

{% load labels %}{{ review|duplicate_reason }} {{ error|import_error }}
{{ phone.e164|phone:team.default_region }} {{ tag|tag_label }} {{ "fr"|language_name }}
"""

from django import template

from vivier.pool import labels

register = template.Library()


@register.filter
def duplicate_reason(review) -> str:
    return labels.duplicate_reason_label(review.reason_code, review.reason_params)


@register.filter
def import_error(error: dict | None) -> str:
    return labels.import_error_label(error)


@register.filter
def phone(e164: str, region: str | None = None) -> str:
    return labels.phone_display(e164, region)


@register.filter
def tag_label(tag) -> str:
    return labels.tag_label(tag.kind, tag.value, tag.label)


@register.filter
def language_name(code: str) -> str:
    return labels.language_name(code)


@register.filter
def inferred(candidate, name: str) -> bool:
    """``{% if candidate|inferred:"seniority" %}``: the value was inferred, not stated."""
    return candidate.is_inferred(name)
