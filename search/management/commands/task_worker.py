"""`manage.py task_worker`: db_worker that survives database restarts and requeues the tasks
of dead workers (search/worker.py). Same options as db_worker. Run it under a supervisor
(scripts/supervise.sh, or docs/deploy/wwdw-worker.service) so a crash restarts it too."""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker

from search.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the task worker: reconnects after a database restart, keeps a heartbeat, "
        "and puts tasks of workers that died back in the queue."
    )

    def handle(self, *args, **options) -> None:
        # db_worker builds its Worker by name inside handle(); swap in ours for this run.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
