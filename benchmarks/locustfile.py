"""Locust users for `make benchmark`'s throughput levels: each user sends the fixed query mix
(benchmarks/mix.py) one request after another, without pauses (a closed loop)."""

from __future__ import annotations

import itertools
import random

from locust import HttpUser, constant, task

from benchmarks.mix import MIX


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
