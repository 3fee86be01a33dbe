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
