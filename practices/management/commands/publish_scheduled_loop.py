"""Run Wagtail's `publish_scheduled` every INTERVAL seconds, so scheduled go-live and expiry
times take effect within a minute.

`make run` starts it beside the site and the task worker. In production a systemd timer
running `publish_scheduled` does the same job (docs/scheduled-publishing.md); use one of the
two, not both.
"""

from __future__ import annotations

import signal
import time
from types import FrameType

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection


class Command(BaseCommand):
    help = "Publiceer en depubliceer ingeplande pagina's elke --interval seconden."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=30.0, help="seconden (30)")
        parser.add_argument(
            "--runs", type=int, default=0, help="stop na zoveel rondes (0: tot een signaal)"
        )

    def handle(self, *args, interval: float, runs: int, **options) -> None:
        self._stopping = False
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            done = 0
            while not self._stopping:
                started = time.monotonic()
                self.run_once()
                done += 1
                if runs and done >= runs:
                    break
                self._sleep(max(0.0, interval - (time.monotonic() - started)))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def run_once(self) -> None:
        """One pass; a failure (database restarting) is reported and retried next pass."""
        self._fresh_connection()
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception as error:  # keep the loop alive; say what happened
            self.stderr.write(f"publish_scheduled mislukte: {error}")
        finally:
            self._fresh_connection()

    @staticmethod
    def _fresh_connection() -> None:
        """Drop a broken or expired connection (not inside a transaction, as in tests)."""
        if not connection.in_atomic_block:
            close_old_connections()

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while not self._stopping and time.monotonic() < end:
            time.sleep(min(0.5, end - time.monotonic()))

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._stopping = True
