import time
from datetime import UTC, datetime

import pytest
from django.core.cache.backends import db as database_cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["staff-klang", "analyst", "chief-admin", "chief-exec"])
def test_demo_users_can_sign_in_and_see_their_role(client, demo, username):
    response = client.post(
        reverse("login"), {"username": username, "password": "ita-demo-2566"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["user"].username == username
    assert "องค์การบริหารส่วนตำบลเกียร์" in response.content.decode()


def test_the_demo_admin_reaches_the_admin(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    response = client.get(reverse("admin:measures_measure_changelist"))
    assert response.status_code == 200


def test_a_wrong_password_gets_a_thai_message(client, demo):
    response = client.post(reverse("login"), {"username": "analyst", "password": "ผิด"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_repeated_failures_lock_the_account_for_a_while(client, demo):
    for _ in range(5):
        client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "analyst", "password": "ita-demo-2566"})
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()


def test_pages_need_a_signed_in_user(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def sign_in(client, username, password="wrong", **address):
    return client.post(reverse("login"), {"username": username, "password": password}, **address)


def test_sign_ins_from_one_address_are_bounded_without_hashing(
    client, demo, settings, monkeypatch, django_user_model
):
    settings.SIGN_IN_PER_MINUTE = 3
    for username in ["staff-klang", "staff-chang", "staff-suksa"]:
        assert sign_in(client, username).status_code == 200
    checked = []
    check_password = django_user_model.check_password

    def counted(user, raw):
        checked.append(user)
        return check_password(user, raw)

    monkeypatch.setattr(django_user_model, "check_password", counted)
    refused = sign_in(client, "analyst", "ita-demo-2566")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "ลองเข้าสู่ระบบบ่อยเกินไป" in refused.content.decode()
    assert checked == [] and "_auth_user_id" not in client.session
    elsewhere = sign_in(client, "analyst", "ita-demo-2566", REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302  # another office is not held up


class Clock:
    """The time the throttle's windows and the cache's expiry read, moved on by the test."""

    def __init__(self, monkeypatch):
        self.now = time.time() // 60 * 60 + 1  # just after a minute began
        monkeypatch.setattr(time, "time", lambda: self.now)
        monkeypatch.setattr(database_cache, "tz_now",
                            lambda: datetime.fromtimestamp(self.now, tz=UTC))  # fmt: skip

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_an_office_signing_in_all_morning_is_never_held_up(client, demo, clock):
    """Thirty staff of one office behind its one public address: about sixty sign-ins over nine
    minutes, never more than seven in one, are all answered."""
    refused = []
    for minute in range(9):
        for person in range(7):
            if sign_in(client, f"staff-{minute}-{person}").status_code == 429:
                refused.append((minute, person))
        clock.advance(60)
    assert refused == []


def test_the_count_starts_again_each_minute(client, demo, settings, clock):
    settings.SIGN_IN_PER_MINUTE = 3
    for person in range(3):
        assert sign_in(client, f"person-{person}").status_code == 200
        clock.advance(5)
    assert sign_in(client, "one-too-many").status_code == 429
    clock.advance(60)
    assert sign_in(client, "analyst", "ita-demo-2566").status_code == 302


# What gunicorn gives for a request that came through its Unix socket: no peer address.
THROUGH_NGINX = {"REMOTE_ADDR": ""}


def test_behind_the_proxy_the_lock_out_is_for_the_browsers_address(client, demo):
    """nginx connects through gunicorn's socket and says who the browser is (X-Real-IP): five
    wrong passwords from one place must not lock the account's owner out everywhere."""
    attacker = {**THROUGH_NGINX, "HTTP_X_REAL_IP": "203.0.113.5"}
    for _ in range(5):
        sign_in(client, "analyst", **attacker)
    assert sign_in(client, "analyst", "ita-demo-2566", **attacker).status_code == 429
    owner = {**THROUGH_NGINX, "HTTP_X_REAL_IP": "192.0.2.44"}
    assert sign_in(client, "analyst", "ita-demo-2566", **owner).status_code == 302


def test_a_local_process_cannot_name_another_address(client, demo):
    """Any process on the host may open a TCP connection to 127.0.0.1; only nginx may open the
    socket. Guesses sent straight to gunicorn, each naming a new address, still lock."""
    for number in range(5):
        sign_in(client, "analyst", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=f"10.0.0.{number}")
    locked = sign_in(client, "analyst", "ita-demo-2566", REMOTE_ADDR="127.0.0.1",
                     HTTP_X_REAL_IP="192.0.2.44")  # fmt: skip
    assert locked.status_code == 429


def test_a_header_written_by_the_client_itself_is_not_believed(client, demo):
    for number in range(5):  # a new made-up address each time, straight to the server
        sign_in(client, "analyst", REMOTE_ADDR="198.51.100.7", HTTP_X_REAL_IP=f"10.0.0.{number}")
    locked = sign_in(client, "analyst", "ita-demo-2566", REMOTE_ADDR="198.51.100.7",
                     HTTP_X_REAL_IP="10.0.0.99")  # fmt: skip
    assert locked.status_code == 429


def test_guesses_from_addresses_of_one_ipv6_network_count_as_one_sender(client, demo, settings):
    """Whoever holds an IPv6 network (a /64: what a provider gives one household or one server)
    may send from any of its 2**64 addresses; a new address for each guess must not escape the
    lock-out, nor the minute's bound."""
    for number in range(1, 6):
        sign_in(client, "analyst", **THROUGH_NGINX, HTTP_X_REAL_IP=f"2001:db8:1:2::{number}")
    locked = sign_in(client, "analyst", "ita-demo-2566", **THROUGH_NGINX,
                     HTTP_X_REAL_IP="2001:db8:1:2:abcd::99")  # fmt: skip
    assert locked.status_code == 429
    neighbour = sign_in(client, "analyst", "ita-demo-2566", **THROUGH_NGINX,
                        HTTP_X_REAL_IP="2001:db8:1:3::1")  # fmt: skip
    assert neighbour.status_code == 302
    settings.SIGN_IN_PER_MINUTE = 2
    refused = [
        sign_in(client, f"person-{number}", **THROUGH_NGINX,
                HTTP_X_REAL_IP=f"2001:db8:9:9::{number}").status_code
        for number in range(1, 4)
    ]  # fmt: skip
    assert refused == [200, 200, 429]
