"""A person's signature image: set once by its owner (uploaded or drawn), checked as an image,
kept with its transparency, shown only to its owner and placed only into the documents they
sign; a site admin may remove it; every change is in the audit trail."""

import base64
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw

from organisations.models import SignatureImage, StepKind
from organisations.refusals import Refusal
from organisations.services import signature_image_remove, signature_image_set
from reports.models import ReviewEvent
from tests.cast import advance

pytestmark = pytest.mark.django_db


def image_bytes(size=(300, 90), mode="RGBA", file_format="PNG") -> bytes:
    """A signature stroke from one side of the image to the other."""
    image = Image.new(mode, size, (0, 0, 128, 0) if mode == "RGBA" else "white")
    width, height = size
    ink = (0, 0, 128, 255) if mode == "RGBA" else (0, 0, 0)
    ImageDraw.Draw(image).line([(0, height - 1), (width - 1, 0)], fill=ink, width=2)
    buffer = io.BytesIO()
    image.save(buffer, file_format)
    return buffer.getvalue()


def test_an_uploaded_png_keeps_its_transparency(cast, client):
    client.force_login(cast.bob)
    response = client.post(
        reverse("signature"), {"image": SimpleUploadedFile("ลายเซ็น.png", image_bytes())}
    )
    assert response.status_code == 302
    stored = SignatureImage.objects.get(user=cast.bob)
    with Image.open(io.BytesIO(bytes(stored.png))) as image:
        assert image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the background stays see-through
    assert client.get(reverse("signature_image")).content == bytes(stored.png)


def test_a_jpeg_and_a_drawing_are_taken_too(cast, client):
    client.force_login(cast.bob)
    client.post(reverse("signature"), {"image": SimpleUploadedFile("s.jpg", image_bytes(
        mode="RGB", file_format="JPEG"))})  # fmt: skip
    assert SignatureImage.objects.get(user=cast.bob).width == 300  # the stroke spans it all
    drawing = "data:image/png;base64," + base64.b64encode(image_bytes((600, 200))).decode()
    client.post(reverse("signature"), {"drawing": drawing})
    assert SignatureImage.objects.get(user=cast.bob).width == 600


@pytest.mark.parametrize(
    "content, message",
    [
        (image_bytes((5000, 100)), "ภาพลายมือชื่อต้องกว้าง"),
        (image_bytes((20, 5)), "ภาพลายมือชื่อต้องกว้าง"),
        (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "เปิดภาพนี้ไม่ได้"),
        (b"GIF89a" + b"\x00" * 100, "เปิดภาพนี้ไม่ได้"),
        (b"0" * 600_000, "ใหญ่เกินไป"),
    ],
)
def test_what_is_not_a_signature_image_is_refused(cast, client, content, message):
    client.force_login(cast.bob)
    page = client.post(reverse("signature"), {"image": SimpleUploadedFile("x.png", content)})
    assert message in page.content.decode()
    assert not SignatureImage.objects.filter(user=cast.bob).exists()
    with pytest.raises(Refusal):
        signature_image_set(user=cast.bob, by=cast.bob, content=content)


def test_only_its_owner_sets_it_and_each_sees_only_their_own(cast, client):
    with pytest.raises(Refusal):
        signature_image_set(user=cast.bob, by=cast.alice, content=image_bytes())
    signature_image_set(user=cast.bob, by=cast.bob, content=image_bytes())
    client.force_login(cast.carol)
    assert client.get(reverse("signature_image")).status_code == 404  # carol has none


def test_a_document_carries_only_each_signers_own_image(cast):
    signature_image_set(user=cast.bob, by=cast.bob, content=image_bytes())
    report = advance(cast.draft(), through=StepKind.COMMENT)
    # bob signs nothing of it: his image is nowhere in the report's acts.
    assert not ReviewEvent.objects.filter(report=report).exclude(signature_png=b"").exists()


def test_a_site_admin_removes_it_and_the_trail_keeps_every_change(cast, client):
    signature_image_set(user=cast.bob, by=cast.bob, content=image_bytes())
    signature_image_set(user=cast.bob, by=cast.bob, content=image_bytes((320, 90)))
    with pytest.raises(Refusal):
        signature_image_remove(user=cast.bob, by=cast.alice)
    with pytest.raises(Refusal):
        signature_image_remove(user=cast.bob, by=cast.olivia)
    image = SignatureImage.objects.get(user=cast.bob)
    client.force_login(cast.sam)
    url = reverse("admin:organisations_signatureimage_delete", args=[image.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not SignatureImage.objects.filter(user=cast.bob).exists()
    trail = SignatureImage.history.filter(user_id=cast.bob.pk).order_by("history_date")
    assert [record.history_type for record in trail] == ["+", "~", "-"]
    assert len({record.sha256 for record in trail}) == 2


def test_a_drawing_in_a_corner_of_the_pad_is_cut_to_its_ink(cast):
    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(20, 150), (120, 110)], fill="navy", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    stored = signature_image_set(user=cast.bob, by=cast.bob, content=buffer.getvalue())
    assert stored.width < 120 and stored.height < 60
    empty = io.BytesIO()
    Image.new("RGBA", (600, 200), (0, 0, 0, 0)).save(empty, "PNG")
    with pytest.raises(Refusal, match="ว่างเปล่า"):
        signature_image_set(user=cast.bob, by=cast.bob, content=empty.getvalue())


@pytest.mark.parametrize("kilobytes", [505, 800])
def test_a_drawing_too_large_is_said_to_be_too_large(cast, client, kilobytes):
    """A pad on a large tablet can send more than an upload may be: the person is told so, not
    asked to draw something."""
    noise = Image.frombytes("RGBA", (512, kilobytes * 2), os.urandom(512 * kilobytes * 2 * 4))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    content = buffer.getvalue()[: kilobytes * 1024]
    drawing = "data:image/png;base64," + base64.b64encode(content).decode()
    client.force_login(cast.bob)
    page = client.post(reverse("signature"), {"drawing": drawing})
    text = page.content.decode()
    assert "ภาพลายมือชื่อใหญ่เกินไป" in text and "กรุณาอัปโหลดภาพ" not in text
    assert not SignatureImage.objects.filter(user=cast.bob).exists()
