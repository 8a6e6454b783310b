"""The analysis of last year's ITA results: a document of kind "analysis" (no period, one per
fiscal year and revision) and its rows, one per indicator.

On SQLite, changing the report table's constraints rebuilds it, which would lose the triggers
written on or against it (0006, 0008): they are set aside and written again around it, as
measures 0012 does."""

import importlib

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import simple_history.models
from django.conf import settings
from django.db import migrations, models

KeepingSqliteTriggers = importlib.import_module(
    "measures.migrations.0012_measure_label"
).KeepingSqliteTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_assessment_years_2566_to_2569"),
        ("measures", "0013_measure_indicators"),
        ("reports", "0012_return_marks_measures"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AnalysisRow",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "weakness",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                1000, message="จุดอ่อนที่พบยาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร"
                            )
                        ],
                        verbose_name="จุดอ่อนที่พบ",
                    ),
                ),
                (
                    "approach",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                1000, message="แนวทางการพัฒนายาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร"
                            )
                        ],
                        verbose_name="แนวทางการพัฒนา",
                    ),
                ),
            ],
            options={
                "verbose_name": "การวิเคราะห์รายตัวชี้วัด",
                "verbose_name_plural": "การวิเคราะห์รายตัวชี้วัด",
                "ordering": ["report", "indicator__order", "indicator__code"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAnalysisRow",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "weakness",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                1000, message="จุดอ่อนที่พบยาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร"
                            )
                        ],
                        verbose_name="จุดอ่อนที่พบ",
                    ),
                ),
                (
                    "approach",
                    models.TextField(
                        blank=True,
                        max_length=1000,
                        validators=[
                            django.core.validators.MaxLengthValidator(
                                1000, message="แนวทางการพัฒนายาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร"
                            )
                        ],
                        verbose_name="แนวทางการพัฒนา",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "ประวัติการวิเคราะห์รายตัวชี้วัด",
                "verbose_name_plural": "historical การวิเคราะห์รายตัวชี้วัด",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        KeepingSqliteTriggers(
            ["reports_report"],
            [
                migrations.RemoveConstraint(
                    model_name="report",
                    name="report_period_valid",
                ),
                migrations.AlterField(
                    model_name="historicalreport",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("report", "รายงานผลการดำเนินงาน"),
                            ("plan", "ประกาศมาตรการ"),
                            ("analysis", "การวิเคราะห์ผลการประเมิน ITA"),
                        ],
                        default="report",
                        max_length=10,
                        verbose_name="ชนิดเอกสาร",
                    ),
                ),
                migrations.AlterField(
                    model_name="report",
                    name="kind",
                    field=models.CharField(
                        choices=[
                            ("report", "รายงานผลการดำเนินงาน"),
                            ("plan", "ประกาศมาตรการ"),
                            ("analysis", "การวิเคราะห์ผลการประเมิน ITA"),
                        ],
                        default="report",
                        max_length=10,
                        verbose_name="ชนิดเอกสาร",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="report",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("kind", "analysis")),
                        fields=("fiscal_year", "revision"),
                        name="analysis_unique_revision",
                        violation_error_message="มีการวิเคราะห์ผลการประเมินของปีนี้ฉบับนี้แล้ว",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="report",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "report"), ("period__in", [1, 2])),
                            models.Q(("kind__in", ["plan", "analysis"]), ("period__isnull", True)),
                            _connector="OR",
                        ),
                        name="report_period_valid",
                        violation_error_message="กรุณาเลือกรอบการรายงาน",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="analysisrow",
            name="indicator",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="assessments.indicator",
                verbose_name="ตัวชี้วัด",
            ),
        ),
        migrations.AddField(
            model_name="analysisrow",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="analysis_rows",
                to="reports.report",
                verbose_name="เอกสาร",
            ),
        ),
        migrations.AddField(
            model_name="historicalanalysisrow",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalanalysisrow",
            name="indicator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="assessments.indicator",
                verbose_name="ตัวชี้วัด",
            ),
        ),
        migrations.AddField(
            model_name="historicalanalysisrow",
            name="report",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="reports.report",
                verbose_name="เอกสาร",
            ),
        ),
        migrations.AddConstraint(
            model_name="analysisrow",
            constraint=models.UniqueConstraint(
                fields=("report", "indicator"),
                name="analysis_row_unique_indicator",
                violation_error_message="การวิเคราะห์นี้มีแถวของตัวชี้วัดนี้แล้ว",
            ),
        ),
        migrations.AddConstraint(
            model_name="analysisrow",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("weakness"), 1000
                ),
                name="analysis_row_weakness_length",
                violation_error_message="จุดอ่อนที่พบยาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร",
            ),
        ),
        migrations.AddConstraint(
            model_name="analysisrow",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("approach"), 1000
                ),
                name="analysis_row_approach_length",
                violation_error_message="แนวทางการพัฒนายาวเกินไป รับได้ไม่เกิน ๑,๐๐๐ ตัวอักษร",
            ),
        ),
    ]
