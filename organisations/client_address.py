"""Whose browser is asking: the client's address, as the sign-in lock-out (django-axes), the
sign-in throttle and the logs count it. Behind nginx every request comes from the proxy's own
address, so the address nginx saw (`X-Real-IP`, which it always overwrites) is taken, but only
from a proxy listed in TRUSTED_PROXIES: anyone else could write that header themselves."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    if peer in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if _is_address(forwarded):
            return forwarded
    return peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
