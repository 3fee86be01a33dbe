"""Shared test setup: the real corpus in the test database, engines from the environment.

`make test` starts PostgreSQL and Elasticsearch and passes DATABASE_URL and ELASTICSEARCH_URL.
Tests that need an engine fail (never skip) when it is missing, so a green run always means
the real engines were used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from search.client import elasticsearch_reset
from search.engines.snapshot import catalogue_snapshot_clear
from search.selectors import breaker

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_report_header(config: pytest.Config) -> list[str]:
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return [
        f"database: {database}",
        f"elasticsearch: {os.environ.get('ELASTICSEARCH_URL') or 'NOT CONFIGURED'}",
    ]


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI", "").lower() != "true":
        return
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("CI must run on PostgreSQL (DATABASE_URL=postgres://…)")
    if not os.environ.get("ELASTICSEARCH_URL"):
        problems.append("CI must run with Elasticsearch (ELASTICSEARCH_URL)")
    if problems:
        raise pytest.UsageError("; ".join(problems))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """Load the real content/ corpus once; every test runs on it inside a transaction."""
    with django_db_blocker.unblock():
        # An empty index behind the alias first, so the load's index updates land in it.
        call_command("search_index", "rebuild", verbosity=0)
        call_command("load_content", verbosity=0)
        if settings.ELASTICSEARCH["URL"]:
            # Wagtail's own admin search runs on the same Elasticsearch.
            call_command("wagtail_update_index", verbosity=0, stdout=StringIO())


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Tests roll back the database; cached facet vocabularies must not outlive that, nor
    the database engine's snapshot (kept per index generation, which rolls back too)."""
    cache.clear()
    catalogue_snapshot_clear()
    breaker.reset(shared=False)  # the shared state lives in the rolled-back database
    yield
    cache.clear()
    catalogue_snapshot_clear()


@pytest.fixture
def editor_client(client):
    """A client logged in as a superuser (the admin as an editor-in-chief sees it)."""
    user = get_user_model().objects.create_superuser("redacteur", "r@example.org", "geheim")
    client.force_login(user)
    return client


@pytest.fixture
def require_elasticsearch() -> Iterator[None]:
    if not settings.ELASTICSEARCH["URL"]:
        pytest.fail(
            "This test needs Elasticsearch: run it through `make test`, which starts one, or "
            "set ELASTICSEARCH_URL."
        )
    elasticsearch_reset()
    yield
