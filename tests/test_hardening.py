"""Security settings and the edge of the site: production keys, HTTPS, request ids, errors."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time

import pytest
from django.db import OperationalError
from django.test import Client

from tests.conftest import ROOT

STRONG_KEY = "k3Y-" + "x9Qz7LmN2pR5tV8wB1cD4fG6hJ0kS3uY" * 2


def _manage(*args: str, secret_key: str) -> subprocess.CompletedProcess:
    # A production process as deployed: without the browser tests' async switch.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "wijk.example.org",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key", ["", "tests-only-not-secret", "django-insecure-abc", "kort-geheim", "a" * 60]
)
def test_production_refuses_a_missing_short_or_default_secret_key(key):
    result = _manage("check", secret_key=key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_passes_the_deploy_check_with_hsts_and_https_redirect():
    result = _manage("check", "--deploy", secret_key=STRONG_KEY)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # HSTS, SSL redirect, secure session and CSRF cookies, secret key. (Only W021, the HSTS
    # preload list, is left to the operator: joining it cannot be undone quickly.)
    for check in ("W004", "W008", "W009", "W012", "W016"):
        assert check not in output, output


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_reuses_a_sane_one():
    client = Client()
    assert len(client.get("/api/v1/search").headers["X-Request-ID"]) == 32
    given = client.get("/api/v1/search", headers={"X-Request-ID": "proxy-1234abcd"})
    assert given.headers["X-Request-ID"] == "proxy-1234abcd"
    forged = client.get("/api/v1/search", headers={"X-Request-ID": "<script>\n"})
    assert forged.headers["X-Request-ID"] != "<script>\n"


@pytest.mark.django_db
def test_an_unknown_api_url_answers_json():
    response = Client().get("/api/v1/bestaat-niet/")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["detail"] == "niet gevonden"


@pytest.mark.django_db
def test_an_api_500_is_json_and_logged_with_its_request_id(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr("search.api.practice_search", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/api/v1/search?q=wijk")
    assert response.status_code == 500
    body = response.json()
    assert body["request_id"] == response.headers["X-Request-ID"]
    assert any(
        body["request_id"] in record.getMessage() and record.exc_info for record in caplog.records
    )


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy():
    response = Client().get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_search_over_its_rate_limit_gets_a_dutch_429(settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "/api/v1/search": "3/m", "/zoeken/": "3/m"}
    client = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [client.get("/api/v1/search?q=wijk").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/search?q=wijk")
    assert limited.headers["Retry-After"] == "60"
    assert "Wacht een minuut" in limited.json()["detail"]
    for _ in range(3):
        client.get("/zoeken/?q=wijk")
    page = client.get("/zoeken/?q=wijk")
    assert page.status_code == 429 and "Wacht een minuut" in page.content.decode()
    # Another client is not affected.
    assert Client(REMOTE_ADDR="192.0.2.8").get("/api/v1/search?q=wijk").status_code == 200


@pytest.mark.django_db
def test_admin_login_locks_out_after_five_wrong_passwords(django_user_model):
    django_user_model.objects.create_superuser("redacteur", password="juist-wachtwoord-123")
    client = Client(REMOTE_ADDR="192.0.2.9")

    def attempt(password: str):
        return client.post(
            "/admin/login/", {"username": "redacteur", "password": password}, follow=False
        )

    assert [attempt("fout").status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    locked = attempt("juist-wachtwoord-123")  # even the right password, while locked out
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Another editor from another address can still log in.
    django_user_model.objects.create_superuser("collega", password="ander-wachtwoord-456")
    other = Client(REMOTE_ADDR="192.0.2.10").post(
        "/admin/login/", {"username": "collega", "password": "ander-wachtwoord-456"}
    )
    assert other.status_code == 302


_COUNT_IN_A_PROCESS = """
import os, sys, time
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from website.ratelimit import RateLimitMiddleware

limited = RateLimitMiddleware(lambda request: HttpResponse("ok"))
request = RequestFactory().get("/api/v1/search", REMOTE_ADDR="192.0.2.60")
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # both processes count at once
with override_settings(RATE_LIMITS={"/api/v1/search": "300/d"}):
    print(sum(limited(request).status_code == 429 for _ in range(200)))
"""


def test_gunicorn_workers_share_one_rate_limit_count(tmp_path):
    """The production default cache (site/cache.py): two processes, 200 searches each from
    one address, limit 300: exactly 100 answered 429 (per-process counting gives none, a
    non-atomic increment fewer)."""
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in ("CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
        },
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "DJANGO_SECRET_KEY": STRONG_KEY,
        "CACHE_DIR": str(tmp_path / "cache"),
        "RATE_LIMIT_ENABLE": "true",
    }
    start_at = str(time.time() + 4)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _COUNT_IN_A_PROCESS, start_at],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    assert sum(int(out) for out, _err in outputs) == 100


@pytest.mark.django_db
def test_a_database_outage_gets_a_dutch_503_with_retry_after(monkeypatch):
    def database_away(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr("search.api.practice_search", database_away)
    monkeypatch.setattr("search.views.practice_search", database_away)
    client = Client(raise_request_exception=False)
    api = client.get("/api/v1/search?q=wijk")
    assert api.status_code == 503 and api.headers["Retry-After"] == "30"
    assert "even niet bereikbaar" in api.json()["detail"]
    page = client.get("/zoeken/?q=wijk")
    assert page.status_code == 503 and page.headers["Retry-After"] == "30"
    assert "Even niet bereikbaar" in page.content.decode()
    # Any other error stays a 500.
    monkeypatch.setattr("search.api.practice_search", lambda *a, **k: 1 / 0)
    assert client.get("/api/v1/search?q=wijk").status_code == 500
