"""Remove "zoekopdrachten zonder resultaat" not seen for 180 days (run it daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from search.gaps import RETENTION_DAYS, search_gaps_prune


class Command(BaseCommand):
    help = f"Verwijder zoekopdrachten zonder resultaat die {RETENTION_DAYS} dagen niet zijn gezien."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=RETENTION_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        removed = search_gaps_prune(days=days)
        self.stdout.write(f"{removed} zoekopdrachten verwijderd (ouder dan {days} dagen).")
