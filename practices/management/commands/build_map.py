"""Build the map outline from the world-atlas npm package (run by `make install`)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from practices.geo import OUTLINE_FILE, outline_build


class Command(BaseCommand):
    help = "Write the outline of the Netherlands for /praktijken/kaart/ (SVG path data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            type=Path,
            default=settings.NODE_MODULES / "world-atlas" / "countries-10m.json",
        )

    def handle(self, *args, source: Path, **options) -> None:
        if not source.is_file():
            raise CommandError(f"{source} is missing: run `npm ci` (make install) first.")
        target = settings.PROJECT_DIR / "static" / OUTLINE_FILE
        size = outline_build(source, target)
        self.stdout.write(f"Map outline: {target} ({size / 1024:.1f} KB)")
