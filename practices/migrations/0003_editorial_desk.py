"""The editorial desk: two roles and a Dutch moderation workflow.

- Redacteur: drafts and submits for review (add + change on the page tree).
- Hoofdredacteur: also approves, publishes, schedules, locks and unlocks.
The workflow Wagtail creates ("Moderators approval") is renamed, and its one task is
approved by the Hoofdredacteur group. Permissions sit on the root page, so they cover the
catalogue however and whenever the page tree is built (the loader creates it later).
"""

from django.db import migrations

ROLES = {
    "Redacteur": ("add", "change"),
    "Hoofdredacteur": ("add", "change", "publish", "lock", "unlock"),
}
PERMISSION_NAMES = {
    "add": "Can add page",
    "change": "Can change page",
    "publish": "Can publish page",
    "lock": "Can lock page",
    "unlock": "Can unlock page",
}
WORKFLOW_NAME = "Redactionele toets"
TASK_NAME = "Goedkeuring door de hoofdredactie"


def _permission(apps, app_label: str, model: str, codename: str, name: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _workflow(apps, root, reviewers) -> None:
    """Rename Wagtail's default workflow and task (or create them), reviewed by `reviewers`."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is None:
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    workflow.name = WORKFLOW_NAME
    workflow.save(update_fields=["name"])

    link = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order").first()
    task = GroupApprovalTask.objects.filter(pk=link.task_id).first() if link else None
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    task.name = TASK_NAME
    task.save(update_fields=["name"])
    task.groups.set([reviewers])
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})


def create_editorial_desk(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()
    access_admin = _permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    groups = {}
    for role, actions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(access_admin)
        for action in actions:
            permission = _permission(
                apps, "wagtailcore", "page", f"{action}_page", PERMISSION_NAMES[action]
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission
            )
        groups[role] = group
    _workflow(apps, root, groups["Hoofdredacteur"])


def remove_editorial_desk(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_evidence_schema"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editorial_desk, remove_editorial_desk)]
