"""Sign-in attempts from one address are bounded: a password is hashed slowly on purpose (about
0.2 s of CPU), so unbounded guessing from one place would spend the server's processors. At most
SIGN_IN_PER_MINUTE password submissions (the sign-in page, the admin's, a password reset or
change) from one client address a minute; more gets a Thai page (429) without anything being
hashed. An office whose people share one public address stays far below it. Per-account
guessing is django-axes's lock-out (settings.AXES_*)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from .client_address import client_address
from .throttle import over_limit

MINUTE = 60
THROTTLED_URL_NAMES = ["login", "admin:login", "password_reset", "password_change"]


class SignInThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in throttled_paths():
            key = f"sign-in:{client_address(request)}"
            if over_limit(key, settings.SIGN_IN_PER_MINUTE, MINUTE):
                response = render(request, "429.html", status=429)
                response["Retry-After"] = str(MINUTE)
                return response
        return self.get_response(request)


def throttled_paths() -> set[str]:
    paths = set()
    for name in THROTTLED_URL_NAMES:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:  # a site without that page
            pass
    return paths
