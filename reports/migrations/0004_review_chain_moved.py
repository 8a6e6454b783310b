"""The review chain now lives in the organisations app, with the same table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('reports', '0003_state_labels'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ReviewChainStep',
                ),
            ],
            database_operations=[],
        ),
    ]
