"""A person's own password: the page where anyone changes it (Django's view and validators,
in Thai), and the first sign-in of a person whose first password a site admin chose
(`PasswordChangeDue`, set by organisations.services.membership_save): until they choose their
own, every page leads to the change page, signing out excepted. A password the person sets
from a reset link is their own too.

Whether the change is due is read once, at sign-in, into the session: other requests ask the
database nothing."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy

from thai.digits import thai_digits

from . import access
from .models import PasswordChangeDue
from .refusals import Refusal

SESSION_KEY = "ita_password_change_due"


@receiver(user_logged_in, dispatch_uid="ita_password_change_due")
def _remember_whether_due(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        if PasswordChangeDue.objects.filter(user=user).exists():
            request.session[SESSION_KEY] = True


def password_chosen_by_owner(request, user) -> None:
    """The person set a password of their own: nothing is due any more."""
    PasswordChangeDue.objects.filter(user=user).delete()
    if hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)


class PasswordChangeDueMiddleware:
    """Leads a person who must change their first password to the change page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A visitor without a session is not asked about one: the response would vary by cookie.
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in and request.session.get(SESSION_KEY) and request.path not in _open_paths():
            if PasswordChangeDue.objects.filter(user_id=request.user.pk).exists():
                return redirect("password_change")
            request.session.pop(SESSION_KEY, None)  # changed in another session
        return self.get_response(request)


def _open_paths() -> set[str]:
    return {reverse("password_change"), reverse("logout")}


class OwnPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "รหัสผ่านเดิมไม่ถูกต้อง กรุณาลองอีกครั้ง",
        "password_mismatch": "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน",
        "password_unchanged": "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม",
    }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["old_password"].label = "รหัสผ่านเดิม"
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password1"].help_text = validators_help_text()
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"
        self.fields["new_password2"].help_text = "พิมพ์รหัสผ่านใหม่อีกครั้ง"

    def clean_old_password(self):
        """Checked as a sign-in is (access.is_own_password): wrong guesses lock the account."""
        password = self.cleaned_data["old_password"]
        try:
            own = access.is_own_password(self.request, password)
        except Refusal as refusal:
            raise forms.ValidationError(str(refusal), code="locked_out") from None
        if not own:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return password

    def clean(self):
        cleaned = super().clean()
        new = cleaned.get("new_password1")
        if new and new == cleaned.get("old_password") and "new_password2" not in self.errors:
            self.add_error(
                "new_password1",
                forms.ValidationError(
                    self.error_messages["password_unchanged"], code="password_unchanged"
                ),
            )
        return cleaned


def validators_help_text() -> str:
    """What AUTH_PASSWORD_VALIDATORS ask of a password, as one Thai sentence."""
    return thai_digits(" ".join(f"{text}" for text in password_validators_help_texts()))


class OwnPasswordChangeView(auth_views.PasswordChangeView):
    form_class = OwnPasswordChangeForm
    success_url = reverse_lazy("home")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "due": self.request.session.get(SESSION_KEY)}

    def form_valid(self, form):
        response = super().form_valid(form)  # keeps the person signed in
        password_chosen_by_owner(self.request, form.user)
        messages.success(self.request, "เปลี่ยนรหัสผ่านแล้ว")
        return response


class OwnPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        password_chosen_by_owner(self.request, form.user)
        return response
