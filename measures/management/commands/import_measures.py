from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from measures.models import Status
from measures.plans import plan_import
from measures.status_wording import status_of
from measures.table_text import parse_label
from organisations.access import SYSTEM
from organisations.management.arguments import number_argument as number
from organisations.management.arguments import organisation_argument as find_organisation
from organisations.management.arguments import refuse_import
from thai.digits import thai_digits
from thai.fiscal import Period


def status_argument(text) -> tuple[str, str]:
    """ "3=done", "๑.๑=ดำเนินการแล้ว" -> ("3", "done"), ("1.1", "done")."""
    label, _, wording = text.partition("=")
    try:
        label = parse_label(label)
    except ValueError as error:
        raise CommandError(f"--status {text}: {error}") from None
    status = wording.strip() if wording.strip() in Status.values else status_of(wording)
    if not wording.strip() or status is None:
        raise CommandError(
            f"--status {text}: ใช้ ข้อ=สถานะ เช่น 3=done หรือ ๓=ดำเนินการแล้ว "
            "(not_started ยังไม่ดำเนินการ, in_progress อยู่ระหว่างดำเนินการ, done ดำเนินการแล้ว)"
        )
    return label, status


def row_detail(parsed, period) -> list[str]:
    """What the preview page says of a row (templates/measures/_import_preview.html), as lines:
    its steps and divisions, and with a period its status, result and follow-up; then the
    row's cells that are not read. A text's further lines are indented under its first."""

    def text(name, value):
        first, *rest = (value or "—").split("\n")
        return [f"{name}: {first}", *(f"    {line}" for line in rest)]

    steps = " ".join(f"({thai_digits(place)}) {step}" for place, step in enumerate(parsed.steps, 1))
    lines = [*text("ขั้นตอนหรือวิธีการ", steps), *text("ผู้รับผิดชอบ", parsed.responsible)]
    if period is not None:
        if parsed.status:
            lines.append(f"สถานะ {parsed.status_label} ({parsed.status_source})")
        elif not parsed.status_needed:
            lines.append("สถานะ: ไม่มีผลในไฟล์ ไม่บันทึกผล")
        lines += [*text("ผลการดำเนินการ", parsed.result), *text("การกำกับติดตาม", parsed.follow_up)]
    return lines + [f"ไม่ได้นำเข้า: {note}" for note in parsed.notes]


class Command(BaseCommand):
    help = "นำเข้าตารางมาตรการจากไฟล์ .xlsx .csv หรือ .docx (แสดงตัวอย่างก่อนเสมอ)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="ไฟล์ตารางมาตรการ (.xlsx .csv หรือ .docx)")
        parser.add_argument("--org", required=True, help="ชื่อย่อ ชื่อเต็ม หรือรหัสของหน่วยงาน")
        parser.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567 หรือ ๒๕๖๗")
        parser.add_argument("--period", help="รอบของผลการดำเนินการในไฟล์: 1 หรือ 2")
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            type=status_argument,
            help="สถานะของข้อที่ถ้อยคำของผลไม่บอกสถานะ เช่น --status 3=done (ใส่ได้หลายครั้ง)",
        )
        parser.add_argument("--dry-run", action="store_true", help="แสดงตัวอย่างเท่านั้น ไม่บันทึก")

    def handle(self, *args, file, org, year, period, status, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        organisation = find_organisation(org)
        year = number(year, "--year")
        period = number(period, "--period") if period else None
        if period not in (None, 1, 2):
            raise CommandError(f"--period ต้องเป็น 1 ({Period(1).label}) หรือ 2 ({Period(2).label})")
        arguments = {
            "organisation": organisation,
            "year": year,
            "period": period,
            "content": path.read_bytes(),
            "filename": path.name,
            "by": SYSTEM,
        }
        outcome = plan_import(**arguments)
        chosen = dict(status)
        statuses = {row.key: chosen[row.label] for row in outcome.rows if row.label in chosen}
        if statuses or (not dry_run and outcome.ok):
            confirm = not dry_run and outcome.ok
            outcome = plan_import(**arguments, confirm=confirm, statuses=statuses)
        for message in outcome.notes:
            self.stdout.write(f"หมายเหตุ: {message}")
        for row in outcome.rows:
            title = row.title if len(row.title) <= 60 else row.title[:60] + "…"
            detail = ", ".join(row.changes) if row.action == "update" else ""
            if row.status_needed and row.label not in chosen:
                detail = f"ต้องเลือกสถานะด้วย --status {row.label}=…"
            number_text = f"ข้อ {thai_digits(row.label)}" if row.label else ""
            self.stdout.write(
                f"{row.where:<20} {row.action_label:<14} {number_text} {title}"
                + (f"  ({detail})" if detail else "")
            )
            for line in row_detail(row.parsed, period) if row.parsed else []:
                self.stdout.write(f"{'':<20} {line}")
        refuse_import(self, outcome.errors)
        if dry_run:
            self.stdout.write(f"ตัวอย่าง (ยังไม่ได้บันทึก): {outcome.summary}")
        else:
            self.stdout.write(f"นำเข้าแล้ว: {outcome.summary}")
