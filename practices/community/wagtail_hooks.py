"""The editors' side of the Community of Practice: moderating notes and inviting members."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from practices.community.forms import InviteForm
from practices.community.models import ExperienceNote, Member
from practices.community.services import member_invite

INVITE_PERMISSION = "community.add_member"


class ExperienceNoteViewSet(SnippetViewSet):
    """Notes arrive as drafts in 'Redactionele toets'; approving one publishes it."""

    model = ExperienceNote
    icon = "comment"
    menu_label = "Ervaringen van leden"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "member", "created_at", "live"]
    list_filter = ["live", "city"]
    search_fields = ["tried", "happened", "contact_organisation"]


register_snippet(ExperienceNoteViewSet)


def members_invite(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(INVITE_PERMISSION):
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = member_invite(invited_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"Uitnodiging verstuurd naar {invitation.member.user.email}.",
        )
        return redirect("community_members")
    members = Member.objects.select_related("user", "city").order_by("user__last_name")
    return TemplateResponse(
        request, "community/admin/members.html", {"form": form, "members": members}
    )


@hooks.register("register_admin_urls")
def register_members_url() -> list:
    return [path("cop-leden/", members_invite, name="community_members")]


@hooks.register("register_admin_menu_item")
def register_members_menu_item() -> MenuItem:
    class InviteMenuItem(MenuItem):
        def is_shown(self, request: HttpRequest) -> bool:
            return request.user.has_perm(INVITE_PERMISSION)

    return InviteMenuItem("CoP-leden", reverse("community_members"), icon_name="group", order=220)
