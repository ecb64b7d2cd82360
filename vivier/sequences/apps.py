from django.apps import AppConfig


class SequencesConfig(AppConfig):
    name = "vivier.sequences"
    label = "sequences"

    def ready(self):
        from .history import register_timeline_kinds

        register_timeline_kinds()
