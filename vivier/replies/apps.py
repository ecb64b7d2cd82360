from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from vivier.pool import holdings
        from vivier.sequences.worker import handler_register

        from . import attention, history, privacy, receivers  # noqa: F401 - receivers connects the inbound webhook receiver

        history.register()
        attention.register()  # replies to answer, on the home page and in notifications
        # Before the due steps (order 30): a reply that arrived stops the step about to go out.
        handler_register("replies.inbound", "vivier.replies.services.handle_one_inbound", order=20)
        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)
