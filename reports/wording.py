"""The words of each kind of document, in one place: a half-year report (and the analysis of
the ITA results) is submitted with its memo (บันทึกข้อความ) and acknowledged ("ทราบ") by the
chief executive; the plan's announcement (ประกาศ) is proposed by the analyst and signed, which
issues it, by the chief executive.
Pages, messages, e-mail and the PDF's signature read them from `Report.words`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    document: str  # รายงาน / ประกาศ
    text: str  # what the analyst writes: บันทึกข้อความ / ข้อความประกาศ
    preview: str
    submit: str  # the analyst's button
    submitted: str  # … and what it says once done
    submit_note: str
    last_act: str  # the last step of the chain (StepKind.ACKNOWLEDGE)
    last_button: str
    last_done: str
    finished: str  # the e-mail's subject once the last step is done
    frozen: str  # what a submitted document shows
    revise_note: str
    signature_reason: str  # the PDF signature's /Reason
    # Where the model's labels (ReportState, ReviewAction) do not fit the document.
    states: dict
    actions: dict


REPORT = Words(
    document="รายงาน",
    text="บันทึกข้อความ",
    preview="ดูตัวอย่างรายงาน",
    submit="ลงนามและเสนอรายงาน",
    submitted="ลงนามและเสนอรายงานแล้ว",
    submit_note=(
        "เมื่อเสนอแล้ว รายงานจะแสดงผลการดำเนินการตามที่เป็นอยู่ขณะเสนอ "
        "และส่วนราชการจะแก้ไขผลของรอบนี้ไม่ได้จนกว่ารายงานจะถูกส่งกลับ "
        "การเสนอคือการลงนามในบันทึกข้อความในฐานะผู้จัดทำ"
    ),
    last_act="รับทราบ",
    last_button="ลงนามรับทราบ",
    last_done="ลงนามรับทราบแล้ว รายงานเป็นฉบับสมบูรณ์",
    finished="รายงานเสร็จสิ้นแล้ว",
    frozen="รายงานแสดงมาตรการและผลการดำเนินการตามที่เสนอ (ไม่เปลี่ยนตามการแก้ไขภายหลัง)",
    revise_note=("รายงานฉบับนี้เสร็จสิ้นและไม่เปลี่ยนแปลงอีก หากต้องแก้ไข ให้สร้างฉบับแก้ไขซึ่งจะเชื่อมกับฉบับนี้"),
    signature_reason="รายงานฉบับสมบูรณ์ที่ผู้บริหารรับทราบแล้ว",
    states={},
    actions={},
)

ANNOUNCEMENT = Words(
    document="ประกาศ",
    text="ข้อความประกาศ",
    preview="ดูตัวอย่างประกาศ",
    submit="เสนอร่างประกาศ",
    submitted="เสนอร่างประกาศแล้ว",
    submit_note=(
        "เมื่อเสนอแล้ว ร่างประกาศจะแสดงมาตรการตามที่เป็นอยู่ขณะเสนอ "
        "และผ่านผู้บังคับบัญชาตามลำดับจนผู้บริหารลงนามประกาศ "
        "การเสนอต้องยืนยันด้วยรหัสผ่านของท่าน"
    ),
    last_act="ลงนามประกาศ",
    last_button="ลงนามประกาศ",
    last_done="ลงนามประกาศแล้ว ประกาศเป็นฉบับสมบูรณ์",
    finished="ประกาศลงนามแล้ว",
    frozen="ประกาศแสดงมาตรการตามที่เสนอ (ไม่เปลี่ยนตามการแก้ไขแผนภายหลัง)",
    revise_note=("ประกาศฉบับนี้ลงนามแล้วและไม่เปลี่ยนแปลงอีก หากต้องแก้ไข ให้สร้างฉบับแก้ไขซึ่งจะเชื่อมกับฉบับนี้"),
    signature_reason="ประกาศที่ผู้บริหารลงนามแล้ว",
    states={
        "approved": "อนุมัติแล้ว รอผู้บริหารลงนามประกาศ",
        "acknowledged": "ลงนามประกาศแล้ว (ฉบับสมบูรณ์)",
    },
    actions={"submit": "เสนอร่างประกาศ", "acknowledge": "ลงนามประกาศ"},
)

ANALYSIS = Words(
    document="การวิเคราะห์ผลการประเมิน",
    text="บันทึกข้อความ",
    preview="ดูตัวอย่างการวิเคราะห์",
    submit="ลงนามและเสนอการวิเคราะห์",
    submitted="ลงนามและเสนอการวิเคราะห์ผลการประเมินแล้ว",
    submit_note=(
        "เมื่อเสนอแล้ว ตารางการวิเคราะห์จะแสดงคะแนน จุดอ่อน แนวทาง และมาตรการตามที่เป็นอยู่ขณะเสนอ "
        "การเสนอคือการลงนามในบันทึกข้อความในฐานะผู้จัดทำ"
    ),
    last_act="รับทราบ",
    last_button="ลงนามรับทราบ",
    last_done="ลงนามรับทราบแล้ว การวิเคราะห์ผลการประเมินเป็นฉบับสมบูรณ์",
    finished="การวิเคราะห์ผลการประเมินเสร็จสิ้นแล้ว",
    frozen="การวิเคราะห์แสดงคะแนน จุดอ่อน แนวทาง และมาตรการตามที่เสนอ (ไม่เปลี่ยนตามการแก้ไขภายหลัง)",
    revise_note=("การวิเคราะห์ฉบับนี้เสร็จสิ้นและไม่เปลี่ยนแปลงอีก หากต้องแก้ไข ให้สร้างฉบับแก้ไขซึ่งจะเชื่อมกับฉบับนี้"),
    signature_reason="การวิเคราะห์ผลการประเมิน ITA ที่ผู้บริหารรับทราบแล้ว",
    states={},
    actions={"submit": "เสนอการวิเคราะห์"},
)

BY_KIND = {"report": REPORT, "plan": ANNOUNCEMENT, "analysis": ANALYSIS}
