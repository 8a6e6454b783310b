"""What /healthz checks: the database answers, the storage answers, a worker is alive and the
queue is moving: nothing waits too long, nothing is held by a worker that stopped, nothing runs
past its time. Each check says ok or what is wrong, never a secret."""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from . import stalled_tasks
from .models import WorkerHeartbeat

WORKER_SILENT_AFTER = timedelta(seconds=60)
QUEUE_STUCK_AFTER = timedelta(minutes=5)


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def storage() -> str:
    for alias in ("default", "documents"):
        storages[alias].exists("healthz-probe")
    return "ok"


def worker() -> str:
    latest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    if latest is None:
        return "no worker has started"
    if timezone.now() - latest > WORKER_SILENT_AFTER:
        return f"no heartbeat for {int((timezone.now() - latest).total_seconds())} s"
    now = timezone.now()
    stuck = DBTaskResult.objects.ready().filter(
        Q(run_after__lt=now - QUEUE_STUCK_AFTER)
        | Q(run_after=get_date_max(), enqueued_at__lt=now - QUEUE_STUCK_AFTER)
    )
    if stuck.exists():
        return "tasks have waited over 5 minutes"
    if stalled_tasks.held_by_gone_workers(now):
        return "tasks held by a stopped worker"
    limit = settings.PDF_RUNNING_TIMEOUT_SECONDS
    if (
        DBTaskResult.objects.running()
        .filter(started_at__lt=now - timedelta(seconds=limit))
        .exists()
    ):
        return f"a task has run over {limit} s"
    return "ok"


CHECKS = {"database": database, "storage": storage, "worker": worker}


def report() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - the check reports what failed, by its type
            results[name] = f"failed: {type(error).__name__}"
    return results
