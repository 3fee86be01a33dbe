"""The members' pages on the public site (/cop/…). Editors work in the admin, not here."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from practices.community import selectors, services
from practices.community.forms import (
    AccountDeleteForm,
    ComparisonSaveForm,
    FollowForm,
    NoteForm,
    ProposalForm,
    SourceForm,
)
from practices.community.models import Member, SavedComparison
from practices.compare import practices_compare
from practices.models import PracticePage

View = Callable[..., HttpResponse]


def member_required(view: View) -> View:
    """Members only: others go to the member login (editors too: this is not the admin)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        member = selectors.member_for(request.user)
        if member is None:
            if request.user.is_authenticated:
                return render(request, "community/not_a_member.html", status=403)
            return redirect(f"{reverse('community:login')}?next={request.get_full_path()}")
        request.member = member
        return view(request, *args, **kwargs)

    return wrapped


class LoginView(auth_views.LoginView):
    template_name = "community/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("community:home")


class LogoutView(auth_views.LogoutView):
    next_page = "/"


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The invitation link: the member chooses a password and is logged in."""

    template_name = "community/welcome.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("community:home")


@member_required
def home(request: HttpRequest) -> HttpResponse:
    member: Member = request.member
    notes = list(member.notes.select_related("practice", "city").order_by("-created_at"))
    proposals = list(selectors.member_proposals(member))
    return render(
        request,
        "community/home.html",
        {
            "member": member,
            "notes": [(note, selectors.review_status(note)) for note in notes],
            "proposals": [(page, selectors.review_status(page)) for page in proposals],
            "comparisons": member.comparisons.all(),
            "themes": member.followed_themes.all(),
            "cities": member.followed_cities.all(),
        },
    )


@member_required
def note_create(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(PracticePage.objects.live(), slug=slug)
    member: Member = request.member
    form = NoteForm(request.POST or None, initial={"city": member.city})
    if request.method == "POST" and form.is_valid():
        services.note_submit(member=member, practice=practice, **form.cleaned_data)
        messages.success(
            request,
            "Dank u. Uw ervaring is naar de redactie gestuurd; na goedkeuring staat ze bij de "
            "praktijk.",
        )
        return redirect("community:home")
    return render(request, "community/note_form.html", {"form": form, "practice": practice})


@member_required
def proposal_create(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    source_form = SourceForm(request.POST or None, prefix="bron")
    if request.method == "POST" and form.is_valid() & source_form.is_valid():
        page = form.save(commit=False)
        services.proposal_submit(
            member=request.member,
            page=page,
            categories=form.categories(),
            source=source_form.save(commit=False),
        )
        messages.success(
            request,
            f"Dank u. Uw voorstel ‘{page.title}’ is naar de redactie gestuurd; niets wordt "
            "gepubliceerd zonder hun toets.",
        )
        return redirect("community:home")
    return render(
        request, "community/proposal_form.html", {"form": form, "source_form": source_form}
    )


@member_required
@require_POST
def comparison_save(request: HttpRequest) -> HttpResponse:
    form = ComparisonSaveForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) + form.errors.get("name", []):
            messages.error(request, error)
        return redirect("community:home")
    saved = services.comparison_save(
        member=request.member, name=form.cleaned_data["name"], slugs=form.cleaned_data["slugs"]
    )
    messages.success(request, f"Vergelijking ‘{saved.name}’ bewaard.")
    return redirect("community:home")


@member_required
@require_POST
def comparison_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedComparison, pk=pk, member=request.member)
    saved.delete()
    messages.success(request, f"Vergelijking ‘{saved.name}’ verwijderd.")
    return redirect("community:home")


def comparison_shared(request: HttpRequest, token: str) -> HttpResponse:
    """Read-only for anyone with the link; the owner may delete it from their page."""
    saved = get_object_or_404(SavedComparison.objects.select_related("member"), share_token=token)
    comparison = practices_compare(saved.slugs, pages=PracticePage.objects.live())
    member = selectors.member_for(request.user)
    return render(
        request,
        "community/comparison_shared.html",
        {"saved": saved, "comparison": comparison, "is_owner": member == saved.member},
    )


@member_required
def follow(request: HttpRequest) -> HttpResponse:
    member: Member = request.member
    initial = {
        "themes": member.followed_themes.all(),
        "cities": member.followed_cities.all(),
        "digest_enabled": member.digest_enabled,
    }
    form = FollowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.follows_set(member=member, **form.cleaned_data)
        messages.success(request, "Opgeslagen: dit volgt u.")
        return redirect("community:home")
    return render(request, "community/follow.html", {"form": form})


@csrf_exempt  # the link in the e-mail and a mail program's one-click POST carry no CSRF token
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    member = services.unsubscribe(token)
    if member is None:
        raise Http404("Onbekende afmeldlink.")
    return render(request, "community/unsubscribed.html", {"member": member})


@member_required
def my_data(request: HttpRequest) -> HttpResponse:
    """AVG: everything we keep about the member, to read, download and delete."""
    member: Member = request.member
    if request.GET.get("formaat") == "json":
        response = JsonResponse(selectors.member_data(member), json_dumps_params={"indent": 2})
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.account_delete(member)
        messages.success(request, "Uw account en uw ervaringen zijn verwijderd.")
        return redirect("/")
    data = selectors.member_data(member)
    return render(
        request,
        "community/my_data.html",
        {"form": form, "data": data, "data_json": json.dumps(data, indent=2, ensure_ascii=False)},
    )
