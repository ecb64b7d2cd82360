from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from . import receivers  # noqa: F401 - connects the inbound webhook receiver
