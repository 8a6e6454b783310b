"""A cut-off or damaged image is refused as a signature, as evidence and as an emblem, even in a
process where WeasyPrint has switched on Pillow's LOAD_TRUNCATED_IMAGES (it does so for the
whole process it is imported in, and Pillow then pads what is missing with grey)."""

import io
import struct
import zlib

import pytest
import weasyprint  # noqa: F401 - imported for its side effect, as the portal's processes do
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFile

from measures.models import Evidence
from measures.services.evidence import evidence_add_file
from organisations.models import Organisation, SignatureImage
from organisations.refusals import Refusal
from organisations.services import signature_image_set

pytestmark = pytest.mark.django_db


def picture(file_format: str, size=(400, 160)) -> bytes:
    """Strokes on white, like a scanned signature or a photo of a notice board."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 6):
        draw.line([(x, 0), (size[0] - x, size[1])], fill=(x % 200, 30, 120), width=2)
    buffer = io.BytesIO()
    image.save(buffer, file_format)
    return buffer.getvalue()


def cut_off(content: bytes) -> bytes:
    """What arrives when an upload or a copy stops two thirds of the way."""
    return content[: len(content) * 2 // 3]


CUT_OFF = {"png": cut_off(picture("PNG")), "jpg": cut_off(picture("JPEG"))}


def test_the_switch_that_weakens_pillow_is_on_in_this_process():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


@pytest.mark.parametrize("kind", CUT_OFF)
def test_a_cut_off_signature_image_is_refused(cast, client, kind):
    with pytest.raises(Refusal, match="เปิดภาพนี้ไม่ได้"):
        signature_image_set(user=cast.bob, by=cast.bob, content=CUT_OFF[kind])
    client.force_login(cast.bob)
    upload = SimpleUploadedFile(f"s.{kind}", CUT_OFF[kind])
    page = client.post(reverse("signature"), {"image": upload})
    assert "เปิดภาพนี้ไม่ได้" in page.content.decode()
    assert not SignatureImage.objects.exists()


def test_a_whole_signature_image_is_still_taken(cast):
    stored = signature_image_set(user=cast.bob, by=cast.bob, content=picture("JPEG"))
    assert stored.width == 400


@pytest.mark.parametrize("kind", CUT_OFF)
def test_cut_off_evidence_is_refused(cast, client, kind):
    entry = cast.measures[1].progress_entries.get(period=1)
    with pytest.raises(Refusal, match="เสียหาย"):
        evidence_add_file(entry=entry, by=cast.bob,
                          upload=SimpleUploadedFile(f"รูป.{kind}", CUT_OFF[kind]))  # fmt: skip
    client.force_login(cast.bob)
    page = client.post(
        reverse("measures:progress", args=[cast.measures[1].pk, 1]),
        {"status": "in_progress", "result": "ติดประกาศแล้ว", "version": entry.version,
         "evidence_file": SimpleUploadedFile(f"รูป.{kind}", CUT_OFF[kind])},
    )  # fmt: skip
    assert page.status_code == 200 and "เสียหาย" in page.content.decode()
    assert not Evidence.objects.exists()


def test_whole_evidence_images_are_still_taken(cast):
    entry = cast.measures[1].progress_entries.get(period=1)
    for kind, file_format in [("png", "PNG"), ("jpg", "JPEG")]:
        upload = SimpleUploadedFile(f"รูป.{kind}", picture(file_format))
        evidence_add_file(entry=entry, by=cast.bob, upload=upload)
    assert entry.evidence.count() == 2


@pytest.mark.parametrize("kind", CUT_OFF)
def test_a_cut_off_emblem_is_refused(cast, kind):
    EmblemForm = modelform_factory(Organisation, fields=["emblem"])
    form = EmblemForm(files={"emblem": SimpleUploadedFile(f"ตรา.{kind}", CUT_OFF[kind])},
                      instance=cast.home)  # fmt: skip
    assert not form.is_valid()
    assert "เสียหาย" in form.errors["emblem"][0]
    whole = EmblemForm(files={"emblem": SimpleUploadedFile("ตรา.png", picture("PNG"))},
                       instance=cast.home)  # fmt: skip
    assert whole.is_valid(), whole.errors


def png_with_a_broken_chunk() -> bytes:
    """A PNG whose pixel data stops after ten bytes and runs into a chunk with no valid name
    (Pillow raises SyntaxError while decoding it, not OSError)."""
    content = picture("PNG")
    data_start = content.index(b"IDAT") + 4
    header = content[: data_start - 8]
    short_data = content[data_start : data_start + 10]
    chunk = (
        struct.pack(">I", 10)
        + b"IDAT"
        + short_data
        + struct.pack(">I", zlib.crc32(b"IDAT" + short_data))
    )
    return header + chunk + struct.pack(">I", 100) + b"BG\x84\x8e" + bytes(100)


def test_a_png_with_a_broken_chunk_is_refused_as_a_signature(cast, client):
    client.force_login(cast.bob)
    upload = SimpleUploadedFile("s.png", png_with_a_broken_chunk())
    page = client.post(reverse("signature"), {"image": upload})
    assert page.status_code == 200 and "เปิดภาพนี้ไม่ได้" in page.content.decode()
    assert not SignatureImage.objects.exists()


def a_png_declaring(width: int, height: int) -> bytes:
    """A 1-pixel PNG whose header claims `width` x `height` pixels (68 bytes)."""
    content = picture("PNG", size=(1, 1))
    header = struct.pack(">II", width, height)
    ihdr = b"IHDR" + header + content[24:29]
    return content[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + content[33:]


def test_an_image_claiming_ten_billion_pixels_is_said_to_be_too_large(cast):
    """Pillow refuses past 179 million pixels on its own (DecompressionBombError); that is too
    large, as 60 million is, not a damaged file."""
    entry = cast.measures[1].progress_entries.get(period=1)
    for width, height in [(10_000, 6_000), (100_000, 100_000)]:
        upload = SimpleUploadedFile("รูป.png", a_png_declaring(width, height))
        with pytest.raises(Refusal, match="รูปภาพมีขนาดพิกเซลใหญ่เกินไป"):
            evidence_add_file(entry=entry, by=cast.bob, upload=upload)
    assert not Evidence.objects.exists()
    with pytest.raises(Refusal, match="ภาพลายมือชื่อต้องกว้าง ๔๐–๒,๐๐๐"):
        signature_image_set(user=cast.bob, by=cast.bob, content=a_png_declaring(100_000, 100_000))
