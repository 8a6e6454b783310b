"""A cut-off or damaged image is refused as a signature, as evidence and as an emblem, even in a
process where WeasyPrint has switched on Pillow's LOAD_TRUNCATED_IMAGES (it does so for the
whole process it is imported in, and Pillow then pads what is missing with grey)."""

import io

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
