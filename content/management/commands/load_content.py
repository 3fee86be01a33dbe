"""Load content/ into the catalogue: validate every file, then import all or nothing.

Once a page or category lives in the admin, the admin is the source of truth: a file only
creates what is missing and updates what nobody has changed since the last load
(content/services.py). `--force PATH` overwrites one file's page or list on purpose.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from content.loader import (
    ContentError,
    ContentInvalid,
    Corpus,
    corpus_read,
    practice_rules_check,
)
from content.services import LoadOutcome, LoadResult, category_load, practice_load
from practices.services import catalogue_index_ensure


class Command(BaseCommand):
    help = (
        "Validate and load the catalogue's content files (taxonomy and practices). "
        "Loading twice changes nothing; a changed file becomes a new published revision "
        "unless an editor changed that page or category in the admin since the last load "
        "(then it is skipped; --force PATH overwrites it); any broken file stops the load "
        "before anything is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=settings.BASE_DIR / "content",
            help="Folder holding taxonomy/ and practices/ (default: content/).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only validate, with every rule a load applies; write nothing.",
        )
        parser.add_argument(
            "--force",
            type=Path,
            action="append",
            default=[],
            metavar="PATH",
            help="Overwrite what this file describes even if an editor changed it in the "
            "admin (a practice file or a taxonomy file; may be repeated).",
        )

    def handle(self, *args, path: Path, check: bool, force: list[Path], **options) -> None:
        corpus = self._read(path)
        category_counts = ", ".join(
            f"{len(entries)} {kind.plural}" for kind, entries in corpus.categories.items()
        )
        self.stdout.write(f"Valid: {len(corpus.practices)} practices; {category_counts}.")
        forced = set() if check else self._forced(path, force, corpus)
        with transaction.atomic():
            categories = Counter()
            for kind, entries in corpus.categories.items():
                file_name = f"taxonomy/{kind.file_name}"
                results = category_load(
                    kind=kind.name, model=kind.model, entries=entries, force=file_name in forced
                )
                for slug, result in results.items():
                    if not check:
                        self._report(f"{file_name} [{slug}]", result)
                    categories[result.outcome] += 1
            # The honesty rules judge the level and outcome rows: with the categories in place.
            self._refuse(practice_rules_check(corpus.practices))
            if check:
                transaction.set_rollback(True)
                self.stdout.write("Checked against the catalogue's categories; nothing written.")
                return
            catalogue = catalogue_index_ensure()
            outcomes = Counter()
            for practice in corpus.practices:
                name = f"practices/{practice.slug}.md"
                result = practice_load(data=practice, parent=catalogue, force=name in forced)
                self._report(name, result)
                outcomes[result.outcome] += 1
        changed = categories[LoadOutcome.CREATED] + categories[LoadOutcome.UPDATED]
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded: {outcomes['created']} created, {outcomes['updated']} updated, "
                f"{outcomes['unchanged']} unchanged, {outcomes['skipped']} skipped practices; "
                f"{changed} category entries changed, {categories['skipped']} skipped."
            )
        )

    def _read(self, path: Path) -> Corpus:
        try:
            return corpus_read(path)
        except ContentInvalid as invalid:
            self._refuse(invalid.errors)
            raise  # unreachable: _refuse raises for a non-empty list

    def _refuse(self, errors: list[ContentError]) -> None:
        """Report every problem as `file: field: reason` and stop (rolling back) if any."""
        if not errors:
            return
        for error in errors:
            self.stderr.write(str(error))
        files = len({error.path for error in errors})
        raise CommandError(f"{len(errors)} problem(s) in {files} file(s); nothing was loaded.")

    def _forced(self, root: Path, force: list[Path], corpus: Corpus) -> set[str]:
        """--force paths as names relative to the content folder; unknown paths are an error."""
        known = {f"taxonomy/{kind.file_name}" for kind in corpus.categories}
        known |= {f"practices/{practice.slug}.md" for practice in corpus.practices}
        forced = set()
        for given in force:
            try:
                name = given.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                name = given.as_posix()
            if name not in known:
                raise CommandError(f"--force {given}: not a content file under {root}")
            forced.add(name)
        return forced

    def _report(self, name: str, result: LoadResult) -> None:
        if result.outcome is LoadOutcome.SKIPPED:
            self.stdout.write(f"skipped: {name}: {result.reason}")
