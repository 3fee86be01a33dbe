"""Check every figure and year in the practices against the cited passages of the sources."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.sources_check import COPY_THRESHOLD, check_corpus


class Command(BaseCommand):
    help = (
        "Check that every figure, year and number in content/practices occurs in the cited "
        "passage (file + lines) of the source documents in --sources, and that no practice "
        f"copies more than {COPY_THRESHOLD:.0%} of its word 8-grams from those passages. "
        "Does nothing when the sources folder is missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """--sources, --practices and --quiet."""
        parser.add_argument(
            "--sources",
            type=Path,
            default=settings.BASE_DIR.parent / "shared" / "seeds",
            help="Folder with the source documents (default: ../shared/seeds).",
        )
        parser.add_argument(
            "--practices",
            type=Path,
            default=settings.BASE_DIR / "content" / "practices",
            help="Folder with the practice files (default: content/practices).",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Do not print near-verbatim warnings."
        )

    def handle(self, *args, sources: Path, practices: Path, quiet: bool, **options) -> None:
        """Run the check; CommandError (exit 1) on any problem, nothing if sources is missing."""
        if not sources.is_dir():
            self.stdout.write(f"Sources folder {sources} is missing: nothing checked.")
            return
        report = check_corpus(practices, sources)
        if not quiet:
            for warning in report.warnings:
                self.stdout.write(f"warning: {warning}")
        for problem in report.problems:
            self.stderr.write(problem)
        if report.problems:
            raise CommandError(f"{len(report.problems)} problem(s) in {practices}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.checked} practices checked against {sources}: every number found, "
                f"copying below {COPY_THRESHOLD:.0%}."
            )
        )
