"""A task worker that outlives its database and hands back the work of workers that died.

django-tasks-db's worker stops at the first database error, and a task it was running when
it was killed stays "running" for ever. Here the worker reconnects with a short backoff after
a database error, and a heartbeat thread marks it alive every few seconds and puts tasks of
workers whose heartbeat has gone quiet back in the queue (their work is idempotent: an index
sync brings a document in line with the database, however often it runs).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connection, connections, transaction
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from search.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0
# A worker silent this long is dead; its running tasks go back in the queue.
HEARTBEAT_TIMEOUT = timedelta(seconds=30)
# Tasks claimed by a worker that never wrote a heartbeat (a plain db_worker) get this long.
LEASE_WITHOUT_HEARTBEAT = timedelta(minutes=10)
RECONNECT_MAX_SECONDS = 5.0


def worker_heartbeat(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"seen_at": timezone.now()}
    )


def tasks_requeue_abandoned() -> int:
    """Put tasks left "running" by dead workers back in the queue; returns how many."""
    now = timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - HEARTBEAT_TIMEOUT).values_list(
            "worker_id", flat=True
        )
    )
    known = set(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for task in running:
            owner = task.worker_ids[-1] if task.worker_ids else ""
            if owner in alive:
                continue
            lease = HEARTBEAT_TIMEOUT if owner in known else LEASE_WITHOUT_HEARTBEAT
            if task.started_at and task.started_at > now - lease:
                continue
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.run_after = now
            task.save(update_fields=["status", "started_at", "run_after"])
            logger.warning("Task %s of worker %s requeued: that worker is gone", task.id, owner)
            requeued += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return requeued


class ResilientWorker(Worker):
    """django-tasks-db's worker, plus reconnecting and a heartbeat with requeueing."""

    def run(self) -> None:
        threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True).start()
        delay = 0.5
        while self.running:
            try:
                super().run()
                return  # --batch or --max-tasks finished
            except (OperationalError, InterfaceError) as error:
                first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
                logger.warning("Database unreachable, retrying in %.1fs: %s", delay, first_line)
                _close_connections()
                time.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    def _heartbeat_loop(self) -> None:
        while self.running:
            try:
                close_old_connections()
                worker_heartbeat(worker_id=self.worker_id)
                tasks_requeue_abandoned()
            except DatabaseError:
                _close_connections()  # quietly: the main loop reports the outage
            except Exception:
                logger.exception("Heartbeat of worker %s failed", self.worker_id)
            time.sleep(HEARTBEAT_SECONDS)
        connection.close()


def _close_connections() -> None:
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except DatabaseError:
            conn.connection = None
