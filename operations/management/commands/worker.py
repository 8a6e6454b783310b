"""The background worker: django-tasks' database worker, saying it is alive every few seconds
so that /healthz can tell, and taking back the tasks of workers that stopped without finishing
them, when it starts and at every heartbeat (operations/stalled_tasks.py). At a heartbeat it
also queues the day's reminders of ITA items due, once a day (operations/reminders.py)."""

import logging
import os
import socket
import threading

from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from operations import reminders, stalled_tasks
from operations.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 10
logger = logging.getLogger(__name__)


class Command(DatabaseWorker):
    help = "Runs queued background work (PDFs, e-mail) and reports a heartbeat."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(
            queue_name="*", reload=False, worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64]
        )

    def handle(self, *args, **options):
        # Said alive before anything is claimed, so that no other worker takes it for gone;
        # then whatever a stopped worker left is queued again, for this worker or the next.
        _record_heartbeat(options["worker_id"], timezone.now())
        stalled_tasks.take_back()
        if options["batch"]:
            # A batch ends when the queue is empty; a beating thread would only contend with
            # it for the database (SQLite's shared cache locks whole tables).
            return super().handle(*args, **options)
        stop = threading.Event()
        beating = threading.Thread(
            target=_beat, args=(options["worker_id"], stop), name="heartbeat", daemon=True
        )
        beating.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            beating.join(timeout=HEARTBEAT_SECONDS)


def _beat(worker_id: str, stop: threading.Event) -> None:
    started = timezone.now()
    while True:
        try:
            close_old_connections()
            _record_heartbeat(worker_id, started)
            stalled_tasks.take_back()
            reminders.queue_daily()
        except Exception:  # noqa: BLE001 - a missed beat shows as a stale heartbeat
            logger.warning("the worker's heartbeat was not recorded", exc_info=True)
        finally:
            connection.close()
        if stop.wait(HEARTBEAT_SECONDS):
            return


def _record_heartbeat(worker_id: str, started) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": started,
            "seen_at": timezone.now(),
        },
    )
