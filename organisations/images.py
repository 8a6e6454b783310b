"""Whether an image decodes completely: every pixel read, and a truncated or damaged file refused.
The one check behind signature images, evidence images and emblems. It runs in a child process
(organisations/isolation.py), where Pillow's LOAD_TRUNCATED_IMAGES is off whatever the serving
process switched on (WeasyPrint turns it on for the whole process it is imported in, and with it
Pillow pads a cut-off image with grey instead of refusing it)."""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from . import isolation

SECONDS = 10
# Decoding holds the whole picture: 50 million pixels at 4 bytes each, and room to work.
MEGABYTES = 320
EMBLEM_MAX_BYTES = 2 * 1024 * 1024
EMBLEM_MAX_PIXELS = 16_000_000


class Unreadable(ValueError):
    """The bytes are not a complete image Pillow can decode."""


class TooManyPixels(ValueError):
    """The image is larger, in pixels, than `max_pixels`."""


@dataclass(frozen=True)
class Decoded:
    format: str
    width: int
    height: int


def strict_pillow() -> None:
    """In a child of isolation.run only: a cut-off image is an error, not a grey patch."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def decode_fully(content: bytes, max_pixels: int) -> Decoded:
    """Runs in the child. Raises Unreadable or TooManyPixels."""
    strict_pillow()
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > max_pixels:
                raise TooManyPixels(f"{image.width}x{image.height}")
            image.load()
            return Decoded(image.format or "", image.width, image.height)
    except TooManyPixels:
        raise
    except Image.DecompressionBombError as error:  # past twice Pillow's own limit, at opening
        raise TooManyPixels(str(error)) from None
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for a damaged file
        raise Unreadable(type(error).__name__) from None


def decoded(content: bytes, *, max_pixels: int) -> Decoded:
    """The image's format and size once every pixel decoded, in a child process with bounded
    time and memory. Raises Unreadable (also when the child was stopped) or TooManyPixels."""
    try:
        return isolation.run(
            decode_fully, content, max_pixels, seconds=SECONDS, megabytes=MEGABYTES
        )
    except isolation.Refused as refusal:
        raise Unreadable(str(refusal)) from refusal


def validate_emblem(value) -> None:
    """The emblem field's validator: a newly uploaded file must be a complete image."""
    if not value or getattr(value, "_committed", True):
        return  # nothing new: the stored emblem was checked when it came
    upload = value.file
    if upload.size > EMBLEM_MAX_BYTES:
        raise ValidationError("ไฟล์ตราสัญลักษณ์ใหญ่เกินไป รับได้ไม่เกิน ๒ MB")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    try:
        decoded(content, max_pixels=EMBLEM_MAX_PIXELS)
    except TooManyPixels:
        raise ValidationError("ภาพตราสัญลักษณ์มีขนาดพิกเซลใหญ่เกินไป กรุณาย่อภาพก่อน") from None
    except Unreadable:
        raise ValidationError(
            "เปิดภาพตราสัญลักษณ์ไม่ได้ ไฟล์เสียหายหรือไม่ครบ กรุณาบันทึกภาพใหม่จากโปรแกรมต้นทาง"
        ) from None
