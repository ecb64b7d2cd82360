from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PoolConfig(AppConfig):
    name = "vivier.pool"
    label = "pool"

    def ready(self):
        from . import holdings, privacy, search

        # What the pool holds about a candidate, for the privacy app (see .holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)

        # The search-words index's triggers call a Python function (vivier.pool.search): every SQLite
        # connection needs it before it writes a candidate.
        connection_created.connect(search.register, dispatch_uid="vivier.pool.search.register")
