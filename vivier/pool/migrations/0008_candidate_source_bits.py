"""``Candidate.source_bits`` and the teams' source-name registry (vivier.pool.facets).

Nullable for the same reason as ``facets`` (0007). Existing pools are filled: one UPDATE per source kind,
and per team its names registered, the most frequent first (they get the bits when there are more names than
bits), then one UPDATE per name with a bit.
"""

from collections import Counter, defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, F


def fill(apps, schema_editor):
    from vivier.pool.facets import KIND_BIT, NAME_BITS, source_key

    Candidate = apps.get_model("pool", "Candidate")
    CandidateSource = apps.get_model("pool", "CandidateSource")
    SourceName = apps.get_model("pool", "SourceName")

    def add_bit(holders, bit):
        Candidate.objects.filter(pk__in=holders, source_bits__isnull=True).update(source_bits=0)
        Candidate.objects.filter(pk__in=holders).update(source_bits=F("source_bits").bitor(bit))

    postgresql = schema_editor is not None and schema_editor.connection.vendor == "postgresql"
    if not postgresql:
        for kind, bit in KIND_BIT.items():
            add_bit(CandidateSource.objects.filter(kind=kind).values("candidate_id"), bit)
    counts: dict[int, Counter] = defaultdict(Counter)
    raw: dict[tuple[int, str], list[str]] = defaultdict(list)
    for team_id, name, n in (CandidateSource.objects.exclude(name="").values_list("candidate__team_id", "name")
                             .annotate(n=Count("id")).order_by()):
        key = source_key(name)
        if key:
            counts[team_id][key] += n
            raw[team_id, key].append(name)
    for team_id, keys in counts.items():
        ranked = sorted(keys, key=lambda k: (-keys[k], k))
        bits = list(NAME_BITS)
        SourceName.objects.bulk_create([SourceName(team_id=team_id, key=key, bit=bits[i] if i < len(bits) else None)
                                        for i, key in enumerate(ranked)])
        named = [(name, 1 << bit) for key, bit in zip(ranked, bits, strict=False) for name in raw[team_id, key]]
        if postgresql:
            # One pass per team (an UPDATE per bit rewrote a million-row table once per bit): kind and name
            # bits of every source row, OR-ed per candidate.
            kinds = ", ".join(["(%s, %s::bigint)"] * len(KIND_BIT))
            names = ", ".join(["(%s, %s::bigint)"] * len(named)) or "(NULL, 0::bigint)"
            schema_editor.execute(
                "UPDATE pool_candidate c SET source_bits = agg.bits FROM ("
                " SELECT s.candidate_id, bit_or(COALESCE(k.bit, 0) | COALESCE(n.bit, 0)) AS bits"
                " FROM pool_candidatesource s JOIN pool_candidate sc ON sc.id = s.candidate_id AND sc.team_id = %s"
                f" LEFT JOIN (VALUES {kinds}) AS k(kind, bit) ON k.kind = s.kind"
                f" LEFT JOIN (VALUES {names}) AS n(name, bit) ON n.name = s.name"
                " GROUP BY s.candidate_id) agg WHERE c.id = agg.candidate_id",
                [team_id, *(x for item in KIND_BIT.items() for x in item), *(x for item in named for x in item)])
        else:
            for name_bit in sorted({b for _, b in named}):
                names = [name for name, b in named if b == name_bit]
                add_bit(CandidateSource.objects.filter(name__in=names, candidate__team_id=team_id)
                        .values("candidate_id"), name_bit)
    if postgresql:  # candidates whose sources have no name (kinds only) in teams with no named source
        kinds = ", ".join(["(%s, %s::bigint)"] * len(KIND_BIT))
        schema_editor.execute(
            "UPDATE pool_candidate c SET source_bits = agg.bits FROM ("
            " SELECT s.candidate_id, bit_or(k.bit) AS bits FROM pool_candidatesource s"
            f" JOIN (VALUES {kinds}) AS k(kind, bit) ON k.kind = s.kind GROUP BY s.candidate_id) agg"
            " WHERE c.id = agg.candidate_id AND c.source_bits IS NULL",
            [x for item in KIND_BIT.items() for x in item])
        # The fills of 0007 and this one wrote a new version of every candidate row, and a new entry in each
        # of its indexes: on a million candidates they came out three to four times their size, and segment
        # counts that probe them 50% slower (skill+seniority 102 -> 150 ms). Rebuilt: about 30 s per million.
        if Candidate.objects.exists():
            schema_editor.execute("REINDEX TABLE pool_candidate")



class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('pool', '0007_candidate_facets'),
    ]

    operations = [
        migrations.AddField(
            model_name='candidate',
            name='source_bits',
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='SourceName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=200)),
                ('bit', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('team', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.team')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('team', 'key'), name='source_name_unique'), models.UniqueConstraint(fields=('team', 'bit'), name='source_name_bit_unique')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
