"""Load content/ into the catalogue: validate every file, then import all or nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from content.loader import ContentInvalid, corpus_read
from practices.services import catalogue_index_ensure, category_sync, practice_upsert


class Command(BaseCommand):
    help = (
        "Validate and load the catalogue's content files (taxonomy and practices). "
        "Loading twice changes nothing; a changed file becomes a new published revision; "
        "any broken file stops the load before anything is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=settings.BASE_DIR / "content",
            help="Folder holding taxonomy/ and practices/ (default: content/).",
        )
        parser.add_argument("--check", action="store_true", help="Only validate; write nothing.")

    def handle(self, *args, path: Path, check: bool, **options) -> None:
        try:
            corpus = corpus_read(path)
        except ContentInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            files = len({error.path for error in invalid.errors})
            raise CommandError(
                f"{len(invalid.errors)} problem(s) in {files} file(s); nothing was loaded."
            ) from None

        category_counts = ", ".join(
            f"{len(entries)} {kind.plural}" for kind, entries in corpus.categories.items()
        )
        self.stdout.write(f"Valid: {len(corpus.practices)} practices; {category_counts}.")
        if check:
            return

        with transaction.atomic():
            changed_categories = sum(
                category_sync(model=kind.model, entries=entries)
                for kind, entries in corpus.categories.items()
            )
            catalogue = catalogue_index_ensure()
            outcomes = Counter(
                practice_upsert(data=practice, parent=catalogue).value
                for practice in corpus.practices
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded: {outcomes['created']} created, {outcomes['updated']} updated, "
                f"{outcomes['unchanged']} unchanged practices; "
                f"{changed_categories} category entries changed."
            )
        )
