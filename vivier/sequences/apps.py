from django.apps import AppConfig


class SequencesConfig(AppConfig):
    name = "vivier.sequences"
    label = "sequences"
