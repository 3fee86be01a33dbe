"""Write the published catalogue back to content files: the admin's truth as Markdown and YAML."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.exporter import catalogue_export
from content.loader import ContentInvalid, _display, corpus_read


class Command(BaseCommand):
    help = (
        "Write every category list (taxonomy/*.yaml) and every published practice "
        "(practices/<slug>.md) in the format load_content reads, so editors' changes in the "
        "admin go back into the files. Only files whose content changed are rewritten. Practice "
        "files without a published practice are listed; --prune removes them. The result is "
        "read back with the loader's checks, and any problem is reported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.BASE_DIR / "content",
            help="Folder to write taxonomy/ and practices/ into (default: content/).",
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Remove practice files that no published practice matches.",
        )

    def handle(self, *args, output: Path, prune: bool, **options) -> None:
        result = catalogue_export(root=output, prune=prune)
        for path in result.written:
            self.stdout.write(f"written: {path.relative_to(output).as_posix()}")
        for path in result.stale:
            action = "removed" if prune else "not published (kept; --prune removes it)"
            self.stdout.write(f"{action}: {path.relative_to(output).as_posix()}")
        self._verify(output, kept=[] if prune else result.stale)
        categories = ", ".join(f"{count} {name}" for name, count in result.categories.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {result.practices} practices and {categories} to {output}; "
                f"{len(result.written)} file(s) changed."
            )
        )

    def _verify(self, output: Path, kept: list[Path]) -> None:
        """What was written must load again (a `## heading` typed into a text field would not);
        problems in the stale files left in place are not the export's."""
        try:
            corpus_read(output)
        except ContentInvalid as invalid:
            stale = {_display(output, path) for path in kept}
            errors = [error for error in invalid.errors if error.path not in stale]
            for error in errors:
                self.stderr.write(str(error))
            if errors:
                raise CommandError(
                    f"The export holds {len(errors)} problem(s) that load_content would "
                    "refuse; correct them in the admin and export again."
                ) from None
