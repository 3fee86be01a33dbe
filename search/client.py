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
    to another node when one fails. Search calls fail fast (one retry, short timeout) so the
    database engine can answer instead; indexing calls ask for longer timeouts themselves.
    """
    config = settings.ELASTICSEARCH
    hosts = [url.strip() for url in config["URL"].split(",") if url.strip()]
    options: dict = {
        "request_timeout": config["TIMEOUT"],
        "max_retries": 1,
        "retry_on_timeout": True,
        "verify_certs": config["VERIFY_CERTS"],
    }
    if config["CA_CERTS"]:
        options["ca_certs"] = config["CA_CERTS"]
    if config["API_KEY"]:
        options["api_key"] = config["API_KEY"]
    client = Elasticsearch(hosts, **options)
    connections.add_connection("default", client)
    return client


def elasticsearch_reset() -> None:
    """Forget the client (tests and settings changes)."""
    elasticsearch_client.cache_clear()
