"""A worker killed in the middle of a task (kill -9, a crash, its host lost) leaves the task
RUNNING under its name, and nothing in django-tasks takes it back. The next worker does, at
once: when it starts and at every heartbeat, it puts back the tasks of any worker whose process
is gone from this host or whose heartbeat has stopped. Meanwhile /healthz says work is stuck."""

import socket
import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operations import stalled_tasks
from operations.models import WorkerHeartbeat
from reports.models import PdfJob
from tests.cast import advance
from tests.reports.test_pdf_worker import approved

RUNNING = "RUNNING"


def a_pid_that_is_gone() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def heartbeat(worker_id, *, host=None, pid=None, seen=timedelta(0)):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, host=host or socket.gethostname(), pid=pid or a_pid_that_is_gone(),
        started_at=now - timedelta(hours=1), seen_at=now - seen,
    )  # fmt: skip


def claimed_by(worker_id, started=timedelta(0)) -> list[DBTaskResult]:
    """What a worker does when it takes the waiting tasks (and its first step of a render)."""
    tasks = list(DBTaskResult.objects.ready())
    for task in tasks:
        task.claim(worker_id)
    DBTaskResult.objects.filter(pk__in=[task.pk for task in tasks]).update(
        started_at=timezone.now() - started
    )
    PdfJob.objects.update(state=PdfJob.State.RUNNING, started_at=timezone.now() - started)
    return tasks


def acknowledged(cast):
    return advance(approved(cast))


@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_finishes_the_final_pdf_a_killed_one_was_making(cast):
    report = acknowledged(cast)
    # Killed with -9 a moment ago on this host: its last heartbeat is still fresh.
    heartbeat("killed", seen=timedelta(seconds=2))
    claimed_by("killed")
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    job = PdfJob.objects.get(report=report)
    assert job.state == PdfJob.State.DONE
    assert report.renderings.filter(is_final=True).exists()
    assert not DBTaskResult.objects.filter(status=RUNNING).exists()


@pytest.mark.django_db
def test_the_tasks_of_a_silent_worker_elsewhere_are_taken_back_and_a_live_ones_kept(cast):
    from reports.tasks import render_pdf

    report = cast.draft()
    for _ in range(2):
        render_pdf.enqueue(report.pk)
    lost, alive = DBTaskResult.objects.ready()[:2]
    lost.claim("lost-host-worker")
    alive.claim("busy-worker")
    heartbeat("lost-host-worker", host="another-host", seen=timedelta(seconds=45))
    heartbeat("busy-worker", host="another-host", seen=timedelta(seconds=3))
    assert stalled_tasks.take_back() == 1
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert lost.status == "READY" and alive.status == RUNNING


@pytest.mark.django_db
def test_healthz_says_when_work_is_held_by_a_stopped_worker(cast, client):
    acknowledged(cast)
    heartbeat("live", pid=1, seen=timedelta(seconds=1))  # pid 1 always exists
    assert client.get("/healthz").status_code == 200
    heartbeat("killed", host="another-host", seen=timedelta(minutes=3))
    claimed_by("killed", started=timedelta(minutes=3))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "tasks held by a stopped worker"


@pytest.mark.django_db
def test_healthz_says_when_a_task_runs_past_its_time(cast, client, settings):
    acknowledged(cast)
    heartbeat("live", pid=1, seen=timedelta(seconds=1))
    claimed_by("live", started=timedelta(seconds=settings.PDF_RUNNING_TIMEOUT_SECONDS + 5))
    response = client.get("/healthz")
    assert response.status_code == 503
    limit = settings.PDF_RUNNING_TIMEOUT_SECONDS
    assert response.json()["checks"]["worker"] == f"a task has run over {limit} s"
