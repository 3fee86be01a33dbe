"""The Django project: settings, URLs, templates and front-end (imported as ``website``)."""
