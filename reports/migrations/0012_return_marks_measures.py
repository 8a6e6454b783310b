"""A return records the measures the approving superior marked for correction.

Adding the column rebuilds the review events' table on SQLite, which would lose the report
triggers (see 0008): they are dropped first and made again last, as 0008 does."""

import importlib

from django.db import migrations, models

triggers = importlib.import_module("reports.migrations.0008_plan_documents_and_verification_codes")


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0011_period_names"),
    ]

    operations = [
        migrations.RunPython(triggers.drop_sqlite_triggers, triggers.create_sqlite_triggers),
        migrations.AddField(
            model_name="reviewevent",
            name="measure_numbers",
            field=models.JSONField(blank=True, default=list, verbose_name="มาตรการที่ต้องแก้ไข"),
        ),
        migrations.RunPython(triggers.create_sqlite_triggers, triggers.drop_sqlite_triggers),
    ]
