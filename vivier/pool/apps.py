from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PoolConfig(AppConfig):
    name = "vivier.pool"
    label = "pool"

    def ready(self):
        from . import attention, holdings, privacy, search

        attention.register()  # the checklist's "import your pool" step

        # What the pool holds about a candidate, for the privacy app (see .holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)

        # The search-words index's triggers call a Python function (vivier.pool.search): every SQLite
        # connection needs it before it writes a candidate.
        connection_created.connect(search.register, dispatch_uid="vivier.pool.search.register")
