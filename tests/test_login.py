import pytest
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
