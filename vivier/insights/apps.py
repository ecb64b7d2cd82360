from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "vivier.insights"
    label = "insights"
