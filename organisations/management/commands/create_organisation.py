"""Onboarding without clicking through the admin: a new organisation and its site admin, who
gets a link to set their own password (printed, and e-mailed with --send-mail)."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError

from organisations.access import SYSTEM
from organisations.area_names import kind_from_name, place
from organisations.management.arguments import refusals_as_errors
from organisations.models import OrganisationKind
from organisations.onboarding import set_password_link
from organisations.services import organisation_create


class Command(BaseCommand):
    help = "สร้างหน่วยงานใหม่พร้อมผู้ดูแลระบบของหน่วยงาน (Create an organisation and its site admin)"

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลเกียร์")
        parser.add_argument("--short-name", required=True, help="ชื่อย่อ เช่น อบต.เกียร์")
        parser.add_argument("--slug", required=True, help="ชื่อในที่อยู่เว็บ เช่น kiar")
        parser.add_argument("--district", required=True, help="อำเภอ เช่น สุคิริน หรือ เมือง")
        parser.add_argument("--province", required=True, help="จังหวัด เช่น นราธิวาส")
        parser.add_argument(
            "--kind",
            choices=OrganisationKind.values,
            help="ประเภทหน่วยงาน (ไม่ระบุ: อ่านจากชื่อ เช่น องค์การบริหารส่วนตำบล… เทศบาลตำบล…)",
        )
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True, help="ชื่อที่แสดง")
        parser.add_argument("--admin-position", default="ผู้ดูแลระบบ", help="ตำแหน่ง")
        parser.add_argument("--send-mail", action="store_true", help="ส่งลิงก์ตั้งรหัสผ่านทางอีเมล")

    def handle(self, *args, **options):
        try:
            province, district = place(options["province"], options["district"])
        except LookupError as error:
            raise CommandError(f"{error.args[0]} (ชื่ออำเภอและจังหวัดตามกรมการปกครอง)") from None
        kind = options["kind"] or kind_from_name(options["name"], options["short_name"])
        if not kind:
            raise CommandError("ชื่อหน่วยงานไม่ได้บอกประเภท กรุณาระบุ --kind")
        with refusals_as_errors("สร้างหน่วยงานไม่ได้"):
            membership = organisation_create(
                by=SYSTEM,
                name=options["name"],
                short_name=options["short_name"],
                slug=options["slug"],
                kind=kind,
                province=province,
                district=district,
                admin_username=options["admin_username"],
                admin_email=options["admin_email"],
                admin_name=options["admin_name"],
                admin_position=options["admin_position"],
            )
        link = set_password_link(membership.user)
        self.stdout.write(f"สร้าง {membership.organisation.name} แล้ว")
        self.stdout.write(f"ผู้ดูแลระบบของหน่วยงาน: {membership.user.username}")
        self.stdout.write(f"ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน ๒๔ ชั่วโมง): {link}")
        if options["send_mail"]:
            send_mail(
                f"บัญชีผู้ดูแลระบบของ{membership.organisation.name}",
                f"ตั้งรหัสผ่านของบัญชี {membership.user.username} ได้ที่\n{link}\n\n"
                "ลิงก์ใช้ได้ครั้งเดียว ภายใน ๒๔ ชั่วโมง",
                settings.DEFAULT_FROM_EMAIL,
                [membership.user.email],
            )
            self.stdout.write(f"ส่งลิงก์ไปที่ {membership.user.email} แล้ว")
