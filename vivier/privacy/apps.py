from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "vivier.privacy"
    label = "privacy"

    def ready(self):
        from vivier.pool import blocklist, holdings

        from . import privacy, services

        # The pool's import and the inbound capture ask the tombstones through this (pool never imports us).
        blocklist.register(services.blocked_keys)
        blocklist.listener_register(services.refusal_record)
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)
