"""Where an organisation's public pages are: the deployment's main address (SITE_URL), or a host
name of the organisation's own (e.g. ita.kiar.go.th, pointed at the deployment by its DNS).

A host name is data the deployment's operator types in the admin (`Organisation.public_host`):
it must be a full domain name, not the main address, and one the deployment answers for
(ALLOWED_HOSTS), checked when it is saved. Permanent addresses and QR codes printed on final
documents use `public_base(organisation)`; which pages a custom host serves is
publishing/hosts.py."""

import ipaddress
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http.request import validate_host

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
HOST_NAME = re.compile(rf"^{_LABEL}(\.{_LABEL})+$")
HOST_NAME_MAX = 253


def main_host() -> str:
    """The host of the deployment's main address (SITE_URL), e.g. "ita.example.go.th"."""
    return (urlsplit(settings.SITE_URL).hostname or "").lower()


def public_base(organisation) -> str:
    """ "https://ita.kiar.go.th" for an organisation with a host of its own (the main address's
    scheme and port), else the main address; never a trailing slash."""
    if not organisation.public_host:
        return settings.SITE_URL.rstrip("/")
    site = urlsplit(settings.SITE_URL)
    port = f":{site.port}" if site.port else ""
    return f"{site.scheme}://{organisation.public_host}{port}"


def public_url(organisation, path: str) -> str:
    """The full public address of `path` (starting with /) for the organisation."""
    return public_base(organisation) + path


def may_be_own_host(host: str) -> bool:
    """Whether a request's host (lower case, without port) could be an organisation's own: a
    dotted name that is neither the main address nor an IP address. Others are answered without
    asking the database."""
    if "." not in host or host == main_host():
        return False
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return True
    return False


def validate_public_host(value: str) -> None:
    """A host name an organisation may serve its public pages under; ValidationError in Thai."""
    if not HOST_NAME.match(value) or len(value) > HOST_NAME_MAX:
        raise ValidationError(
            "ชื่อโฮสต์ต้องเป็นชื่อโดเมนเต็ม ตัวอักษรอังกฤษตัวเล็ก ตัวเลข จุด และ - เท่านั้น "
            "ไม่มี http:// หรือ / เช่น ita.kiar.go.th"
        )
    if value == main_host():
        raise ValidationError("ชื่อนี้เป็นที่อยู่หลักของระบบ (SITE_URL) ใช้เป็นที่อยู่ของหน่วยงานไม่ได้")
    if not validate_host(value, settings.ALLOWED_HOSTS):
        raise ValidationError(
            f"ระบบยังไม่รับชื่อโฮสต์ {value}: ผู้ดูแลเครื่องต้องเพิ่มชื่อนี้ใน ALLOWED_HOSTS ของระบบ "
            "(และใน server_name ของ nginx พร้อมใบรับรอง TLS) ก่อน แล้วจึงบันทึกอีกครั้ง"
        )


class HostNameField(models.CharField):
    """A host name, kept in lower case without spaces or the final dot."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().rstrip(".").lower() if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
