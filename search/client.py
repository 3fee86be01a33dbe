"""The one module that talks to Elasticsearch's connection settings (ELASTICSEARCH_URL)."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH["URL"])


@lru_cache(maxsize=1)
def elasticsearch_client() -> Elasticsearch:
    """The shared client, registered as elasticsearch.dsl's default connection.

    Several nodes may be given comma-separated in ELASTICSEARCH_URL; the client then moves
    to another node when one refuses a connection. Search calls fail fast: a short timeout
    (ELASTICSEARCH_TIMEOUT, 1.2 s) and no retry after a timeout, because a hung engine
    would make the user wait twice; the database engine answers instead. Writes and
    maintenance use `elasticsearch_index_client()`, with a long timeout.
    """
    config = settings.ELASTICSEARCH
    hosts = [url.strip() for url in config["URL"].split(",") if url.strip()]
    options: dict = {
        "request_timeout": config["TIMEOUT"],
        "max_retries": max(1, len(hosts) - 1),  # another node after a refused connection
        "retry_on_timeout": False,
        "verify_certs": config["VERIFY_CERTS"],
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
