from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.imports import results_import
from assessments.models import AssessmentYear
from organisations.access import SYSTEM
from organisations.management.arguments import number_argument as number
from organisations.management.arguments import organisation_argument as find_organisation
from organisations.management.arguments import refusals_as_errors, refuse_import
from thai.digits import thai_digits


class Command(BaseCommand):
    help = (
        "นำเข้าผลการประเมิน ITA (ตัวชี้วัด | คะแนน พร้อมแถวคะแนนรวมและระดับ) จากไฟล์ .xlsx หรือ .csv "
        "ไม่ระบุ --org เมื่อไฟล์มีคอลัมน์หน่วยงาน (หลายหน่วยงานในไฟล์เดียว)"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="ไฟล์ผลการประเมิน (.xlsx หรือ .csv)")
        parser.add_argument("--org", help="ชื่อย่อ ชื่อเต็ม หรือรหัสของหน่วยงาน")
        parser.add_argument(
            "--assessment-year", required=True, help="ปีการประเมิน พ.ศ. เช่น 2568 หรือ ๒๕๖๘"
        )
        parser.add_argument("--dry-run", action="store_true", help="แสดงตัวอย่างเท่านั้น ไม่บันทึก")

    def handle(self, *args, file, org, assessment_year, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        year = number(assessment_year, "--assessment-year")
        found = AssessmentYear.objects.filter(year=year).first()
        if found is None:
            raise CommandError(f"ไม่พบปีการประเมิน {thai_digits(year)} ให้ผู้ดูแลระบบเพิ่มในหน้าจัดการก่อน")
        with refusals_as_errors():
            outcome = results_import(
                content=path.read_bytes(),
                filename=path.name,
                assessment_year=found,
                organisation=find_organisation(org) if org else None,
                by=SYSTEM,
                confirm=not dry_run,
            )
        for result in outcome.results:
            total = thai_digits(result.total) if result.total is not None else "-"
            self.stdout.write(
                f"แถว {thai_digits(result.first_row):>5}  {result.action_label:<14} "
                f"{result.organisation.short_name}  คะแนนรวม {total}  ระดับ {result.level or '-'}  "
                f"ตัวชี้วัด {thai_digits(result.scores_read)} ข้อ"
            )
        for note in outcome.notes:
            self.stdout.write(note)
        refuse_import(self, outcome.errors)
        if dry_run:
            self.stdout.write(f"ตัวอย่าง (ยังไม่ได้บันทึก): {outcome.summary}")
        else:
            self.stdout.write(f"นำเข้าแล้ว: {outcome.summary}")
