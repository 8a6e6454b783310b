"""What a signature image may be: a PNG or JPEG by its content, small enough, with sensible
pixel dimensions; kept as a fresh PNG made from its pixels (its transparency kept, anything else
the file carried dropped). The same check serves an upload and a drawing sent from a phone. The
image is decoded and redrawn in a child process (organisations/images.py says why): a cut-off
or damaged file is refused, never padded."""

import base64
import binascii
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image

from thai.digits import thai_count

from . import images, isolation

MAX_BYTES = 500 * 1024
MAX_WIDTH, MAX_HEIGHT = 2000, 1000
MIN_WIDTH, MIN_HEIGHT = 40, 15
ACCEPTED = {"PNG", "JPEG"}
DRAWING_PREFIX = "data:image/png;base64,"
# A drawing of MAX_BYTES as a data URL (base64 is 4 characters for every 3 bytes).
DRAWING_MAX_CHARACTERS = len(DRAWING_PREFIX) + (MAX_BYTES + 2) // 3 * 4


@dataclass
class CheckedImage:
    png: bytes
    width: int
    height: int


TOO_LARGE = f"ภาพลายมือชื่อใหญ่เกินไป รับได้ไม่เกิน {thai_count(MAX_BYTES // 1024)} KB"
UNREADABLE = "เปิดภาพนี้ไม่ได้ กรุณาใช้ภาพ PNG หรือ JPEG"
WRONG_DIMENSIONS = (
    f"ภาพลายมือชื่อต้องกว้าง {thai_count(MIN_WIDTH)}–{thai_count(MAX_WIDTH)} "
    f"และสูง {thai_count(MIN_HEIGHT)}–{thai_count(MAX_HEIGHT)} พิกเซล"
)


def check_signature_image(content: bytes) -> CheckedImage:
    if not content:
        raise ValidationError("ไม่ได้รับภาพลายมือชื่อ")
    if len(content) > MAX_BYTES:
        raise ValidationError(TOO_LARGE)
    try:
        return isolation.run(_redrawn, content, seconds=images.SECONDS, megabytes=64)
    except isolation.Refused as refusal:
        raise ValidationError(UNREADABLE) from refusal


def _redrawn(content: bytes) -> CheckedImage:
    """Runs in the child: the checked image as a fresh PNG, or a ValidationError."""
    images.strict_pillow()
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in ACCEPTED:
                raise ValidationError("รับเฉพาะภาพ PNG หรือ JPEG")
            width, height = image.size
            if not (MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT):
                raise ValidationError(WRONG_DIMENSIONS)
            image.load()
            converted = _ink_only(image.convert("RGBA" if _has_transparency(image) else "RGB"))
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # past twice Pillow's own limit, at opening
        raise ValidationError(WRONG_DIMENSIONS) from None
    except Exception as error:  # noqa: BLE001 - Pillow raises many kinds, SyntaxError too
        raise ValidationError(UNREADABLE) from error
    buffer = io.BytesIO()
    converted.save(buffer, "PNG", optimize=True)
    return CheckedImage(buffer.getvalue(), *converted.size)


def _ink_only(image, margin=4):
    """The image cropped to where there is ink (what is not transparent, or not near-white), so
    that a signature drawn in a corner of a large pad fills its place on the page."""
    if image.mode == "RGBA":
        ink = image.getchannel("A").point(lambda alpha: 255 if alpha > 16 else 0)
    else:
        ink = image.convert("L").point(lambda grey: 255 if grey < 200 else 0)
    box = ink.getbbox()
    if box is None:
        raise ValidationError("ภาพนี้ว่างเปล่า ไม่พบลายมือชื่อ")
    left, top, right, bottom = box
    return image.crop(
        (
            max(left - margin, 0),
            max(top - margin, 0),
            min(right + margin, image.width),
            min(bottom + margin, image.height),
        )
    )


def _has_transparency(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def drawing_bytes(data_url: str) -> bytes:
    """The PNG a signature pad sends as a data URL."""
    if not data_url.startswith(DRAWING_PREFIX):
        raise ValidationError("ไม่ได้รับภาพที่วาด กรุณาวาดลายมือชื่อใหม่")
    if len(data_url) > DRAWING_MAX_CHARACTERS:
        raise ValidationError(TOO_LARGE)
    try:
        return base64.b64decode(data_url.removeprefix(DRAWING_PREFIX), validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValidationError("ไม่ได้รับภาพที่วาด กรุณาวาดลายมือชื่อใหม่") from error
