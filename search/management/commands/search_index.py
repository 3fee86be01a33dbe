"""`manage.py search_index rebuild|status|verify [--repair]`: the search indexes' lifecycle."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from elasticsearch import ApiError, TransportError

from practices.models import PracticePage
from search.admin_index import ADMIN_ENGINE, admin_index_repair, admin_index_verify
from search.builders import default_processes
from search.client import elasticsearch_configured
from search.indexing import (
    Drift,
    RebuildRunning,
    entries_verify,
    index_rebuild,
    index_repair,
    index_status,
    index_verify,
)
from search.models import SearchEntry
from search.services import search_entries_rebuild


class Command(BaseCommand):
    help = (
        "Beheer de zoekindexen. rebuild: bouw de Elasticsearch-index opnieuw op achter de "
        "alias (zoeken blijft werken) en ververs de database-index. status: toon de stand. "
        "verify: vergelijk de indexen (ook die van de beheerzoekfunctie) met de pagina's; "
        "meldt elke afwijking en eindigt met een foutcode als er een is "
        "(--repair herstelt ze eerst)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "status", "verify"])
        parser.add_argument("--repair", action="store_true", help="verify: herstel afwijkingen")
        parser.add_argument("--json", action="store_true", help="status: als JSON")
        parser.add_argument(
            "--processes",
            type=int,
            default=default_processes(),
            help="rebuild: zoveel processen bouwen de documenten (standaard: één per kern, "
            "hoogstens vier)",
        )

    def handle(
        self, *args, action: str, repair: bool, json: bool, processes: int, **options
    ) -> None:
        if processes < 1:
            raise CommandError("--processes moet 1 of meer zijn")
        try:
            getattr(self, f"_{action}")(repair=repair, as_json=json, processes=processes)
        except (ApiError, TransportError) as error:
            raise CommandError(f"Elasticsearch antwoordt niet goed: {error}") from error
        except RebuildRunning as error:
            raise CommandError(f"Er loopt al een herbouw: {error}") from error

    def _rebuild(self, *, processes: int, **_: object) -> None:
        if not elasticsearch_configured():
            entries = search_entries_rebuild()
            self.stdout.write(f"Database-index: {entries} praktijken")
            self.stdout.write("Elasticsearch is niet ingesteld (ELASTICSEARCH_URL): overgeslagen.")
            return
        # One pass for both indexes: each page's text is made once.
        report = index_rebuild(entries=True, processes=processes)
        self.stdout.write(f"Database-index: {SearchEntry.objects.count()} praktijken")
        self.stdout.write(
            f"Elasticsearch: {report.documents} praktijken in {report.index} "
            f"in {report.seconds:.1f} s; alias omgezet"
            + (f" van {', '.join(report.previous)}" if report.previous else "")
            + (
                f"; {report.resynced} tussentijds gewijzigd en bijgewerkt"
                if report.resynced
                else ""
            )
        )

    def _status(self, *, as_json: bool, **_: object) -> None:
        status: dict = {
            "published_practices": PracticePage.objects.live().count(),
            "database_entries": SearchEntry.objects.count(),
            "engine": "elasticsearch" if elasticsearch_configured() else "database",
        }
        if elasticsearch_configured():
            status["elasticsearch"] = index_status()
        if as_json:
            self.stdout.write(json.dumps(status, indent=2))
            return
        self.stdout.write(f"Zoekmachine: {status['engine']}")
        self.stdout.write(f"Gepubliceerde praktijken: {status['published_practices']}")
        self.stdout.write(f"Database-index: {status['database_entries']} regels")
        if "elasticsearch" in status:
            es = status["elasticsearch"]
            self.stdout.write(
                f"Elasticsearch: cluster {es['cluster']} ({es['cluster_status']}, "
                f"{es['nodes']} node(s)); alias {es['alias']} → "
                f"{', '.join(es['indices']) or 'GEEN INDEX'}; {es['documents']} documenten"
            )

    def _drifts(self) -> list[Drift]:
        drifts = [entries_verify()]
        if elasticsearch_configured():
            drifts += [index_verify(), admin_index_verify()]
        return drifts

    def _verify(self, *, repair: bool, **_: object) -> None:
        drifts = self._drifts()
        if repair:
            for drift in drifts:
                if drift.total:
                    repair_drift = (
                        admin_index_repair if drift.engine == ADMIN_ENGINE else index_repair
                    )
                    self.stdout.write(f"{drift.engine}: {repair_drift(drift)} pagina's hersteld")
            drifts = self._drifts()
        problems = sum(drift.total for drift in drifts)
        for drift in drifts:
            self._print_drift(drift)
        if problems:
            raise CommandError(f"{problems} afwijking(en) tussen index en pagina's")

    def _print_drift(self, drift: Drift) -> None:
        if not drift.total:
            self.stdout.write(f"{drift.engine}: in orde")
            return
        for label, ids in (
            ("ontbreekt (gepubliceerd, niet geïndexeerd)", drift.missing),
            ("verouderd (inhoud wijkt af van de pagina)", drift.stale),
            ("overbodig (geïndexeerd, niet gepubliceerd)", drift.extra),
        ):
            if ids:
                self.stdout.write(f"{drift.engine}: {label}: pagina's {', '.join(map(str, ids))}")
