"""Granting and revoking a supervisor role (ผู้กำกับดูแลพื้นที่): the deployment's operator alone,
in the admin or with `manage.py grant_supervisor`. The one writer of Supervision rows.

A supervisor named by a username nobody has yet gets a new account with an unguessable first
password nobody knows; they set their own from a link (organisations/onboarding.py), as a new
organisation's site admin does. A supervisor holds no role in any organisation: what they may
read is organisations/access.py's rule (`supervises`)."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from . import access
from .areas import Level, Supervision
from .refusals import refuse, validated


@transaction.atomic
def supervision_grant(
    *,
    by,
    username: str,
    level: str,
    province=None,
    district=None,
    display_name: str,
    position_title: str,
    email: str = "",
) -> Supervision:
    """Let `username` oversee the area, read-only; created with its account if there is none.
    Refusal: not the operator (access.supervisors_refusal); by field, the area does not fit
    the level, the same area twice, a bad username or e-mail."""
    refuse(access.supervisors_refusal(by))
    supervision = Supervision(
        level=level,
        province=province if level == Level.PROVINCE else None,
        district=district if level == Level.DISTRICT else None,
        display_name=display_name,
        position_title=position_title,
        granted_by=access.user_or_none(by),
    )
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=display_name)
        user.set_password(secrets.token_urlsafe(32))
        validated(user)
        user.save()
    supervision.user = user
    validated(supervision)
    supervision.save()
    return supervision


@transaction.atomic
def supervision_revoke(*, by, supervision: Supervision) -> None:
    """The person no longer oversees that area (their account stays)."""
    refuse(access.supervisors_refusal(by))
    supervision.delete()
