"""Settings for Kyodo Portal, read from the environment.

Zero-setup default: an SQLite file and eager Celery, so a first run needs nothing else.
Production sets DATABASE_URL (PostgreSQL), REDIS_URL, SECRET_KEY, ALLOWED_HOSTS, EMAIL_URL and
SITE_URL; see README.md and .env.example.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from kyodo_portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines from .env without overriding the real environment (a variable set
    there to an empty value counts as unset, as everywhere here)."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if not os.environ.get(key, "").strip():
            os.environ[key] = value.strip("'\"")


def env(name: str, default=None):
    """The variable's value, or ``default`` when it is missing or empty.

    An empty value means "unset": .env.example and docker compose's env_file hand every listed
    variable to the process, the ones left blank as empty strings, and each must then take its
    documented default (an empty CELERY_BROKER_URL once meant an in-memory broker that loses
    every task)."""
    value = os.environ.get(name, "").strip()
    return value if value else default


# ENV_FILE names another file to read instead of .env; the image build points it at /dev/null so
# that nothing a developer left in the build context configures collectstatic.
_load_dotenv(Path(env("ENV_FILE", BASE_DIR / ".env")))


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def email_settings_from_url(url: str) -> dict:
    """Translate EMAIL_URL (smtp://user:pass@host:587/?tls=1, console://, locmem://)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "submission": "django.core.mail.backends.smtp.EmailBackend",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {scheme!r}")
    result = {"EMAIL_BACKEND": backends[scheme]}
    if scheme == "file":
        result["EMAIL_FILE_PATH"] = unquote(parts.path)
    if backends[scheme].endswith("smtp.EmailBackend"):
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        result.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or {"smtps": 465, "submission": 587}.get(scheme, 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=scheme == "smtps" or query.get("ssl") in {"1", "true"},
            EMAIL_USE_TLS=scheme == "submission" or query.get("tls") in {"1", "true"},
        )
    return result


DEBUG = env_bool("DEBUG", False)

# Only a developer's machine may run without a real key. What is wrong with the key is recorded
# here and refused where the portal starts serving (kyodo_portal.startup, called by wsgi.py and
# asgi.py) and by `check --deploy`, so that commands that sign nothing — makemigrations on a fresh
# checkout — still run. Django itself refuses to sign with an empty key.
_INSECURE_KEY_PREFIX = "django-insecure-"
SECRET_KEY = env("SECRET_KEY", "")
SECRET_KEY_PROBLEM = ""
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _INSECURE_KEY_PREFIX + "development-only-key-never-use-in-production"
elif not SECRET_KEY:
    SECRET_KEY_PROBLEM = (
        "SECRET_KEY is not set. Set SECRET_KEY in the environment (see .env.example); "
        "only DEBUG=true runs with a development key."
    )
elif not DEBUG and (SECRET_KEY.startswith(_INSECURE_KEY_PREFIX) or len(SECRET_KEY) < 32):
    SECRET_KEY_PROBLEM = "SECRET_KEY is too weak for DEBUG=false: use 50 random characters."

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
# Without SITE_URL, the address of the local server (scripts/demo runs it on PORT, default 8000).
SITE_URL = env("SITE_URL", f"http://127.0.0.1:{env('PORT', '8000')}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", SITE_URL if SITE_URL.startswith("https") else ""
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "kyodo_portal",
    "kyodo_portal.api",
    "partners",
    "selection",
    "projects",
    "evaluation",
    "casebook",
]
# The development data (manage.py seed_demo, seed_scale) lives in its own app, installed for
# development (DEBUG) and the test suite; a production deployment leaves it out unless asked
# for (DEVDATA=true, as the benchmark harness does to fill its databases).
DEVDATA = env_bool("DEVDATA", DEBUG or "pytest" in sys.modules)
if DEVDATA:
    INSTALLED_APPS.append("devdata")

MIDDLEWARE = [
    # First: every answer, redirects and refusals included, gets its request id and access line.
    "kyodo_portal.middleware.RequestIdMiddleware",
    # Next: probes get their answer before host validation and the https redirect, so
    # /healthz/live answers whatever Host header a load balancer or docker sends.
    "kyodo_portal.middleware.HealthCheckMiddleware",
    # Next: anonymous visitors get public pages from the cache before the rest of the stack runs
    # (kyodo_portal/core/page_cache.py says which requests and pages, and how they stay fresh).
    "kyodo_portal.core.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kyodo_portal.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as its documentation asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

if env_bool("QUERY_COUNT_HEADER"):
    # Benchmarks only: report each request's number of SQL statements in a response header.
    MIDDLEWARE.insert(0, "kyodo_portal.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "kyodo_portal.urls"
FORM_RENDERER = "kyodo_portal.form_renderer.PortalFormRenderer"
WSGI_APPLICATION = "kyodo_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kyodo_portal.context_processors.portal",
                # Last: a project page being stored gets a placeholder for its CSRF token.
                "kyodo_portal.core.person_pages.page_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DB_SERVER_SIDE_BINDING", default=True
):
    # Parameters sent apart from the SQL, so psycopg prepares a statement the fifth time a
    # connection runs it and PostgreSQL stops planning it anew: planning was most of the time of
    # the project page's many-join queries (3.4 ms to plan against 0.2 ms to run). Needs a
    # session-level connection: turn it off behind PgBouncer in transaction pooling mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The same switch, off, means PgBouncer in transaction pooling mode: a streamed .iterator()
    # (open-data CSVs, exports) then reads in chunks without a named cursor, which would live on
    # a server connection the pooler may already have given to someone else.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # Covering indexes (Index.include) serve the dashboard on PostgreSQL; elsewhere Django creates
    # the plain index and would warn about it on every migrate.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "kyodo_portal.auth.ThrottledLoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for an account from one address lock that account from that address for 30
# minutes (HTTP 429); fifty from one address, whatever the accounts, lock the address. Counting by
# account alone would let anyone lock anyone out; see kyodo_portal/lockout.py.
AXES_HANDLER = "kyodo_portal.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout are not counted, so the time the lockout page gives holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "kyodo_portal.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address as the API's rate limit reads it: X-Forwarded-For only behind our proxy (NUM_PROXIES).
AXES_CLIENT_IP_CALLABLE = "kyodo_portal.lockout.client_address"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Japanese first; English available through the switcher.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads live outside the public static path and are served only through permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise")

# Object storage (S3 API: AWS S3, MinIO, Ceph, a cloud's S3-compatible service) for every upload
# and generated file, once a bucket is named. Several web nodes and workers must share one store:
# a file uploaded through one node, or a workbook built by a worker, is read through another.
# Without a bucket, the local disk above (one machine only).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty means unset: AWS itself, and the keys from boto3's own chain (an instance
            # role) when no keys are given.
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            # "path" for servers reached by IP or a name without per-bucket subdomains.
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE"),
            # A key prefix, so that one bucket can hold several portals (or other things).
            "location": env("AWS_LOCATION", "").strip("/"),
            "signature_version": "s3v4",
            # Private objects: no ACL is sent, so an object is the bucket owner's alone (and a
            # bucket with ACLs disabled accepts the upload); the portal serves files itself
            # after its permission check (kyodo_portal.core.stored_files). Any URL the storage
            # might build is signed and short-lived, never a public address.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            # Stored names are random; should two ever meet, keep both as the local disk does.
            "file_overwrite": False,
            # A file being sent is buffered in memory up to 2 MB, then on disk, not all in memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

FORMS_URLFIELD_ASSUME_HTTPS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail
if env("EMAIL_URL"):
    globals().update(email_settings_from_url(env("EMAIL_URL")))
elif env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A custom backend class (dotted path) wins over both, e.g. for a provider's API backend.
if env("EMAIL_BACKEND"):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "協働ポータル <noreply@kyodo-portal.example.jp>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: eager (in-process) unless a broker is configured.
REDIS_URL = env("REDIS_URL", "")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks sent to no broker are lost: with eager off and no broker the portal refuses to start
# (system check kyodo_portal.E002, and kyodo_portal.startup for gunicorn and Celery).
CELERY_BROKER_PROBLEM = (
    ""
    if CELERY_TASK_ALWAYS_EAGER or CELERY_BROKER_URL
    else (
        "CELERY_TASK_ALWAYS_EAGER is false but no broker is configured: set REDIS_URL or "
        "CELERY_BROKER_URL (e.g. redis://redis:6379/0), or leave CELERY_TASK_ALWAYS_EAGER unset "
        "to run tasks in-process."
    )
)
if not CELERY_BROKER_URL:
    # Eager tasks never reach a broker; Celery still wants a URL to build its app.
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND") or None
CELERY_TIMEZONE = TIME_ZONE
# How a task outlives the worker running it (README, "Reminders"). A task is acknowledged only
# once it has finished (acks late), and a task whose worker process was killed is given back to
# the broker rather than dropped (reject on worker lost): the broker delivers it again, so a task
# may run more than once and each must be safe to repeat; the reminder ledger's claim is what
# makes the repeated send_reminder harmless.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One task reserved at a time: a worker that dies takes no queue of unstarted tasks with it.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Workers log through LOGGING below (JSON lines with the task id) rather than Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Three queues, so that a burst of one kind of work never waits behind another: reminders (the
# daily sweep and each send, which have a date to keep), exports (results workbooks, minutes of
# CPU and memory each) and the default queue (notice mails and anything not routed). A worker
# started without -Q consumes all three; at scale each queue gets its own workers
# (docs/operations.md): `celery -A kyodo_portal worker -Q reminders,default` and `-Q exports`.
# The names come from the environment only so that parallel test runs can share one Redis.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", "default")
TASK_QUEUE_REMINDERS = env("CELERY_REMINDERS_QUEUE", "reminders")
TASK_QUEUE_EXPORTS = env("CELERY_EXPORTS_QUEUE", "exports")
CELERY_TASK_QUEUES = [
    Queue(name, routing_key=name)
    for name in (CELERY_TASK_DEFAULT_QUEUE, TASK_QUEUE_REMINDERS, TASK_QUEUE_EXPORTS)
]
CELERY_TASK_ROUTES = {
    "kyodo_portal.reminders_sweep": {"queue": TASK_QUEUE_REMINDERS},
    "kyodo_portal.send_reminder": {"queue": TASK_QUEUE_REMINDERS},
    "evaluation.build_results_export": {"queue": TASK_QUEUE_EXPORTS},
    "evaluation.purge_results_exports": {"queue": TASK_QUEUE_EXPORTS},
}
# Redis delivers a task again once it has been unacknowledged for the visibility timeout, whether
# its worker died or is merely still busy, and workers look for such tasks every
# CELERY_UNACKED_RESTORE_SECONDS. The timeout must therefore exceed the longest task (a results
# export of a large year is the longest) and the longest ETA or countdown: a task scheduled for
# later is held by a worker unacknowledged until it is due, so with a shorter timeout Redis would
# hand it to a second worker as well and it would run twice. With the defaults the reminder
# retries wait 16 minutes at most and a "claimed" look-again REMINDER_CLAIM_TIMEOUT + 1 seconds
# (ten minutes): an hour leaves room. Raise it with any longer countdown (retries are capped at an
# hour); lowering it only speeds up recovery from a lost worker, at the price of duplicate runs.
# See docs/operations.md.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(env("CELERY_UNACKED_RESTORE_SECONDS", "60")),
    "unacked_restore_throttle": 1,
}
# Beat touches a heartbeat file on every pass of its loop, and passes at least once a minute, so
# that its health check (python -m kyodo_portal.beat) can tell a live beat from a hung one.
CELERY_BEAT_SCHEDULER = "kyodo_portal.beat:HeartbeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
# Daily reminder sweep time (Asia/Tokyo), HH:MM.
REMINDER_SWEEP_TIME = env("REMINDER_SWEEP_TIME", "07:30")
_sweep_hour, _sweep_minute = (int(part) for part in REMINDER_SWEEP_TIME.split(":"))
CELERY_BEAT_SCHEDULE = {
    "daily-reminder-sweep": {
        "task": "kyodo_portal.reminders_sweep",
        "schedule": crontab(hour=_sweep_hour, minute=_sweep_minute),
    },
    "daily-results-export-purge": {
        "task": "evaluation.purge_results_exports",
        "schedule": crontab(hour=3, minute=30),
    },
}
# Results workbooks built in the background are deleted, file and record, this many days after
# they were finished (they hold every evaluation answer, so they are not kept for ever).
RESULTS_EXPORT_KEEP_DAYS = int(env("RESULTS_EXPORT_KEEP_DAYS", "30"))
# The shortest application period of an open call, in calendar days from its publication to its
# deadline (Japan time). A shorter call is published only with a written, published reason.
CALL_MIN_APPLICATION_DAYS = int(env("CALL_MIN_APPLICATION_DAYS", "14"))
REMINDER_MAX_RETRIES = int(env("REMINDER_MAX_RETRIES", "5"))
REMINDER_RETRY_BASE_SECONDS = int(env("REMINDER_RETRY_BASE_SECONDS", "60"))
# A reminder claimed for sending longer ago than this is taken to have lost its worker, and is
# sent again with the same Message-ID or left for review (services.reminder_send). It must exceed
# the longest send — an SMTP exchange is a handful of steps of up to EMAIL_TIMEOUT each — so that
# a live send is never taken for a dead one; and it should stay below the visibility timeout, so
# that a task redelivered after its worker died finds the claim already stale and settles it at
# once (a younger claim makes the task look again after this many seconds).
REMINDER_CLAIM_TIMEOUT = int(env("REMINDER_CLAIM_TIMEOUT", "600"))
# How many times one reminder may be sent again after a claim was found stale; the next stale
# claim leaves it for a person to check (status 要確認 in the reminder history).
REMINDER_STALE_RESENDS = int(env("REMINDER_STALE_RESENDS", "1"))

# An unreachable Redis is an empty cache (kyodo_portal.core.cache_backend): pages and sign-ins go on
# from the database. Short socket timeouts bound what a hung Redis costs a request, and after a
# failure each process leaves Redis alone for CACHE_REDIS_RETRY_SECONDS.
_CACHE_REDIS_TIMEOUT = float(env("CACHE_REDIS_TIMEOUT", "0.5"))
# Longest a public page is served from the cache; writes make it stale at once (page_cache).
# 0 turns the cache of whole pages off.
PUBLIC_PAGE_CACHE_SECONDS = int(env("PUBLIC_PAGE_CACHE_SECONDS", "60"))
# Longest a project's page is shown again to the same person from the cache; any write to the
# project makes it stale at once (projects/page_copies.py). 0 turns it off.
PROJECT_PAGE_CACHE_SECONDS = int(env("PROJECT_PAGE_CACHE_SECONDS", "300"))

CACHES = {
    "default": (
        {
            "BACKEND": "kyodo_portal.core.cache_backend.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "kyodo"),
            "OPTIONS": {
                "socket_connect_timeout": _CACHE_REDIS_TIMEOUT,
                "socket_timeout": _CACHE_REDIS_TIMEOUT,
                "retry_after": float(env("CACHE_REDIS_RETRY_SECONDS", "5")),
            },
        }
        if REDIS_URL and env_bool("CACHE_REDIS", True)
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions are read from Redis and written through to the database, saving a query on every
# signed-in page; while Redis is unreachable they are read from the database. A per-process
# memory cache would let one process keep using a session that another has ended (logout), so
# without Redis they stay in the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if "redis" in CACHES["default"]["BACKEND"].lower()
    else "django.contrib.sessions.backends.db"
)

# Security: strict in production, relaxed only for local development over http.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _HTTPS
CSRF_COOKIE_SECURE = _HTTPS
SECURE_SSL_REDIRECT = _HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if _HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _HTTPS
SECURE_HSTS_PRELOAD = _HTTPS
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The API (/api/v1/): token or session authentication, JSON only (no browsable HTML renderer:
# its inline scripts would break the Content-Security-Policy), errors as {code, message}, and
# per-token rate limits kept in the cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kyodo_portal.api.authentication.TokenAuthentication",
        "kyodo_portal.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "kyodo_portal.api.pagination.PagePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "kyodo_portal.api.throttles.TokenRateThrottle",
        "kyodo_portal.api.throttles.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_RATE_PER_TOKEN", "1200/hour"),
        "anon": env("API_RATE_ANONYMOUS", "600/hour"),
    },
    "EXCEPTION_HANDLER": "kyodo_portal.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NON_FIELD_ERRORS_KEY": "__all__",
    "COERCE_DECIMAL_TO_STRING": False,
    # The anonymous rate limit counts per address: trust X-Forwarded-For only behind our proxy.
    "NUM_PROXIES": 1 if env_bool("BEHIND_PROXY") else 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "協働ポータル API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kyodo_portal.api.schema.add_error_responses",
    ],
}
# Licence stated with every open-data set (catalogue, CSV column and Link header).
OPEN_DATA_LICENSE = {
    "name": env("OPEN_DATA_LICENSE_NAME", "CC BY 4.0"),
    "url": env("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ja"),
}
OPEN_DATA_PUBLISHER = env("OPEN_DATA_PUBLISHER", "協働ポータル")

# Content-Security-Policy: scripts only from the portal's own static files, never inline.
# Inline style attributes stay allowed (Bootstrap components and Chart.js set them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# /healthz and /healthz/live are probed over plain http by the load balancer and docker compose
# (HealthCheckMiddleware answers them first; this covers a MIDDLEWARE list without it).
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]

# Logs: JSON lines on stdout, each with its request or task id (kyodo_portal/logs.py), for the
# platform to collect from every node; LOG_FORMAT=text gives a developer's console lines.
LOG_FORMAT = env("LOG_FORMAT", "text" if DEBUG else "json").lower()
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("LOG_LEVEL", "INFO"))
