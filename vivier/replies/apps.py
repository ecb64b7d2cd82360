from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from vivier.pool import holdings

        from . import privacy, receivers  # noqa: F401 - receivers connects the inbound webhook receiver

        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)
