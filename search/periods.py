"""Period facet: five-year buckets a practice was active in (shared by both engines)."""

from __future__ import annotations

from datetime import date

FIRST_BUCKET_START = 2000
BUCKET_YEARS = 5
EARLY_BUCKET = "tot-2000"


def period_buckets(start: int | None, end: int | None, *, today: date | None = None) -> list[str]:
    """Every bucket the years start…end overlap; an open end counts up to this year.

    With an unknown start only the end year's bucket counts; with neither, none.
    """
    if start is None:
        return [] if end is None else period_buckets(end, end)
    last = end if end is not None else max(start, (today or date.today()).year)
    buckets = []
    if start < FIRST_BUCKET_START:
        buckets.append(EARLY_BUCKET)
    first = max(start, FIRST_BUCKET_START)
    bucket_start = first - (first - FIRST_BUCKET_START) % BUCKET_YEARS
    while bucket_start <= last:
        buckets.append(f"{bucket_start}-{bucket_start + BUCKET_YEARS - 1}")
        bucket_start += BUCKET_YEARS
    return buckets


def period_bucket_range(bucket: str) -> tuple[int | None, int]:
    """The first and last year of a bucket key (None: open start)."""
    if bucket == EARLY_BUCKET:
        return None, FIRST_BUCKET_START - 1
    first, last = bucket.split("-")
    return int(first), int(last)


def period_bucket_label(bucket: str) -> str:
    first, last = period_bucket_range(bucket)
    return f"vóór {FIRST_BUCKET_START}" if first is None else f"{first}–{last}"


def period_bucket_keys(*, today: date | None = None) -> list[str]:
    """All buckets from the early one up to the current one, oldest first."""
    return [EARLY_BUCKET, *period_buckets(FIRST_BUCKET_START, None, today=today)]
