"""The one module that talks to Elasticsearch's connection settings (ELASTICSEARCH_URL)."""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from django.conf import settings
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, Transport
from elastic_transport.client_utils import DEFAULT
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections
from urllib3 import Timeout

# The monotonic time by which the user's request must be done with Elasticsearch (None: no
# budget, as in the worker and in maintenance commands).
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "elasticsearch_deadline", default=None
)


@contextmanager
def search_deadline(seconds: float) -> Iterator[None]:
    """Every Elasticsearch call inside shares one budget of `seconds`, however many a search
    makes (exact pass, typo-tolerant pass, spelling check): a slow engine cannot make the user
    wait a timeout per call."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


class DeadlineTransport(Transport):
    """A transport that gives each attempt only what is left of the current search budget.

    Inside `search_deadline`, retries (another node after a refused connection) are made
    here, each with the time then left, and the timeout is a total for connecting and
    reading (urllib3 counts a plain number per socket operation), so no attempt, and no
    sequence of attempts, outlasts the budget.
    """

    def perform_request(self, method: str, target: str, **kwargs: Any) -> Any:
        deadline = _deadline.get()
        if deadline is None:
            return super().perform_request(method, target, **kwargs)
        retries = kwargs.pop("max_retries", DEFAULT)
        retries = self.max_retries if retries is DEFAULT else retries
        kwargs.pop("request_timeout", None)
        for attempt in range(retries + 1):
            left = deadline - time.monotonic()
            if left <= 0.01:
                raise ConnectionTimeout("the search's time budget for Elasticsearch is spent")
            try:
                return super().perform_request(
                    method, target, **kwargs, max_retries=0, request_timeout=Timeout(total=left)
                )
            except TransportConnectionError:  # refused or reset; a timeout is not retried
                if attempt >= retries:
                    raise
        raise AssertionError("unreachable")


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH["URL"])


@lru_cache(maxsize=1)
def elasticsearch_client() -> Elasticsearch:
    """The shared client, registered as elasticsearch.dsl's default connection.

    Several nodes may be given comma-separated in ELASTICSEARCH_URL; the client then moves
    to another node when one refuses a connection. Search calls fail fast: a short timeout
    (ELASTICSEARCH_TIMEOUT, 1.0 s, for all the calls of one search together, see
    `search_deadline`) and no retry after a timeout, because a hung engine would make the
    user wait twice; the database engine answers instead. Writes and
    maintenance use `elasticsearch_index_client()`, with a long timeout.
    """
    config = settings.ELASTICSEARCH
    hosts = [url.strip() for url in config["URL"].split(",") if url.strip()]
    options: dict = {
        "request_timeout": config["TIMEOUT"],
        "max_retries": max(1, len(hosts) - 1),  # another node after a refused connection
        "retry_on_timeout": False,
        "verify_certs": config["VERIFY_CERTS"],
        "transport_class": DeadlineTransport,
    }
    if config["CA_CERTS"]:
        options["ca_certs"] = config["CA_CERTS"]
    if config["API_KEY"]:
        options["api_key"] = config["API_KEY"]
    client = Elasticsearch(hosts, **options)
    connections.add_connection("default", client)
    return client


def elasticsearch_index_client() -> Elasticsearch:
    """The shared client with the long timeout of background writes (the worker, rebuilds)."""
    return elasticsearch_client().options(
        request_timeout=settings.ELASTICSEARCH["INDEX_TIMEOUT"], retry_on_timeout=True
    )


def elasticsearch_reset() -> None:
    """Forget the client (tests and settings changes)."""
    elasticsearch_client.cache_clear()
