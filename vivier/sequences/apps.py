from django.apps import AppConfig


class SequencesConfig(AppConfig):
    name = "vivier.sequences"
    label = "sequences"

    def ready(self):
        from .history import register_timeline_kinds

        register_timeline_kinds()

        from . import sent_resolve

        sent_resolve.register()

        from . import attention

        attention.register()  # checklist steps, tasks, deadlines, campaigns, messages, mailboxes

        from .worker import handler_register

        # Order of a round: stale sends first (a dead worker's rows must not wait), due steps, retries,
        # new segment matches, then imports. Replies registers its inbound handler before the due steps,
        # so a reply that arrived stops the step about to go out.
        handler_register("sequences.stale", "vivier.sequences.engine.handle_one_stale", order=10)
        handler_register("sequences.due", "vivier.sequences.engine.handle_one_due", order=30)
        handler_register("sequences.retry", "vivier.sequences.engine.handle_one_retry", order=40)
        # Messages left `unknown` by a cut connection, looked up in their mailbox's Sent folder.
        handler_register(
            "sequences.sent_resolve", "vivier.sequences.sent_resolve.handle_one_sent_resolve", order=45
        )
        handler_register("sequences.new_matches", "vivier.sequences.engine.handle_one_new_matches", order=50)
        # Imports confirmed in the web UI whose page thread died (or that were queued by the API).
        handler_register("pool.import", "vivier.pool.importing.handle_one_import", order=60)
        # Each user's daily digest of notifications, at the local time they chose.
        handler_register("notifications.digest", "vivier.sequences.digest.handle_one_digest", order=70)

        from vivier.pool import holdings
        from vivier.pool.panels import panel_register

        panel_register("segment_actions", "sequences/_segment_launch.html")
        panel_register("candidate_actions", "sequences/_candidate_actions.html", context=panel_context)
        panel_register("pool_bulk_actions", "sequences/_pool_bulk_actions.html", context=panel_context)

        from . import privacy

        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)


def panel_context(**page) -> dict:
    # The views (and the services they import) load when a page shows the panel, not at every start-up.
    from .views.candidates import panel_context

    return panel_context(**page)
