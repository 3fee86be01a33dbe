from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The Community of Practice: members, their experience notes, proposals and follows."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "practices.community"
    label = "community"
    verbose_name = "Community of Practice"
