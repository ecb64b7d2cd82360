"""A fresh database gets exactly the committed schema (vivier/tests/data/schema-<vendor>.json): tables,
indexes, triggers, the full-text table, extensions. A migration that loses a raw-SQL index, or a model
change without its migration, shows here as a diff. After an intended change, rewrite the snapshot with
``python -m vivier.tests.schema --write`` (once on SQLite, once with DATABASE_URL on PostgreSQL)."""

import pytest
from django.db import connection

from vivier.tests import schema

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_the_committed_schema():
    changes = schema.diff(schema.load(connection.vendor), schema.snapshot(connection))
    assert not changes, f"the migrations build another schema than the snapshot:\n{changes}"
