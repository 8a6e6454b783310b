"""What is reviewed, approved and rendered: the half-year report (its memo and measure table),
the chain of superiors who comment and sign it, and the PDF renderings of it."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from measures.limits import length_limit
from measures.models import FiscalYear
from organisations.models import Role, StepKind
from thai.fiscal import Period

from . import wording

# The seed memo's body is 703 characters and its longest comment 4 ("ทราบ"): a memo body of
# several pages and a comment of a long paragraph are far above what a real report holds.
BODY_MAX = 6_000
COMMENT_MAX = 1_000


# The memo's own fields, as the analyst edits them (form, admin, revision copy, demo).
MEMO_FIELDS = [
    "department", "phone", "document_number", "memo_date", "subject", "addressee", "body",
    "closing", "author_name", "author_position",
]  # fmt: skip


class ReportState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    IN_REVIEW = "in_review", "อยู่ระหว่างเสนอผู้บังคับบัญชา"
    RETURNED = "returned", "ส่งกลับให้แก้ไข"
    APPROVED = "approved", "อนุมัติแล้ว รอผู้บริหารรับทราบ"
    ACKNOWLEDGED = "acknowledged", "ผู้บริหารทราบแล้ว (ฉบับสมบูรณ์)"


class DocumentKind(models.TextChoices):
    REPORT = "report", "รายงานผลการดำเนินงาน"
    PLAN = "plan", "ประกาศมาตรการ"
    ANALYSIS = "analysis", "การวิเคราะห์ผลการประเมิน ITA"


class Report(models.Model):
    """A document of one organisation's plan that goes up the review chain: the report of one
    period, with the memo that carries it (kind REPORT), the plan of measures itself,
    announced as a ประกาศ (kind PLAN, no period), or the analysis of last year's ITA results
    that the plan answers, a memo with its table (kind ANALYSIS, no period; its rows
    reports/analysis_row.py). The workflow serves them all."""

    organisation_lookup = "fiscal_year__organisation"
    State = ReportState
    Kind = DocumentKind

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="reports", verbose_name="ปีงบประมาณ"
    )
    kind = models.CharField(
        "ชนิดเอกสาร", max_length=10, choices=DocumentKind.choices, default=DocumentKind.REPORT
    )
    period = models.PositiveSmallIntegerField(
        "รอบการรายงาน", choices=Period.choices, null=True, blank=True
    )
    revision = models.PositiveSmallIntegerField("ฉบับแก้ไขครั้งที่", default=1)
    previous_revision = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_revision",
        verbose_name="แก้ไขจากฉบับ",
    )
    state = models.CharField(
        "สถานะ", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    round = models.PositiveSmallIntegerField("เสนอครั้งที่", default=0)
    current_step = models.PositiveSmallIntegerField("ขั้นที่รอพิจารณา", null=True, blank=True)

    # The memo's own fields (บันทึกข้อความ).
    department = models.CharField(
        "ส่วนราชการ",
        max_length=300,
        blank=True,
        help_text="เช่น งานนโยบายและแผน สำนักปลัด องค์การบริหารส่วนตำบล…",
    )
    phone = models.CharField("โทร", max_length=60, blank=True)
    document_number = models.CharField("ที่", max_length=100, blank=True)
    memo_date = models.DateField("วันที่", null=True, blank=True)
    subject = models.CharField("เรื่อง", max_length=500)
    addressee = models.CharField("เรียน", max_length=300, blank=True)
    body = models.TextField(
        "ข้อความ",
        max_length=BODY_MAX,
        help_text="แต่ละย่อหน้าคั่นด้วยบรรทัดว่าง บรรทัดเช่น “๑. เรื่องเดิม” เป็นหัวข้อ",
    )
    closing = models.CharField(
        "ข้อความลงท้าย", max_length=300, default="จึงเรียนมาเพื่อโปรดทราบและพิจารณา"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ผู้จัดทำ",
    )
    author_name = models.CharField("ชื่อผู้จัดทำ", max_length=200)
    author_position = models.CharField("ตำแหน่งผู้จัดทำ", max_length=200)

    # Printed on every page of the finished document as a QR code and a short URL to its public
    # verification page; unguessable, and it says nothing until the document is published.
    verification_code = models.CharField(
        "รหัสตรวจสอบ", max_length=20, null=True, blank=True, unique=True, editable=False
    )
    # From submission on, the document as submitted (see reports/document.py).
    snapshot = models.JSONField("ข้อมูล ณ วันเสนอ", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)
    updated_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", auto_now=True)
    history = HistoricalRecords(verbose_name="ประวัติรายงาน")

    class Meta:
        verbose_name = "รายงานผลการดำเนินงาน"
        verbose_name_plural = "รายงานผลการดำเนินงาน"
        ordering = ["fiscal_year", "period", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "period", "revision"],
                condition=Q(kind=DocumentKind.REPORT),
                name="report_unique_revision",
                violation_error_message="มีรายงานของรอบนี้ฉบับนี้แล้ว",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "revision"],
                condition=Q(kind=DocumentKind.PLAN),
                name="plan_document_unique_revision",
                violation_error_message="มีประกาศมาตรการของปีนี้ฉบับนี้แล้ว",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "revision"],
                condition=Q(kind=DocumentKind.ANALYSIS),
                name="analysis_unique_revision",
                violation_error_message="มีการวิเคราะห์ผลการประเมินของปีนี้ฉบับนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(kind=DocumentKind.REPORT, period__in=Period.values)
                | Q(kind__in=[DocumentKind.PLAN, DocumentKind.ANALYSIS], period__isnull=True),
                name="report_period_valid",
                violation_error_message="กรุณาเลือกรอบการรายงาน",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values),
                name="report_state_valid",
                violation_error_message="สถานะรายงานไม่ถูกต้อง",
            ),
            length_limit("body", BODY_MAX, "ข้อความ", name="report_body_length"),
        ]

    def __str__(self):
        from thai.digits import thai_digits

        year = f"ปีงบประมาณ {thai_digits(self.fiscal_year.year)} {self.fiscal_year.organisation}"
        if self.kind == DocumentKind.PLAN:
            text = f"ประกาศมาตรการ {year}"
        elif self.kind == DocumentKind.ANALYSIS:
            text = f"การวิเคราะห์ผลการประเมิน ITA {year}"
        else:
            text = f"รายงาน{self.get_period_display()} {year}"
        if self.revision > 1:
            text += f" (ฉบับแก้ไขครั้งที่ {thai_digits(self.revision - 1)})"
        return text

    @property
    def organisation(self):
        return self.fiscal_year.organisation

    @property
    def is_plan(self):
        return self.kind == DocumentKind.PLAN

    @property
    def is_analysis(self):
        return self.kind == DocumentKind.ANALYSIS

    @property
    def words(self) -> wording.Words:
        """The document's own words: a report's, the announcement's or the analysis's
        (reports/wording.py)."""
        return wording.BY_KIND[self.kind]

    @property
    def state_label(self) -> str:
        return self.words.states.get(self.state) or self.get_state_display()

    @property
    def locks_period(self):
        """A report locks the progress of its period while it is reviewed; the plan's
        announcement has no period."""
        return self.kind == DocumentKind.REPORT

    @property
    def is_frozen(self):
        """From submission on the report shows what was submitted, not the live plan."""
        return self.snapshot is not None


class ReviewStep(models.Model):
    """One superior in the report's chain, in order: who comments and signs, and what they wrote."""

    organisation_lookup = "report__fiscal_year__organisation"
    Kind = StepKind

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="review_steps", verbose_name="รายงาน"
    )
    order = models.PositiveSmallIntegerField("ลำดับ")
    role = models.CharField("บทบาท", max_length=30, choices=Role.choices)
    kind = models.CharField("หน้าที่", max_length=20, choices=StepKind.choices)
    signer_name = models.CharField("ชื่อผู้ลงนาม", max_length=200)
    signer_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=200)
    comment = models.TextField("ความเห็น", blank=True, max_length=COMMENT_MAX)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ลงนามโดย",
    )
    acted_at = models.DateTimeField("ลงนามเมื่อ", null=True, blank=True)
    history = HistoricalRecords(verbose_name="ประวัติความเห็น")

    class Meta:
        verbose_name = "ความเห็นผู้บังคับบัญชา"
        verbose_name_plural = "ความเห็นผู้บังคับบัญชา"
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "order"],
                name="review_step_unique_order",
                violation_error_message="ลำดับผู้พิจารณาซ้ำกัน",
            ),
            length_limit("comment", COMMENT_MAX, "ความเห็น", name="review_step_comment_length"),
        ]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        return f"ความเห็น{self.signer_position}"

    @property
    def act_label(self) -> str:
        """What the step's holder does to this document: "รับทราบ" a report, "ลงนามประกาศ" an
        announcement."""
        if self.kind == StepKind.ACKNOWLEDGE:
            return self.report.words.last_act
        return self.get_kind_display()


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", "เสนอรายงาน"
    COMMENT = "comment", "ให้ความเห็น"
    APPROVE = "approve", "อนุมัติ"
    RETURN = "return", "ส่งกลับให้แก้ไข"
    ACKNOWLEDGE = "acknowledge", "รับทราบ"
    REVISE = "revise", "สร้างฉบับแก้ไข"


class ReviewEvent(models.Model):
    """Every step taken on a report, kept across rounds: a returned report keeps what was said."""

    organisation_lookup = "report__fiscal_year__organisation"
    Action = ReviewAction

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name="รายงาน"
    )
    round = models.PositiveSmallIntegerField("เสนอครั้งที่")
    step_order = models.PositiveSmallIntegerField("ขั้นที่", null=True, blank=True)
    action = models.CharField("การดำเนินการ", max_length=20, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="ผู้ดำเนินการ",
    )
    actor_name = models.CharField("ชื่อ", max_length=200)
    actor_position = models.CharField("ตำแหน่ง", max_length=200)
    comment = models.TextField("ความเห็น/เหตุผล", blank=True, max_length=COMMENT_MAX)
    # A signing act (submitting, commenting, approving, acknowledging), confirmed with the
    # person's password, and their signature image as it was then (empty: none, an electronic
    # signature line is printed).
    signed = models.BooleanField("ลงนาม", default=False)
    signature_png = models.BinaryField("ภาพลายมือชื่อ ณ วันลงนาม", blank=True, default=b"")
    # A return: the numbers of the measures the approving superior marked for correction, whose
    # divisions' staff are told (reports/returns.py).
    measure_numbers = models.JSONField("มาตรการที่ต้องแก้ไข", default=list, blank=True)
    created_at = models.DateTimeField("เมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "บันทึกการพิจารณา"
        verbose_name_plural = "บันทึกการพิจารณา"
        ordering = ["report", "created_at", "id"]
        constraints = [
            length_limit("comment", COMMENT_MAX, "ความเห็น", name="review_event_comment_length"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} – {self.actor_name}"

    @property
    def action_label(self) -> str:
        return self.report.words.actions.get(self.action) or self.get_action_display()


class RenderedPdf(models.Model):
    """A PDF of a report, stored so it is served again without rendering while nothing changed.

    `html_sha256` identifies what the PDF shows (the HTML it was rendered from); `sha256` is the
    PDF's own digest, for whoever files or publishes it."""

    organisation_lookup = "report__fiscal_year__organisation"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="renderings", verbose_name="รายงาน"
    )
    html_sha256 = models.CharField("รหัสเนื้อหา", max_length=64)
    sha256 = models.CharField("SHA-256 ของไฟล์", max_length=64)
    # The file in the "documents" storage (the disk or object storage); its name holds the hash.
    file_name = models.CharField("ไฟล์", max_length=300, editable=False)
    page_count = models.PositiveSmallIntegerField("จำนวนหน้า")
    is_final = models.BooleanField("ฉบับสมบูรณ์", default=False)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "ไฟล์ PDF ของรายงาน"
        verbose_name_plural = "ไฟล์ PDF ของรายงาน"
        ordering = ["report", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "html_sha256"], name="rendering_unique_per_content"
            ),
            models.UniqueConstraint(
                fields=["report"], condition=Q(is_final=True), name="one_final_rendering"
            ),
        ]

    def __str__(self):
        return f"{self.report} – {self.sha256[:12]}"

    def read(self) -> bytes:
        """The PDF's bytes, from storage."""
        with storages["documents"].open(self.file_name, "rb") as stored:
            return stored.read()


class PdfJob(models.Model):
    """The worker's rendering of a report's PDF (reports/pdf_jobs.py): queued on submission, at
    each step and at the acknowledgement, or when someone asks for a PDF that is not ready; what
    the report's pages show meanwhile, and after a failure."""

    organisation_lookup = "report__fiscal_year__organisation"

    class State(models.TextChoices):
        QUEUED = "queued", "รอสร้างไฟล์"
        RUNNING = "running", "กำลังสร้างไฟล์"
        DONE = "done", "สร้างไฟล์แล้ว"
        FAILED = "failed", "สร้างไฟล์ไม่สำเร็จ"

    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="pdf_job", verbose_name="รายงาน"
    )
    state = models.CharField("สถานะ", max_length=10, choices=State.choices)
    attempts = models.PositiveSmallIntegerField("จำนวนครั้งที่ลอง", default=0)
    # For the operator (the admin and the log), not shown to the report's people.
    error = models.CharField("ข้อผิดพลาดล่าสุด", max_length=500, blank=True)
    queued_at = models.DateTimeField("เข้าคิวเมื่อ")
    started_at = models.DateTimeField("เริ่มเมื่อ", null=True, blank=True)
    finished_at = models.DateTimeField("เสร็จเมื่อ", null=True, blank=True)

    class Meta:
        verbose_name = "งานสร้างไฟล์ PDF"
        verbose_name_plural = "งานสร้างไฟล์ PDF"
        indexes = [models.Index(fields=["state", "started_at"], name="pdf_job_state")]

    def __str__(self):
        return f"{self.report} – {self.get_state_display()}"


# A model of this app kept in its own module (this one is long enough).
from .analysis_row import AnalysisRow  # noqa: E402, F401
