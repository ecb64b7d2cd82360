from django.apps import AppConfig


class RepliesConfig(AppConfig):
    name = "vivier.replies"
    label = "replies"

    def ready(self):
        from vivier.pool import holdings
        from vivier.sequences.outbox import contact_rule_register
        from vivier.sequences.worker import companion_register, handler_register

        from . import attention, history, privacy, receivers  # noqa: F401 - receivers connects the inbound webhook receiver

        history.register()
        attention.register()  # replies to answer, on the home page and in notifications
        # Before the due steps (order 30): a reply that arrived stops the step about to go out.
        handler_register("replies.inbound", "vivier.replies.services.handle_one_inbound", order=20)
        # Before the inbound step: a reply fetched from a mailbox is handled in the same round.
        handler_register("replies.mailbox_poll", "vivier.replies.mailpoll.handle_one_mailbox_poll", order=15)
        # The long-running worker holds an IMAP IDLE connection per mailbox: new mail makes its poll due now.
        companion_register("replies.imap_idle", "vivier.replies.mailidle.idle_watch")
        # Right after the unsubscription: a reply that may say stop pauses every message until it is checked.
        contact_rule_register("replies.to_check", _sending_held, order=1)
        # What this app holds about a candidate, for the privacy app (see vivier.pool.holdings).
        holdings.register(self.label, models=privacy.MODELS, export=privacy.export, erase=privacy.erase)


def _sending_held(candidate, kind, at):
    # replies.services loads the reply understanding (its rules are long to compile): at the first send that
    # asks, not at every start-up (quick commands).
    from .services import sending_held

    return sending_held(candidate, kind, at)
