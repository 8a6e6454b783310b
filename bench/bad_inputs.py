"""How fast, and in how much memory, the portal refuses what it must refuse, measured in one run.

    .venv/bin/python bench/bad_inputs.py

Each case runs in its own process (so that its peak memory is its own) against its own temporary
SQLite database holding the demo: the refusal is timed from the bytes to the Thai message. The
reference is importing the seed's own table (preview), in the same run. Issue 8 asks for each
refusal within a second or two and with bounded memory; issue 16 adds a PDF whose signature
field is nested 100,000 deep, sent to /verify/ as a stranger would (through the view, which reads
it in a child process: its peak memory is given apart), and, for comparison, what reading it in
the serving process did before. The last line is

    worst_refusal_s=… worst_refusal_mb=… worst_vs_seed_import=…
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

CASES = [
    "seed_import",
    "million_row_xlsx",
    "rows_beyond_a_plan_xlsx",
    "inflating_xlsx",
    "nul_csv",
    "oversized_result",
    "spaced_giant_cell_docx",
    "spaced_text_beyond_a_plan_xlsx",
    "pdf_polyglot",
    "png_polyglot",
    "deep_nested_pdf_verify",
    "before_deep_nested_pdf_in_process",
]
REFERENCES = {"seed_import", "before_deep_nested_pdf_in_process"}


def run_case(name: str) -> dict:
    from _setup import temporary_django

    temporary_django("ita-bench-bad-")
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from measures.demo import load_demo, read_demo_fixture
    from measures.models import Measure
    from measures.plans import plan_import
    from measures.services.progress import progress_save
    from measures.uploads import check_evidence_file
    from organisations.access import SYSTEM
    from tests.measures.crafted_files import (
        docx_spaced_cell,
        xlsx_bomb,
        xlsx_spaced_rows,
        xlsx_with_rows,
    )
    from tests.measures.seed_table import seed_xlsx

    demo = load_demo(read_demo_fixture())
    organisation = demo.organisation
    html = b"<html><body><script>alert(1)</script></body></html>"
    inputs = {
        "seed_import": lambda: ("seed.xlsx", seed_xlsx()),
        "million_row_xlsx": lambda: ("m.xlsx", xlsx_with_rows(1_000_000, numbered=False)),
        "rows_beyond_a_plan_xlsx": lambda: ("r.xlsx", xlsx_with_rows(50_000, numbered=False)),
        "inflating_xlsx": lambda: ("b.xlsx", xlsx_bomb(2_000)),
        "nul_csv": lambda: ("n.csv", ("มาตรการ,ขั้นตอนหรือวิธีการ,ผู้รับผิดชอบ\n" * 20_000).encode()
                            + b"\x00"),
        "oversized_result": lambda: (None, "ผ" * 342_000),
        "spaced_giant_cell_docx": lambda: ("g.docx", docx_spaced_cell(300_000)),
        "spaced_text_beyond_a_plan_xlsx": lambda: ("s.xlsx", xlsx_spaced_rows(300, 250)),
        "pdf_polyglot": lambda: ("p.pdf", b"%PDF-1.4\n" + html * 200_000 + b"\n%%EOF\n"),
        "png_polyglot": lambda: ("p.png", bytes.fromhex("89504e470d0a1a0a") + html * 200_000),
    }  # fmt: skip
    if "deep_nested_pdf" in name:
        return verify_case(name, demo.fiscal_year)
    filename, content = inputs[name]()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if name == "oversized_result":
        measure = Measure.objects.get(number=1)
        try:
            progress_save(measure=measure, period=1, by=SYSTEM, version=None, status="done",
                          result=content)  # fmt: skip
            message = "accepted"
        except ValidationError as error:
            message = error.messages[0]
    elif name.endswith("polyglot"):
        try:
            check_evidence_file(SimpleUploadedFile(filename, content))
            message = "accepted"
        except ValidationError as error:
            message = error.messages[0]
    else:
        outcome = plan_import(organisation=organisation, year=2570, period=1, content=content,
                              filename=filename, by=SYSTEM)  # fmt: skip
        message = "accepted" if outcome.ok else outcome.errors[0]
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = len(content.encode() if isinstance(content, str) else content)
    return {"seconds": seconds, "peak_mb": (after - before) / 1024, "message": message[:70],
            "input_kb": size // 1024}  # fmt: skip


def verify_case(name, fiscal_year) -> dict:
    """The deep-nested PDF sent to the verification page of a published document; the peak
    memory of the child process that reads it is watched from outside."""
    import io
    import threading
    from multiprocessing import forkserver

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from organisations import images, isolation
    from reports.pdf.signing import make_demo_certificate
    from tests.publishing.crafted_pdfs import deeply_nested_signature_field

    call_command("createcachetable", verbosity=0)
    make_demo_certificate()
    code = published_demo_report(fiscal_year).verification_code
    content = deeply_nested_signature_field(100_000)
    # As in a gunicorn worker that has been up for a while: its fork server is running.
    isolation.run(images.strict_pillow, seconds=60, megabytes=64)
    peaks, watching = [0], threading.Event()
    server = forkserver._forkserver._forkserver_pid
    watcher = threading.Thread(target=watch_checks, args=(server, peaks, watching))
    watcher.start()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if name == "deep_nested_pdf_verify":
        page = Client(HTTP_HOST="localhost").post(
            f"/verify/{code}/", {"file": SimpleUploadedFile("copy.pdf", content)}
        ).content.decode()  # fmt: skip
        said = "อ่านไฟล์ PDF นี้ไม่ได้" in page and "ไฟล์นี้ไม่ตรงกับเอกสารที่เผยแพร่" in page
        message = "ไฟล์นี้ไม่ตรงกับเอกสารที่เผยแพร่: อ่านไฟล์ PDF นี้ไม่ได้" if said else "accepted"
    else:
        from pyhanko.pdf_utils.reader import PdfFileReader

        try:
            signatures = PdfFileReader(io.BytesIO(content), strict=False).embedded_signatures
            message = f"read: {len(signatures)} signature(s)"
        except RecursionError:
            message = "RecursionError: a 500 before issue 16"
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    watching.set()
    watcher.join()
    return {"seconds": seconds, "peak_mb": (after - before) / 1024, "message": message,
            "input_kb": len(content) // 1024, "child_peak_mb": max(peaks) / 1024}  # fmt: skip


def watch_checks(server_pid: int, peaks: list, stop) -> None:
    """The peak resident memory (VmHWM, kB) of each child the fork server makes, read from
    /proc every few milliseconds while the request runs."""
    while not stop.is_set():
        for children in Path(f"/proc/{server_pid}/task").glob("*/children"):
            for pid in children.read_text().split():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                peaks.extend(int(line.split()[1]) for line in status.splitlines()
                             if line.startswith("VmHWM:"))  # fmt: skip
        time.sleep(0.005)


def published_demo_report(fiscal_year):
    """The demo's first report, through the whole review, final and published (not timed)."""
    from django.contrib.auth import get_user_model

    from measures.demo import read_demo_fixture
    from organisations.access import PasswordConfirmation
    from publishing.services import document_publish
    from reports import workflow
    from reports.demo import load_demo_report
    from reports.stored_pdfs import stored_report_pdf

    report = load_demo_report(read_demo_fixture(), fiscal_year)
    people = get_user_model().objects

    def signs(username):
        user = people.get(username=username)
        return {"by": user, "confirmation": PasswordConfirmation(user.pk, time.time())}

    workflow.report_submit(report, **signs("analyst"))
    workflow.report_comment(report, text="", **signs("head-office"))
    workflow.report_approve(report, text="", **signs("chief-admin"))
    workflow.report_acknowledge(report, **signs("chief-exec"))
    report.refresh_from_db()
    stored_report_pdf(report)
    document_publish(document=report, by=people.get(username="analyst"))
    return report


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2]), ensure_ascii=False))
        return
    here = Path(__file__).resolve()
    results = {}
    for name in CASES:
        child = subprocess.run(
            [sys.executable, str(here), "--case", name], capture_output=True, text=True,
            env={**os.environ}, timeout=600,
        )  # fmt: skip
        if child.returncode:
            sys.exit(child.stderr)
        results[name] = json.loads(child.stdout.strip().splitlines()[-1])
        r = results[name]
        peak = r.get("child_peak_mb")
        child = f" (child peak {peak:.0f} MB)" if peak else ""
        print(f"{name:<34} {r['input_kb']:>8} KB in  {r['seconds']:6.2f} s  "
              f"+{r['peak_mb']:6.1f} MB{child}  {r['message']}")  # fmt: skip
    refusals = {name: r for name, r in results.items() if name not in REFERENCES}
    assert all(r["message"] != "accepted" for r in refusals.values()), "a bad input was accepted"
    worst_s = max(r["seconds"] for r in refusals.values())
    worst_mb = max(r["peak_mb"] for r in refusals.values())
    reference = results["seed_import"]["seconds"]
    print(f"worst_refusal_s={worst_s:.2f} worst_refusal_mb={worst_mb:.0f} "
          f"worst_vs_seed_import={worst_s / reference:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
