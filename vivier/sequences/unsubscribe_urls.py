"""The unsubscribe link, served under ``/mail/unsubscribe/`` (the path in every message already sent) and
named ``mail:unsubscribe``, though the outbox it belongs to lives in ``sequences``."""

from django.urls import path

from .unsubscribe import unsubscribe

app_name = "mail"
urlpatterns = [
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
