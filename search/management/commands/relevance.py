"""`manage.py relevance`: nDCG@5, success@3 and zero results per engine on the judged set."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from practices.models import PracticePage
from search.relevance.evaluate import EngineScore, database_score, elasticsearch_score
from search.relevance.judgments import floors_load, judgments_load
from search.relevance.report import below_floor, history_record, report_write
from search.relevance.stemcheck import corpus_vocabulary, merged_meanings, split_forms

DOCS = Path(settings.BASE_DIR) / "docs" / "relevance.md"


class Command(BaseCommand):
    help = (
        "Meet de relevantie op de beoordeelde zoekvragen (search/relevance/judgments.yaml): "
        "nDCG@5, success@3 en het aandeel zonder resultaat, per zoekmachine. Eindigt met "
        "een foutcode onder de vloer in search/relevance/floor.yaml."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--engine", choices=["all", "elasticsearch", "database"], default="all")
        parser.add_argument("--write", action="store_true", help=f"schrijf {DOCS.name}")
        parser.add_argument("--record", metavar="LABEL", help="bewaar de cijfers als meting")
        parser.add_argument(
            "--stem-check",
            action="store_true",
            help="toon kandidaten voor search/stem_overrides.txt (woorden uit het corpus)",
        )

    def handle(self, *args, engine: str, write: bool, record: str | None, **options) -> None:
        if options["stem_check"]:
            self._stem_check()
            return
        judgments = judgments_load()
        scores: list[EngineScore] = []
        if engine in ("all", "database"):
            scores.append(database_score(judgments))
        if engine in ("all", "elasticsearch"):
            if not settings.ELASTICSEARCH["URL"]:
                raise CommandError("Elasticsearch is niet ingesteld (ELASTICSEARCH_URL).")
            scores.insert(0, elasticsearch_score(judgments))
        corpus = PracticePage.objects.live().count()
        floors = floors_load()
        for score in scores:
            self.stdout.write(
                f"{score.engine}: nDCG@5 {score.ndcg_at_5:.3f}, success@3 "
                f"{score.success_at_3:.3f}, zero results {score.zero_result_rate:.3f} "
                f"({len(score.answerable)} answerable queries, {corpus} practices; "
                f"measured by {score.method})"
            )
        if record:
            history_record(record, scores, corpus)
        if write:
            report_write(DOCS, scores, floors, corpus)
            self.stdout.write(f"Written: {DOCS}")
        problems = [p for score in scores for p in below_floor(score, floors[score.engine])]
        if problems:
            raise CommandError("Below the relevance floor: " + "; ".join(problems))

    def _stem_check(self) -> None:
        vocabulary = corpus_vocabulary()
        for title, groups in (
            ("Merged meanings (over-stemming?)", merged_meanings(vocabulary)),
            ("Split forms (under-stemming?)", split_forms(vocabulary)),
        ):
            self.stdout.write(f"{title}: {len(groups)}")
            for group in groups:
                self.stdout.write(f"  {group.key}: {', '.join(group.words)} ({group.reason})")
