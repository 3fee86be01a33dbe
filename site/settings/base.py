"""Settings shared by every environment. Everything secret or deployment-specific comes from
the environment; see the README's configuration table."""

from pathlib import Path

import dj_database_url

from website.settings.env import env_bool, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/
BASE_DIR = PROJECT_DIR.parent  # repository root
VAR_DIR = Path(env_str("WWDW_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "practices",
    "search",
    "content",
    "wagtail.contrib.routable_page",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",  # serves Swagger UI's files for /api/v1/docs locally (no CDN)
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "website.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.catalogue",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

WAGTAIL_SITE_NAME = "Wat Werkt in de Wijk"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]

# --- Search -----------------------------------------------------------------------------
# One URL switches Elasticsearch on, for our catalogue search and for Wagtail's admin search.
# Credentials go in the URL (https://user:password@host:9200) or ELASTICSEARCH_API_KEY.
ELASTICSEARCH = {
    "URL": env_str("ELASTICSEARCH_URL", ""),
    "API_KEY": env_str("ELASTICSEARCH_API_KEY", ""),
    "CA_CERTS": env_str("ELASTICSEARCH_CA_CERTS", ""),
    "VERIFY_CERTS": env_bool("ELASTICSEARCH_VERIFY_CERTS", True),
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "wwdw"),
    # Seconds a user's search may wait for Elasticsearch before the database engine answers.
    "TIMEOUT": float(env_str("ELASTICSEARCH_TIMEOUT", "1.5")),
    # Seconds for index writes in the worker and for maintenance commands.
    "INDEX_TIMEOUT": float(env_str("ELASTICSEARCH_INDEX_TIMEOUT", "30")),
}

if ELASTICSEARCH["URL"]:
    _es_options: dict = {"verify_certs": ELASTICSEARCH["VERIFY_CERTS"]}
    if ELASTICSEARCH["CA_CERTS"]:
        _es_options["ca_certs"] = ELASTICSEARCH["CA_CERTS"]
    if ELASTICSEARCH["API_KEY"]:
        _es_options["api_key"] = ELASTICSEARCH["API_KEY"]
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.elasticsearch8",
            "URLS": [url.strip() for url in ELASTICSEARCH["URL"].split(",") if url.strip()],
            "INDEX_PREFIX": f"{ELASTICSEARCH['INDEX_PREFIX']}_wagtail_",
            # Editors save through this backend too: the long timeout of index writes.
            "TIMEOUT": ELASTICSEARCH["INDEX_TIMEOUT"],
            "OPTIONS": _es_options,
            # Not from modelsearch's signal, which drops updates while Elasticsearch is down:
            # search/signals.py queues them as tasks with retries (search/admin_index.py).
            "AUTO_UPDATE": False,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}

# --- Background tasks ---------------------------------------------------------------------
# Index updates run in a worker (`manage.py db_worker`), so publishing never waits on
# Elasticsearch and a failed update is retried.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "website.middleware.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "loggers": {
        # Every 500 (with its traceback and request id), in every environment.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "search": {"handlers": ["console"], "level": env_str("WWDW_LOG_LEVEL", "INFO")},
        "content": {"handlers": ["console"], "level": env_str("WWDW_LOG_LEVEL", "INFO")},
        "elastic_transport": {"handlers": ["console"], "level": "WARNING"},
    },
}
