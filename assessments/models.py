"""The ITA assessment as data, for the whole deployment, and each organisation's results.

An assessment year (ปีการประเมิน) has its items (ข้อการประเมิน, e.g. O26) with the rule of which
document answers each, its indicators (ตัวชี้วัด), its result levels and its pass mark. Item
numbers, indicators and level labels change from year to year, so they are rows that the
deployment's operator keeps in the admin, typed once for every organisation; what was shipped
without an official source says so (`is_confirmed`, `note`). The rule itself (does a document
answer an item?) is assessments/rules.py.

An organisation's result of one assessment year (AssessmentResult) holds the total score, the
level as the assessment gave it (text: labels change) and the score of each indicator
(IndicatorScore); assessments/services.py is their only writer, and every change is kept
(django-simple-history). Scores are points out of 100 with two decimals.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisations.models import Organisation
from thai.digits import thai_digits
from thai.fiscal import Period

SCORE_MAX = Decimal("100")
LEVEL_MAX = 20


def score_field(label, **kwargs):
    """Points out of 100, two decimals (as the assessment reports them)."""
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(0, message="คะแนนต้องไม่น้อยกว่า ๐"),
            MaxValueValidator(SCORE_MAX, message="คะแนนต้องไม่เกิน ๑๐๐"),
        ],
        **kwargs,
    )


def score_in_range(field, name) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": SCORE_MAX})
        | Q(**{f"{field}__isnull": True}),
        name=name,
        violation_error_message="คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐",
    )


class AnswerKind(models.TextChoices):
    """The kind of document that answers an item. reports/publishing map their document kinds
    to these values (the same words: a report's `kind` "plan" answers a "plan" item)."""

    ANALYSIS = "analysis", "การวิเคราะห์ผลการประเมิน ITA"
    PLAN = "plan", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส (ประกาศ)"
    REPORT = "report", "รายงานผลการดำเนินการตามมาตรการ"
    OTHER = "", "หลักฐานอื่น (ไม่ได้จัดทำในระบบ)"


class FiscalYearOffset(models.IntegerChoices):
    """Which fiscal year the answering document is of, relative to the assessment year."""

    SAME = 0, "ปีงบประมาณเดียวกับปีการประเมิน"
    PREVIOUS = -1, "ปีงบประมาณก่อนปีการประเมิน"


class AssessmentYear(models.Model):
    year = models.PositiveSmallIntegerField("ปีการประเมิน (พ.ศ.)", unique=True)
    name = models.CharField("ชื่อ", max_length=200, help_text="เช่น การประเมิน ITA ประจำปี พ.ศ. ๒๕๖๖")
    pass_mark = score_field(
        "คะแนนผ่านเกณฑ์",
        default=Decimal("85"),
        help_text="ตัวชี้วัดที่ได้คะแนนต่ำกว่านี้เป็นจุดอ่อนที่ต้องพัฒนา (ปกติ ๘๕)",
    )
    note = models.CharField(
        "หมายเหตุ",
        max_length=500,
        blank=True,
        help_text="สิ่งที่ยังไม่ยืนยัน หรือที่มาของข้อมูลปีนี้",
    )
    history = HistoricalRecords(verbose_name="ประวัติปีการประเมิน")

    class Meta:
        db_table = "publishing_assessmentyear"
        verbose_name = "ปีการประเมิน ITA"
        verbose_name_plural = "ปีการประเมิน ITA"
        ordering = ["-year"]
        constraints = [score_in_range("pass_mark", "assessment_year_pass_mark_range")]

    def __str__(self):
        return self.name


class AssessmentItem(models.Model):
    """An item of one year's assessment (e.g. O26) and the rule of what answers it: a document
    of `document_kind`, of the fiscal year `assessment year + fiscal_year_offset`, and for a
    report, of `period` (none: either period). An item that two kinds of document answer (the
    analysis and the measures under one code) is two rows with the same code."""

    assessment_year = models.ForeignKey(
        AssessmentYear, on_delete=models.CASCADE, related_name="items", verbose_name="ปีการประเมิน"
    )
    code = models.CharField(
        "ข้อ", max_length=10, blank=True, help_text="เช่น O26 (เว้นว่างถ้ายังไม่ทราบเลขข้อ)"
    )
    name = models.CharField("ชื่อข้อ", max_length=300)
    document_kind = models.CharField(
        "เอกสารที่ใช้ตอบ",
        max_length=10,
        choices=AnswerKind.choices,
        blank=True,
        default=AnswerKind.OTHER,
    )
    fiscal_year_offset = models.SmallIntegerField(
        "ปีงบประมาณของเอกสาร", choices=FiscalYearOffset.choices, default=FiscalYearOffset.SAME
    )
    period = models.PositiveSmallIntegerField(
        "รอบของรายงาน",
        choices=Period.choices,
        null=True,
        blank=True,
        help_text="เฉพาะรายงาน เว้นว่างถ้ารอบใดก็ได้",
    )
    due_date = models.DateField("กำหนดส่ง", null=True, blank=True)
    is_confirmed = models.BooleanField(
        "ยืนยันแล้ว",
        default=True,
        help_text="ไม่เลือก: เลขข้อหรือเอกสารที่ใช้ตอบยังไม่ได้ยืนยันจากคู่มือการประเมินของปีนั้น",
    )
    note = models.CharField("หมายเหตุ", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)
    history = HistoricalRecords(verbose_name="ประวัติข้อการประเมิน")

    class Meta:
        db_table = "publishing_assessmentitem"
        verbose_name = "ข้อการประเมิน ITA"
        verbose_name_plural = "ข้อการประเมิน ITA"
        ordering = ["assessment_year", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "code", "document_kind"],
                name="assessment_item_unique_code_kind",
                violation_error_message="ปีการประเมินนี้มีข้อนี้สำหรับเอกสารชนิดนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year_offset__in=[0, -1]),
                name="assessment_item_offset_valid",
                violation_error_message="ปีงบประมาณของเอกสารต้องเป็นปีเดียวกันหรือปีก่อนปีการประเมิน",
            ),
            models.CheckConstraint(
                condition=Q(period__isnull=True)
                | Q(document_kind=AnswerKind.REPORT, period__in=[1, 2]),
                name="assessment_item_period_for_reports",
                violation_error_message="กำหนดรอบได้เฉพาะข้อที่ตอบด้วยรายงาน (รอบ ๖ หรือ ๑๒ เดือน)",
            ),
        ]

    def __str__(self):
        flag = "" if self.is_confirmed else " (ยังไม่ยืนยัน)"
        return f"{self.code or '(ยังไม่ทราบเลขข้อ)'} {self.name}{flag}"

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (B.E.) of the document that answers the item."""
        return self.assessment_year.year + self.fiscal_year_offset

    def asks_for(self) -> str:
        """What answers the item, in Thai: e.g. "รายงานผลการดำเนินการตามมาตรการ รอบ ๑๒ เดือน
        ปีงบประมาณ พ.ศ. ๒๕๖๘"."""
        if self.document_kind == AnswerKind.OTHER:
            return "หลักฐานอื่นที่ไม่ได้จัดทำในระบบ"
        text = AnswerKind(self.document_kind).label
        if self.period:
            text += f" {Period(self.period).short_label}"
        return f"{text} ปีงบประมาณ พ.ศ. {thai_digits(self.fiscal_year)}"

    def clean(self):
        if self.period and self.document_kind != AnswerKind.REPORT:
            raise ValidationError({"period": "กำหนดรอบได้เฉพาะข้อที่ตอบด้วยรายงาน"})


class Indicator(models.Model):
    """An indicator (ตัวชี้วัด) of one year's assessment, e.g. 9 การเปิดเผยข้อมูล (OIT)."""

    assessment_year = models.ForeignKey(
        AssessmentYear,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name="ปีการประเมิน",
    )
    code = models.CharField("รหัส", max_length=20, help_text="เช่น 1 หรือ 10 ตามคู่มือของปีนั้น")
    name = models.CharField("ชื่อตัวชี้วัด", max_length=200)
    group = models.CharField("กลุ่ม", max_length=20, blank=True, help_text="เช่น IIT, EIT, OIT")
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ตัวชี้วัด ITA"
        verbose_name_plural = "ตัวชี้วัด ITA"
        ordering = ["assessment_year", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "code"],
                name="indicator_unique_code",
                violation_error_message="ปีการประเมินนี้มีตัวชี้วัดรหัสนี้แล้ว",
            ),
            models.UniqueConstraint(
                fields=["assessment_year", "name"],
                name="indicator_unique_name",
                violation_error_message="ปีการประเมินนี้มีตัวชี้วัดชื่อนี้แล้ว",
            ),
        ]

    def __str__(self):
        return f"ตัวชี้วัดที่ {thai_digits(self.code)} {self.name}"


class ResultLevel(models.Model):
    """A level the assessment gives (AA, A, B…) and the lowest total score that reaches it;
    the labels changed in ๒๕๖๘, so each year has its own."""

    assessment_year = models.ForeignKey(
        AssessmentYear, on_delete=models.CASCADE, related_name="levels", verbose_name="ปีการประเมิน"
    )
    label = models.CharField("ระดับ", max_length=LEVEL_MAX, help_text="เช่น AA")
    min_score = score_field("คะแนนตั้งแต่", null=True, blank=True)
    description = models.CharField("คำอธิบาย", max_length=100, blank=True, help_text="เช่น ผ่าน")
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        verbose_name = "ระดับผลการประเมิน"
        verbose_name_plural = "ระดับผลการประเมิน"
        ordering = ["assessment_year", "order", "-min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "label"],
                name="result_level_unique_label",
                violation_error_message="ปีการประเมินนี้มีระดับนี้แล้ว",
            ),
            score_in_range("min_score", "result_level_min_score_range"),
        ]

    def __str__(self):
        return self.label


class AssessmentResult(models.Model):
    """An organisation's result of one assessment year, as the assessment published it."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ita_results", verbose_name="หน่วยงาน"
    )
    assessment_year = models.ForeignKey(
        AssessmentYear, on_delete=models.PROTECT, related_name="results", verbose_name="ปีการประเมิน"
    )
    total_score = score_field("คะแนนรวม", null=True, blank=True)
    level = models.CharField("ระดับผลการประเมิน", max_length=LEVEL_MAX, blank=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขโดย",
    )
    history = HistoricalRecords(verbose_name="ประวัติผลการประเมิน")

    class Meta:
        verbose_name = "ผลการประเมิน ITA"
        verbose_name_plural = "ผลการประเมิน ITA"
        ordering = ["organisation", "-assessment_year__year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "assessment_year"],
                name="assessment_result_unique_year",
                violation_error_message="หน่วยงานนี้มีผลการประเมินของปีนี้แล้ว",
            ),
            score_in_range("total_score", "assessment_result_total_range"),
        ]

    def __str__(self):
        return f"{self.organisation.short_name} ITA {thai_digits(self.assessment_year.year)}"


class IndicatorScore(models.Model):
    organisation_lookup = "result__organisation"

    result = models.ForeignKey(
        AssessmentResult,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name="ผลการประเมิน",
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="scores", verbose_name="ตัวชี้วัด"
    )
    score = score_field("คะแนน")
    history = HistoricalRecords(verbose_name="ประวัติคะแนนตัวชี้วัด")

    class Meta:
        verbose_name = "คะแนนตัวชี้วัด"
        verbose_name_plural = "คะแนนตัวชี้วัด"
        ordering = ["result", "indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "indicator"],
                name="indicator_score_unique",
                violation_error_message="ตัวชี้วัดนี้มีคะแนนแล้ว",
            ),
            score_in_range("score", "indicator_score_range"),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.score}"
