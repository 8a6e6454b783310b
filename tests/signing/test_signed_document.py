"""The finished report is a signed document: signature blocks filled in on the page, a PAdES
signature over the whole file that pdfsig and pyHanko accept, PDF/A-3b carrying its table, and
the exact Thai text layer."""

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pypdfium2
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from organisations.models import StepKind
from organisations.services import signature_image_set
from reports import workflow
from reports.pdf.signing import signer_for
from reports.rendering import report_html
from reports.stored_pdfs import stored_report_pdf
from reports.verification import verify_pdf_bytes
from tests.cast import advance, build_cast
from tests.reports.conftest import pdftotext, squash
from tests.reports.test_pdf_text_layer import HEADER_ROW, rendered_text, thai_letters
from tests.signing import confirmed
from tests.signing.tsa import local_tsa
from thai.dates import THAI_MONTHS
from thai.digits import thai_digits

pytestmark = pytest.mark.django_db


def signature_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 90), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 70), (80, 20), (150, 75), (290, 15)], fill="navy", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def finish(cast):
    """alice (with a signature image) submits; henry comments; chief approves; mayor
    acknowledges. Returns the report and its stored final rendering."""
    signature_image_set(user=cast.alice, by=cast.alice, content=signature_png())
    report = cast.finish(follow_ups={1: "เร่งรัด"})
    return report, stored_report_pdf(report)


@pytest.fixture(scope="module")
def final(django_db_setup, django_db_blocker, demo_certificate_folder, tmp_path_factory):
    """The finished document of the small cast, rendered once for the module."""
    folder = tmp_path_factory.mktemp("final")
    with (
        django_db_blocker.unblock(),
        override_settings(SIGNING_DIR=demo_certificate_folder, SIGNING_TSA_URL=""),
        transaction.atomic(),
    ):
        report, rendering = finish(build_cast())
        pdf = rendering.read()
        result = SimpleNamespace(
            pdf=pdf,
            html=report_html(report),
            rows=report.snapshot["table"]["rows"],
            pages=rendering.page_count,
            path=folder / "final.pdf",
            certificate=folder / "deployment.pem",
        )
        certificate = signer_for(report.organisation).signing_cert
        transaction.set_rollback(True)
    result.path.write_bytes(pdf)
    result.certificate.write_bytes(
        b"-----BEGIN CERTIFICATE-----\n"
        + __import__("base64").encodebytes(certificate.dump())
        + b"-----END CERTIFICATE-----\n"
    )
    return result


def changed_one_byte(final, tmp_path):
    forged = bytearray(final.pdf)
    middle = len(forged) // 3
    forged[middle] = (forged[middle] + 1) % 256
    path = tmp_path / "forged.pdf"
    path.write_bytes(bytes(forged))
    return path


def pdfsig(path):
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def pyhanko_validate(path, certificate):
    return subprocess.run(
        [str(Path(sys.executable).with_name("pyhanko")), "sign", "validate",
         "--no-revocation-check", "--trust", str(certificate), "--executive-summary", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip


def test_pdfsig_and_pyhanko_accept_the_signature_over_the_whole_file(final):
    report = pdfsig(final.path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report
    checked = pyhanko_validate(final.path, final.certificate)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "VALID" in checked.stdout and "INVALID" not in checked.stdout


def test_one_changed_byte_makes_both_say_invalid(final, tmp_path):
    forged = changed_one_byte(final, tmp_path)
    assert "Signature is Valid." not in pdfsig(forged)
    checked = pyhanko_validate(forged, final.certificate)
    assert checked.returncode != 0 or "INVALID" in checked.stdout


def test_the_final_pdf_is_pdf_a_3b_and_carries_its_table(final):
    pdf = pypdf.PdfReader(final.path)
    xmp = pdf.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    catalog = pdf.trailer["/Root"]
    assert "/OutputIntents" in catalog and "/Encrypt" not in pdf.trailer
    fonts = [
        font.get_object()
        for page in pdf.pages
        for font in page["/Resources"].get("/Font", {}).values()
    ]
    assert fonts
    for font in fonts:
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    associated = [spec.get_object() for spec in catalog["/AF"]]
    assert {spec["/F"] for spec in associated} == {"measure-table.json"}
    assert {spec["/AFRelationship"] for spec in associated} == {"/Data"}
    table = json.loads(pdf.attachments["measure-table.json"][0])
    assert table["rows"] == final.rows
    assert [row["result"] for row in table["rows"]] == ["ผลของข้อ 1", "ผลของข้อ 2", "ผลของข้อ 3"]


def test_every_signature_block_is_filled_in(final):
    memo = squash(pdftotext(final.pdf, first=1, last=2))
    for name, position in [
        ("alice ทดสอบ", "ตำแหน่งของ alice"),
        ("henry ทดสอบ", "ตำแหน่งของ henry"),
        ("chief ทดสอบ", "ตำแหน่งของ chief"),
        ("mayor ทดสอบ", "ตำแหน่งของ mayor"),
    ]:
        assert squash(f"({name}){position}") in memo, name
    # Three signers have no image: an electronic-signature line each; alice's image is drawn.
    assert memo.count("(ลงนามอิเล็กทรอนิกส์)") == 3
    assert "(ลงชื่อ)" not in memo and "ร่าง" not in memo
    # Each superior's act dated in Thai ("๒๗ พฤศจิกายน ๒๕๖๙"); the author's date is the memo's
    # own (with "พ.ศ."), printed once in the header (issue 17, item 12).
    months = "|".join(THAI_MONTHS.values())
    assert len(re.findall(f"[๐-๙]{{1,2}}({months})๒๕[๐-๙]{{2}}", memo)) == 3
    document = pypdfium2.PdfDocument(final.pdf)
    images = sum(
        1
        for index in range(2)
        for item in document[index].get_objects()
        if item.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
    )
    assert images == 2  # alice's signature and the Garuda the operator set


def test_the_text_layer_of_the_signed_file_is_exact(final):
    # The memo takes two pages, as the seed's; the table the rest, its header row on each.
    memo_pages, table_pages = 2, final.pages - 2
    page_numbers = " ".join(f"- {thai_digits(n)} -" for n in range(2, final.pages + 1))
    # Every page's foot also says where to verify it (with its QR code).
    verification = "ตรวจสอบเอกสาร:" * final.pages
    expected = thai_letters(
        " ".join(
            [rendered_text(final.html), HEADER_ROW * (table_pages - 1), page_numbers,
             "/ความเห็น..." * (memo_pages - 1), verification]
        )
    )  # fmt: skip
    extracted = thai_letters(pdftotext(final.pdf))
    assert extracted == expected, {"missing": expected - extracted, "extra": extracted - expected}


def test_what_is_stored_is_the_signed_file_and_it_verifies(cast, tmp_path):
    report, rendering = finish(cast)
    pdf = rendering.read()
    assert rendering.sha256 == hashlib.sha256(pdf).hexdigest()
    assert b"/ByteRange" in pdf
    result = verify_pdf_bytes(pdf)
    assert result.genuine and result.rendering.report == report
    path = tmp_path / "final.pdf"
    path.write_bytes(pdf)
    call_command("verify_pdf", str(path))
    with pytest.raises(CommandError, match="ไม่ใช่เอกสารฉบับสมบูรณ์"):
        call_command("verify_pdf", str(changed_one_byte(SimpleNamespace(pdf=pdf), tmp_path)))
    assert not verify_pdf_bytes(b"%PDF-1.4 not ours").genuine


def test_drafts_and_reports_in_review_say_they_are_drafts(cast):
    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    pdf = stored_report_pdf(report).read()
    memo = squash(pdftotext(pdf, first=1, last=2))
    assert "ร่าง–ยังไม่ได้ลงนาม" in memo and "(ลงชื่อ)" in memo
    assert "ลงนามอิเล็กทรอนิกส์" not in memo and b"/ByteRange" not in pdf


def test_a_returned_rounds_signatures_stay_in_history_not_on_the_document(cast):
    report = advance(cast.draft(), through=StepKind.COMMENT, comment="รอบแรก")
    workflow.report_return(report, by=cast.chief, reason="แก้ไข")
    advance(report, comment="รอบสอง")
    report.refresh_from_db()
    assert report.events.filter(signed=True, round=1).count() == 2
    memo = squash(pdftotext(stored_report_pdf(report).read(), first=1, last=2))
    assert "รอบสอง" in memo and "รอบแรก" not in memo
    assert memo.count("(henryทดสอบ)") == 1


def test_a_configured_time_stamping_authority_stamps_the_signature(cast, settings):
    with local_tsa() as url:
        settings.SIGNING_TSA_URL = url
        report, rendering = finish(cast)
    result = verify_pdf_bytes(rendering.read())
    assert result.genuine and result.timestamped
