from django.core.management.base import BaseCommand

from oversight.demo import PASSWORD, load_demo_area


class Command(BaseCommand):
    help = (
        "เพิ่มหน่วยงานตัวอย่างในอำเภอและจังหวัดเดียวกับ อบต.เกียร์ และผู้กำกับดูแลพื้นที่ตัวอย่าง (load_demo เรียกใช้เอง)"
    )

    def handle(self, *args, **options):
        logins = load_demo_area()
        self.stdout.write("ผู้กำกับดูแลพื้นที่ตัวอย่าง (ดูภาพรวมได้อย่างเดียว):")
        for username, what in logins:
            self.stdout.write(f"  {username:<20} รหัสผ่าน {PASSWORD}  {what}")
