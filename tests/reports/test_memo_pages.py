"""Where page breaks fall in the memo: page numbers and continuation words."""

import pytest

from tests.reports.conftest import page_sizes, page_texts, render

pytestmark = pytest.mark.django_db


def lines(text):
    return [line.strip() for line in text.strip().split("\n") if line.strip()]


def memo_pages(pdf):
    return [
        text for (width, height), text in zip(page_sizes(pdf), page_texts(pdf)) if width < height
    ]


def test_a_short_memo_is_one_page_without_a_continuation_word(demo_report):
    demo_report.body = "๑. เรื่องเดิม\n\nรายงานสั้น ๆ"
    demo_report.save()
    demo_report.review_steps.exclude(order=3).delete()
    pdf, _ = render(demo_report)
    memo = memo_pages(pdf)
    assert len(memo) == 1
    assert not lines(memo[0])[-1].startswith("/")
    # The table's first page is page two.
    assert lines(page_texts(pdf)[1])[0] == "- ๒ -"


def test_a_long_memo_continues_page_after_page(demo_report):
    paragraph = (
        "ในการนี้ ส่วนราชการต่าง ๆ ได้ดำเนินการนำมาตรการไปถือปฏิบัติ เพื่อพัฒนาคุณธรรม"
        "และความโปร่งใสภายในหน่วยงาน และได้รายงานความก้าวหน้าให้ผู้บริหารทราบตามห้วงเวลา"
    )
    demo_report.body = "\n\n".join(["๑. เรื่องเดิม"] + [paragraph] * 24)
    demo_report.save()
    pdf, _ = render(demo_report)
    memo = memo_pages(pdf)
    assert len(memo) >= 3
    for number, (page, next_page) in enumerate(zip(memo, memo[1:]), start=1):
        continuation = lines(page)[-1]
        assert continuation.startswith("/") and continuation.endswith("..."), (number, continuation)
        word = continuation[1:-3]
        first_line = lines(next_page)[1]  # after the page number
        assert first_line.replace(" ", "").startswith(word), (number, word, first_line)
        assert lines(next_page)[0] == f"- {'๒๓๔๕๖๗๘๙'[number - 1]} -"
    assert not lines(memo[-1])[-1].startswith("/")


def test_a_superiors_block_is_never_split_across_pages(demo_report):
    demo_report.body = "\n\n".join(["๑. เรื่องเดิม"] + ["ข้อความ " * 60] * 3)
    demo_report.save()
    pdf, _ = render(demo_report)
    for page in memo_pages(pdf):
        for heading in ["ความเห็นหัวหน้าสำนักปลัด", "ความเห็นปลัด", "ความเห็นนายก"]:
            if heading in page.replace(" ", ""):
                after = page.replace(" ", "").split(heading, 1)[1]
                assert "(ลงชื่อ)" in after
