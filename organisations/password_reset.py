"""Password reset by e-mail (Django's views, Thai templates), bounded and telling nothing.

The request only queues the mail (organisations/tasks.py) and answers the same page whether the
address has an account or not: the background worker looks the person up and sends, so neither
the page nor its timing tells a stranger which addresses have accounts. One requesting address
may have at most `PASSWORD_RESET_PER_HOUR` mails sent to one e-mail address an hour, so a
stranger can neither flood a person's mailbox nor use up the mails the person asks for from
their own office. The link in the mail is on SITE_URL, never on whatever host the request named."""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponseRedirect

from .client_address import client_address
from .throttle import over_limit

HOUR = 60 * 60


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        from .tasks import send_password_reset_mail

        email = form.cleaned_data["email"].strip().lower()
        person = hashlib.sha256(email.encode()).hexdigest()[:32]
        key = f"password-reset:{person}:{client_address(self.request)}"
        if not over_limit(key, settings.PASSWORD_RESET_PER_HOUR, HOUR):
            send_password_reset_mail.enqueue(email)
        return HttpResponseRedirect(self.get_success_url())


def send_reset_mail(email: str) -> None:
    """The worker's part: a reset link to each active account with this address, if any."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    site = urlsplit(settings.SITE_URL)
    form.save(domain_override=site.netloc, use_https=site.scheme == "https")
