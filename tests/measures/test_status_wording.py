"""What a result's wording says about its status, as the import reads it and the preview shows
it (None: the wording says no status, and the preview asks the person to choose)."""

import pytest

from measures.status_wording import status_of

DONE, IN_PROGRESS, NOT_STARTED = "done", "in_progress", "not_started"


@pytest.mark.parametrize(
    "result, status",
    [
        # The field case 03 and the seed's own wording.
        ("ดำเนินการเรียบร้อยแล้ว", DONE),
        ("ได้ดำเนินการครบถ้วนแล้ว เมื่อวันที่ ๑๕ ธันวาคม ๒๕๖๖", DONE),
        ("แล้วเสร็จ", DONE),
        ("ดำเนินการเสร็จสิ้น", DONE),
        ("ไม่ได้ดำเนินการ เนื่องจากติดภารกิจเลือกตั้ง", NOT_STARTED),
        ("ยังไม่ได้ดำเนินการ", NOT_STARTED),
        ("อยู่ในระหว่างดำเนินการ และได้รายงานความก้าวหน้าและสรุปผลให้ผู้บริหารทราบ", IN_PROGRESS),
        ("ดำเนินการในรอบ ๖ เดือนแรกของปี และได้รายงานความก้าวหน้า", DONE),
        # A negative word about something else than the measure's work does not undo it.
        ("ยกเลิกการใช้กระดาษในการประชุม ดำเนินการแล้ว", DONE),
        ("ดำเนินการแล้ว ยังไม่มีผู้ร้องเรียน", DONE),
        ("ดำเนินการแล้ว ไม่พบการทุจริต", DONE),
        # Not started, however it is said.
        ("ยังมิได้ดำเนินการ", NOT_STARTED),
        ("ไม่มีการดำเนินการในรอบนี้", NOT_STARTED),
        ("ไม่สามารถดำเนินการได้ เนื่องจากสถานการณ์โรคระบาด", NOT_STARTED),
        ("ไม่ได้รับงบประมาณ จึงไม่ได้ดำเนินการ", NOT_STARTED),
        ("เลื่อนการจัดอบรมไปปีงบประมาณหน้า", NOT_STARTED),
        # Done in part is in progress, a share of the work below the whole too.
        ("ดำเนินการแล้วบางส่วน", IN_PROGRESS),
        ("ดำเนินการแล้วร้อยละ ๕๐", IN_PROGRESS),
        ("ดำเนินการไปแล้ว 60%", IN_PROGRESS),
        ("ความคืบหน้าร้อยละ ๗๐", IN_PROGRESS),
        ("ดำเนินการแล้วร้อยละ ๑๐๐", DONE),
        ("อยู่ระหว่างรอการอนุมัติ", IN_PROGRESS),
        # Wording that says both, or neither: the person chooses.
        ("ดำเนินการตรวจสอบแล้ว ไม่มีการร้องเรียน", None),
        ("ดำเนินการแล้ว แต่ยังไม่ได้ดำเนินการในส่วนที่เหลือ", None),
        ("รอการอนุมัติจากผู้บริหาร", None),
        ("ผู้ตอบแบบสอบถามพึงพอใจร้อยละ ๘๕", None),
        ("ดำเนินการ", None),
    ],
)
def test_status_from_wording(result, status):
    assert status_of(result) == status
