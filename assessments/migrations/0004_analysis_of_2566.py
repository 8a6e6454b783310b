"""ITA ๒๕๖๖'s analysis of the previous year's results, as the reference has it for ๒๕๖๔–๒๕๖๖:
inside the measures document, item O42 (unconfirmed as a rule). The analysis is a document of
its own in the portal (issue 18); filed under O42 beside the measures. Left as it is when the
operator already has such a row. Migrating back removes it unless a document is filed under it
(the older schema keeps one row per code, so a second O42 cannot go back with it)."""

from django.db import migrations

NOTE = (
    "การวิเคราะห์ผลการประเมินปีก่อนอยู่ในเอกสารมาตรการ (ข้อ O42) ตามที่พบในทางปฏิบัติ "
    "ยังไม่ยืนยันว่าเป็นข้อเดียวกันกับมาตรการ"
)


def add_item(apps, schema_editor):
    AssessmentYear = apps.get_model("assessments", "AssessmentYear")
    AssessmentItem = apps.get_model("assessments", "AssessmentItem")
    year = AssessmentYear.objects.filter(year=2566).first()
    if year is None:
        return
    AssessmentItem.objects.get_or_create(
        assessment_year=year,
        code="O42",
        document_kind="analysis",
        defaults={
            "name": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (การวิเคราะห์ผลการประเมินปีก่อน)",
            "order": 0,
            "fiscal_year_offset": 0,
            "is_confirmed": False,
            "note": NOTE,
        },
    )


def remove_item(apps, schema_editor):
    AssessmentItem = apps.get_model("assessments", "AssessmentItem")
    Publication = apps.get_model("publishing", "Publication")
    filed = Publication.objects.filter(item__isnull=False).values("item_id")
    AssessmentItem.objects.filter(
        assessment_year__year=2566, code="O42", document_kind="analysis"
    ).exclude(pk__in=filed).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_assessment_years_2566_to_2569")]

    operations = [migrations.RunPython(add_item, remove_item)]
