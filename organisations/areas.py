"""Where an organisation is, and who oversees an area: Thailand's provinces (จังหวัด) and
districts (อำเภอ, เขต) as data, and the supervisors of a district, a province or the whole
deployment.

The provinces and districts come from the `geothai` package (GeoThai's data, from the
Department of Provincial Administration's codes; CC BY 4.0: pages that show them credit
"GeoThai"), loaded by the migration and kept up to date with `manage.py load_areas`
(organisations/area_names.py). Their codes are the department's (province "96", district
"9609"), never typed by hand.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Province(models.Model):
    code = models.CharField("รหัสจังหวัด", max_length=2, primary_key=True)
    name = models.CharField("จังหวัด", max_length=100, unique=True)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=100, blank=True)

    class Meta:
        verbose_name = "จังหวัด"
        verbose_name_plural = "จังหวัด"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """As a document writes it: "จังหวัดนราธิวาส" (Bangkok is no จังหวัด)."""
        return self.name if self.code == BANGKOK else f"จังหวัด{self.name}"


BANGKOK = "10"


class District(models.Model):
    code = models.CharField("รหัสอำเภอ", max_length=4, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name="จังหวัด"
    )
    name = models.CharField("อำเภอ", max_length=100)
    name_en = models.CharField("ชื่อภาษาอังกฤษ", max_length=100, blank=True)

    class Meta:
        verbose_name = "อำเภอ"
        verbose_name_plural = "อำเภอ"
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="district_unique_name")
        ]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """As a document writes it: "อำเภอสุคิริน"; Bangkok's districts are already "เขต…"."""
        return self.name if self.province_id == BANGKOK else f"อำเภอ{self.name}"


class Level(models.TextChoices):
    """How far a supervisor's area reaches."""

    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"
    NATION = "nation", "ทั้งประเทศ (ทุกหน่วยงานในระบบ)"


AREA_MISMATCH = "พื้นที่ไม่ตรงกับระดับ: ระดับอำเภอระบุอำเภอ ระดับจังหวัดระบุจังหวัด ระดับประเทศไม่ระบุพื้นที่"
UNIQUE_AREAS = [(Level.NATION, []), (Level.PROVINCE, ["province"]), (Level.DISTRICT, ["district"])]


class Supervision(models.Model):
    """A person who oversees the organisations of one area, read-only: a district's or a
    province's local-administration office, or the national department (the whole deployment).
    Granted by the deployment's operator only (organisations/supervision.py). What a supervisor
    may see is organisations/access.py's rule."""

    Level = Level

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="supervisions",
        verbose_name="ผู้ใช้",
    )
    level = models.CharField("ระดับ", max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="จังหวัด",
        help_text="เฉพาะระดับจังหวัด",
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="อำเภอ",
        help_text="เฉพาะระดับอำเภอ",
    )
    display_name = models.CharField("ชื่อ-สกุล", max_length=200)
    position_title = models.CharField("ตำแหน่ง", max_length=200, help_text="เช่น ท้องถิ่นจังหวัด")
    granted_at = models.DateTimeField("ให้สิทธิ์เมื่อ", auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ให้สิทธิ์โดย",
    )

    class Meta:
        verbose_name = "ผู้กำกับดูแลพื้นที่"
        verbose_name_plural = "ผู้กำกับดูแลพื้นที่"
        ordering = ["level", "province_id", "district_id", "display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level=Level.NATION, province__isnull=True, district__isnull=True)
                | Q(level=Level.PROVINCE, province__isnull=False, district__isnull=True)
                | Q(level=Level.DISTRICT, province__isnull=True, district__isnull=False),
                name="supervision_area_matches_level",
                violation_error_message=AREA_MISMATCH,
            ),
        ] + [
            models.UniqueConstraint(
                fields=["user", *fields],
                condition=Q(level=level),
                name=f"supervision_unique_{level.value}",
                violation_error_message="ผู้ใช้นี้กำกับดูแลพื้นที่นี้อยู่แล้ว",
            )
            for level, fields in UNIQUE_AREAS
        ]

    def __str__(self):
        return f"{self.display_name} ({self.area_label})"

    @property
    def area_label(self) -> str:
        if self.level == Level.NATION:
            return "ทุกหน่วยงานในระบบ"
        if self.level == Level.PROVINCE:
            return self.province.label
        return f"{self.district.label} {self.district.province.label}"
