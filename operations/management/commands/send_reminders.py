from django.core.management.base import BaseCommand
from django.utils import timezone

from operations.reminders import reminders_due, send_reminders
from thai.digits import thai_digits


class Command(BaseCommand):
    help = (
        "ส่งอีเมลเตือนผู้ที่ยังมีงานค้างของข้อการประเมิน ITA ที่ใกล้ครบกำหนดหรือเลยกำหนด "
        "(ตัวทำงานเบื้องหลังส่งให้เองวันละครั้ง; แต่ละเรื่องส่งถึงแต่ละคนครั้งเดียว)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="แสดงว่าจะส่งถึงใคร ไม่ส่งจริง")

    def handle(self, *args, dry_run, **options):
        today = timezone.localdate()
        if dry_run:
            due = reminders_due(today)
            for reminder in due:
                self.stdout.write(f"{reminder.user.email}: {reminder.subject}")
            self.stdout.write(f"จะส่ง {thai_digits(len(due))} ฉบับ (ยังไม่ได้ส่ง)")
            return
        self.stdout.write(f"ส่งแล้ว {thai_digits(send_reminders(today))} ฉบับ")
