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
        for key, bit in zip(ranked, bits, strict=False):
            names = raw[team_id, key]
            add_bit(CandidateSource.objects.filter(name__in=names, candidate__team_id=team_id).values("candidate_id"),
                    1 << bit)



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
