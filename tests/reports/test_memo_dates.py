"""Each date once, where a paper memo has it, and a word before signing a memo or an
announcement dated far from the day it is signed (issue 17, item 12)."""

import re
from datetime import date
from unittest import mock

import pytest
from django.urls import reverse

from organisations.models import StepKind
from reports.memo_dates import date_warning
from reports.services import plan_document_create
from reports.stored_pdfs import stored_report_pdf
from tests.cast import PASSWORD, advance
from tests.reports.conftest import pdftotext, squash
from thai.dates import THAI_MONTHS

pytestmark = pytest.mark.django_db

MONTHS = "|".join(THAI_MONTHS.values())
# A day and month in Thai, with or without "พ.ศ.", then a Buddhist-era year: one printed date.
DATE = re.compile(rf"[๐-๙]{{1,2}}({MONTHS})(พ\.ศ\.)?๒๕[๐-๙]{{2}}")
LATE_MEMO = (
    "บันทึกข้อความลงวันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ แต่วันนี้คือ ๑ ธันวาคม พ.ศ. ๒๕๖๙ "
    "ห่างกัน ๑,๓๓๘ วัน เอกสารจะพิมพ์วันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ ตามที่กรอกไว้"
)


def test_the_warning_says_both_dates_and_how_far_apart(demo_report):
    assert date_warning(demo_report, today=date(2026, 12, 1)) == LATE_MEMO
    assert date_warning(demo_report, today=date(2023, 4, 3)) is None
    assert date_warning(demo_report, today=date(2023, 4, 10)) is None  # a week is usual
    assert date_warning(demo_report, today=date(2023, 4, 11)) == (
        "บันทึกข้อความลงวันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ แต่วันนี้คือ ๑๑ เมษายน พ.ศ. ๒๕๖๖ "
        "ห่างกัน ๘ วัน เอกสารจะพิมพ์วันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ ตามที่กรอกไว้"
    )
    assert date_warning(demo_report, today=date(2023, 3, 20)) == (
        "บันทึกข้อความลงวันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ แต่วันนี้คือ ๒๐ มีนาคม พ.ศ. ๒๕๖๖ "
        "ห่างกัน ๑๔ วัน เอกสารจะพิมพ์วันที่ ๓ เมษายน พ.ศ. ๒๕๖๖ ตามที่กรอกไว้"
    )
    demo_report.memo_date = None
    assert date_warning(demo_report, today=date(2023, 4, 3)) == (
        "บันทึกข้อความยังไม่มีวันที่ เอกสารจะพิมพ์วันที่ว่างไว้"
    )


def test_the_analyst_is_warned_before_signing_and_may_go_on(client, demo_report, django_user_model):
    client.force_login(django_user_model.objects.get(username="analyst"))
    url = reverse("reports:detail", args=[demo_report.pk])
    with mock.patch("reports.memo_dates.timezone.localdate", return_value=date(2026, 12, 1)):
        page = client.get(url).content.decode()
    form = page[page.index(reverse("reports:submit", args=[demo_report.pk])) :]
    assert LATE_MEMO in form[: form.index("</form>")]  # in the signing form, before the act
    client.post(reverse("reports:submit", args=[demo_report.pk]), {"password": "ita-demo-2566"})
    demo_report.refresh_from_db()
    assert demo_report.state == "in_review"  # a warning, not a refusal


def test_the_chief_executive_is_warned_before_signing_an_announcement(cast, client):
    announcement = plan_document_create(fiscal_year=cast.plan, author=cast.alice)
    announcement.memo_date = date(2022, 10, 1)
    announcement.save()
    advance(announcement, through=StepKind.APPROVE)
    client.force_login(cast.mayor)
    with mock.patch("reports.memo_dates.timezone.localdate", return_value=date(2022, 11, 15)):
        page = client.get(reverse("reports:detail", args=[announcement.pk])).content.decode()
    assert (
        "ประกาศลงวันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๕ แต่วันนี้คือ ๑๕ พฤศจิกายน พ.ศ. ๒๕๖๕ "
        "ห่างกัน ๔๕ วัน เอกสารจะพิมพ์วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๕ ตามที่กรอกไว้"
    ) in page
    client.post(reverse("reports:review", args=[announcement.pk]), {"password": PASSWORD})
    announcement.refresh_from_db()
    assert announcement.state == "acknowledged"


def test_the_signed_memo_prints_its_date_once_and_each_superiors_once(cast):
    report = cast.finish()
    memo = squash(pdftotext(stored_report_pdf(report).read(), first=1, last=2))
    dates = [match.group(0) for match in DATE.finditer(memo)]
    header = "วันที่" + dates[0]
    assert header in memo and "พ.ศ." in dates[0]
    # The header's date, then one under each of the three superiors: none under the author.
    assert len(dates) == 4
    author_block = memo[memo.index("(aliceทดสอบ)") : memo.index("ความเห็นตำแหน่งของhenry")]
    assert not DATE.search(author_block)


def test_the_signed_announcement_prints_its_date_once(cast):
    announcement = cast.finish(plan_document_create(fiscal_year=cast.plan, author=cast.alice))
    text = squash(pdftotext(stored_report_pdf(announcement).read()))
    dates = [match.group(0) for match in DATE.finditer(text)]
    assert len(dates) == 1
    assert "ประกาศณวันที่" + dates[0] in text
