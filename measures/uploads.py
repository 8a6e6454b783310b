"""What an evidence file may be: checked by its content, not by its name."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

from thai.digits import megabytes, thai_digits

ALLOWED = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
KINDS = "PDF รูปภาพ (JPG PNG GIF WEBP) หรือเอกสาร Word Excel PowerPoint"


@dataclass
class CheckedFile:
    content_type: str
    extension: str


def check_evidence_file(upload) -> CheckedFile:
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size == 0:
        raise ValidationError("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่")
    if upload.size > limit:
        raise ValidationError(
            f"ไฟล์ใหญ่เกินไป ({thai_digits(megabytes(upload.size))} MB) "
            f"รับได้ไม่เกิน {thai_digits(limit // 1024 // 1024)} MB"
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError(f"รับเฉพาะไฟล์ {KINDS} ไฟล์นี้ไม่ใช่ชนิดที่รับได้")
    return CheckedFile(kind.mime, ALLOWED[kind.mime])
