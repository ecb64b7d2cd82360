# OutboundMessage now lives in sequences (sequences 0003_outbox); its old table goes first so that the new
# one can take the same index names.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0002_initial"),
        ("replies", "0003_outbox_unlink"),
    ]

    operations = [
        migrations.DeleteModel(name="OutboundMessage"),
    ]
