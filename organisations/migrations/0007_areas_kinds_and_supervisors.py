"""Where an organisation is becomes data: Thailand's provinces and districts (from the geothai
package, organisations/area_names.py), each organisation's kind, and the supervisors of an area.

The free-text อำเภอ and จังหวัด of each organisation are matched by name to the new rows. An
organisation whose district could not be matched keeps what was typed, as documents printed it,
in `location_as_typed` (nothing is lost), and is named on standard output for the operator to
set in the admin (the admin's list filters those "ยังไม่ระบุอำเภอ"). Its kind is read from its
name (องค์การบริหารส่วนตำบล…, ทต.…); one whose name says none is named too.
"""

import sys

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from organisations.area_names import find_district, find_province, kind_from_name, load_areas


def load(apps, schema_editor):
    load_areas(
        apps.get_model("organisations", "Province"), apps.get_model("organisations", "District")
    )


def locate(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Province = apps.get_model("organisations", "Province")
    District = apps.get_model("organisations", "District")
    unplaced, unkinded = [], []
    for organisation in Organisation.objects.order_by("pk").iterator():
        province = find_province(Province.objects, organisation.province_text)
        district = find_district(District.objects, province, organisation.district_text)
        organisation.province = province
        organisation.district = district
        organisation.kind = kind_from_name(organisation.name, organisation.short_name)
        if district is None:
            organisation.location_as_typed = (
                f"อำเภอ{organisation.district_text} จังหวัด{organisation.province_text}"
            )
            unplaced.append(
                f"  {organisation.pk} {organisation.name}: {organisation.location_as_typed}"
            )
        if not organisation.kind:
            unkinded.append(f"  {organisation.pk} {organisation.name}")
        organisation.save(update_fields=["province", "district", "kind", "location_as_typed"])
    if unplaced:
        sys.stdout.write(
            "\nหน่วยงานที่ไม่พบอำเภอหรือจังหวัดตามที่พิมพ์ไว้ (เก็บข้อความเดิมไว้ กรุณาเลือกในหน้าจัดการ):\n"
            + "\n".join(unplaced)
            + "\n"
        )
    if unkinded:
        sys.stdout.write(
            "\nหน่วยงานที่ระบุประเภทจากชื่อไม่ได้ (กรุณาเลือกประเภทในหน้าจัดการ):\n"
            + "\n".join(unkinded)
            + "\n"
        )


def unlocate(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.select_related("district", "province").iterator():
        if organisation.district_id:
            organisation.district_text = organisation.district.name
            organisation.province_text = organisation.province.name
        else:
            typed = organisation.location_as_typed.removeprefix("อำเภอ")
            organisation.district_text, _, province = typed.partition(" จังหวัด")
            organisation.province_text = province
        organisation.save(update_fields=["district_text", "province_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_emblem_decodes_completely"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("organisation", "district", "district_text"),
        migrations.RenameField("organisation", "province", "province_text"),
        migrations.CreateModel(
            name="Province",
            fields=[
                (
                    "code",
                    models.CharField(
                        max_length=2, primary_key=True, serialize=False, verbose_name="รหัสจังหวัด"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="จังหวัด")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=100, verbose_name="ชื่อภาษาอังกฤษ"),
                ),
            ],
            options={"verbose_name": "จังหวัด", "verbose_name_plural": "จังหวัด", "ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="District",
            fields=[
                (
                    "code",
                    models.CharField(
                        max_length=4, primary_key=True, serialize=False, verbose_name="รหัสอำเภอ"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="อำเภอ")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=100, verbose_name="ชื่อภาษาอังกฤษ"),
                ),
                (
                    "province",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="districts",
                        to="organisations.province",
                        verbose_name="จังหวัด",
                    ),
                ),
            ],
            options={
                "verbose_name": "อำเภอ",
                "verbose_name_plural": "อำเภอ",
                "ordering": ["province__name", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("province", "name"), name="district_unique_name"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Supervision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("district", "อำเภอ"),
                            ("province", "จังหวัด"),
                            ("nation", "ทั้งประเทศ (ทุกหน่วยงานในระบบ)"),
                        ],
                        max_length=10,
                        verbose_name="ระดับ",
                    ),
                ),
                ("display_name", models.CharField(max_length=200, verbose_name="ชื่อ-สกุล")),
                (
                    "position_title",
                    models.CharField(
                        help_text="เช่น ท้องถิ่นจังหวัด", max_length=200, verbose_name="ตำแหน่ง"
                    ),
                ),
                ("granted_at", models.DateTimeField(auto_now_add=True, verbose_name="ให้สิทธิ์เมื่อ")),
                (
                    "district",
                    models.ForeignKey(
                        blank=True,
                        help_text="เฉพาะระดับอำเภอ",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.district",
                        verbose_name="อำเภอ",
                    ),
                ),
                (
                    "granted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ให้สิทธิ์โดย",
                    ),
                ),
                (
                    "province",
                    models.ForeignKey(
                        blank=True,
                        help_text="เฉพาะระดับจังหวัด",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.province",
                        verbose_name="จังหวัด",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="supervisions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ผู้ใช้",
                    ),
                ),
            ],
            options={
                "verbose_name": "ผู้กำกับดูแลพื้นที่",
                "verbose_name_plural": "ผู้กำกับดูแลพื้นที่",
                "ordering": ["level", "province_id", "district_id", "display_name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("district__isnull", True),
                                ("level", "nation"),
                                ("province__isnull", True),
                            ),
                            models.Q(
                                ("district__isnull", True),
                                ("level", "province"),
                                ("province__isnull", False),
                            ),
                            models.Q(
                                ("district__isnull", False),
                                ("level", "district"),
                                ("province__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="supervision_area_matches_level",
                        violation_error_message="พื้นที่ไม่ตรงกับระดับ: ระดับอำเภอระบุอำเภอ ระดับจังหวัดระบุจังหวัด ระดับประเทศไม่ระบุพื้นที่",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("level", "nation")),
                        fields=("user",),
                        name="supervision_unique_nation",
                        violation_error_message="ผู้ใช้นี้กำกับดูแลพื้นที่นี้อยู่แล้ว",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("level", "province")),
                        fields=("user", "province"),
                        name="supervision_unique_province",
                        violation_error_message="ผู้ใช้นี้กำกับดูแลพื้นที่นี้อยู่แล้ว",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("level", "district")),
                        fields=("user", "district"),
                        name="supervision_unique_district",
                        violation_error_message="ผู้ใช้นี้กำกับดูแลพื้นที่นี้อยู่แล้ว",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("sao", "องค์การบริหารส่วนตำบล (อบต.)"),
                    ("subdistrict_municipality", "เทศบาลตำบล"),
                    ("town_municipality", "เทศบาลเมือง"),
                    ("city_municipality", "เทศบาลนคร"),
                    ("pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"),
                    ("other", "หน่วยงานอื่น"),
                ],
                default="",
                max_length=30,
                verbose_name="ประเภทหน่วยงาน",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="organisation",
            name="location_as_typed",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="อำเภอและจังหวัดที่พิมพ์ไว้ก่อนมีข้อมูลพื้นที่ ซึ่งไม่ตรงกับชื่อใด กรุณาเลือกอำเภอและจังหวัด",
                max_length=250,
                verbose_name="ที่ตั้งที่พิมพ์ไว้เดิม",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="province",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="organisations.province",
                verbose_name="จังหวัด",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="district",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="organisations.district",
                verbose_name="อำเภอ",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(locate, unlocate),
        migrations.RemoveField("organisation", "district_text"),
        migrations.RemoveField("organisation", "province_text"),
    ]
