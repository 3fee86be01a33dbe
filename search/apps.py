from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import lexicon, signals

        signals.connect()
        # The Dutch lexicon takes ~2 s to load: load it beside start-up, not in a first
        # search or a first publish.
        lexicon.warm_in_background()
