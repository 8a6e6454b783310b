"""The finished report is signed: a PAdES signature (pyHanko) with the organisation's own
certificate, or the deployment's, over the whole file, with a time-stamp when a time-stamping
authority is configured.

Certificates are PKCS#12 files in SIGNING_DIR, their passwords in the environment or in files
beside them, never in the database:

    organisation-<id>.p12   SIGNING_PASSWORD_ORGANISATION_<id>  or  organisation-<id>.password
    deployment.p12          SIGNING_PASSWORD                    or  deployment.password

`load_demo` makes a self-signed demo certificate for the deployment, named as such."""

import asyncio
import concurrent.futures
import datetime
import io
import os
import secrets
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps

DEPLOYMENT = "deployment"
DEMO_NAME = "ITA Portal DEMO signing certificate - not for real documents"


def _key_files(name: str) -> tuple[Path, str | None]:
    folder = Path(settings.SIGNING_DIR)
    password = os.environ.get(
        "SIGNING_PASSWORD"
        if name == DEPLOYMENT
        else f"SIGNING_PASSWORD_{name.upper().replace('-', '_')}"
    )
    password_file = folder / f"{name}.password"
    if password is None and password_file.is_file():
        password = password_file.read_text().strip()
    return folder / f"{name}.p12", password


def _candidates(organisation) -> list[str]:
    names = [f"organisation-{organisation.pk}"] if organisation is not None else []
    return [*names, DEPLOYMENT]


def signer_for(organisation) -> signers.SimpleSigner:
    """The organisation's signer, else the deployment's."""
    for name in _candidates(organisation):
        path, password = _key_files(name)
        if path.is_file():
            return _load_signer(str(path), path.stat().st_mtime, password)
    raise ImproperlyConfigured(
        f"ไม่มีใบรับรองสำหรับลงนามเอกสาร: วางไฟล์ {DEPLOYMENT}.p12 ใน {settings.SIGNING_DIR}"
    )


@lru_cache(maxsize=32)
def _load_signer(path: str, modified: float, password: str | None) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load_pkcs12(
        path, passphrase=password.encode() if password is not None else None
    )
    if signer is None:
        raise ImproperlyConfigured(f"เปิดใบรับรอง {path} ไม่ได้ (รหัสผ่านไม่ถูกต้องหรือไฟล์เสียหาย)")
    return signer


def trusted_certificates() -> list:
    """The certificates this deployment signs with: what verification trusts."""
    found = []
    for path in sorted(Path(settings.SIGNING_DIR).glob("*.p12")):
        _, password = _key_files(path.stem)
        try:
            found.append(_load_signer(str(path), path.stat().st_mtime, password).signing_cert)
        except ImproperlyConfigured:
            continue
    return found


def sign_pdf(pdf: bytes, organisation, reason="รายงานฉบับสมบูรณ์ที่ผู้บริหารรับทราบแล้ว") -> bytes:
    """The PDF with a PAdES signature over all of it; `reason` is the signature's /Reason (the
    document's own words: `Report.words.signature_reason`)."""
    metadata = signers.PdfSignatureMetadata(
        field_name="ITAPortalSignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=organisation.name if organisation is not None else "",
    )
    timestamper = (
        timestamps.HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=10)
        if settings.SIGNING_TSA_URL
        else None
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signed = outside_any_event_loop(
        signers.sign_pdf, writer, metadata, signer=signer_for(organisation), timestamper=timestamper
    )
    return signed.getvalue()


def outside_any_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous calls run their own asyncio loop, which cannot start in a thread
    that already runs one (an ASGI server, a test driving a browser): there, they run in a
    thread of their own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def make_demo_certificate(folder: Path | None = None) -> Path:
    """A self-signed certificate for the demo deployment, named as such, with a random password
    beside it (readable by its owner only). Kept if there is one already."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    folder = Path(folder or settings.SIGNING_DIR)
    path = folder / f"{DEPLOYMENT}.p12"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ita-portal demo"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    password = secrets.token_urlsafe(24)
    bundle = pkcs12.serialize_key_and_certificates(
        DEMO_NAME.encode(),
        key,
        certificate,
        None,
        serialization.BestAvailableEncryption(password.encode()),
    )
    password_file = folder / f"{DEPLOYMENT}.password"
    password_file.write_text(password)
    password_file.chmod(0o600)
    path.write_bytes(bundle)
    path.chmod(0o600)
    return path
