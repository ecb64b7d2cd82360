from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from vivier.sequences.worker import handler_register

        from . import receivers  # noqa: F401 - connects the inbound webhook receiver

        # Before the due steps (order 30): a reply that arrived stops the step about to go out.
        handler_register("replies.inbound", "vivier.replies.handling.handle_one_inbound", order=20)
