"""Generate (or remove) a synthetic catalogue of N practices for benchmarks."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.generate import practices_generate, practices_generated_remove
from search.services import search_entries_rebuild


class Command(BaseCommand):
    help = (
        "Create N published practices from the real corpus's vocabulary, skewed like a real "
        "catalogue (deterministic for a seed), or remove them with --remove. Run "
        "`search_index rebuild` afterwards to put them in Elasticsearch."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--remove", action="store_true", help="Remove generated practices.")

    def handle(self, *args, count: int, seed: int, remove: bool, **options) -> None:
        started = time.monotonic()
        if remove:
            removed = practices_generated_remove()
            entries = search_entries_rebuild()
            self.stdout.write(f"Removed {removed} generated practices; {entries} remain indexed.")
            return
        if count < 1:
            raise CommandError("Give the number of practices to generate, e.g. 10000.")
        try:
            created = practices_generate(count=count, seed=seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        generated_at = time.monotonic()
        entries = search_entries_rebuild()
        self.stdout.write(
            f"Generated {created} practices in {generated_at - started:.1f} s; database search "
            f"entries for {entries} practices in {time.monotonic() - generated_at:.1f} s."
        )
