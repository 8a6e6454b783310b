"""A file shown as a preview, kept until the person confirms it: every import that previews
first (the plan, ITA results) keeps the uploaded bytes here, under a random token that the
session remembers, and forgets files nobody confirmed within PENDING_SECONDS."""

import re
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings

PENDING_SECONDS = 60 * 60
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path | None:
    return _folder() / f"{token}.upload" if TOKEN.match(token or "") else None


def keep_pending(content: bytes) -> str:
    """Keep the file; returns its token (32 hex digits). Files nobody confirmed expire."""
    expired = time.time() - PENDING_SECONDS
    for old in _folder().glob("*.upload"):
        if old.stat().st_mtime < expired:
            old.unlink(missing_ok=True)
    token = uuid.uuid4().hex
    _path(token).write_bytes(content)
    return token


def take_pending(token: str) -> bytes | None:
    """The kept file's bytes, once: the file is removed. None when there is none (expired,
    already taken, or a malformed token)."""
    path = _path(token)
    if path is None or not path.is_file():
        return None
    content = path.read_bytes()
    path.unlink(missing_ok=True)
    return content


class ConfirmForm(forms.Form):
    """The confirmation of a previewed file: its token."""

    token = forms.RegexField(regex=TOKEN.pattern, widget=forms.HiddenInput)
