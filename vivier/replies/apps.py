from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from . import history, receivers  # noqa: F401 - receivers connects the inbound webhook receiver

        history.register()
