"""Wagtail's admin search index follows changes through the task queue, retries, is verified."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult
from elasticsearch import ConnectionError as ESConnectionError
from modelsearch.backends import get_search_backend

from practices.models import PracticePage
from search.admin_index import admin_index_repair, admin_index_verify
from search.tasks import admin_index_sync_task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("require_elasticsearch")]

SLUG = "wijkbedrijf-selwerd-groningen"


def admin_search(text: str) -> list[int]:
    backend = get_search_backend()
    backend.get_index_for_model(PracticePage).refresh()
    return [page.pk for page in backend.search(text, PracticePage)]


def test_a_published_change_reaches_the_admin_search(django_capture_on_commit_callbacks):
    page = PracticePage.objects.get(slug=SLUG)
    original = page.title
    try:
        page.title = "Wijkbedrijf Zonnebloemproef"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert page.pk in admin_search("Zonnebloemproef")
    finally:
        page.title = original
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    assert page.pk not in admin_search("Zonnebloemproef")


def test_a_change_made_while_elasticsearch_is_down_is_retried(settings, monkeypatch):
    """modelsearch drops such updates; our task puts itself back in the queue instead."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def unreachable(*args, **kwargs):
        raise ESConnectionError("connection refused")

    monkeypatch.setattr(type(get_search_backend()), "add", unreachable)
    page = PracticePage.objects.get(slug=SLUG)

    outcome = admin_index_sync_task.call("practices", "practicepage", str(page.pk))

    assert outcome == "retrying"
    retry = DBTaskResult.objects.get(task_path__endswith="admin_index_sync_task")
    assert retry.args_kwargs["args"] == ["practices", "practicepage", str(page.pk), 2]
    assert retry.status == "READY"


def test_verify_finds_a_lost_admin_update_and_repair_fixes_it():
    page = PracticePage.objects.get(slug=SLUG)
    original = page.title
    try:
        # A rename whose admin index update was lost (saved without signals).
        PracticePage.objects.filter(pk=page.pk).update(title="Wijkbedrijf Zonnebloemproef")
        assert page.pk in admin_index_verify().stale
        admin_index_repair(admin_index_verify())
        assert page.pk not in admin_index_verify().stale
        assert page.pk in admin_search("Zonnebloemproef")
    finally:
        PracticePage.objects.filter(pk=page.pk).update(title=original)
        admin_index_repair(admin_index_verify())


def test_admin_search_with_wrong_credentials_shows_no_results_instead_of_a_500(
    settings, client, django_user_model
):
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {**backend, "URLS": ["http://fout:wachtwoord@127.0.0.1:9"], "TIMEOUT": 1}
    }
    client.force_login(django_user_model.objects.create_superuser("redacteur", password="x" * 12))
    response = client.get("/admin/pages/search/", {"q": "wijkbedrijf"})
    assert response.status_code == 200
