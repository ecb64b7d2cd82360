from django.apps import AppConfig


class SegmentsConfig(AppConfig):
    name = "vivier.segments"
    label = "segments"

    def ready(self):
        # The query language's fields are a registry: segments fills in its own terms here, and a higher app
        # adds one from its own ready() with ``vivier.segments.query.term_register``.
        from .query import builtin_terms_register

        builtin_terms_register()

        from vivier.pool import holdings
        from vivier.pool.selectors import list_filter_register

        from .selectors import saved_filters, segment_candidates

        # The pool list filters with the query language and offers the saved segments as chips.
        list_filter_register(select=segment_candidates, saved=saved_filters)

        from . import attention, privacy

        attention.register()  # the checklist's "build a segment" step

        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)
