"""Whose browser is asking: the client's address, as the sign-in lock-out (django-axes), the
throttles and the logs count it. Behind nginx every request comes from the proxy, so the address
nginx saw (`X-Real-IP`, which it always overwrites) is taken, but only from a proxy listed in
TRUSTED_PROXIES: anyone else could write that header themselves.

gunicorn listens on a Unix socket that only nginx may open (deploy/systemd/ita-portal.socket);
a request that came through it has no peer address, and TRUSTED_PROXIES names that socket
`unix`. A TCP peer, even on the same host, is believed only when listed by its address: any
local process could otherwise connect to gunicorn and name any address it likes.

An IPv6 client is its /64 network, written as the network's first address: a provider gives one
household or one server a whole /64, and whoever holds it may send from any of its 2**64
addresses (one per guess, escaping every per-address count). An IPv4 address written as IPv6
(`::ffff:192.0.2.1`) is that IPv4 address."""

import ipaddress

from django.conf import settings

UNIX_SOCKET = "unix"


IPV6_SENDER_PREFIX = 64


def client_address(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    if (peer or UNIX_SOCKET) in settings.TRUSTED_PROXIES:
        forwarded = _sender(request.META.get("HTTP_X_REAL_IP", "").strip())
        if forwarded:
            return forwarded
    return _sender(peer) or peer


def _sender(text: str) -> str:
    """The address as one sender: an IPv6 address's /64; "" when it is no address."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return ""
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        network = ipaddress.ip_network(f"{address}/{IPV6_SENDER_PREFIX}", strict=False)
        return str(network.network_address)
    return str(address)
