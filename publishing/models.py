"""What an organisation has published for the ITA assessment, where, and under which item.

Each finished document (reports.Report, acknowledged) may be published once, at a permanent
address that never changes; withdrawing it leaves a public notice, and a newer revision that is
published supersedes it, each under the assessment item it answers (assessments.AssessmentItem,
data that changes from year to year)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from assessments.models import AssessmentItem
from reports.models import Report


class Publication(models.Model):
    organisation_lookup = "document__fiscal_year__organisation"

    document = models.OneToOneField(
        Report, on_delete=models.PROTECT, related_name="publication", verbose_name="เอกสาร"
    )
    path = models.CharField(
        "ที่อยู่ถาวร", max_length=200, unique=True, help_text="ต่อจาก /ita/ เช่น kiar/2566/report-1"
    )
    item = models.ForeignKey(
        AssessmentItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="ข้อการประเมิน",
    )
    published_at = models.DateTimeField("เผยแพร่เมื่อ")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="เผยแพร่โดย",
    )
    withdrawn_at = models.DateTimeField("ถอนการเผยแพร่เมื่อ", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ถอนโดย",
    )
    withdrawn_reason = models.CharField("เหตุผลที่ถอน", max_length=500, blank=True)
    superseded_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name="ถูกแทนที่ด้วย",
    )
    history = HistoricalRecords(verbose_name="ประวัติการเผยแพร่")

    class Meta:
        verbose_name = "การเผยแพร่"
        verbose_name_plural = "การเผยแพร่"
        ordering = ["-published_at"]

    def __str__(self):
        return f"/ita/{self.path}/"

    def get_absolute_url(self):
        return reverse("publishing:document", args=self.path.split("/"))

    def get_pdf_url(self):
        return reverse("publishing:document_pdf", args=self.path.split("/"))
