"""Tag rows carry their candidate's team, so segment counts of tag-only queries read the tag table alone.

``job:backend`` counted on a million candidates spent most of its time checking each match's team on the
candidate table (a probe per match); with ``team`` on the tag row and a (team, kind, value, candidate)
index the count is an index range. Existing rows are filled with one ``UPDATE ... FROM`` (PostgreSQL,
SQLite >= 3.33), then the column becomes NOT NULL (so a path that forgets the team fails loudly).
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_team(apps, schema_editor):
    schema_editor.execute(
        "UPDATE pool_candidatetag SET team_id = pool_candidate.team_id FROM pool_candidate "
        "WHERE pool_candidate.id = pool_candidatetag.candidate_id")


def refresh_statistics(apps, schema_editor):
    """The planners need the new column's statistics (and SQLite lost the table's when it was rebuilt for
    NOT NULL): re-analyze the tag table, on SQLite only when the database was analyzed before."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchone():
                return
            cursor.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'pool_candidate' LIMIT 1")
            if not cursor.fetchone():
                return
        cursor.execute("ANALYZE pool_candidatetag")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("pool", "0002_perf_imp_import_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="candidatetag",
            name="team",
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="accounts.team"),
        ),
        migrations.RunPython(fill_team, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="candidatetag",
            name="team",
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="accounts.team"),
        ),
        migrations.AddIndex(
            model_name="candidatetag",
            index=models.Index(fields=["team", "kind", "value", "candidate"], name="cand_tag_team_lookup"),
        ),
        migrations.RunPython(refresh_statistics, migrations.RunPython.noop, elidable=True),
    ]
