import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("replies", "0003_outbox_unlink"),
        ("sequences", "0003_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="outbound",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="replies",
                to="sequences.outboundmessage",
            ),
        ),
    ]
