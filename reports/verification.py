"""Is this file an unmodified finished document of this portal? Its signature must be intact,
cover the whole file and come from one of this deployment's certificates, and its SHA-256 must
be that of a stored final PDF. `manage.py verify_pdf` asks here, as the public verification page
does. The file is read in a child process, bounded in time and memory (pdf/signature_status.py):
whatever it holds, the answer is one of the problems below, never an error."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from organisations import isolation

from .models import RenderedPdf
from .pdf import signature_status
from .pdf.signing import trusted_certificates

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
        status = isolation.run(
            signature_status.last_signature_status,
            data,
            [certificate.dump() for certificate in trusted_certificates()],
            seconds=signature_status.SECONDS,
            megabytes=signature_status.MEGABYTES,
        )
    except isolation.Busy:
        verification.problems.append("ขณะนี้มีผู้ตรวจไฟล์จำนวนมาก กรุณาลองใหม่ในอีกสักครู่")
        return verification
    except (signature_status.Unreadable, isolation.Refused):
        verification.problems.append("อ่านไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหายหรือถูกแก้ไข")
        return verification
    except signature_status.Unverifiable:
        verification.signed = True
        verification.problems.append("ตรวจลายมือชื่อดิจิทัลไม่ได้ ไฟล์อาจถูกแก้ไข")
        return verification
    if status is None:
        verification.problems.append("ไฟล์นี้ไม่มีลายมือชื่อดิจิทัล")
        return verification
    verification.signed = True
    verification.intact = status.intact
    verification.whole_file = status.whole_file
    verification.trusted = status.trusted
    verification.signer = status.signer
    verification.signed_at = status.signed_at
    verification.timestamped = status.timestamped
    if not verification.intact:
        verification.problems.append("ลายมือชื่อดิจิทัลไม่ถูกต้อง: ไฟล์ถูกแก้ไขหลังลงนาม")
    if not verification.whole_file:
        verification.problems.append("ลายมือชื่อดิจิทัลไม่ครอบคลุมทั้งไฟล์: มีการเพิ่มเติมหลังลงนาม")
    if verification.intact and not verification.trusted:
        verification.problems.append("ลงนามด้วยใบรับรองที่ไม่ใช่ของระบบนี้")
    if verification.rendering is None:
        verification.problems.append("ไม่พบเอกสารฉบับสมบูรณ์ที่ตรงกับไฟล์นี้ทุกไบต์ในระบบ")
    return verification
