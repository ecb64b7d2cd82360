"""Start an import batch in the background."""

import logging
import threading

from django.db import connections
from django.utils.translation import gettext as _

from vivier.accounts.models import Team
from vivier.lib import clock

from ..models import (
    ImportBatch,
)

log = logging.getLogger("vivier.pool.services")


# --- Import -----------------------------------------------------------------------------------------


def import_batch_start(
    *, team: Team, by, filename: str, stored_path: str, source: str, format: str, mapping: dict
) -> ImportBatch:
    """Queue a confirmed import and process it in a background thread, so the batch page shows progress.

    The batch is a pending row first: if the web process dies, ``vivier worker`` (``handle_one_import``)
    picks it up, so nothing is lost.
    """
    batch = ImportBatch.objects.create(
        team=team,
        created_by=by,
        filename=filename,
        stored_path=stored_path,
        source=source[:100],
        format=format,
        mapping=mapping,
        status=ImportBatch.Status.PENDING,
        created_at=clock.now(),
    )

    def run():
        from ..importing import import_batch_process  # the importing package builds on these services

        try:
            import_batch_process(batch=ImportBatch.objects.get(pk=batch.pk))
        except Exception:
            log.exception("import %s failed", batch.public_id)
            ImportBatch.objects.filter(pk=batch.pk).exclude(status=ImportBatch.Status.DONE).update(
                status=ImportBatch.Status.FAILED, error=_("The import stopped unexpectedly.")
            )
        finally:
            connections.close_all()

    threading.Thread(target=run, name=f"import-{batch.public_id}", daemon=True).start()
    return batch
