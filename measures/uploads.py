"""What an evidence file may be: checked by its content, not by its name, in one place for the
staff page, the admin and every other path (the writer, measures/services/evidence.py, calls it).

A file must be one of the kinds below by its signature, and hold together as that kind: an
image decodes completely (organisations/images.py), a PDF ends like one, an Office file is a
readable package. A file that also reads as a web page (a polyglot: an image or PDF signature in
front of HTML) is refused. Files are served back as attachments named with the extension of the
checked kind."""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

from organisations import images
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
IMAGE_MAX_PIXELS = 50_000_000
PACKAGE_MAX_MEMBERS = 5_000
# What makes a browser take bytes for a web page, wherever they sit in the first 64 KB.
WEB_PAGE = re.compile(
    rb"<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script|iframe|svg[\s>]|object[\s>]"
    rb"|embed[\s>]|meta[\s>]|style[\s>]|title[\s>]|form[\s>]|img\s|a\s+href)",
    re.IGNORECASE,
)
NOT_A_FILE_OF_ITS_KIND = "ไฟล์นี้เสียหายหรือไม่ใช่ไฟล์ชนิดที่อ้าง กรุณาบันทึกไฟล์ใหม่จากโปรแกรมต้นทาง"


@dataclass
class CheckedFile:
    content_type: str
    extension: str


def check_evidence_file(upload) -> CheckedFile:
    limit = settings.EVIDENCE_MAX_BYTES
    if not upload.size:
        raise ValidationError("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่")
    if upload.size > limit:
        raise ValidationError(
            f"ไฟล์ใหญ่เกินไป ({thai_digits(megabytes(upload.size))} MB) "
            f"รับได้ไม่เกิน {thai_digits(limit // 1024 // 1024)} MB"
        )
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError(f"รับเฉพาะไฟล์ {KINDS} ไฟล์นี้ไม่ใช่ชนิดที่รับได้")
    if WEB_PAGE.search(head):
        raise ValidationError("ไฟล์นี้มีเนื้อหาแบบหน้าเว็บปนอยู่ ระบบไม่รับไฟล์ลักษณะนี้เพื่อความปลอดภัย")
    try:
        _check_structure(kind.mime, upload)
    finally:
        upload.seek(0)
    return CheckedFile(kind.mime, ALLOWED[kind.mime])


def _check_structure(mime: str, upload) -> None:
    if mime.startswith("image/"):
        _check_image(upload)
    elif mime == "application/pdf":
        upload.seek(max(upload.size - 2048, 0))
        if b"%%EOF" not in upload.read():
            raise ValidationError(NOT_A_FILE_OF_ITS_KIND)
    elif ALLOWED[mime] in ("docx", "xlsx", "pptx", "odt", "ods"):
        _check_package(upload)


def _check_image(upload) -> None:
    upload.seek(0)
    try:
        images.decoded(upload.read(), max_pixels=IMAGE_MAX_PIXELS)
    except images.TooManyPixels:
        raise ValidationError("รูปภาพมีขนาดพิกเซลใหญ่เกินไป กรุณาย่อรูปก่อนแนบ") from None
    except images.Unreadable as error:
        raise ValidationError(NOT_A_FILE_OF_ITS_KIND) from error


def _check_package(upload) -> None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(NOT_A_FILE_OF_ITS_KIND) from error
    if len(names) > PACKAGE_MAX_MEMBERS or not (
        "[Content_Types].xml" in names or "mimetype" in names
    ):
        raise ValidationError(NOT_A_FILE_OF_ITS_KIND)


def download_name(original: str, content_type: str) -> str:
    """The name a file is served under: the uploaded name's stem, without anything a file
    system or a header could misread, and the extension of the checked kind."""
    stem = PurePath(original.replace("\\", "/")).stem if original else ""
    kept = "".join(
        char
        for char in unicodedata.normalize("NFC", stem)
        if unicodedata.category(char)[0] in "LMN" or char in " -_()."
    )
    stem = kept.strip(" .")[:100] or "หลักฐาน"
    return f"{stem}.{ALLOWED.get(content_type, 'bin')}"
