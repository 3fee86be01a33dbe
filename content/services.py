"""Loading the corpus without undoing editors' work: the admin wins once a page lives there.

A file creates what does not exist yet and updates what nobody changed in the admin since
the last load. Anything an editor touched (an edit, a pending draft, an unpublish, a
deletion, a renamed category) is left alone and reported as skipped; `--force PATH` on the
command overwrites one file on purpose.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import models
from django.utils import timezone
from wagtail.models import PageLogEntry

from content.models import LoadedItem
from practices.models import PracticeIndexPage, PracticePage
from practices.services import PracticeData, practice_upsert

PRACTICE = "practice"


class LoadOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class LoadResult:
    outcome: LoadOutcome
    reason: str = ""


def _record(kind: str, slug: str) -> LoadedItem | None:
    return LoadedItem.objects.filter(kind=kind, slug=slug).first()


def _remember(kind: str, slug: str, checksum: str, revision_id: int | None = None) -> None:
    LoadedItem.objects.update_or_create(
        kind=kind, slug=slug, defaults={"checksum": checksum, "revision_id": revision_id}
    )


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "onbekend"


def practice_admin_change(page: PracticePage, record: LoadedItem | None) -> datetime | None:
    """When an editor last changed `page` since the last load, or None if nobody did.

    A change is: not live any more (unpublished), or a latest revision other than the one the
    loader published (an edit or a pending draft). Pages loaded before load records existed
    count as changed when their latest revision has an author (the loader's have none).
    """
    latest = page.latest_revision
    if record is not None and record.revision_id is not None:
        touched = page.latest_revision_id != record.revision_id
    else:
        touched = page.has_unpublished_changes or bool(latest and latest.user_id)
    if page.live and not touched:
        return None
    last_log = PageLogEntry.objects.filter(page=page).order_by("-timestamp").first()
    moments = [m for m in (last_log and last_log.timestamp, page.latest_revision_created_at) if m]
    return max(moments) if moments else timezone.now()


def practice_load(*, data: PracticeData, parent: PracticeIndexPage, force: bool) -> LoadResult:
    """Create, update or leave one practice page, as the editors-win rule says."""
    record = _record(PRACTICE, data.slug)
    page = PracticePage.objects.filter(slug=data.slug).first()
    if page is None and record is not None and not force:
        return LoadResult(LoadOutcome.SKIPPED, "deleted in the admin; --force recreates it")
    if page is not None and not force:
        page = page.specific
        loaded_checksum = record.checksum if record else page.source_checksum
        if loaded_checksum == data.checksum:
            return LoadResult(LoadOutcome.UNCHANGED)
        changed_at = practice_admin_change(page, record)
        if changed_at is not None:
            return LoadResult(LoadOutcome.SKIPPED, f"edited in the admin since {_when(changed_at)}")
    created = practice_upsert(data=data, parent=parent).value == "created"
    page = PracticePage.objects.get(slug=data.slug)
    _remember(PRACTICE, data.slug, data.checksum, page.latest_revision_id)
    return LoadResult(LoadOutcome.CREATED if created else LoadOutcome.UPDATED)


def _plain(value: Any) -> str:
    # 52.09 from a file and 52.0900 from the database are the same coordinate.
    return str(value.normalize()) if isinstance(value, Decimal) else str(value)


def _values_checksum(values: dict[str, Any]) -> str:
    text = json.dumps(values, sort_keys=True, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


def category_load(
    *, kind: str, model: type[models.Model], entries: list[dict[str, Any]], force: bool
) -> dict[str, LoadResult]:
    """Create or update the entries of one category list; an editor's rename is kept.

    Returns the outcome per slug. An entry is updated only while its row still holds what
    the last load wrote; entries that exist only in the database are kept.
    """
    results: dict[str, LoadResult] = {}
    for position, entry in enumerate(entries):
        values = {key: value for key, value in entry.items() if key != "slug"}
        values.setdefault("sort_order", position)
        results[entry["slug"]] = _category_entry_load(kind, model, entry["slug"], values, force)
    return results


def _category_entry_load(
    kind: str, model: type[models.Model], slug: str, values: dict[str, Any], force: bool
) -> LoadResult:
    wanted = _values_checksum(values)
    record = _record(kind, slug)
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        if record is not None and not force:
            return LoadResult(LoadOutcome.SKIPPED, "deleted in the admin; --force recreates it")
        model.objects.create(slug=slug, **values)
        _remember(kind, slug, wanted)
        return LoadResult(LoadOutcome.CREATED)
    current = _values_checksum({key: getattr(obj, key) for key in values})
    if current == wanted:
        _remember(kind, slug, wanted)
        return LoadResult(LoadOutcome.UNCHANGED)
    if record is not None and record.checksum == wanted and not force:
        return LoadResult(LoadOutcome.UNCHANGED)  # the file did not change; the admin did
    if not force and (record is None or record.checksum != current):
        since = _when(record.loaded_at) if record else "de vorige versie van de lader"
        return LoadResult(LoadOutcome.SKIPPED, f"edited in the admin since {since}")
    for key, value in values.items():
        setattr(obj, key, value)
    obj.save()
    _remember(kind, slug, wanted)
    return LoadResult(LoadOutcome.UPDATED)
