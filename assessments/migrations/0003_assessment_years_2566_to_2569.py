"""The ITA assessment years ๒๕๖๖–๒๕๖๙ as the project's reference gathered them (public agency
pages and website templates, not the NACC manual): items with the rule of which document
answers each, indicators and levels where they are known, the pass mark 85. What is not
confirmed is marked so (`is_confirmed`, `note`) for the operator to correct in the admin.
Rows an operator already has are left as they are. Migrating back removes ๒๕๖๗–๒๕๖๙ (refused
while a publication is filed under one of their items)."""

from decimal import Decimal

from django.db import migrations

GENERAL_AGENCY = (
    "เลขข้อจากหน้า ITA ที่ปรับใหม่ของหน่วยงานราชการทั่วไป (๒๖ ข้อ) "
    "รายการข้อของ อปท. อาจต่างไป กรุณาตรวจกับคู่มือการประเมินของปีนี้"
)
UNKNOWN_CODE = "ยังไม่ทราบเลขข้อ กรุณาใส่ตามคู่มือการประเมินของปีนี้"

# (code, name, kind, fiscal year offset, period, confirmed, note)
ITEMS = {
    2566: [
        ("O42", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "plan", 0, None, True,
         "การวิเคราะห์ผลการประเมินปีก่อนอยู่ในเอกสารมาตรการ (ตามที่พบในทางปฏิบัติ)"),
        ("O43", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "report", 0, 1,
         True, "ในทางปฏิบัติใช้รายงานรอบ ๖ เดือนของปีงบประมาณเดียวกัน"),
    ],
    2567: [
        ("O36", "การวิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมา", "analysis", 0, None, False,
         "มักอ้างถึงเป็นข้อ O36 ยังไม่ยืนยัน"),
        ("O42", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "plan", 0, None, False,
         "หน้าเว็บหลายแห่งยังใช้เลขข้อของปี ๒๕๖๖ ยังไม่ยืนยัน"),
        ("O43", "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "report", 0, 1,
         False, "หน้าเว็บหลายแห่งยังใช้เลขข้อของปี ๒๕๖๖ ยังไม่ยืนยัน"),
    ],
    2568: [
        ("", "การวิเคราะห์ผลการประเมิน ITA ของปีที่ผ่านมา", "analysis", 0, None, False,
         UNKNOWN_CODE + " และยังไม่ยืนยันว่ามีข้อแยก"),
        ("", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "plan", 0, None, False,
         UNKNOWN_CODE),
        ("", "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "report",
         -1, None, False,
         UNKNOWN_CODE + " พบใช้รายงานของปีงบประมาณ ๒๕๖๗ (ปีก่อน) ยังไม่ทราบว่ารอบใด"),
    ],
    2569: [
        ("O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "analysis", 0, None, False,
         GENERAL_AGENCY),
        ("O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "plan", 0, None, False,
         "มาตรการที่จัดทำจากผลการวิเคราะห์ ตอบข้อเดียวกับการวิเคราะห์ " + GENERAL_AGENCY),
        ("O26", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "report",
         -1, 2, False, "รายงานรอบ ๑๒ เดือนของปีงบประมาณก่อนหน้า " + GENERAL_AGENCY),
    ],
}  # fmt: skip

# Up to ๒๕๖๗: IIT 1–5 (internal survey), EIT 6–8 (external survey), OIT 9–10 (open data).
INDICATORS_UP_TO_2567 = [
    ("1", "การปฏิบัติหน้าที่", "IIT"),
    ("2", "การใช้งบประมาณ", "IIT"),
    ("3", "การใช้อำนาจ", "IIT"),
    ("4", "การใช้ทรัพย์สินของราชการ", "IIT"),
    ("5", "การแก้ไขปัญหาการทุจริต", "IIT"),
    ("6", "คุณภาพการดำเนินงาน", "EIT"),
    ("7", "ประสิทธิภาพการสื่อสาร", "EIT"),
    ("8", "การปรับปรุงการทำงาน", "EIT"),
    ("9", "การเปิดเผยข้อมูล", "OIT"),
    ("10", "การป้องกันการทุจริต", "OIT"),
]
LEVELS_UP_TO_2567 = [
    ("AA", "95", "ผ่าน"), ("A", "85", "ผ่าน"), ("B", "75", "ไม่ผ่าน"), ("C", "65", "ไม่ผ่าน"),
    ("D", "55", "ไม่ผ่าน"), ("E", "50", "ไม่ผ่าน"), ("F", "0", "ไม่ผ่าน"),
]  # fmt: skip
REWORKED = (
    "ตั้งแต่ปี ๒๕๖๘ โครงสร้างตัวชี้วัดปรับใหม่และชื่อระดับผลการประเมินเปลี่ยน "
    "ยังไม่ได้บันทึกตัวชี้วัดและระดับของปีนี้ กรุณาเพิ่มตามคู่มือการประเมินก่อนนำเข้าผลการประเมิน"
)
YEAR_NOTES = {
    2566: "",
    2567: "ตัวชี้วัดเหมือนปี ๒๕๖๖ เลขข้อการประเมินยังไม่ยืนยัน",
    2568: REWORKED,
    2569: REWORKED,
}


def add_years(apps, schema_editor):
    AssessmentYear = apps.get_model("assessments", "AssessmentYear")
    AssessmentItem = apps.get_model("assessments", "AssessmentItem")
    Indicator = apps.get_model("assessments", "Indicator")
    ResultLevel = apps.get_model("assessments", "ResultLevel")
    for year_be, items in ITEMS.items():
        year, created = AssessmentYear.objects.get_or_create(
            year=year_be,
            defaults={
                "name": f"การประเมิน ITA ประจำปีงบประมาณ พ.ศ. {thai(year_be)}",
                "pass_mark": Decimal("85"),
                "note": YEAR_NOTES[year_be],
            },
        )
        if not created and not year.note:
            year.note = YEAR_NOTES[year_be]
            year.save(update_fields=["note"])
        for order, (code, name, kind, offset, period, confirmed, note) in enumerate(items, 1):
            item, created = AssessmentItem.objects.get_or_create(
                assessment_year=year,
                code=code,
                document_kind=kind,
                defaults={
                    "name": name, "order": order, "fiscal_year_offset": offset,
                    "period": period, "is_confirmed": confirmed, "note": note,
                },
            )  # fmt: skip
            if not created and not item.note:
                # The rows publishing.0002 shipped for ๒๕๖๖: their rule, as the reference has it.
                item.period, item.note = period, note
                item.save(update_fields=["period", "note"])
        if year_be <= 2567 and not Indicator.objects.filter(assessment_year=year).exists():
            for order, (code, name, group) in enumerate(INDICATORS_UP_TO_2567, 1):
                Indicator.objects.create(
                    assessment_year=year, code=code, name=name, group=group, order=order
                )
        if year_be <= 2567 and not ResultLevel.objects.filter(assessment_year=year).exists():
            for order, (label, minimum, description) in enumerate(LEVELS_UP_TO_2567, 1):
                ResultLevel.objects.create(
                    assessment_year=year, label=label, min_score=Decimal(minimum),
                    description=description, order=order,
                )  # fmt: skip


def remove_years(apps, schema_editor):
    """Back to before: the years this migration added go (with their items), so that the older
    rule of one item per code holds again. ๒๕๖๖ stays: publishing.0002 added it."""
    # Row by row in dependency order, without the deletion collector (which trips over the
    # historical models' relations in a migration's state); the database's own foreign keys
    # still refuse removing an item a publication is filed under.
    years = [2567, 2568, 2569]
    using = schema_editor.connection.alias
    for model, lookup in [
        ("IndicatorScore", "result__assessment_year__year__in"),
        ("AssessmentResult", "assessment_year__year__in"),
        ("ResultLevel", "assessment_year__year__in"),
        ("Indicator", "assessment_year__year__in"),
        ("AssessmentItem", "assessment_year__year__in"),
        ("AssessmentYear", "year__in"),
    ]:
        apps.get_model("assessments", model).objects.filter(**{lookup: years})._raw_delete(using)


def thai(number) -> str:
    return str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_answer_rules_indicators_results")]

    operations = [migrations.RunPython(add_years, remove_years)]
