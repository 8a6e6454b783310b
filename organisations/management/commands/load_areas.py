"""Thailand's provinces and districts from the installed geothai package: run after upgrading
it (the migration loaded them once). Adds and renames by code; removes nothing."""

import geothai
from django.core.management.base import BaseCommand

from organisations.area_names import load_areas
from organisations.models import District, Province
from thai.digits import thai_digits


class Command(BaseCommand):
    help = "ปรับข้อมูลจังหวัดและอำเภอตามชุดข้อมูล GeoThai ที่ติดตั้ง (Load provinces and districts)"

    def handle(self, *args, **options):
        provinces, districts = load_areas(Province, District)
        self.stdout.write(
            f"ข้อมูล GeoThai {geothai.DATA_VERSION}: เพิ่มหรือแก้ไขจังหวัด {thai_digits(provinces)} "
            f"อำเภอ {thai_digits(districts)} (มีทั้งหมด {thai_digits(Province.objects.count())} "
            f"จังหวัด {thai_digits(District.objects.count())} อำเภอ)"
        )
