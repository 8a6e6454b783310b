"""Password reset by e-mail (Django's views, Thai templates), bounded: at most
`PASSWORD_RESET_PER_HOUR` mails to one address an hour, whoever asks. The page answers the same
whether a mail went out or not, so it tells nobody which addresses have accounts."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import caches
from django.http import HttpResponseRedirect

HOUR = 60 * 60


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        key = f"password-reset:{address}"
        throttle = caches["throttle"]
        throttle.add(key, 0, HOUR)
        if throttle.incr(key) > settings.PASSWORD_RESET_PER_HOUR:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
