"""What a result written in words says about its status, the way offices word it.

"ดำเนินการเรียบร้อยแล้ว", "ได้ดำเนินการครบถ้วนแล้ว", "แล้วเสร็จ", "ดำเนินการเสร็จสิ้น" are done;
"อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วบางส่วน", "ดำเนินการแล้วร้อยละ ๕๐" are in progress;
"ไม่ได้ดำเนินการ เนื่องจาก…", "ยังไม่ได้ดำเนินการ", "มิได้…", "ไม่มีการ…", "ไม่สามารถ…" are not
started. A negative word about something else than the measure's work ("ดำเนินการแล้ว ยังไม่มี
ผู้ร้องเรียน", "ยกเลิกการใช้กระดาษ ดำเนินการแล้ว") does not undo a done; one about the work itself
("…ยังไม่ได้ดำเนินการ") beside a sign of work done is a contradiction. Wording that says none of
these, or contradicts itself, is not guessed: `status_of` answers None and the import asks the
person to choose."""

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
# A share of the work below the whole: "ดำเนินการแล้วร้อยละ ๕๐", "ความคืบหน้า 60%".
SHARE = re.compile(
    r"(?:ดำเนินการ|ดำเนินงาน|คืบหน้า|ความก้าวหน้า)(?:ไป)?(?:แล้ว|ได้)?(?:คิดเป็น|ประมาณ)?"
    r"(?:ร้อยละ([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)|([0-9๐-๙]+(?:\.[0-9๐-๙]+)?)%)"
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
        "ไม่สามารถ",
        "เลื่อนการ",
        "เลื่อนออกไป",
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
# A not-started cue says the work itself was not done when it names it: ไม่ได้ดำเนินการ,
# ไม่มีการดำเนินการ, ยกเลิกการดำเนินการ (not ยังไม่มีผู้ร้องเรียน, ยกเลิกการใช้กระดาษ).
THE_WORK = ("ดำเนิน", "การดำเนิน")
# Weaker signs, read only when no cue above is in the text: a verb closed by แล้ว ("จัดอบรม
# แล้ว ๒ ครั้ง"), a result opened by ได้ ("ได้จัดทำประกาศ"), or ได้ before an action ("กองคลังได้
# ตรวจสอบรายงาน…": ได้ after a verb, "ดำเนินการได้", says what can be done, not what was; ไม่ได้
# before it says it was not).
WEAK_DONE = re.compile(
    r"^ได้|แล้ว|(?<!ไม่)(?<!มิ)ได้(?:ดำเนิน|จัด|ตรวจ|เผยแพร่|ประชุม|รายงาน|แต่งตั้ง|ทำ|ประกาศ|ปรับปรุง"
    r"|อบรม|แจ้ง|ส่ง|สำรวจ|มอบหมาย|ติดตั้ง|สรุป|ประเมิน|ติดตาม|เสนอ|ออก|กำหนด|บันทึก|ปฏิบัติ|เปิด"
    r"|สร้าง|พัฒนา)"
)
_CUE = re.compile(
    "|".join(
        sorted((re.escape(cue) for cues in CUES.values() for cue in cues), key=len, reverse=True)
    )
)
_STATUS_OF_CUE = {cue: status for status, cues in CUES.items() for cue in cues}
# A tick, a cross or a dash alone: a mark, not a result.
_ONLY_A_MARK = re.compile(r"^[\W_xX]*$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def is_only_a_mark(text: str) -> bool:
    """ "✓", "/", "-", "x", "•": a cell that holds a mark and no word or number."""
    return bool(text.strip()) and bool(_ONLY_A_MARK.match(text.strip()))


def status_of(result: str) -> str | None:
    """The status a result's wording says (Status values), or None when it says none or
    contradicts itself. An empty result is not started."""
    text = re.sub(r"\s+", "", result or "")
    if not text:
        return Status.NOT_STARTED
    if any(cue in text for cue in PARTLY) or _below_the_whole(text):
        return Status.IN_PROGRESS
    said, work_not_done, negated_to = set(), False, -1
    for match in _CUE.finditer(text):
        if match.start() <= negated_to:
            continue  # the work a not-started cue names ("ไม่มีการ|ดำเนินการในรอบนี้")
        status = _STATUS_OF_CUE[match.group(0)]
        said.add(status)
        if status == Status.NOT_STARTED and (
            "ดำเนิน" in match.group(0) or text.startswith(THE_WORK, match.end())
        ):
            work_not_done, negated_to = True, match.end() + len("การ")
    some_done = bool(said - {Status.NOT_STARTED}) or bool(WEAK_DONE.search(text))
    if work_not_done:
        return None if some_done else Status.NOT_STARTED
    for status in (Status.IN_PROGRESS, Status.DONE):
        if status in said:
            return status
    if Status.NOT_STARTED in said:
        return None if some_done else Status.NOT_STARTED
    return Status.DONE if some_done else None


def _below_the_whole(text: str) -> bool:
    share = SHARE.search(text)
    if not share:
        return False
    return float((share.group(1) or share.group(2)).translate(THAI_DIGITS)) < 100
