from django.apps import AppConfig


class PoolConfig(AppConfig):
    name = "vivier.pool"
    label = "pool"
