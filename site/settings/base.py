"""Settings shared by every environment. Everything secret or deployment-specific comes from
the environment; see the README's configuration table."""

import re
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
    "practices.community",
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
    "csp",
    "axes",
    "django_ratelimit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "website.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "website.ratelimit.RateLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous search API responses, cached per index generation (search/response_cache.py).
    "search.response_cache.SearchResponseCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
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
        # A kept connection is checked before a request reuses it, so the first requests after
        # a PostgreSQL restart reconnect instead of failing on a dead connection.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username + IP is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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
# Front-end packages from npm (package.json, installed by `make install`), served as our own
# static files: public pages load nothing from third parties.
NODE_MODULES = BASE_DIR / "node_modules"
_VENDOR = {
    "vendor/utrecht": NODE_MODULES / "@utrecht" / "component-library-css" / "dist",
    "vendor/voorbeeld-theme": NODE_MODULES
    / "@nl-design-system-unstable"
    / "voorbeeld-design-tokens"
    / "dist",
    "vendor/noto-sans": NODE_MODULES / "@fontsource" / "noto-sans",
}
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    *((prefix, path) for prefix, path in _VENDOR.items() if path.is_dir()),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# --- E-mail ------------------------------------------------------------------------------
# Invitations, the editors' workflow notifications and the members' weekly digest. SMTP from
# the environment in production; the quick start (settings.dev) prints mail to the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Wat Werkt in de Wijk <redactie@localhost>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Wat Werkt in de Wijk"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.documents.DocumentForm"
WWDW_DOCUMENT_MAX_BYTES = int(env_str("DOCUMENT_MAX_MB", "20")) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Security ----------------------------------------------------------------------------
# Content-Security-Policy: the public site runs no script and no inline style at all, so the
# policy allows only this site's own files. Wagtail's admin and the API's Swagger page need
# inline scripts and keep Django's own protections (CSRF, X-Frame-Options) instead.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/api/v1/docs"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Login throttling (admin and every other login through Django's auth): after 5 failures
# for one username from one IP, that pair is locked out for 15 minutes.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env_str("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_IPWARE_PROXY_COUNT = int(env_str("AXES_PROXY_COUNT", "0")) or None
# Rate limits per client IP: path prefix → "count/period" (site/ratelimit.py).
RATE_LIMITS = {
    "/api/v1/search": env_str("RATE_LIMIT_SEARCH", "120/m"),
    "/api/v1/facets": env_str("RATE_LIMIT_SEARCH", "120/m"),
    "/api/v1/suggest": env_str("RATE_LIMIT_SUGGEST", "300/m"),
    "/api/v1/export": env_str("RATE_LIMIT_EXPORT", "10/m"),
    "/zoeken/": env_str("RATE_LIMIT_SEARCH", "120/m"),
    "/vergelijk/": env_str("RATE_LIMIT_SEARCH", "120/m"),  # comparison downloads, as search's
}
RATELIMIT_ENABLE = env_bool("RATE_LIMIT_ENABLE", True)
# The cache holds the rate-limit counts and the facet labels; every process must see the
# same. Default: files on this machine (site/cache.py), shared by all gunicorn workers, with an
# atomic increment; one folder per database, so a test or fault run never shares counts with
# the site. Several machines: CACHE_URL=redis://… (Redis, shared by all of them).
if env_str("CACHE_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL", ""),
        }
    }
else:
    _db = DATABASES["default"]
    _cache_name = re.sub(
        r"[^A-Za-z0-9_.-]", "_", f"{Path(str(_db['NAME'])).name}-{_db.get('PORT') or ''}"
    )
    CACHES = {
        "default": {
            "BACKEND": "website.cache.SharedFileCache",
            "LOCATION": env_str("CACHE_DIR", str(VAR_DIR / "cache" / _cache_name)),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# django-ratelimit warns about every backend but memcached and django-redis (W001); Django's
# own Redis cache and ours both increment atomically.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Search -----------------------------------------------------------------------------
# One URL switches Elasticsearch on, for our catalogue search and for Wagtail's admin search.
# Credentials go in the URL (https://user:password@host:9200) or ELASTICSEARCH_API_KEY.
ELASTICSEARCH = {
    "URL": env_str("ELASTICSEARCH_URL", ""),
    "API_KEY": env_str("ELASTICSEARCH_API_KEY", ""),
    "CA_CERTS": env_str("ELASTICSEARCH_CA_CERTS", ""),
    "VERIFY_CERTS": env_bool("ELASTICSEARCH_VERIFY_CERTS", True),
    "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "wwdw"),
    # Seconds a user's search may wait for Elasticsearch (all its calls together) before the
    # database engine answers.
    "TIMEOUT": float(env_str("ELASTICSEARCH_TIMEOUT", "1.0")),
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
            # modelsearch's Elasticsearch 8 backend with our Dutch analysis that fails softly
            # (search/wagtail_backend.py, search/admin_backend.py)
            "BACKEND": "search.admin_backend",
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

# Anonymous search API responses are cached per index generation (search/response_cache.py).
SEARCH_RESPONSE_CACHE = env_bool("SEARCH_RESPONSE_CACHE", True)

# Searches that found 0–2 practices are counted in memory and written every this many seconds
# (search/gaps.py); 0 writes each one at once.
SEARCH_GAPS_FLUSH_SECONDS = float(env_str("SEARCH_GAPS_FLUSH_SECONDS", "10"))

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
        "website": {"handlers": ["console"], "level": env_str("WWDW_LOG_LEVEL", "INFO")},
        "content": {"handlers": ["console"], "level": env_str("WWDW_LOG_LEVEL", "INFO")},
        "elastic_transport": {"handlers": ["console"], "level": "WARNING"},
    },
}
