from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vivier.demo"
    label = "demo"
