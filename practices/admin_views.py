"""Small admin endpoints for the practice editor."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from practices.markdown import render_markdown

MAX_PREVIEW_CHARS = 100_000


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """Markdown from the editor, rendered and sanitised exactly as on the public page.

    Behind the admin login and CSRF check (Wagtail wraps hook URLs in require_admin_access).
    """
    text = request.POST.get("text", "")[:MAX_PREVIEW_CHARS]
    return HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")
