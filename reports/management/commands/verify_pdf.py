from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.verification import MAX_BYTES, verify_pdf_bytes
from thai.dates import thai_datetime
from thai.digits import thai_digits


class Command(BaseCommand):
    help = "ตรวจว่าไฟล์ PDF เป็นเอกสารฉบับสมบูรณ์ของระบบที่ไม่ถูกแก้ไข (ลายมือชื่อดิจิทัลและ SHA-256)"

    def add_arguments(self, parser):
        parser.add_argument("file", help="ไฟล์ PDF ที่จะตรวจ")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError("ไฟล์ใหญ่เกินกว่าเอกสารของระบบจะเป็นได้")
        result = verify_pdf_bytes(path.read_bytes())
        self.stdout.write(f"SHA-256: {result.sha256}")
        if result.signed:
            validity = "ถูกต้อง" if result.signature_valid else "ไม่ถูกต้อง"
            self.stdout.write(f"ลายมือชื่อดิจิทัล: {validity} (ผู้ลงนาม: {result.signer})")
            if result.signed_at:
                self.stdout.write(f"ลงนามเมื่อ: {thai_datetime(result.signed_at)}")
            stamp = "มี" if result.timestamped else "ไม่มี"
            self.stdout.write(f"การประทับเวลา (time-stamp): {stamp}")
        if result.rendering is not None:
            report = result.rendering.report
            self.stdout.write(f"เอกสาร: {report}")
            self.stdout.write(f"ฉบับที่: {thai_digits(report.revision)}")
        for problem in result.problems:
            self.stderr.write(problem)
        if not result.genuine:
            raise CommandError("ไม่ใช่เอกสารฉบับสมบูรณ์ของระบบที่ไม่ถูกแก้ไข")
        self.stdout.write("เป็นเอกสารฉบับสมบูรณ์ของระบบ ไม่ถูกแก้ไข")
