"""Tasks left RUNNING by a worker that stopped without finishing them (killed, crashed, its host
lost). django-tasks' database worker marks a task RUNNING when it claims it, and nothing takes it
back: the final PDF of a report would wait for PDF_RUNNING_TIMEOUT_SECONDS and someone asking.

A worker is gone when its process no longer exists on this host (known at once, as when systemd
restarts a worker killed with -9), or when its heartbeat has been silent for WORKER_GONE_AFTER
(a worker on another host). `take_back` puts a gone worker's tasks back in the queue; every
worker calls it when it starts and at every heartbeat (operations/management/commands/worker.py).
Hosts are told apart by their names, which must differ between the worker hosts."""

import logging
import os
import socket
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

WORKER_GONE_AFTER = timedelta(seconds=30)  # three heartbeats missed
logger = logging.getLogger(__name__)


def gone_workers(now=None) -> set[str]:
    now = now or timezone.now()
    host = socket.gethostname()
    return {
        beat.worker_id
        for beat in WorkerHeartbeat.objects.only("worker_id", "host", "pid", "seen_at")
        if now - beat.seen_at > WORKER_GONE_AFTER
        or (beat.host == host and not _process_exists(beat.pid))
    }


def held_by_gone_workers(now=None) -> list[DBTaskResult]:
    """RUNNING tasks whose worker is gone, or unknown and silent as long as a gone one."""
    now = now or timezone.now()
    gone = gone_workers(now)
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    held = []
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        holder = task.worker_ids[-1] if task.worker_ids else None
        started = task.started_at or now
        if holder in gone or (holder not in known and now - started > WORKER_GONE_AFTER):
            held.append(task)
    return held


def take_back() -> int:
    """Put the tasks of gone workers back in the queue, forget those workers; how many tasks."""
    with transaction.atomic():
        gone = gone_workers()
        held = held_by_gone_workers()
        count = DBTaskResult.objects.filter(
            pk__in=[task.pk for task in held], status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        WorkerHeartbeat.objects.filter(worker_id__in=gone).delete()
    if count:
        holders = sorted({task.worker_ids[-1] for task in held if task.worker_ids})
        logger.warning("took back %s task(s) of stopped worker(s) %s", count, ", ".join(holders))
    return count


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
