"""The member group, the editors' rights on the Community of Practice, and note moderation.

- CoP-lid: members of the public site; no admin access and no rights in the admin.
- Redacteur and Hoofdredacteur may invite members and read the notes; the Hoofdredacteur
  also edits, publishes and deletes them.
- Notes go through the same workflow as pages ("Redactionele toets"), so a member's note
  waits for the Hoofdredacteur like a page does.
"""

from django.db import migrations

MEMBER_GROUP = "CoP-lid"
EDITOR_RIGHTS = {
    "Redacteur": [("member", "add"), ("member", "view"), ("experiencenote", "view")],
    "Hoofdredacteur": [
        ("member", "add"),
        ("member", "view"),
        ("experiencenote", "view"),
        ("experiencenote", "change"),
        ("experiencenote", "publish"),
        ("experiencenote", "delete"),
    ],
}
WORKFLOW_NAME = "Redactionele toets"


def _permission(apps, model: str, action: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="community", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def create(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MEMBER_GROUP)
    for group_name, rights in EDITOR_RIGHTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            group.permissions.add(*(_permission(apps, *right) for right in rights))
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        note_type, _ = ContentType.objects.get_or_create(
            app_label="community", model="experiencenote"
        )
        WorkflowContentType.objects.get_or_create(
            content_type=note_type, defaults={"workflow": workflow}
        )


def remove(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name=MEMBER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_members_notes_comparisons"),
        ("practices", "0003_editorial_desk"),
    ]

    operations = [migrations.RunPython(create, remove)]
