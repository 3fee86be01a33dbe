from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Praktijken"
    default_auto_field = "django.db.models.BigAutoField"
