"""Organisations, divisions, memberships (from measures) and the review chain (from reports) move
here with their tables: only Django's state changes, and the content types follow so that
permissions and admin history stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = [("measures", "organisation"), ("measures", "division"), ("measures", "membership"),
         ("reports", "reviewchainstep")]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in MOVED:
        ContentType.objects.filter(app_label=app_label, model=model).update(
            app_label="organisations"
        )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in MOVED:
        ContentType.objects.filter(app_label="organisations", model=model).update(
            app_label=app_label
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reports', '0003_state_labels'),
        ('measures', '0002_integrity_triggers'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='ชื่อหน่วยงาน')),
                        ('short_name', models.CharField(help_text='เช่น อบต.เกียร์', max_length=60, unique=True, verbose_name='ชื่อย่อ')),
                        ('district', models.CharField(max_length=100, verbose_name='อำเภอ')),
                        ('province', models.CharField(max_length=100, verbose_name='จังหวัด')),
                        ('phone', models.CharField(blank=True, max_length=60, verbose_name='โทรศัพท์')),
                        ('document_prefix', models.CharField(blank=True, help_text='เช่น นธ ๗๔๙๐๑.๑', max_length=60, verbose_name='รหัสหนังสือ (ที่)')),
                        ('emblem', models.ImageField(blank=True, upload_to='emblems/', verbose_name='ตราสัญลักษณ์')),
                    ],
                    options={
                        'verbose_name': 'หน่วยงาน',
                        'verbose_name_plural': 'หน่วยงาน',
                        'db_table': 'measures_organisation',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Division',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='ชื่อส่วนราชการ')),
                        ('short_name', models.CharField(blank=True, help_text='เช่น กองการศึกษาฯ (ใช้ในตารางรายงาน)', max_length=100, verbose_name='ชื่อย่อ')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='ลำดับ')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='divisions', to='organisations.organisation', verbose_name='หน่วยงาน')),
                    ],
                    options={
                        'verbose_name': 'ส่วนราชการ',
                        'verbose_name_plural': 'ส่วนราชการ',
                        'db_table': 'measures_division',
                        'ordering': ['organisation', 'order', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewChainStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveSmallIntegerField(verbose_name='ลำดับ')),
                        ('role', models.CharField(choices=[('staff', 'เจ้าหน้าที่ส่วนราชการ'), ('analyst', 'นักวิเคราะห์นโยบายและแผน'), ('head_of_office', 'หัวหน้าสำนักปลัด'), ('chief_administrator', 'ปลัด'), ('chief_executive', 'นายก'), ('site_admin', 'ผู้ดูแลระบบ')], max_length=30, verbose_name='บทบาท')),
                        ('kind', models.CharField(choices=[('comment', 'ให้ความเห็น'), ('approve', 'พิจารณาอนุมัติหรือส่งกลับ'), ('acknowledge', 'รับทราบ')], max_length=20, verbose_name='หน้าที่')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='review_chain', to='organisations.organisation', verbose_name='หน่วยงาน')),
                    ],
                    options={
                        'verbose_name': 'ลำดับการเสนอรายงาน',
                        'verbose_name_plural': 'ลำดับการเสนอรายงาน',
                        'db_table': 'reports_reviewchainstep',
                        'ordering': ['organisation', 'order'],
                    },
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('staff', 'เจ้าหน้าที่ส่วนราชการ'), ('analyst', 'นักวิเคราะห์นโยบายและแผน'), ('head_of_office', 'หัวหน้าสำนักปลัด'), ('chief_administrator', 'ปลัด'), ('chief_executive', 'นายก'), ('site_admin', 'ผู้ดูแลระบบ')], max_length=30, verbose_name='บทบาท')),
                        ('display_name', models.CharField(help_text='เช่น นางรอซึลา บินมะนอร์', max_length=200, verbose_name='ชื่อ-สกุล')),
                        ('position_title', models.CharField(help_text='ตามที่พิมพ์ใต้ลายมือชื่อ', max_length=200, verbose_name='ตำแหน่ง')),
                        ('divisions', models.ManyToManyField(blank=True, related_name='memberships', to='organisations.division', verbose_name='สังกัดส่วนราชการ')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='ผู้ใช้')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.organisation', verbose_name='หน่วยงาน')),
                    ],
                    options={
                        'verbose_name': 'บทบาทผู้ใช้',
                        'verbose_name_plural': 'บทบาทผู้ใช้',
                        'db_table': 'measures_membership',
                        'ordering': ['organisation', 'role', 'display_name'],
                        'constraints': [models.UniqueConstraint(fields=('user', 'organisation', 'role'), name='membership_unique_role', violation_error_message='ผู้ใช้นี้มีบทบาทนี้ในหน่วยงานนี้แล้ว'), models.CheckConstraint(condition=models.Q(('role__in', ['staff', 'analyst', 'head_of_office', 'chief_administrator', 'chief_executive', 'site_admin'])), name='membership_role_valid', violation_error_message='บทบาทไม่ถูกต้อง')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='division',
                    constraint=models.UniqueConstraint(fields=('organisation', 'name'), name='division_name_unique_per_organisation', violation_error_message='หน่วยงานนี้มีส่วนราชการชื่อนี้แล้ว'),
                ),
                migrations.AddConstraint(
                    model_name='reviewchainstep',
                    constraint=models.UniqueConstraint(fields=('organisation', 'order'), name='review_chain_unique_order', violation_error_message='ลำดับการเสนอซ้ำกัน'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
