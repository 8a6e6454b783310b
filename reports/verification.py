"""Is this file an unmodified finished document of this portal? Its signature must be intact,
cover the whole file and come from one of this deployment's certificates, and its SHA-256 must
be that of a stored final PDF. `manage.py verify_pdf` asks here, as the public verification page
will."""

import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .models import RenderedPdf
from .pdf.signing import outside_any_event_loop, trusted_certificates

MAX_BYTES = 30 * 1024 * 1024


@dataclass
class Verification:
    sha256: str
    signed: bool = False
    intact: bool = False
    whole_file: bool = False
    trusted: bool = False
    signer: str = ""
    signed_at: datetime | None = None
    timestamped: bool = False
    rendering: RenderedPdf | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def signature_valid(self) -> bool:
        return self.signed and self.intact and self.whole_file and self.trusted

    @property
    def genuine(self) -> bool:
        """Byte for byte a finished document of this portal, validly signed."""
        return self.signature_valid and self.rendering is not None


def verify_pdf_bytes(data: bytes) -> Verification:
    verification = Verification(sha256=hashlib.sha256(data).hexdigest())
    verification.rendering = (
        RenderedPdf.objects.filter(sha256=verification.sha256, is_final=True)
        .select_related("report__fiscal_year__organisation")
        .first()
    )
    if len(data) > MAX_BYTES or not data.startswith(b"%PDF-"):
        verification.problems.append("ไฟล์นี้ไม่ใช่ไฟล์ PDF")
        return verification
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, OSError):
        verification.problems.append("อ่านไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหายหรือถูกแก้ไข")
        return verification
    if not signatures:
        verification.problems.append("ไฟล์นี้ไม่มีลายมือชื่อดิจิทัล")
        return verification
    signature = signatures[-1]
    verification.signed = True
    context = ValidationContext(trust_roots=trusted_certificates(), allow_fetching=False)
    try:
        status = outside_any_event_loop(validate_pdf_signature, signature, context)
    except Exception:  # pyHanko raises many kinds for a damaged signature
        verification.problems.append("ตรวจลายมือชื่อดิจิทัลไม่ได้ ไฟล์อาจถูกแก้ไข")
        return verification
    verification.intact = status.intact and status.valid
    verification.whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    verification.trusted = bool(status.trusted)
    verification.signer = status.signing_cert.subject.human_friendly
    verification.signed_at = status.signer_reported_dt
    verification.timestamped = status.timestamp_validity is not None
    if not verification.intact:
        verification.problems.append("ลายมือชื่อดิจิทัลไม่ถูกต้อง: ไฟล์ถูกแก้ไขหลังลงนาม")
    if not verification.whole_file:
        verification.problems.append("ลายมือชื่อดิจิทัลไม่ครอบคลุมทั้งไฟล์: มีการเพิ่มเติมหลังลงนาม")
    if verification.intact and not verification.trusted:
        verification.problems.append("ลงนามด้วยใบรับรองที่ไม่ใช่ของระบบนี้")
    if verification.rendering is None:
        verification.problems.append("ไม่พบเอกสารฉบับสมบูรณ์ที่ตรงกับไฟล์นี้ทุกไบต์ในระบบ")
    return verification
