"""Tests: tasks run inline, fast password hashing. Engines come from the environment."""

from website.settings.base import *  # noqa: F403

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SEARCH_GAPS_FLUSH_SECONDS = 0  # no writer thread outside the test's transaction
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the source folders: tests do not run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Rate limits off except in the tests that switch them on (the suite asks hundreds of searches).
RATELIMIT_ENABLE = False
# Also in the site's own process under gunicorn (browser tests): no SMTP server here.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests change indexes behind the services' back (fixtures, direct writes): cached responses
# would outlive them. tests/test_response_cache.py switches the cache on where it is tested.
SEARCH_RESPONSE_CACHE = False
# Each test process counts on its own (tests switch the cache per test); the shared default
# (site/cache.py) is tested in tests/test_hardening.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
