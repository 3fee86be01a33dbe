"""Local development: DEBUG on, a per-checkout secret key kept in var/."""

import secrets

from website.settings.base import *  # noqa: F403
from website.settings.base import VAR_DIR
from website.settings.env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)


def _local_secret_key() -> str:
    """A random key generated once per checkout, so no key is ever committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or _local_secret_key()
# Mail (invitations, review notifications, digests) appears in the terminal of `make run`.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
