from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "vivier.jobs"
    label = "jobs"
