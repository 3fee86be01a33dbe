"""Locust users for `make benchmark`'s throughput levels: each user sends the fixed query mix
(benchmarks/mix.py) one request after another, without pauses (a closed loop)."""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, constant, events, task

from benchmarks.mix import MIX

CACHE = {"hit": 0, "miss": 0}


@events.request.add_listener
def _count_cache(response=None, **kwargs) -> None:
    state = response.headers.get("X-Search-Cache") if response is not None else None
    if state in CACHE:
        CACHE[state] += 1


@events.quitting.add_listener
def _write_cache_counts(**kwargs) -> None:
    if path := os.environ.get("BENCH_CACHE_FILE"):
        with open(path, "w") as handle:
            json.dump(CACHE, handle)


class Searcher(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        queries = list(MIX)
        random.Random(id(self)).shuffle(queries)
        self.queries = itertools.cycle(queries)

    @task
    def search(self) -> None:
        query = next(self.queries)
        self.client.get(query.api_url(), name=query.kind)
