"""The practice editor: tabs, widgets, Markdown preview and the honesty rules."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from practices.editor import JUSTIFICATION_NEEDED, RESULTS_NEEDED, SOURCE_NEEDED
from practices.models import EvidenceLevel, Outcome, PracticePage

pytestmark = pytest.mark.django_db


def test_the_editor_has_five_dutch_tabs_and_friendly_widgets(editor_client):
    page = PracticePage.objects.filter(cities__slug="zwolle").first()
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    tabs = re.findall(r'id="tab-label-[^"]*"[^>]*>\s*([^<]+?)\s*<', html)
    assert tabs[:5] == [
        "Inhoud",
        "Bewijs",
        "Resultaten en kosten",
        "Bronnen en contact",
        "Promotie",
    ]
    assert "data-searchable-choices" in html  # cities: a filterable list of checkboxes
    assert 'type="checkbox" name="themes"' in html
    assert 'type="radio" name="evidence_level"' in html
    previewed = re.findall(r'<textarea name="(\w+)"[^>]*data-markdown-preview="/admin/', html)
    assert sorted(previewed) == ["approach", "costs_description", "lessons", "results"]
    assert "practices/admin/markdown-preview.js" in html
    assert "Typ om te filteren" in html


def test_the_markdown_preview_is_the_public_pipeline(editor_client, client):
    url = reverse("practices_markdown_preview")
    text = (
        "## Stappen\n\n- **eerst** bewoners\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    )
    response = editor_client.post(url, {"text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Stappen</h3>" in html and "<strong>eerst</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_the_markdown_preview_needs_an_editor_and_a_csrf_token(client):
    url = reverse("practices_markdown_preview")
    assert client.post(url, {"text": "x"}).status_code in (302, 403)
    user = get_user_model().objects.create_superuser("r2", "r2@example.org", "geheim")
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post(url, {"text": "x"}).status_code == 403


def _messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


def test_a_level_above_the_lowest_needs_a_justification_and_a_source():
    page = PracticePage.objects.first()
    page.evidence_level = EvidenceLevel.objects.order_by("rank").last()
    page.evidence_justification = "  "
    with pytest.raises(ValidationError) as raised:
        page.clean_content(source_count=0)
    assert JUSTIFICATION_NEEDED in _messages(raised.value)
    assert SOURCE_NEEDED in _messages(raised.value)

    page.evidence_level = EvidenceLevel.objects.order_by("rank").first()
    page.clean_content(source_count=0)  # a practice example may stand on its description


def test_an_outcome_that_claims_an_effect_needs_results():
    page = PracticePage.objects.first()
    page.outcome = Outcome.objects.get(slug="werkt-niet")
    page.results = "Zie boven."
    with pytest.raises(ValidationError) as raised:
        page.clean_content()
    assert _messages(raised.value) == [RESULTS_NEEDED]
    page.outcome = Outcome.objects.get(slug="onbekend")
    page.clean_content()


def test_every_seed_practice_meets_the_honesty_rules():
    for page in PracticePage.objects.with_relations():
        page.clean_content(source_count=len(page.sources.all()))


def test_the_admin_form_rejects_a_supported_level_without_sources(editor_client):
    page = PracticePage.objects.first()
    url = f"/admin/pages/{page.pk}/edit/"
    response = editor_client.get(url)
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    for prefix in form.formsets:  # no inline rows at all: in particular no source
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data["evidence_level"] = EvidenceLevel.objects.order_by("rank").last().pk
    response = editor_client.post(url, {k: v for k, v in data.items() if v != ""})
    assert response.status_code == 200  # the form again, not a redirect
    assert "minstens één bron" in response.content.decode()


def _listed(client, **params) -> set[int]:
    html = client.get("/admin/praktijken/", params).content.decode()
    return {int(pk) for pk in re.findall(r"/admin/pages/(\d+)/edit/", html)}


def test_the_practice_listing_filters_by_city_theme_level_outcome_and_status(editor_client):
    from practices.models import City, Theme

    rotterdam = City.objects.get(slug="rotterdam")
    expected = set(PracticePage.objects.filter(cities=rotterdam).values_list("pk", flat=True))
    assert len(expected) > 5
    assert _listed(editor_client, cities=rotterdam.pk) == expected

    theme = Theme.objects.first()
    works = Outcome.objects.get(slug="werkt")
    both = PracticePage.objects.filter(themes=theme, outcome=works).values_list("pk", flat=True)
    assert _listed(editor_client, themes=theme.pk, outcome=works.pk) == set(both)

    level = EvidenceLevel.objects.order_by("rank").first()
    at_level = PracticePage.objects.filter(evidence_level=level).values_list("pk", flat=True)
    assert _listed(editor_client, evidence_level=level.pk) == set(at_level)

    draft = PracticePage.objects.get(pk=min(expected))
    draft.unpublish()
    assert _listed(editor_client, status="concept") == {draft.pk}
    assert draft.pk not in _listed(editor_client, status="gepubliceerd", cities=rotterdam.pk)
