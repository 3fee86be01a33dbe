"""The editorial desk: roles, the Dutch workflow, and scheduled (un)publishing that happens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Workflow

from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def _page_permissions(group_name: str) -> set[str]:
    rows = GroupPagePermission.objects.filter(
        group__name=group_name, page=Page.get_first_root_node()
    )
    return set(rows.values_list("permission__codename", flat=True))


def test_the_migration_creates_the_two_roles():
    assert _page_permissions("Redacteur") == {"add_page", "change_page"}
    assert _page_permissions("Hoofdredacteur") >= {"add_page", "change_page", "publish_page"}
    for name in ("Redacteur", "Hoofdredacteur"):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()


def test_the_workflow_has_dutch_names_and_the_hoofdredactie_approves():
    workflow = Workflow.objects.get(active=True)
    assert workflow.name == "Redactionele toets"
    task = workflow.tasks.get().specific
    assert task.name == "Goedkeuring door de hoofdredactie"
    assert list(task.groups.values_list("name", flat=True)) == ["Hoofdredacteur"]
    assert not Workflow.objects.filter(name__contains="Moderators").exists()


def _run_scheduler_for(seconds: int) -> None:
    call_command("publish_scheduled_loop", interval=1, runs=seconds + 1)


def test_a_page_scheduled_seconds_ahead_goes_live(client):
    page = PracticePage.objects.live().first()
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404

    page.refresh_from_db()
    page.go_live_at = timezone.now() + timedelta(seconds=2)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.scheduled_revision is not None
    assert client.get(url).status_code == 404

    _run_scheduler_for(3)
    page.refresh_from_db()
    assert page.live
    assert client.get(url).status_code == 200


def test_a_page_set_to_expire_seconds_ahead_goes_offline(client):
    page = PracticePage.objects.live().first()
    page.expire_at = timezone.now() + timedelta(seconds=2)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200

    _run_scheduler_for(3)
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404
