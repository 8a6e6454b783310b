"""The plan's announcement (a document of kind "plan", with no period) and verification codes.

On SQLite, changing a table rebuilds it and loses its triggers, and a trigger that names a table
being rebuilt breaks the rebuild: the report triggers are dropped first and made again last,
including the review events' one that 0007's rebuild of that table lost. (PostgreSQL alters
tables in place and keeps its triggers.)"""

from django.conf import settings
from django.db import migrations, models

SQLITE_TRIGGERS = {
    "final_report_no_update": """
        CREATE TRIGGER final_report_no_update BEFORE UPDATE ON reports_report
        FOR EACH ROW WHEN OLD.state = 'acknowledged'
        BEGIN SELECT RAISE(ABORT, 'final_report_never_changes'); END
    """,
    "final_report_steps_no_update": """
        CREATE TRIGGER final_report_steps_no_update BEFORE UPDATE ON reports_reviewstep
        FOR EACH ROW WHEN (SELECT state FROM reports_report WHERE id = OLD.report_id) = 'acknowledged'
        BEGIN SELECT RAISE(ABORT, 'final_report_never_changes'); END
    """,
    "review_event_no_update": """
        CREATE TRIGGER review_event_no_update BEFORE UPDATE ON reports_reviewevent
        FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'review_events_are_append_only'); END
    """,
}


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def create_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS.values():
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0006_length_validators'),
        ('reports', '0007_signing_acts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, create_sqlite_triggers),
        migrations.RemoveConstraint(
            model_name='report',
            name='report_unique_revision',
        ),
        migrations.RemoveConstraint(
            model_name='report',
            name='report_period_valid',
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='kind',
            field=models.CharField(choices=[('report', 'รายงานผลการดำเนินงาน'), ('plan', 'ประกาศมาตรการ')], default='report', max_length=10, verbose_name='ชนิดเอกสาร'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='verification_code',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=20, null=True, verbose_name='รหัสตรวจสอบ'),
        ),
        migrations.AddField(
            model_name='report',
            name='kind',
            field=models.CharField(choices=[('report', 'รายงานผลการดำเนินงาน'), ('plan', 'ประกาศมาตรการ')], default='report', max_length=10, verbose_name='ชนิดเอกสาร'),
        ),
        migrations.AddField(
            model_name='report',
            name='verification_code',
            field=models.CharField(blank=True, editable=False, max_length=20, null=True, unique=True, verbose_name='รหัสตรวจสอบ'),
        ),
        migrations.AlterField(
            model_name='historicalreport',
            name='addressee',
            field=models.CharField(blank=True, max_length=300, verbose_name='เรียน'),
        ),
        migrations.AlterField(
            model_name='historicalreport',
            name='department',
            field=models.CharField(blank=True, help_text='เช่น งานนโยบายและแผน สำนักปลัด องค์การบริหารส่วนตำบล…', max_length=300, verbose_name='ส่วนราชการ'),
        ),
        migrations.AlterField(
            model_name='historicalreport',
            name='period',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'รอบ ๖ เดือน'), (2, 'รอบ ๑๒ เดือน')], null=True, verbose_name='รอบการรายงาน'),
        ),
        migrations.AlterField(
            model_name='report',
            name='addressee',
            field=models.CharField(blank=True, max_length=300, verbose_name='เรียน'),
        ),
        migrations.AlterField(
            model_name='report',
            name='department',
            field=models.CharField(blank=True, help_text='เช่น งานนโยบายและแผน สำนักปลัด องค์การบริหารส่วนตำบล…', max_length=300, verbose_name='ส่วนราชการ'),
        ),
        migrations.AlterField(
            model_name='report',
            name='period',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'รอบ ๖ เดือน'), (2, 'รอบ ๑๒ เดือน')], null=True, verbose_name='รอบการรายงาน'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'report')), fields=('fiscal_year', 'period', 'revision'), name='report_unique_revision', violation_error_message='มีรายงานของรอบนี้ฉบับนี้แล้ว'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'plan')), fields=('fiscal_year', 'revision'), name='plan_document_unique_revision', violation_error_message='มีประกาศมาตรการของปีนี้ฉบับนี้แล้ว'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'report'), ('period__in', [1, 2])), models.Q(('kind', 'plan'), ('period__isnull', True)), _connector='OR'), name='report_period_valid', violation_error_message='กรุณาเลือกรอบการรายงาน'),
        ),
        migrations.RunPython(create_sqlite_triggers, drop_sqlite_triggers),
    ]
