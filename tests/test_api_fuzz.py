"""Schemathesis: the API, driven by its own OpenAPI schema, never answers with a 5xx.

Bounded for CI: a fixed number of examples per operation, no deadline. Every response must
also match the schema it documents (content types, bodies, methods).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance, status_code_conformance

from website.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
MAX_EXAMPLES = 40


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """Called as a WSGI app, Django closes the database connection after each request, and
    with it the test's transaction; Django's own test client switches that off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_every_generated_request_without_a_server_error(case):
    # Two contract checks are left out for now: the schema does not list the facet values
    # (so a valid-looking unknown value is "rejected" with a 400) nor every 400 it can give.
    case.call_and_validate(excluded_checks=[positive_data_acceptance, status_code_conformance])
