"""What each app holds about a candidate: the registry the privacy app reads to export and erase.

The pool is the lowest app that knows candidates, so the registry lives here and the apps above fill it
from their ``AppConfig.ready()``; each declares in its own ``<app>/privacy.py`` the models that hold rows
about a candidate and two functions::

    holdings.register("replies", models=privacy.MODELS, export=privacy.export, erase=privacy.erase)

- ``export(candidate)``: what the app holds about the candidate, as JSON-able data (``json.dumps`` works);
- ``erase(candidate)``: removes it. ``holdings()`` lists the apps in their dependency order; erase in the
  reverse order (a higher app's rows point at a lower app's).

A test lists every model linked to a candidate (a foreign key, directly or through another model) and
fails on one that no app declares, so a new model cannot be forgotten.
"""

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Holding:
    app: str
    models: tuple[type[Model], ...]
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]


_holdings: dict[str, Holding] = {}


def register(
    app: str,
    *,
    models: Iterable[type[Model]],
    export: Callable[[Any], Any],
    erase: Callable[[Any], None],
) -> None:
    """Declare what ``app`` holds about candidates (once per app; a second call replaces the first)."""
    declared = tuple(models)
    foreign = [m._meta.label for m in declared if m._meta.app_label != app]
    if foreign:
        raise ImproperlyConfigured(f"{app} declares models of another app: {', '.join(foreign)}")
    _holdings[app] = Holding(app=app, models=declared, export=export, erase=erase)


def holdings() -> list[Holding]:
    """The registered holdings in the order of INSTALLED_APPS (the apps' dependency order)."""
    order = [config.label for config in apps.get_app_configs()]
    return sorted(_holdings.values(), key=lambda h: order.index(h.app) if h.app in order else len(order))


def export_all(candidate) -> dict[str, Any]:
    """Everything every app holds about ``candidate``, by app (JSON-able)."""
    return {holding.app: holding.export(candidate) for holding in holdings()}


def erase_all(candidate) -> None:
    """Erase what every app holds about ``candidate``, the higher apps first (their rows point at ours)."""
    for holding in reversed(holdings()):
        holding.erase(candidate)


def declared_models() -> set[type[Model]]:
    return {model for holding in _holdings.values() for model in holding.models}


def rows(queryset: QuerySet, *, exclude: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The rows as JSON-able dicts, every field the model has but its integer keys and its team.

    Integer keys never leave the server: a relation shows the related row's public id (or a user's
    username) and is left out when the related model has neither. Dates are ISO 8601, bytes base64.
    """
    skip = {"team", *exclude}
    names: dict[str, str] = {}
    for field in queryset.model._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        if field.is_relation:
            target = field.related_model
            if any(f.name == "public_id" for f in target._meta.concrete_fields):
                names[f"{field.name}__public_id"] = field.name
            elif hasattr(target, "USERNAME_FIELD"):
                names[f"{field.name}__{target.USERNAME_FIELD}"] = field.name
        else:
            names[field.name] = field.name
    return [
        {names[key]: _jsonable(value) for key, value in row.items()}
        for row in queryset.order_by("pk").values(*names)
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value
