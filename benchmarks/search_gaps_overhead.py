"""How much counting a zero-result search adds to it (search/gaps.py).

    .venv/bin/python manage.py shell < benchmarks/search_gaps_overhead.py  (with DATABASE_URL, …)

Times, for the same zero-result search: the search itself, the buffered note (the default),
and a note written at once (SEARCH_GAPS_FLUSH_SECONDS=0, as in tests).
"""

import statistics
import time

from django.utils import timezone

from search.facets import facet_vocabulary
from search.gaps import GapBuffer, gap_key, search_gaps_flush
from search.models import SearchGap
from search.query import search_request_build
from search.selectors import practice_search

ROUNDS = 300
request = search_request_build(
    text="kabouterwoning zwerfvuil", filters={}, vocabulary=facet_vocabulary()
)


def timed(action) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name:<34} median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms")


results = practice_search(request)
print(f"engine: {results.engine}, total: {results.total}, rounds: {ROUNDS}")
report("search (practice_search)", timed(lambda: practice_search(request)))
key = gap_key(request.text, {})
buffered = GapBuffer(interval=3600)
report("note, buffered (default)", timed(lambda: buffered.add(key, 0, timezone.now())))
immediate = GapBuffer(interval=0)
report("note, written at once", timed(lambda: immediate.add(key, 0, timezone.now())))
start = time.perf_counter()
buffered.flush()
print(f"flush of {ROUNDS} buffered notes: {(time.perf_counter() - start) * 1000:.2f} ms")
search_gaps_flush()
SearchGap.objects.filter(text=key[0]).delete()
