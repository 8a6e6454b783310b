from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.plans import plan_import
from organisations.access import SYSTEM
from organisations.management.arguments import number_argument as number
from organisations.management.arguments import organisation_argument as find_organisation
from organisations.management.arguments import refuse_import
from thai.digits import thai_digits
from thai.fiscal import Period


class Command(BaseCommand):
    help = "นำเข้าตารางมาตรการจากไฟล์ .xlsx หรือ .csv (แสดงตัวอย่างก่อนเสมอ)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="ไฟล์ตารางมาตรการ (.xlsx หรือ .csv)")
        parser.add_argument("--org", required=True, help="ชื่อย่อ ชื่อเต็ม หรือรหัสของหน่วยงาน")
        parser.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567 หรือ ๒๕๖๗")
        parser.add_argument("--period", help="รอบของผลการดำเนินการในไฟล์: 1 หรือ 2")
        parser.add_argument("--dry-run", action="store_true", help="แสดงตัวอย่างเท่านั้น ไม่บันทึก")

    def handle(self, *args, file, org, year, period, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        organisation = find_organisation(org)
        year = number(year, "--year")
        period = number(period, "--period") if period else None
        if period not in (None, 1, 2):
            raise CommandError(f"--period ต้องเป็น 1 ({Period(1).label}) หรือ 2 ({Period(2).label})")
        outcome = plan_import(
            organisation=organisation,
            year=year,
            period=period,
            content=path.read_bytes(),
            filename=path.name,
            by=SYSTEM,
            confirm=not dry_run,
        )
        for row in outcome.rows:
            title = row.title if len(row.title) <= 60 else row.title[:60] + "…"
            detail = ", ".join(row.changes) if row.action == "update" else ""
            number_text = f"ข้อ {thai_digits(row.number)}" if row.number else ""
            self.stdout.write(
                f"แถว {thai_digits(row.row):>4}  {row.action_label:<14} {number_text} {title}"
                + (f"  ({detail})" if detail else "")
            )
        refuse_import(self, outcome.errors)
        if dry_run:
            self.stdout.write(f"ตัวอย่าง (ยังไม่ได้บันทึก): {outcome.summary}")
        else:
            self.stdout.write(f"นำเข้าแล้ว: {outcome.summary}")
