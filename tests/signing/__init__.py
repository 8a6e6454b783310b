"""Signing acts in tests that are not about signing: the person's password is taken as confirmed,
as `force_login` takes their sign-in. tests/signing/test_signing_acts.py checks the confirmation
through the pages."""

import time

from organisations.access import PasswordConfirmation


def confirmed(user) -> PasswordConfirmation:
    return PasswordConfirmation(user.pk, time.time())
