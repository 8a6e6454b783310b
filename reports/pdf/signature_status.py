"""What pyHanko says of a PDF's last signature, read in a child process of its own
(organisations/isolation.py) because the file may come from anyone: bounded there in time and
memory, and refused at once when its form fields nest deeper, or are more, than any document
this portal signs (one signature field at the top) could have. No Django here: the child
imports this module alone."""

import io
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

FIELD_DEPTH_MAX = 8
FIELDS_MAX = 1_000
SECONDS = 10
MEGABYTES = 256


class Unreadable(ValueError):
    """The file does not read as a PDF, or its structure is beyond any real document's."""


class Unverifiable(ValueError):
    """The signature is there but could not be checked (damaged, or not a signature at all)."""


@dataclass(frozen=True)
class SignatureStatus:
    intact: bool
    whole_file: bool
    trusted: bool
    signer: str
    signed_at: datetime | None
    timestamped: bool


def last_signature_status(data: bytes, trusted_certificates: list[bytes]):
    """The status of the file's last signature, or None when it has none. `trusted_certificates`
    are DER bytes. Raises Unreadable or Unverifiable."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        _require_fields_of_a_real_document(reader)
        signatures = reader.embedded_signatures
    except Exception as error:  # noqa: BLE001 - pyHanko's reader also asserts (AssertionError)
        raise Unreadable(type(error).__name__) from None
    if not signatures:
        return None
    roots = [x509.Certificate.load(der) for der in trusted_certificates]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[-1], context)
        return SignatureStatus(
            intact=bool(status.intact and status.valid),
            whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            trusted=bool(status.trusted),
            signer=status.signing_cert.subject.human_friendly,  # the sender's certificate
            signed_at=status.signer_reported_dt,
            timestamped=status.timestamp_validity is not None,
        )
    except Exception as error:  # noqa: BLE001 - pyHanko raises many kinds for a damaged signature
        raise Unverifiable(type(error).__name__) from None


def _require_fields_of_a_real_document(reader) -> None:
    """pyHanko walks the form's field tree by recursion: a crafted tree thousands deep costs it
    seconds before Python's recursion limit stops it. Walked here without recursion, bounded."""
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return
    waiting = [(field, 1) for field in fields]
    seen = 0
    while waiting:
        field, depth = waiting.pop()
        seen += 1
        if depth > FIELD_DEPTH_MAX or seen > FIELDS_MAX:
            raise Unreadable(f"form fields {depth} deep, {seen} or more")
        kids = field.get_object().get("/Kids", ())
        waiting.extend((kid, depth + 1) for kid in kids)
