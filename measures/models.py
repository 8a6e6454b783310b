"""What is tracked: the measure plan of each organisation's fiscal year, its steps and the
divisions responsible, and the progress recorded against each measure in each reporting period."""

import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from assessments.models import Indicator
from organisations.models import Division, Organisation
from thai.digits import thai_digits
from thai.fiscal import Period

from . import limits

ALL_DIVISIONS_LABEL = "ทุกกอง"


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "ยังไม่ดำเนินการ"
    IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
    DONE = "done", "ดำเนินการแล้ว"


class FiscalYear(models.Model):
    """An organisation's measure plan for one Buddhist-era fiscal year."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="fiscal_years",
        verbose_name="หน่วยงาน",
    )
    year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)", validators=[MinValueValidator(2500), MaxValueValidator(2800)]
    )

    class Meta:
        verbose_name = "ปีงบประมาณ"
        verbose_name_plural = "ปีงบประมาณ"
        ordering = ["organisation", "-year"]
        # The operator's year filter lists the years of every plan (an index-only scan).
        indexes = [models.Index(fields=["year"], name="fiscal_year_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="fiscal_year_unique_per_organisation",
                violation_error_message="หน่วยงานนี้มีปีงบประมาณนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2500, year__lte=2800),
                name="fiscal_year_is_buddhist_era",
                violation_error_message="ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น ๒๕๖๖",
            ),
        ]

    def __str__(self):
        return f"ปีงบประมาณ พ.ศ. {thai_digits(self.year)} {self.organisation}"


class Measure(models.Model):
    organisation_lookup = "fiscal_year__organisation"

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="measures", verbose_name="ปีงบประมาณ"
    )
    number = models.PositiveSmallIntegerField(
        "ลำดับข้อ",
        validators=[MinValueValidator(1)],
        help_text="ลำดับของมาตรการในแผน (ข้อ ๑, ๒, ๓ …)",
    )
    label = models.CharField(
        "เลขข้อตามแผน",
        max_length=limits.LABEL_MAX,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$",
                "เลขข้อต้องเป็นตัวเลข คั่นระดับด้วยจุด เช่น 1.1 หรือ 3.1.2",
            )
        ],
        help_text="เลขข้อที่แผนเขียนไว้เมื่อไม่ใช่ลำดับธรรมดา เช่น 1.1 หรือ 3.1.2 "
        "(แผนที่จัดกลุ่มตามมิติ) เว้นว่างเมื่อใช้ลำดับข้อ",
    )
    title = models.CharField("มาตรการ", max_length=limits.TITLE_MAX)
    divisions = models.ManyToManyField(
        Division,
        blank=True,
        related_name="measures",
        verbose_name="ผู้รับผิดชอบ",
    )
    all_divisions = models.BooleanField(
        "ทุกกอง", default=False, help_text="ทุกส่วนราชการของหน่วยงานร่วมรับผิดชอบ"
    )
    # The ITA indicators it answers (of assessments.rules.results_year_of its plan's year).
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="measures", verbose_name="ตัวชี้วัด ITA ที่ตอบ"
    )
    history = HistoricalRecords(verbose_name="ประวัติมาตรการ")

    class Meta:
        verbose_name = "มาตรการ"
        verbose_name_plural = "มาตรการ"
        ordering = ["fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "number"],
                name="measure_number_unique_per_plan",
                violation_error_message="มีมาตรการข้อนี้ในแผนของปีงบประมาณนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="measure_number_positive",
                violation_error_message="ข้อของมาตรการต้องเริ่มที่ ๑",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "label"],
                condition=~Q(label=""),
                name="measure_label_unique_per_plan",
                violation_error_message="มีมาตรการเลขข้อนี้ในแผนของปีงบประมาณนี้แล้ว",
            ),
        ]

    def __str__(self):
        return thai_digits(self.heading)

    @property
    def item_label(self) -> str:
        """The measure's number as the plan writes it: "12", or "1.1" in a plan numbered by
        dimension (Arabic digits; pages and documents print them in Thai)."""
        return self.label or str(self.number)

    @property
    def marker(self) -> str:
        """What leads the measure's title in a document: "12)", or "1.1"."""
        return self.label or f"{self.number})"

    @property
    def heading(self) -> str:
        """ "12) title" or "1.1 title", as the table's first column writes it."""
        return f"{self.marker} {self.title}"

    @property
    def organisation(self):
        return self.fiscal_year.organisation

    @property
    def responsible_labels(self) -> list[str]:
        """Who is responsible, as the report names them: ["ทุกกอง"] or the divisions' labels."""
        if self.all_divisions:
            return [ALL_DIVISIONS_LABEL]
        return [division.label for division in self.divisions.all()]

    @property
    def responsible_label(self) -> str:
        return "/".join(self.responsible_labels)

    @property
    def is_shared(self) -> bool:
        """Several divisions answer for it (or ทุกกอง): each records its own part."""
        return self.all_divisions or len(self.divisions.all()) > 1

    def responsible_divisions(self) -> list[Division]:
        if self.all_divisions:
            return list(self.fiscal_year.organisation.divisions.all())
        return list(self.divisions.all())


class MeasureStep(models.Model):
    """A step of a measure. Positions run 1..n: the database refuses a gap and closes one left
    by a deletion (see the trigger migration)."""

    organisation_lookup = "measure__fiscal_year__organisation"

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="steps", verbose_name="มาตรการ"
    )
    position = models.PositiveSmallIntegerField("ลำดับ", validators=[MinValueValidator(1)])
    text = models.CharField("ขั้นตอนหรือวิธีการ", max_length=limits.STEP_MAX)
    history = HistoricalRecords(verbose_name="ประวัติขั้นตอน")

    class Meta:
        verbose_name = "ขั้นตอนหรือวิธีการ"
        verbose_name_plural = "ขั้นตอนหรือวิธีการ"
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "position"],
                name="step_position_unique",
                violation_error_message="ลำดับขั้นตอนซ้ำกัน",
                deferrable=models.Deferrable.IMMEDIATE,
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="step_position_positive",
                violation_error_message="ลำดับขั้นตอนต้องเริ่มที่ ๑",
            ),
        ]

    def __str__(self):
        return f"{thai_digits(self.position)}. {self.text}"


class ProgressEntry(models.Model):
    """What a measure achieved in one reporting period, and the superiors' follow-up."""

    organisation_lookup = "measure__fiscal_year__organisation"
    Status = Status

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="progress_entries", verbose_name="มาตรการ"
    )
    period = models.PositiveSmallIntegerField("รอบการรายงาน", choices=Period.choices)
    status = models.CharField(
        "สถานะ", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    result = models.TextField(
        "ผลการดำเนินการ",
        blank=True,
        max_length=limits.RESULT_MAX,
        validators=[limits.length_validator(limits.RESULT_MAX, "ผลการดำเนินการ")],
    )
    follow_up = models.TextField(
        "การกำกับติดตาม",
        blank=True,
        max_length=limits.FOLLOW_UP_MAX,
        validators=[limits.length_validator(limits.FOLLOW_UP_MAX, "การกำกับติดตาม")],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="แก้ไขล่าสุดโดย",
    )
    updated_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", auto_now=True)
    # Optimistic concurrency: a save must name the version it started from.
    version = models.PositiveIntegerField("ฉบับที่", default=1, editable=False)
    # A shared measure's result is composed from its divisions' parts (DivisionResult) until
    # the analyst writes the combined text themselves, at this time.
    result_edited_at = models.DateTimeField(
        "แก้ไขข้อความรวมเมื่อ", null=True, blank=True, editable=False
    )
    history = HistoricalRecords(verbose_name="ประวัติผลการดำเนินการ")

    class Meta:
        verbose_name = "ผลการดำเนินการ"
        verbose_name_plural = "ผลการดำเนินการ"
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period"],
                name="progress_unique_per_measure_period",
                violation_error_message="มาตรการนี้มีผลการดำเนินการของรอบนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(period__in=Period.values),
                name="progress_period_valid",
                violation_error_message="กรุณาเลือกรอบการรายงาน",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="progress_status_valid",
                violation_error_message="สถานะไม่ถูกต้อง",
            ),
            limits.length_limit(
                "result", limits.RESULT_MAX, "ผลการดำเนินการ", name="progress_result_length"
            ),
            limits.length_limit(
                "follow_up", limits.FOLLOW_UP_MAX, "การกำกับติดตาม", name="progress_follow_up_length"
            ),
        ]

    def __str__(self):
        return f"{self.measure} – {self.get_period_display()}"

    @property
    def is_recorded(self) -> bool:
        return self.status != Status.NOT_STARTED or bool(self.result.strip())


class PeriodLock(models.Model):
    """A reporting period whose progress no longer changes, because its report went up the chain.

    While the report is in review, the superiors may still write their follow-up direction for
    each measure; once it is final, nothing of the period changes. The review workflow sets and
    clears locks (measures.period_lock); the database refuses writes to a locked period whatever
    path they come by (migrations/0005)."""

    organisation_lookup = "fiscal_year__organisation"

    class Stage(models.TextChoices):
        REVIEW = "review", "อยู่ระหว่างเสนอผู้บังคับบัญชา"
        FINAL = "final", "ผู้บังคับบัญชาพิจารณาแล้ว"

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.CASCADE, related_name="period_locks", verbose_name="ปีงบประมาณ"
    )
    period = models.PositiveSmallIntegerField("รอบการรายงาน", choices=Period.choices)
    stage = models.CharField("ขั้น", max_length=10, choices=Stage.choices)
    locked_at = models.DateTimeField("ปิดการแก้ไขเมื่อ", auto_now=True)

    class Meta:
        verbose_name = "การปิดแก้ไขผลการดำเนินการ"
        verbose_name_plural = "การปิดแก้ไขผลการดำเนินการ"
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "period"], name="one_lock_per_period"),
            models.CheckConstraint(
                condition=Q(stage__in=["review", "final"]), name="period_lock_stage_valid"
            ),
        ]

    def __str__(self):
        return f"{self.fiscal_year} {self.get_period_display()}: {self.get_stage_display()}"


def evidence_file_name(measure_id: int, extension: str) -> str:
    """Where an evidence file is stored. The stored name is not the uploaded one: it must not be
    guessable or carry a path. The extension comes from the checked content
    (measures/uploads.py). Named by measure: the file is stored before its entry may exist."""
    return f"evidence/measure-{measure_id}/{uuid.uuid4().hex}.{extension.lstrip('.')}"


def evidence_upload_to(evidence, filename):
    return evidence_file_name(evidence.entry.measure_id, os.path.splitext(filename)[1])


class Evidence(models.Model):
    """A file or a link that shows what a progress entry claims."""

    organisation_lookup = "entry__measure__fiscal_year__organisation"

    entry = models.ForeignKey(
        ProgressEntry,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name="ผลการดำเนินการ",
    )
    file = models.FileField("ไฟล์", upload_to=evidence_upload_to, blank=True)
    original_name = models.CharField("ชื่อไฟล์", max_length=255, blank=True)
    content_type = models.CharField("ชนิดไฟล์", max_length=100, blank=True)
    size = models.PositiveIntegerField("ขนาด (ไบต์)", default=0)
    url = models.URLField("ลิงก์", max_length=1000, blank=True)
    description = models.CharField("คำอธิบาย", max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="เพิ่มโดย",
    )
    added_at = models.DateTimeField("เพิ่มเมื่อ", auto_now_add=True)
    history = HistoricalRecords(verbose_name="ประวัติหลักฐาน")

    class Meta:
        verbose_name = "หลักฐาน"
        verbose_name_plural = "หลักฐาน"
        ordering = ["entry", "added_at", "id"]
        # The one rule of what evidence is: full_clean checks it (the writers, the admin's form),
        # and the database keeps it whatever path a row comes by.
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="evidence_is_file_or_link",
                violation_error_message="หลักฐานแต่ละรายการต้องเป็นไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง",
            ),
        ]

    def __str__(self):
        return self.description or self.original_name or self.url


# A model of this app kept in its own module (this one is long enough).
from .division_result import DivisionResult  # noqa: E402, F401
