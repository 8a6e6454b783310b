"""The smoke test of bin/run-production, run by .ci/smoke-production against the stack it
started: every request goes through nginx. Exits non-zero on the first thing that is wrong."""

import re
import sys
import time

import boto3
import requests

BASE, S3, BUCKET = sys.argv[1], sys.argv[2], sys.argv[3]
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
print("SMOKE PASSED")
