"""Password reset by e-mail: the mail is sent by the worker, never inside the request (whose
work and answer are the same whether the address has an account or not), and one requesting
address has only so many mails sent to one person an hour, so a stranger can neither flood a
mailbox nor use up the mails its owner asks for."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db

STRANGER = {"REMOTE_ADDR": "203.0.113.9"}
OWNERS_OFFICE = {"REMOTE_ADDR": "192.0.2.44"}


@pytest.fixture
def alice(cast):
    cast.alice.email = "alice@example.org"
    cast.alice.save()
    return cast.alice


def ask(client, email, **address):
    return client.post("/accounts/password-reset/", {"email": email}, **address)


def queued_mails():
    return DBTaskResult.objects.filter(task_path__endswith="send_password_reset_mail").count()


def test_the_mail_is_sent_by_the_worker_and_the_page_tells_nothing(alice, client):
    assert "ลืมรหัสผ่าน?" in client.get("/accounts/login/").content.decode()
    known = ask(client, "Alice@example.org")
    unknown = ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 302 and known.url == unknown.url
    assert mail.outbox == []  # nothing was sent inside either request
    assert queued_mails() == 2  # the same work for both
    assert "หากอีเมลนี้เป็นของบัญชีผู้ใช้ในระบบ" in client.get(known.url).content.decode()
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]
    link = re.search(r"http\S+", mail.outbox[0].body).group(0)
    assert link.startswith(settings.SITE_URL.rstrip("/") + "/accounts/password-reset/")


def test_a_stranger_cannot_use_up_a_persons_reset_mails(alice, client):
    for _ in range(5):
        assert ask(client, "alice@example.org", **STRANGER).status_code == 302
    run_queued_tasks()
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_HOUR  # the mailbox is not flooded
    assert ask(client, "alice@example.org", **OWNERS_OFFICE).status_code == 302
    run_queued_tasks()
    assert len(mail.outbox) == settings.PASSWORD_RESET_PER_HOUR + 1  # the owner still gets one
