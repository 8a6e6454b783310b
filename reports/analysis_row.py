"""A row of the analysis of last year's ITA results: one indicator, and what the analyst wrote
of it. The score and whether it is a strength or a weakness are read from the organisation's
result against the assessment year's pass mark (reports/analysis.py), and the measures that
answer it from the plan (Measure.indicators), so that the table always agrees with them until it
is submitted (then its snapshot keeps them). The writer is reports/analysis.py."""

from django.db import models
from simple_history.models import HistoricalRecords

from assessments.models import Indicator
from measures.limits import length_limit, length_validator

from .models import Report

# What the analyst writes of one indicator: a paragraph or two (the seed's longest measure title
# is 338 characters).
ANALYSIS_TEXT_MAX = 1_000


def analysis_text(label):
    return models.TextField(
        label,
        blank=True,
        max_length=ANALYSIS_TEXT_MAX,
        validators=[length_validator(ANALYSIS_TEXT_MAX, label)],
    )


class AnalysisRow(models.Model):
    organisation_lookup = "report__fiscal_year__organisation"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="analysis_rows", verbose_name="เอกสาร"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name="ตัวชี้วัด"
    )
    weakness = analysis_text("จุดอ่อนที่พบ")
    approach = analysis_text("แนวทางการพัฒนา")
    history = HistoricalRecords(verbose_name="ประวัติการวิเคราะห์รายตัวชี้วัด")

    class Meta:
        verbose_name = "การวิเคราะห์รายตัวชี้วัด"
        verbose_name_plural = "การวิเคราะห์รายตัวชี้วัด"
        ordering = ["report", "indicator__order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"],
                name="analysis_row_unique_indicator",
                violation_error_message="การวิเคราะห์นี้มีแถวของตัวชี้วัดนี้แล้ว",
            ),
            length_limit(
                "weakness", ANALYSIS_TEXT_MAX, "จุดอ่อนที่พบ", name="analysis_row_weakness_length"
            ),
            length_limit(
                "approach", ANALYSIS_TEXT_MAX, "แนวทางการพัฒนา", name="analysis_row_approach_length"
            ),
        ]

    def __str__(self):
        return f"{self.report} – {self.indicator}"
