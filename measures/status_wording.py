"""What a result written in words says about its status, the way offices word it.

"ดำเนินการเรียบร้อยแล้ว", "ได้ดำเนินการครบถ้วนแล้ว", "แล้วเสร็จ", "ดำเนินการเสร็จสิ้น" are done;
"อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วบางส่วน" are in progress; "ไม่ได้ดำเนินการ เนื่องจาก…",
"ยังไม่ได้ดำเนินการ", "มิได้…", "ไม่มีการ…" are not started. Wording that says none of these is
not guessed: `status_of` answers None and the import asks the person to choose."""

import re

from .models import Status

# A measure done in part is in progress, whatever else the result says.
PARTLY = (
    "บางส่วน",
    "ยังไม่แล้วเสร็จ",
    "ไม่แล้วเสร็จ",
    "ยังไม่เสร็จ",
    "ยังไม่ครบ",
    "ไม่ครบถ้วน",
    "ยังดำเนินการไม่แล้วเสร็จ",
    "ยังดำเนินการไม่เสร็จ",
    "ไม่สำเร็จ",
)
CUES = {
    Status.NOT_STARTED: (
        "ยังไม่ได้",
        "ยังไม่",
        "ยังมิได้",
        "ไม่ได้ดำเนินการ",
        "มิได้",
        "ไม่ได้",
        "ไม่มีการ",
        "ไม่ดำเนินการ",
        "งดดำเนินการ",
        "งดการ",
        "ยกเลิก",
        "รอดำเนินการ",
        "รอการ",
    ),
    Status.IN_PROGRESS: (
        "อยู่ระหว่าง",
        "อยู่ในระหว่าง",
        "ระหว่างดำเนินการ",
        "ระหว่างการดำเนินการ",
        "กำลัง",
        "เริ่มดำเนินการ",
    ),
    Status.DONE: (
        "ดำเนินการแล้ว",
        "ได้ดำเนินการ",
        "เรียบร้อย",
        "ครบถ้วน",
        "แล้วเสร็จ",
        "เสร็จสิ้น",
        "เสร็จแล้ว",
        "สำเร็จ",
        "ดำเนินการเสร็จ",
        "ดำเนินการครบ",
        "ดำเนินการในรอบ",
        "ดำเนินการในห้วง",
        "ดำเนินการในช่วง",
        "ดำเนินการตามแผนแล้ว",
    ),
}
# Weaker signs, read only when no cue above is in the text: a verb closed by แล้ว ("จัดอบรม
# แล้ว ๒ ครั้ง"), a result opened by ได้ ("ได้จัดทำประกาศ"), or ได้ before an action ("กองคลังได้
# ตรวจสอบรายงาน…": ได้ after a verb, "ดำเนินการได้", says what can be done, not what was).
WEAK_DONE = re.compile(
    r"^ได้|แล้ว|ได้(?:ดำเนิน|จัด|ตรวจ|เผยแพร่|ประชุม|รายงาน|แต่งตั้ง|ทำ|ประกาศ|ปรับปรุง|อบรม|แจ้ง|ส่ง"
    r"|สำรวจ|มอบหมาย|ติดตั้ง|สรุป|ประเมิน|ติดตาม|เสนอ|ออก|กำหนด|บันทึก|ปฏิบัติ|เปิด|สร้าง|พัฒนา)"
)
_CUE = re.compile(
    "|".join(
        sorted((re.escape(cue) for cues in CUES.values() for cue in cues), key=len, reverse=True)
    )
)
_STATUS_OF_CUE = {cue: status for status, cues in CUES.items() for cue in cues}
# A tick, a cross or a dash alone: a mark, not a result.
_ONLY_A_MARK = re.compile(r"^[\W_xX]*$")


def is_only_a_mark(text: str) -> bool:
    """ "✓", "/", "-", "x", "•": a cell that holds a mark and no word or number."""
    return bool(text.strip()) and bool(_ONLY_A_MARK.match(text.strip()))


def status_of(result: str) -> str | None:
    """The status a result's wording says (Status values), or None when it says none. An empty
    result is not started."""
    text = re.sub(r"\s+", "", result or "")
    if not text:
        return Status.NOT_STARTED
    if any(cue in text for cue in PARTLY):
        return Status.IN_PROGRESS
    first = _CUE.search(text)
    if first:
        return _STATUS_OF_CUE[first.group(0)]
    if WEAK_DONE.search(text):
        return Status.DONE
    return None
