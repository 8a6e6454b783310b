"""ITA assessment years and items move here from publishing with their tables: only Django's
state changes, and the content types follow so that permissions and admin history stay
attached. (The data of ๒๕๖๖ was added by publishing.0002 and stays.)"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["assessmentyear", "assessmentitem"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="publishing", model__in=MOVED).update(
        app_label="assessments"
    )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="assessments", model__in=MOVED).update(
        app_label="publishing"
    )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('publishing', '0002_items_of_2566'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AssessmentYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='ปีการประเมิน (พ.ศ.)')),
                        ('name', models.CharField(help_text='เช่น การประเมิน ITA ประจำปี พ.ศ. ๒๕๖๖', max_length=200, verbose_name='ชื่อ')),
                    ],
                    options={
                        'verbose_name': 'ปีการประเมิน ITA',
                        'verbose_name_plural': 'ปีการประเมิน ITA',
                        'db_table': 'publishing_assessmentyear',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='AssessmentItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(help_text='เช่น O42', max_length=10, verbose_name='ข้อ')),
                        ('name', models.CharField(max_length=300, verbose_name='ชื่อข้อ')),
                        ('document_kind', models.CharField(choices=[('report', 'รายงานผลการดำเนินงาน'), ('plan', 'ประกาศมาตรการ')], default='report', max_length=10, verbose_name='เอกสารที่ใช้ตอบ')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ลำดับ')),
                        ('assessment_year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='assessments.assessmentyear', verbose_name='ปีการประเมิน')),
                    ],
                    options={
                        'verbose_name': 'ข้อการประเมิน ITA',
                        'verbose_name_plural': 'ข้อการประเมิน ITA',
                        'db_table': 'publishing_assessmentitem',
                        'ordering': ['assessment_year', 'order', 'code'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='assessmentitem',
                    constraint=models.UniqueConstraint(fields=('assessment_year', 'code'), name='assessment_item_unique_code', violation_error_message='ปีการประเมินนี้มีข้อนี้แล้ว'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
