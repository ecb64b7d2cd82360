from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "vivier.mail"
    label = "mail"

    def ready(self):
        from vivier.pool import holdings

        from . import privacy

        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)
