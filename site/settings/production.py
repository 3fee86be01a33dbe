"""Production: everything secret from the environment; refuse to start without it.

HTTPS only: HSTS, a redirect to https and secure cookies. The site sits behind a proxy that
terminates TLS and sets X-Forwarded-Proto.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from website.settings.base import *  # noqa: F403
from website.settings.env import env_bool, env_str

# Keys that are public (examples, tests, defaults) or too weak to sign sessions with.
_KNOWN_KEYS = {"tests-only-not-secret", "changeme", "secret", "django-insecure"}
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why `key` must not sign production sessions, or None if it will do."""
    if not key:
        return "DJANGO_SECRET_KEY must be set in production"
    if key in _KNOWN_KEYS or key.startswith("django-insecure"):
        return "DJANGO_SECRET_KEY is a default or example key; generate a new one"
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_CHARACTERS:
        return (
            f"DJANGO_SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random "
            "characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    return None


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(problem)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env_str("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
