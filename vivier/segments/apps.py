from django.apps import AppConfig


class SegmentsConfig(AppConfig):
    name = "vivier.segments"
    label = "segments"
