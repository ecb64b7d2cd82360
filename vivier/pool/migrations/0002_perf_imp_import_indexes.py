"""Reshape the pool's indexes for large imports.

Drop indexes that another index already covers (each is the leading column of a unique constraint or
of a composite index), so that a large import maintains fewer B-trees per row. (The tags' own
``candidate_id`` index stays: tags have no ``ordering``, and that index is what gives ``candidate.tags.all()``
its insertion order.) ``name_key``'s own index
was random-order work on every insert; the duplicate check looks it up with the team, through
``cand_team_namekey_cover``, which replaces ``cand_team_namekey``: it also holds the company and city
that the check compares, so the same-name rows of a large pool (tens of thousands per chunk at a million
candidates) are read from the index without a random visit to the table per row.

The schema change is done with plain ``DROP INDEX`` (state and database separately): ``AlterField`` on
SQLite would rebuild the tables, which would drop the indexes other apps add with raw SQL."""

import django.db.models.deletion
from django.db import migrations, models

# (table, index name, column): the names Django gave these indexes in 0001_initial.
INDEXES = [
    ("pool_candidate", "pool_candidate_name_key_299d4ecb", "name_key"),
    ("pool_candidateemail", "pool_candidateemail_team_id_954322d8", "team_id"),
    ("pool_candidatephone", "pool_candidatephone_team_id_b727d565", "team_id"),
    ("pool_candidateprofile", "pool_candidateprofile_team_id_3fc7bb0d", "team_id"),
    ("pool_timelineevent", "pool_timelineevent_candidate_id_1b32b8e4", "candidate_id"),
]


def drop(apps, schema_editor):
    for _table, name, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}_like"')


def create(apps, schema_editor):
    for table, name, column in INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")')
        if schema_editor.connection.vendor == "postgresql" and column == "name_key":
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}_like" ON "{table}" ("{column}" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("pool", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="candidate", name="cand_team_namekey"),
        migrations.AddIndex(
            model_name="candidate",
            index=models.Index(fields=["team", "name_key", "current_company", "city"],
                               name="cand_team_namekey_cover"),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create)],
            state_operations=[
                migrations.AlterField(
                    model_name="candidate",
                    name="name_key",
                    field=models.CharField(blank=True, max_length=300),
                ),
                migrations.AlterField(
                    model_name="candidateemail",
                    name="team",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="+", to="accounts.team"),
                ),
                migrations.AlterField(
                    model_name="candidatephone",
                    name="team",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="+", to="accounts.team"),
                ),
                migrations.AlterField(
                    model_name="candidateprofile",
                    name="team",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="+", to="accounts.team"),
                ),
                migrations.AlterField(
                    model_name="timelineevent",
                    name="candidate",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="timeline", to="pool.candidate"),
                ),
            ],
        ),
    ]
