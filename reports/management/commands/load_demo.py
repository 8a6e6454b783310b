from django.core.management import call_command
from django.core.management.base import BaseCommand

from measures.demo import DEMO_FIXTURE, load_demo, read_demo_fixture
from reports.demo import load_demo_report
from reports.demo_year import load_demo_year, read_demo_year
from reports.pdf.signing import make_demo_certificate
from thai.digits import thai_digits


class Command(BaseCommand):
    help = (
        "สร้างข้อมูลตัวอย่าง อบต.เกียร์ ปีงบประมาณ ๒๕๖๖ ผลการประเมิน ITA ๒๕๖๕ (ตัวเลขสมมติ) "
        "การวิเคราะห์ และผู้ใช้ตัวอย่างทุกบทบาท (รันซ้ำได้)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="ถ้ามีหน่วยงานตัวอย่างอยู่แล้ว ไม่ต้องเขียนทับข้อมูลที่แก้ไขไว้",
        )
        parser.add_argument("--fixture", default=str(DEMO_FIXTURE), help="ไฟล์ข้อมูลตัวอย่าง (TOML)")

    def handle(self, *args, fixture, keep_existing, **options):
        data = read_demo_fixture(fixture)
        certificate = make_demo_certificate()
        result = load_demo(data, keep_existing=keep_existing)
        if result.created or not keep_existing:
            load_demo_report(data, result.fiscal_year)
            load_demo_year(read_demo_year(), result.fiscal_year)
        organisation = result.organisation
        if keep_existing and not result.created:
            self.stdout.write(f"มีข้อมูลตัวอย่าง {organisation} อยู่แล้ว (ไม่ได้เขียนทับ)")
        else:
            self.stdout.write(
                f"ข้อมูลตัวอย่าง: {organisation.name} "
                f"{thai_digits(organisation.divisions.count())} ส่วนราชการ "
                f"ปีงบประมาณ {thai_digits(result.fiscal_year.year)} "
                f"{thai_digits(result.fiscal_year.measures.count())} มาตรการ "
                "ผลการประเมิน ITA ๒๕๖๕ (ตัวเลขสมมติ) และร่างการวิเคราะห์ผลการประเมิน"
            )
        self.stdout.write(f"ใบรับรองสำหรับลงนามรายงาน (ใบรับรองตัวอย่าง ห้ามใช้จริง): {certificate}")
        self.stdout.write("ผู้ใช้ตัวอย่าง (รหัสผ่านสำหรับทดลองใช้เท่านั้น):")
        for login in result.logins:
            where = f" – {', '.join(login.divisions)}" if login.divisions else ""
            self.stdout.write(
                f"  {login.username:<12} รหัสผ่าน {login.password}  "
                f"{login.role_label}{where} ({login.display_name})"
            )
        if result.created or not keep_existing:
            # The neighbours and supervisors of the overview: the oversight app's own command
            # (called by name: that app sits above this one).
            call_command("load_demo_area", stdout=self.stdout)
