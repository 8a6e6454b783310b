from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.management.arguments import number_argument as number
from organisations.management.arguments import organisation_argument as find_organisation
from reports.models import Report, ReportState
from reports.rendering import report_html, report_pdf
from reports.stored_pdfs import MissingDocument, stored_bytes, stored_report_pdf
from thai.digits import thai_digits
from thai.fiscal import Period


class Command(BaseCommand):
    help = "ส่งออกรายงานผลการดำเนินงานตามมาตรการเป็นไฟล์ PDF (หรือ HTML ที่ใช้สร้าง PDF)"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="ชื่อย่อ ชื่อเต็ม หรือรหัสของหน่วยงาน")
        parser.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2566 หรือ ๒๕๖๖")
        parser.add_argument(
            "--period", required=True, help=f"1 = {Period(1).label}, 2 = {Period(2).label}"
        )
        parser.add_argument("--output", required=True, help="ไฟล์ที่จะเขียน")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("--revision", help="ฉบับแก้ไข (ค่าเริ่มต้น: ฉบับล่าสุด)")

    def handle(self, *args, org, year, period, output, format, revision, **options):
        organisation = find_organisation(org)
        year, period = number(year, "--year"), number(period, "--period")
        reports = Report.objects.filter(
            fiscal_year__organisation=organisation, fiscal_year__year=year, period=period
        ).select_related("fiscal_year__organisation")
        if revision:
            reports = reports.filter(revision=number(revision, "--revision"))
        report = reports.order_by("-revision").first()
        if report is None:
            raise CommandError(
                f"ไม่พบรายงานของ {organisation} ปีงบประมาณ {thai_digits(year)} "
                f"รอบที่ {thai_digits(period)}"
            )
        if format == "html":
            Path(output).write_text(report_html(report), encoding="utf-8")
        elif report.state == ReportState.ACKNOWLEDGED:
            # The finished document is the stored final PDF, byte for byte, never a new render.
            try:
                pdf = stored_bytes(stored_report_pdf(report))
            except MissingDocument:
                raise CommandError("ไม่พบไฟล์ฉบับสมบูรณ์ในที่เก็บเอกสาร โปรดกู้คืนจากข้อมูลสำรอง") from None
            Path(output).write_bytes(pdf)
        else:
            Path(output).write_bytes(report_pdf(report).pdf)
        self.stdout.write(f"เขียน {report} ลงไฟล์ {output} แล้ว")
