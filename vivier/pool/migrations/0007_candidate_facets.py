"""``Candidate.facets``: the candidate's contract and language tag values as bits (vivier.pool.facets).

Nullable, so that SQLite adds the column with ALTER TABLE: a NOT NULL column with a default makes Django copy
the whole table, and the copy would also lose the segment indexes other migrations created in SQL.
Existing candidates get their bits from their tag rows, one UPDATE per known value.
"""

from django.db import migrations, models
from django.db.models import F


def fill(apps, schema_editor):
    from vivier.pool.facets import BIT

    if schema_editor is not None and schema_editor.connection.vendor == "postgresql":
        # One pass: an UPDATE per value rewrote a million-row table once per value (minutes); SQLite's
        # updates in place are cheap enough one value at a time, and it has no bit_or().
        values = ", ".join(["(%s, %s, %s::bigint)"] * len(BIT))
        schema_editor.execute(
            "UPDATE pool_candidate c SET facets = agg.bits FROM ("
            " SELECT t.candidate_id, bit_or(b.bit) AS bits FROM pool_candidatetag t"
            f" JOIN (VALUES {values}) AS b(kind, value, bit) ON b.kind = t.kind AND b.value = t.value"
            " GROUP BY t.candidate_id) agg WHERE c.id = agg.candidate_id",
            [x for (kind, value), bit in BIT.items() for x in (kind, value, bit)])
        return
    Candidate = apps.get_model("pool", "Candidate")
    CandidateTag = apps.get_model("pool", "CandidateTag")
    for (kind, value), bit in BIT.items():
        holders = CandidateTag.objects.filter(kind=kind, value=value).values("candidate_id")
        Candidate.objects.filter(pk__in=holders, facets__isnull=True).update(facets=0)
        Candidate.objects.filter(pk__in=holders).update(facets=F("facets").bitor(bit))


class Migration(migrations.Migration):

    dependencies = [
        ('pool', '0006_deferred_index_owner'),
    ]

    operations = [
        migrations.AddField(
            model_name='candidate',
            name='facets',
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
