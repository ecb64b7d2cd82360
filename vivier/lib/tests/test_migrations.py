"""Every model change ships with its migration (a missing one would fail on a user's first `vivier` command
only once someone else's migration touches the same table)."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # --check exits non-zero when a migration would be written
        pytest.fail(f"missing migrations (run `vivier manage makemigrations`):\n{out.getvalue()}\n{exc}")
