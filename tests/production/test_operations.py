"""What running the deployment needs: /healthz, request ids and who in the log (no secrets),
onboarding an organisation from the command line."""

import io
import json
import logging
import re
import threading
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import path
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from operations import health
from operations.management.commands import worker as worker_command
from operations.models import WorkerHeartbeat
from operations.request_context import RequestContextFilter
from organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("the database said no")


urlpatterns = [path("broken/", broken_view)]


def test_healthz_says_what_is_wrong(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok", "storage": "ok", "worker": "no worker has started",
    }  # fmt: skip
    WorkerHeartbeat.objects.create(
        worker_id="w1", host="h", pid=1, started_at=timezone.now(), seen_at=timezone.now()
    )
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=5))
    assert client.get("/healthz").json()["checks"]["worker"].startswith("no heartbeat for")


@pytest.mark.django_db(transaction=True)
def test_the_worker_says_it_is_alive(monkeypatch):
    monkeypatch.setattr(worker_command, "HEARTBEAT_SECONDS", 0.05)
    stop = threading.Event()
    beating = threading.Thread(target=worker_command._beat, args=("test-worker", stop))
    beating.start()
    stop.wait(0.2)
    stop.set()
    beating.join()
    assert health.worker() == "ok"


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_work_and_stops(cast):
    from reports import workflow
    from reports.models import PdfJob
    from tests.signing import confirmed

    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert PdfJob.objects.get(report=report).state == PdfJob.State.DONE


@pytest.fixture
def log_lines():
    """The deployment's JSON log lines of Django's request logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JsonFormatter(**{
        key: value for key, value in settings.LOGGING["formatters"]["json"].items() if key != "()"
    }))  # fmt: skip
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_is_logged_with_its_request_person_and_organisation(cast, client, log_lines):
    client.raise_request_exception = False
    client.force_login(cast.alice)
    response = client.post(
        "/broken/?token=abc", {"password": "hunter2-secret"}, HTTP_X_REQUEST_ID="nginx-req-12345"
    )
    assert response.status_code == 500 and response["X-Request-ID"] == "nginx-req-12345"
    [line] = log_lines()
    assert line["level"] == "ERROR" and line["request_id"] == "nginx-req-12345"
    assert line["user"] == "alice" and line["organisations"] == ["อบต.ทดลอง"]
    assert line["request"] == "POST /broken/"
    assert "the database said no" in line["exc_info"]
    assert "hunter2-secret" not in json.dumps(line, ensure_ascii=False)


def test_every_response_has_a_request_id_and_a_forged_one_is_replaced(client):
    own = client.get("/accounts/login/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", own)
    forged = client.get("/accounts/login/", HTTP_X_REQUEST_ID="x\nInjected: yes")
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_onboarding_an_organisation_from_the_command_line(client):
    out = io.StringIO()
    call_command(
        "create_organisation", "--name", "องค์การบริหารส่วนตำบลใหม่", "--short-name", "อบต.ใหม่",
        "--slug", "mai", "--district", "เมือง", "--province", "ยะลา", "--admin-username", "somsri",
        "--admin-email", "somsri@example.org", "--admin-name", "นางสมศรี ใจงาม", "--send-mail",
        stdout=out,
    )  # fmt: skip
    organisation = Organisation.objects.get(slug="mai")
    admin = Membership.objects.get(organisation=organisation, role="site_admin")
    assert admin.user.username == "somsri" and admin.user.is_staff and not admin.user.is_superuser
    link = re.search(r"https?://\S+/accounts/password-reset/\S+/", out.getvalue()).group(0)
    assert link in mail.outbox[0].body and mail.outbox[0].to == ["somsri@example.org"]
    page = client.get(urlparse(link).path, follow=True)
    assert "ตั้งรหัสผ่านใหม่" in page.content.decode()
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "ใหม่-ยาวพอ-2567", "new_password2": "ใหม่-ยาวพอ-2567"},
    )
    admin.user.refresh_from_db()
    assert admin.user.check_password("ใหม่-ยาวพอ-2567")
    with pytest.raises(Exception, match="ชื่อย่อ|short_name"):
        call_command(
            "create_organisation", "--name", "อื่น", "--short-name", "อบต.ใหม่", "--slug", "uen2",
            "--district", "เมือง", "--province", "ยะลา", "--admin-username", "x",
            "--admin-email", "x@example.org", "--admin-name", "x", stdout=io.StringIO(),
        )  # fmt: skip
