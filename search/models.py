"""The database engine's own index: one row of pre-analysed text per published practice.

Kept in step with the published pages synchronously (search/services.py), so the database
engine is always exact, even while Elasticsearch or the task worker is down.
"""

from __future__ import annotations

from django.db import models

from practices.models import PracticePage


class SearchEntry(models.Model):
    page = models.OneToOneField(
        PracticePage, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    revision_id = models.IntegerField(null=True)
    # Stemmed, folded terms between single spaces (" wijk bewonersbedrijf bedrijf "), so
    # "contains ' term '" is an exact term match on any database.
    title_terms = models.TextField()
    terms = models.TextField()
    # Folded words as written, for "did you mean" on the database engine.
    words = models.TextField()

    class Meta:
        verbose_name = "zoekindex-regel"
        verbose_name_plural = "zoekindex (database)"

    def __str__(self) -> str:
        return f"zoekindex van pagina {self.page_id}"


class SearchGap(models.Model):
    """A public search that found 0–2 practices, counted by its normalised text and filters.

    Nothing about who searched is kept: no IP address, user, session or user agent.
    Rows not seen for SEARCH_GAP_RETENTION_DAYS are removed by `manage.py search_gaps_prune`.
    """

    text = models.CharField("zoektekst", max_length=200, blank=True)
    # Canonical JSON of the filters ({"city": ["zwolle"]}, keys and values sorted), "" for none.
    filters = models.CharField("filters", max_length=1000, blank=True)
    count = models.PositiveIntegerField("aantal keer", default=0)
    last_total = models.PositiveSmallIntegerField("gevonden praktijken (laatst)", default=0)
    first_seen = models.DateTimeField("eerst gezien")
    last_seen = models.DateTimeField("laatst gezien", db_index=True)

    class Meta:
        verbose_name = "zoekopdracht zonder resultaat"
        verbose_name_plural = "zoekopdrachten zonder resultaat"
        constraints = [
            models.UniqueConstraint(fields=["text", "filters"], name="search_gap_unique_search")
        ]
        ordering = ["-count", "-last_seen"]

    def __str__(self) -> str:
        return self.text or "(alleen filters)"


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life, written every few seconds by search/worker.py.

    A task still "running" under a worker whose heartbeat has gone quiet was interrupted
    (kill -9, a crash, a lost machine) and is put back in the queue.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = "taakverwerker"
        verbose_name_plural = "taakverwerkers"

    def __str__(self) -> str:
        return self.worker_id


class BreakerState(models.Model):
    """A circuit breaker shared by every process: while `open_until` is ahead, nobody asks
    the engine it guards (search/breaker.py)."""

    name = models.CharField(max_length=40, primary_key=True)
    open_until = models.DateTimeField(null=True)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "stroomonderbreker"
        verbose_name_plural = "stroomonderbrekers"

    def __str__(self) -> str:
        return self.name


class IndexGeneration(models.Model):
    """A number every change to what searches find increments (a publish reaching an index,
    a rebuild, a renamed category): cached search responses carry it in their key, so none
    outlives the change (search/response_cache.py). Shared by every process."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "indexgeneratie"
        verbose_name_plural = "indexgeneraties"

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
