# The outbound messages move from mail to sequences (a new table): the link is dropped here and added back
# to the new model in 0004 (there is no production data to carry).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("replies", "0002_replies_and_handling"),
    ]

    operations = [
        migrations.RemoveField(model_name="reply", name="outbound"),
    ]
