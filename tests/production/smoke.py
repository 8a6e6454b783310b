"""The smoke test of bin/run-production, run by .ci/smoke-production against the stack it
started: every request goes through nginx. Exits non-zero on the first thing that is wrong.

Then two failures, as an operator meets them: the worker killed (kill -9) in the middle of a
final render, which the next worker must finish within a minute of starting; and the S3 server
stopped during a save with an evidence file, which must leave nothing half-saved. For these the
script reads the database through Django (the stack's own environment), and stops processes of
the stack: the worker (bin/run-production starts it again, as systemd does) and moto
(MOTO_PID)."""

import os
import re
import signal
import stat
import sys
import time
from pathlib import Path

import boto3
import requests

BASE, S3, BUCKET = sys.argv[1], sys.argv[2], sys.argv[3]
STARTED = time.monotonic()
PASSWORD = "ita-demo-2566"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def check(condition, what):
    if not condition:
        sys.exit(f"SMOKE FAILED: {what}")
    print(f"ok  {what}")


def signed_in(username) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{BASE}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        f"{BASE}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        headers={"Referer": f"{BASE}/accounts/login/"},
    )
    check("sessionid" in session.cookies, f"{username} signs in through nginx")
    return session


def form_fields(html) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def s3_answers() -> bool:
    try:
        requests.get(S3, timeout=1)
    except requests.ConnectionError:
        return False
    return True


def bucket_keys(prefix) -> list[str]:
    client = boto3.client("s3", endpoint_url=S3, aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="ap-southeast-1")  # fmt: skip
    listed = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


health = requests.get(f"{BASE}/healthz")
check(health.status_code == 200 and health.json()["checks"]["worker"] == "ok",
      f"/healthz answers ok with a live worker: {health.text}")  # fmt: skip
login = requests.get(f"{BASE}/accounts/login/")
check(login.headers.get("Server", "").startswith("nginx"), "pages are served through nginx")
check(re.fullmatch(r"[0-9a-f]{32}", login.headers.get("X-Request-ID", "")) is not None,
      "nginx's request id comes back from the app")  # fmt: skip
stylesheet = re.search(r'href="(/static/css/[^"]+\.css)"', login.text).group(1)
static = requests.get(f"{BASE}{stylesheet}")
check(static.status_code == 200 and "immutable" in static.headers.get("Cache-Control", ""),
      f"nginx serves the collected static files ({stylesheet})")  # fmt: skip

staff = signed_in("staff-klang")
mine = staff.get(f"{BASE}/measures/").text
path = re.search(r'href="(/measures/\d+/progress/1/)"', mine).group(1)
form = staff.get(f"{BASE}{path}").text
saved = staff.post(
    f"{BASE}{path}",
    data={**form_fields(form), "status": "done", "result": "เผยแพร่แล้ว (ทดสอบระบบ)",
          "evidence_description": "หลักฐานทดสอบ"},
    files={"evidence_file": ("หลักฐาน.pdf", PDF, "application/pdf")},
    headers={"Referer": f"{BASE}{path}"},
)  # fmt: skip
check(saved.status_code == 200 and "บันทึกผลมาตรการข้อ" in saved.text, "staff record progress")
check(any(key.startswith("media/evidence/") for key in bucket_keys("media/")),
      "the evidence file landed in the S3 bucket")  # fmt: skip

analyst = signed_in("analyst")
report = re.search(r'href="/reports/(\d+)/"', analyst.get(f"{BASE}/reports/").text).group(1)
first = analyst.get(f"{BASE}/reports/{report}/pdf/")
check(first.status_code == 202 and "กำลังสร้างไฟล์" in first.text,
      "asking for the PDF answers at once: the worker is making it")  # fmt: skip
deadline = time.monotonic() + 90
while time.monotonic() < deadline:
    pdf = analyst.get(f"{BASE}/reports/{report}/pdf/")
    if pdf.status_code == 200:
        break
    time.sleep(1)
check(pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), "the worker rendered the PDF")
stored_name = f"{pdf.headers['X-Content-SHA256']}.pdf"
check(any(key.endswith(stored_name) for key in bucket_keys("documents/")),
      "the rendered PDF is kept in the S3 bucket under its SHA-256")  # fmt: skip

# What a stranger or a local process learns of the stack.
missing = requests.get(f"{BASE}/static/no-such-file.css")
check(login.headers["Server"] == "nginx" and "nginx/" not in missing.text,
      f"nginx does not say its version ({login.headers['Server']})")  # fmt: skip
socket_path = os.environ["GUNICORN_BIND"].removeprefix("unix:")
mode = stat.S_IMODE(os.stat(socket_path).st_mode)
check(stat.S_ISSOCK(os.stat(socket_path).st_mode) and mode == 0o600,
      f"gunicorn listens on a Unix socket only nginx may open ({oct(mode)})")  # fmt: skip

FAILURES_STARTED = time.monotonic()
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ita_portal.settings")
import django  # noqa: E402

django.setup()
from django.contrib.auth import get_user_model  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from measures.models import Evidence, ProgressEntry  # noqa: E402
from operations.models import WorkerHeartbeat  # noqa: E402
from organisations.access import PasswordConfirmation  # noqa: E402
from reports import workflow  # noqa: E402
from reports.models import Report  # noqa: E402


def waited_for(what, condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.05)
    sys.exit(f"SMOKE FAILED: {what} within {seconds} s")


def renders():
    return DBTaskResult.objects.filter(task_path="reports.tasks.render_pdf")


def signs(username):
    user = get_user_model().objects.get(username=username)
    return {"by": user, "confirmation": PasswordConfirmation(user.pk, time.time())}


document = Report.objects.get(pk=report)
workflow.report_submit(document, **signs("analyst"))
workflow.report_comment(document, text="เห็นควรอนุมัติ", **signs("head-office"))
workflow.report_approve(document, text="อนุมัติ", **signs("chief-admin"))
waited_for("the review's renders", lambda: not renders().exclude(
    status__in=["SUCCESSFUL", "FAILED"]).exists(), 120)  # fmt: skip
workflow.report_acknowledge(document, **signs("chief-exec"))
task = waited_for("the final render to start", lambda: renders().filter(status="RUNNING").first(),
                  60)  # fmt: skip
holder = WorkerHeartbeat.objects.get(worker_id=task.worker_ids[-1])
os.kill(holder.pid, signal.SIGKILL)
killed_at = time.time()
check(not document.renderings.filter(is_final=True).exists(),
      "the worker is killed (-9) in the middle of the final render")  # fmt: skip
restarted = waited_for("a new worker", lambda: WorkerHeartbeat.objects.exclude(
    worker_id=holder.worker_id).filter(started_at__gt=holder.seen_at).first(), 60)  # fmt: skip
final = waited_for("the final PDF", lambda: (
    response if (response := analyst.get(f"{BASE}/reports/{report}/pdf/")).status_code == 200
    else None), 60)  # fmt: skip
done_after = time.time() - max(restarted.started_at.timestamp(), killed_at)
check(b"/ByteRange" in final.content
      and final.headers["X-Content-SHA256"] == document.renderings.get(is_final=True).sha256,
      f"the new worker finished the final PDF {done_after:.0f} s after it started")  # fmt: skip
check(done_after < 60, "… within a minute")

# The S3 server stops; a save with an evidence file must save nothing, and say so.
os.kill(int(os.environ["MOTO_PID"]), signal.SIGTERM)
waited_for("the S3 server to stop", lambda: not s3_answers(), 10)
# The first half is in review now, locked: the second half's page is open.
second_half = path.replace("/progress/1/", "/progress/2/")
measure_pk = int(re.search(r"/measures/(\d+)/", path).group(1))
form = staff.get(f"{BASE}{second_half}").text


def saved_state():
    entry = ProgressEntry.objects.filter(measure_id=measure_pk, period=2).first()
    return (entry.version, entry.result) if entry else None, Evidence.objects.count()


before = saved_state()
typed = "ข้อความที่พิมพ์ไว้ระหว่างที่ระบบเก็บไฟล์ขัดข้อง"
outage = staff.post(
    f"{BASE}{second_half}",
    data={**form_fields(form), "status": "done", "result": typed,
          "evidence_description": "หลักฐานที่ไม่ได้เก็บ"},
    files={"evidence_file": ("หลักฐาน.pdf", PDF, "application/pdf")},
    headers={"Referer": f"{BASE}{second_half}"},
)  # fmt: skip
told = outage.status_code == 503 and "ระบบจัดเก็บไฟล์ขัดข้อง" in outage.text
page_text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", outage.text))
check(told and typed in outage.text,
      "with S3 stopped, the save says so in Thai and keeps the typed text"
      + ("" if told else f" ({outage.status_code}: {page_text[:300]})"))  # fmt: skip
check(saved_state() == before, "… and saved nothing: neither the text nor the evidence")
print(f"SMOKE PASSED in {time.monotonic() - STARTED:.0f} s "
      f"(the two failures {time.monotonic() - FAILURES_STARTED:.0f} s)")  # fmt: skip
