"""SQLite only: the word-suffix index of the search column (``vivier.pool.search``), kept by triggers.

A contentless FTS5 table: it stores the index, not the words (``detail=none``: which rows hold a word, not
where), about 40 MB per million candidates. The triggers run on every write of a candidate's search text,
whatever writes it (services, import, merge, demo, a bulk UPDATE). ``forwards`` also indexes the candidates
already there, so that it rebuilds the index after ``backwards``.
"""

from django.db import migrations

TABLE = "pool_search_words"
FUNCTION = "vivier_search_words"  # registered on each connection by vivier.pool.apps

STATEMENTS = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(words, content='', detail='none', "
    "columnsize=0, tokenize='ascii')",
    # A contentless table forgets a row only when given the words it was indexed with.
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON pool_candidate BEGIN
        INSERT INTO {TABLE} (rowid, words) VALUES (new.id, {FUNCTION}(new.search_text));
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON pool_candidate BEGIN
        INSERT INTO {TABLE} ({TABLE}, rowid, words) VALUES ('delete', old.id, {FUNCTION}(old.search_text));
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF search_text ON pool_candidate
    WHEN old.search_text IS NOT new.search_text BEGIN
        INSERT INTO {TABLE} ({TABLE}, rowid, words) VALUES ('delete', old.id, {FUNCTION}(old.search_text));
        INSERT INTO {TABLE} (rowid, words) VALUES (new.id, {FUNCTION}(new.search_text));
    END""",
    f"INSERT INTO {TABLE} (rowid, words) SELECT id, {FUNCTION}(search_text) FROM pool_candidate",
]


def forwards(apps, schema_editor):
    from vivier.pool.search import fts5_available

    # Without FTS5 (rare SQLite builds) there is no index: free words read the texts.
    if schema_editor.connection.vendor == "sqlite" and fts5_available():
        for sql in STATEMENTS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("pool", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
