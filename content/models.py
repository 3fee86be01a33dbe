"""What the loader last wrote, so it can tell an untouched page from one an editor changed."""

from __future__ import annotations

from django.db import models


class LoadedItem(models.Model):
    """One practice page or category entry as the loader last wrote it.

    `checksum` is the file's (or entry's) content at that load; `revision_id` the page
    revision the load published. A page whose latest revision is another one, or that is no
    longer live, was changed in the admin, and the admin then wins. Keyed by slug, not by
    foreign key, so a record outlives a page an editor deleted and the loader keeps it deleted.
    """

    kind = models.CharField(max_length=40)  # "practice" or a TaxonomyKind.name
    slug = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64)
    revision_id = models.BigIntegerField(null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="content_loaded_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug}"
