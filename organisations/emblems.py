"""The Garuda (ตราครุฑ) that documents print, and the one rule about it: a document is finished
(its final, signed PDF made) only with an emblem, the organisation's own or the one the
deployment's operator set for every organisation, except in a demo deployment (load_demo marks
it), whose documents print a ring that says plainly it stands for the Garuda.

An uploaded emblem is checked as an image by its content (PNG or JPEG, at most EMBLEM_MAX_BYTES,
sensible pixel dimensions) and kept as a fresh PNG made from its pixels, at most MAX_SIDE pixels
on its longer side: whatever else the file carried is dropped."""

import io
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, UnidentifiedImageError

from thai.digits import thai_count

from . import images
from .images import EMBLEM_MAX_BYTES, EMBLEM_MAX_PIXELS
from .models import Deployment

MIN_SIDE, MAX_SIDE = 60, 1000
ACCEPTED = {"PNG", "JPEG"}

REFUSAL = (
    "ยังไม่มีตราครุฑสำหรับเอกสารฉบับสมบูรณ์ จึงลงนามให้เอกสารเสร็จสิ้นไม่ได้ "
    "กรุณาแจ้งผู้ดูแลระบบให้อัปโหลดตราครุฑก่อน แล้วลงนามอีกครั้ง"
)
TOO_LARGE = f"ไฟล์ภาพตราใหญ่เกินไป รับได้ไม่เกิน {thai_count(EMBLEM_MAX_BYTES // (1024 * 1024))} MB"
DEMO_PLACEHOLDER = "ตราครุฑ (ตัวอย่าง)"
MISSING_PLACEHOLDER = "ยังไม่มีตราครุฑ"


def deployment() -> Deployment:
    return Deployment.get_solo()


def emblem_name(organisation, settings: Deployment | None = None) -> str:
    """The stored file of the emblem the organisation's documents print ("" for none)."""
    return organisation.emblem.name or (settings or deployment()).emblem.name or ""


def emblem_missing(organisation, settings: Deployment | None = None) -> bool:
    """True when the organisation's documents cannot be finished: no emblem, and no demo."""
    settings = settings or deployment()
    return not emblem_name(organisation, settings) and not settings.is_demo


def finishing_refusal(organisation) -> str | None:
    """Why the organisation's documents cannot be finished now (no Garuda), or None."""
    return REFUSAL if emblem_missing(organisation) else None


def placeholder_text(settings: Deployment | None = None) -> str:
    """What the ring printed in place of a missing emblem says."""
    return DEMO_PLACEHOLDER if (settings or deployment()).is_demo else MISSING_PLACEHOLDER


def mark_demo() -> None:
    """The deployment holds the demo (load_demo)."""
    Deployment.objects.update_or_create(
        pk=Deployment.singleton_instance_id, defaults={"is_demo": True}
    )


def check_emblem_image(content: bytes) -> bytes:
    """The emblem as a fresh PNG; ValidationError in Thai when it is not a usable image."""
    if len(content) > EMBLEM_MAX_BYTES:
        raise ValidationError(TOO_LARGE)
    size_rule = ValidationError(
        f"ภาพตราต้องกว้างและสูงอย่างน้อย {thai_count(MIN_SIDE)} พิกเซล "
        f"และไม่เกิน {thai_count(EMBLEM_MAX_PIXELS // 1_000_000)} ล้านพิกเซล"
    )
    try:
        # Every pixel decoded first, in a child process where a cut-off file is an error
        # whatever WeasyPrint switched on in this one; then re-encoded here.
        decoded = images.decoded(content, max_pixels=EMBLEM_MAX_PIXELS)
    except images.TooManyPixels:
        raise size_rule from None
    except images.Unreadable:
        raise ValidationError("เปิดภาพนี้ไม่ได้ รับเฉพาะภาพ PNG หรือ JPEG") from None
    if decoded.format not in ACCEPTED:
        raise ValidationError("รับเฉพาะภาพ PNG หรือ JPEG")
    if min(decoded.width, decoded.height) < MIN_SIDE:
        raise size_rule
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            pixels = image.convert("RGBA" if transparent else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError("เปิดภาพนี้ไม่ได้ รับเฉพาะภาพ PNG หรือ JPEG") from error
    pixels.thumbnail((MAX_SIDE, MAX_SIDE))
    buffer = io.BytesIO()
    pixels.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class EmblemImageField(forms.ImageField):
    """An emblem upload, checked by `check_emblem_image` and handed on as the fresh PNG."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        if getattr(data, "size", 0) > EMBLEM_MAX_BYTES:
            raise ValidationError(TOO_LARGE)
        data.seek(0)
        png = check_emblem_image(data.read(EMBLEM_MAX_BYTES + 1))
        stem = PurePath(getattr(data, "name", "") or "emblem").stem[:60] or "emblem"
        return SimpleUploadedFile(f"{stem}.png", png, content_type="image/png")
