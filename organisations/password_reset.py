"""Password reset by e-mail (Django's views, Thai templates), bounded: at most
`PASSWORD_RESET_PER_HOUR` mails to one address an hour, whoever asks. The page answers the same
whether a mail went out or not, so it tells nobody which addresses have accounts."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from .throttle import over_limit

HOUR = 60 * 60


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        if over_limit(f"password-reset:{address}", settings.PASSWORD_RESET_PER_HOUR, HOUR):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
