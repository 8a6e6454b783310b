import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import pdftotext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "org, year, period",
    [("อบต.เกียร์", "2566", "1"), ("องค์การบริหารส่วนตำบลเกียร์", "๒๕๖๖", "๑")],
)
def test_it_writes_the_pdf(demo_report, tmp_path, org, year, period):
    output = tmp_path / "report.pdf"
    call_command("export_report", org=org, year=year, period=period, output=str(output))
    assert "บันทึกข้อความ" in pdftotext(output.read_bytes())


def test_it_finds_the_organisation_by_id(demo_report, tmp_path):
    output = tmp_path / "report.html"
    organisation_id = str(demo_report.organisation.pk)
    call_command(
        "export_report",
        org=organisation_id,
        year="2566",
        period="1",
        output=str(output),
        format="html",
    )
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "๑) การเผยแพร่ข้อมูล" in html


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"org": "ไม่มี", "year": "2566", "period": "1"}, "ไม่พบหน่วยงาน"),
        ({"org": "อบต.เกียร์", "year": "2567", "period": "1"}, "ไม่พบรายงาน"),
        ({"org": "อบต.เกียร์", "year": "สองห้าหกหก", "period": "1"}, "--year ต้องเป็นตัวเลข"),
    ],
)
def test_it_explains_what_is_wrong_in_thai(demo_report, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_report", output=str(tmp_path / "x.pdf"), **arguments)
