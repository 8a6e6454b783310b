"""Runs what is queued for the background worker, in the test's own thread and database
transaction: the same task code `manage.py worker` runs."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every task that is due now (not those scheduled later); returns how many ran."""
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="tests", excluded_queue_names=[],
    )  # fmt: skip
    ran = 0
    while (task := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        task.claim("tests")
        worker.run_task(task)
        ran += 1
    return ran
