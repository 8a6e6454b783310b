"""One division's part of a shared measure's result, and how the parts make the report's cell.

A measure of several divisions (or ทุกกอง) has one cell in the report's table, as the seed's
ข้อ ๑๕ has, but each division records its own part. The cell (the entry's `result` and
`status`) is composed from the parts (`compose`), unless the analyst wrote it themselves
(`ProgressEntry.result_edited_at`). The writer is measures/services/progress.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from organisations.models import Division

from . import limits
from .models import ProgressEntry, Status


class DivisionResult(models.Model):
    """What one division did towards a shared measure in one reporting period."""

    organisation_lookup = "entry__measure__fiscal_year__organisation"
    Status = Status

    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, related_name="parts", verbose_name="ผลการดำเนินการ"
    )
    division = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="+", verbose_name="ส่วนราชการ"
    )
    status = models.CharField(
        "สถานะ", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    result = models.TextField(
        "ผลการดำเนินการของส่วนราชการ",
        blank=True,
        max_length=limits.RESULT_MAX,
        validators=[limits.length_validator(limits.RESULT_MAX, "ผลการดำเนินการ")],
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
    version = models.PositiveIntegerField("ฉบับที่", default=1, editable=False)
    history = HistoricalRecords(verbose_name="ประวัติผลของส่วนราชการ")

    class Meta:
        verbose_name = "ผลการดำเนินการของส่วนราชการ"
        verbose_name_plural = "ผลการดำเนินการของส่วนราชการ"
        ordering = ["entry", "division__order", "division_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "division"],
                name="division_result_unique",
                violation_error_message="ส่วนราชการนี้มีผลของมาตรการนี้ในรอบนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="division_result_status_valid",
                violation_error_message="สถานะไม่ถูกต้อง",
            ),
            limits.length_limit(
                "result", limits.RESULT_MAX, "ผลการดำเนินการ", name="division_result_length"
            ),
        ]

    def __str__(self):
        return f"{self.entry} – {self.division.label}"

    @property
    def is_recorded(self) -> bool:
        return self.status != Status.NOT_STARTED or bool(self.result.strip())


def compose(parts: list[tuple[str, str, str]]) -> tuple[str, str]:
    """The report's cell from each responsible division's (label, status, result), in the
    divisions' order (a division that recorded nothing: status not_started, result "").

    Returns (status, result). The status is done when every division is done, not started
    when none started, else in progress. One text written by every division is printed once,
    as the seed's ข้อ ๑๕; otherwise each text is printed once, after the divisions that wrote
    it: "กองคลัง/กองช่าง: …", one line each."""
    statuses = {status for _, status, _ in parts}
    if statuses == {Status.DONE}:
        status = Status.DONE
    elif statuses <= {Status.NOT_STARTED}:
        status = Status.NOT_STARTED
    else:
        status = Status.IN_PROGRESS
    written = [(label, text.strip()) for label, _, text in parts if text.strip()]
    texts = list(dict.fromkeys(text for _, text in written))
    if len(texts) == 1 and len(written) == len(parts):
        return status, texts[0]
    lines = [
        "/".join(label for label, written_text in written if written_text == text) + f": {text}"
        for text in texts
    ]
    return status, "\n".join(lines)
