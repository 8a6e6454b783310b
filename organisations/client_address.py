"""Whose browser is asking: the client's address, as the sign-in lock-out (django-axes), the
throttles and the logs count it. Behind nginx every request comes from the proxy, so the address
nginx saw (`X-Real-IP`, which it always overwrites) is taken, but only from a proxy listed in
TRUSTED_PROXIES: anyone else could write that header themselves.

gunicorn listens on a Unix socket that only nginx may open (deploy/systemd/ita-portal.socket);
a request that came through it has no peer address, and TRUSTED_PROXIES names that socket
`unix`. A TCP peer, even on the same host, is believed only when listed by its address: any
local process could otherwise connect to gunicorn and name any address it likes."""

import ipaddress

from django.conf import settings

UNIX_SOCKET = "unix"


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    if (peer or UNIX_SOCKET) in settings.TRUSTED_PROXIES:
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
