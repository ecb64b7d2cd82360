"""Session settings Vivier asks of its database."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_sessions_run_without_jit():
    """Short queries over a large pool must not pay for JIT compilation (see settings)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_pgoptions_from_the_environment_win(monkeypatch):
    """An administrator's PGOPTIONS replaces Vivier's default session options."""
    import importlib

    import vivier.settings as settings_module

    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example:5432/vivier")
    monkeypatch.setenv("PGOPTIONS", "-c work_mem=64MB")
    fresh = importlib.reload(settings_module)
    try:
        assert "options" not in fresh.DATABASES["default"].get("OPTIONS", {})
        monkeypatch.delenv("PGOPTIONS")
        fresh = importlib.reload(settings_module)
        assert fresh.DATABASES["default"]["OPTIONS"]["options"] == "-c jit=off"
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
