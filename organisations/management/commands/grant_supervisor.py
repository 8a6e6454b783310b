"""The deployment's operator grants (or revokes) a supervisor role: a person who oversees the
organisations of a district, a province or the whole deployment, read-only."""

from django.core.management.base import BaseCommand, CommandError

from organisations.access import SYSTEM
from organisations.area_names import find_province, place
from organisations.areas import Level, Province, Supervision
from organisations.management.arguments import refusals_as_errors
from organisations.onboarding import set_password_link
from organisations.supervision import supervision_grant, supervision_revoke


class Command(BaseCommand):
    help = (
        "ให้สิทธิ์ผู้กำกับดูแลพื้นที่ (อำเภอ จังหวัด หรือทั้งประเทศ) ดูภาพรวมของหน่วยงานในพื้นที่ "
        "(Grant a supervisor role over a district, a province or the nation)"
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        area = parser.add_mutually_exclusive_group(required=True)
        area.add_argument("--nation", action="store_true", help="ทุกหน่วยงานในระบบ")
        area.add_argument("--province", help="จังหวัด เช่น นราธิวาส")
        area.add_argument("--district", help="อำเภอ เช่น สุคิริน (ระบุ --in-province ด้วย)")
        parser.add_argument("--in-province", help="จังหวัดของอำเภอที่ระบุใน --district")
        parser.add_argument("--name", default="", help="ชื่อ-สกุล")
        parser.add_argument("--position", default="", help="ตำแหน่ง เช่น ท้องถิ่นจังหวัดนราธิวาส")
        parser.add_argument("--email", default="", help="อีเมล (สำหรับบัญชีใหม่)")
        parser.add_argument("--revoke", action="store_true", help="ถอนสิทธิ์ของพื้นที่นี้")

    def handle(self, *args, **options):
        level, area = self._area(options)
        if options["revoke"]:
            found = Supervision.objects.filter(
                user__username=options["username"], level=level, **area
            ).first()
            if found is None:
                raise CommandError(f"{options['username']} ไม่ได้กำกับดูแลพื้นที่นี้")
            supervision_revoke(by=SYSTEM, supervision=found)
            self.stdout.write(f"ถอนสิทธิ์ {options['username']} ({found.area_label}) แล้ว")
            return
        if not options["name"] or not options["position"]:
            raise CommandError("กรุณาระบุ --name และ --position (ชื่อและตำแหน่งของผู้กำกับดูแล)")
        with refusals_as_errors("ให้สิทธิ์ไม่ได้"):
            supervision = supervision_grant(
                by=SYSTEM,
                username=options["username"],
                level=level,
                display_name=options["name"],
                position_title=options["position"],
                email=options["email"],
                **area,
            )
        user = supervision.user
        self.stdout.write(f"{user.username} กำกับดูแล{supervision.area_label} แล้ว (ดูได้อย่างเดียว)")
        if not user.has_usable_password() or user.last_login is None:
            self.stdout.write(
                f"ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว ภายใน ๒๔ ชั่วโมง): {set_password_link(user)}"
            )

    def _area(self, options):
        if options["nation"]:
            return Level.NATION, {}
        if options["province"] is not None:
            province = find_province(Province.objects, options["province"])
            if province is None:
                raise CommandError(f"ไม่พบจังหวัด “{options['province']}”")
            return Level.PROVINCE, {"province": province}
        if not options["in_province"]:
            raise CommandError("ระบุจังหวัดของอำเภอด้วย --in-province")
        try:
            _, district = place(options["in_province"], options["district"])
        except LookupError as error:
            raise CommandError(error.args[0]) from None
        return Level.DISTRICT, {"district": district}
