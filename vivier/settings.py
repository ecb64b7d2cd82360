"""Vivier settings, all from environment variables (see README, "Configuration")."""

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from vivier.lib.env import ConfigError, env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("VIVIER_DATA_DIR", Path.cwd() / "vivier-data")

DEBUG = env_bool("VIVIER_DEBUG", False)
SECRET_KEY = env_str("VIVIER_SECRET_KEY")
if not SECRET_KEY:
    # A per-installation key kept in the data folder, so a newcomer needs no setup and sessions,
    # unsubscribe tokens and encrypted mailbox passwords survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret.key"
    if not key_file.exists():
        import secrets

        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    SECRET_KEY = key_file.read_text().strip()

ALLOWED_HOSTS = env_list("VIVIER_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("VIVIER_CSRF_TRUSTED_ORIGINS", [])
# Public base URL, used in emails (unsubscribe links) and printed by `vivier serve`.
BASE_URL = env_str("VIVIER_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "vivier.mail.anymail_app.AnymailConfig",  # Anymail, its checks imported when they run
    "vivier.accounts",
    "vivier.pool",
    "vivier.segments",
    "vivier.jobs",
    "vivier.sequences",
    "vivier.mail",
    "vivier.replies",
    "vivier.insights",
    "vivier.privacy",
    "vivier.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vivier.accounts.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vivier.accounts.middleware.UserLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "vivier.accounts.middleware.FormTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vivier.accounts.middleware.ActiveTeamMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "vivier.urls"
WSGI_APPLICATION = "vivier.wsgi.application"

# django-ninja is not an installed app (that imports ninja and pydantic in every command's start-up): its
# templates and static files are found here, and /api/docs serves Swagger UI from them, not from a CDN.
NINJA_DIR = Path(next(iter(importlib.util.find_spec("ninja").submodule_search_locations)))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vivier.accounts.context_processors.team",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except Exception as exc:  # dj_database_url raises several kinds on a bad URL
        raise ConfigError(f"DATABASE_URL is not a valid database URL: {exc}") from exc
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "vivier.db")}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web app read while the worker writes; IMMEDIATE transactions take the write lock
    # up front so two writers queue behind the busy timeout instead of failing with "database is locked".
    # How long a writer waits for the write lock before "database is locked" (seconds).
    SQLITE_BUSY_SECONDS = env_int("VIVIER_SQLITE_BUSY_SECONDS", 20)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_SECONDS,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000; PRAGMA temp_store=MEMORY; "
                # Read pages through a memory map (up to 1 GiB of the file) instead of read() calls: on a
                # 1M-candidate pool a segment count spends a third to half less time (the system time).
                "PRAGMA mmap_size=1073741824; "
                # Erased candidates' rows are overwritten in the file, not just unlinked (GDPR erasure).
                "PRAGMA secure_delete=ON;"
            ),
        }
    )
    # The test database is a file in the data folder, like the real one (WAL, busy timeout), not Django's
    # shared-cache in-memory default: there a request thread reading while an import thread writes fails at
    # once with "database table is locked" (shared-cache table locks ignore the busy timeout), which made the
    # browser test of the web import fail under load although the real (file) database queues the two.
    DATABASES["default"]["TEST"] = {"NAME": env_str("VIVIER_TEST_SQLITE", str(DATA_DIR / "vivier-test.db"))}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "PGOPTIONS" not in os.environ:
    # Vivier's queries are short (a count and a page, a claim, an insert). On a large pool the big segment
    # counts cross PostgreSQL's JIT cost threshold and spend longer compiling code that runs once than
    # running it (docs/performance.md). An administrator who
    # wants other session settings sets PGOPTIONS, which then replaces this default.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling: at most this many failures per (username, IP) in the window, then refused.
LOGIN_MAX_FAILURES = env_int("VIVIER_LOGIN_MAX_FAILURES", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("VIVIER_LOGIN_FAILURE_WINDOW", 900)
# Rate limits (429 with Retry-After), counted in the database: requests per minute per API token (or
# session user), and per address on the public pages (unsubscribe).
VIVIER_API_RATE_PER_MINUTE = env_int("VIVIER_API_RATE_PER_MINUTE", 600)
VIVIER_PUBLIC_RATE_PER_MINUTE = env_int("VIVIER_PUBLIC_RATE_PER_MINUTE", 30)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Pages load scripts only from Vivier's own static files (htmx and a few small files, no inline handlers);
# inline style attributes stay allowed (htmx sets them while swapping).
CONTENT_SECURITY_POLICY = env_str(
    "VIVIER_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
if env_bool("VIVIER_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Internationalization -------------------------------------------------------------------
LANGUAGE_CODE = env_str("VIVIER_LANGUAGE", "fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("VIVIER_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static", NINJA_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step for a newcomer
MEDIA_ROOT = DATA_DIR / "uploads"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail -----------------------------------------------------------------------------------
# Without a configured mailbox, messages go to the built-in outbox (stored, shown in the UI, never sent).
DEFAULT_FROM_EMAIL = env_str("VIVIER_DEFAULT_FROM_EMAIL", "vivier@localhost")
# System mail (invitations, password resets, notifications): through SMTP when VIVIER_EMAIL_HOST is set,
# else into the built-in outbox where an admin reads it (never Django's in-memory backend, which loses it).
EMAIL_HOST = env_str("VIVIER_EMAIL_HOST", "")
EMAIL_PORT = env_int("VIVIER_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("VIVIER_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("VIVIER_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VIVIER_EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("VIVIER_EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = env_str(
    "VIVIER_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "vivier.sequences.systemmail.OutboxEmailBackend",
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL = {"WEBHOOK_SECRET": env_str("VIVIER_ANYMAIL_WEBHOOK_SECRET", "")}
# Key used to encrypt mailbox passwords at rest; derived from SECRET_KEY unless given.
VIVIER_FERNET_KEY = env_str("VIVIER_FERNET_KEY")

# --- Sequences and the worker ---------------------------------------------------------------
# Each loop of `vivier worker` calls these `handle_one_*() -> bool` steps (True: more work may be waiting).
# Empty: the steps each app registers (vivier.sequences.worker.handler_register). Dotted paths replace them.
VIVIER_WORKER_HANDLERS = env_list("VIVIER_WORKER_HANDLERS", [])
VIVIER_WORKER_BATCH = env_int("VIVIER_WORKER_BATCH", 50)
VIVIER_WORKER_IDLE_SECONDS = env_int("VIVIER_WORKER_IDLE_SECONDS", 5)
# /healthz answers 503 when no worker finished a round within this many seconds (a round ends at least every
# VIVIER_WORKER_IDLE_SECONDS when idle; a long batch of sends delays it).
VIVIER_WORKER_STALE_SECONDS = env_int("VIVIER_WORKER_STALE_SECONDS", 300)
# Never two messages to one candidate from the team within this many days.
VIVIER_CONTACT_PRESSURE_DAYS = env_int("VIVIER_CONTACT_PRESSURE_DAYS", 2)
VIVIER_UNSUBSCRIBE_MAX_AGE_DAYS = env_int("VIVIER_UNSUBSCRIBE_MAX_AGE_DAYS", 365)
# "memory": every message is kept in memory instead of being delivered (tests and benchmarks only).
VIVIER_MAIL_TRANSPORT = env_str("VIVIER_MAIL_TRANSPORT", "")

# Mailboxes' IMAP side: the worker polls each one every N seconds, backing off on errors up to the maximum.
VIVIER_IMAP_POLL_SECONDS = env_int("VIVIER_IMAP_POLL_SECONDS", 120)
VIVIER_IMAP_BACKOFF_MAX_SECONDS = env_int("VIVIER_IMAP_BACKOFF_MAX_SECONDS", 3600)
# OAuth2 (XOAUTH2) for Google Workspace and Microsoft 365 mailboxes: the team's own app registration
# (docs/mailboxes.md). The token URLs are for tests (a local stand-in); the defaults are the providers' own.
VIVIER_OAUTH_GOOGLE_CLIENT_ID = env_str("VIVIER_OAUTH_GOOGLE_CLIENT_ID", "")
VIVIER_OAUTH_GOOGLE_CLIENT_SECRET = env_str("VIVIER_OAUTH_GOOGLE_CLIENT_SECRET", "")
VIVIER_OAUTH_MICROSOFT_CLIENT_ID = env_str("VIVIER_OAUTH_MICROSOFT_CLIENT_ID", "")
VIVIER_OAUTH_MICROSOFT_CLIENT_SECRET = env_str("VIVIER_OAUTH_MICROSOFT_CLIENT_SECRET", "")
VIVIER_OAUTH_MICROSOFT_TENANT = env_str("VIVIER_OAUTH_MICROSOFT_TENANT", "common")
VIVIER_OAUTH_AUTHORIZE_URL = env_str("VIVIER_OAUTH_AUTHORIZE_URL", "")
VIVIER_OAUTH_TOKEN_URL = env_str("VIVIER_OAUTH_TOKEN_URL", "")

# --- Pool -----------------------------------------------------------------------------------
VIVIER_DEFAULT_REGION = env_str("VIVIER_DEFAULT_REGION", "FR")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("VIVIER_LOG_LEVEL", "WARNING")},
    "loggers": {"vivier": {"level": env_str("VIVIER_LOG_LEVEL", "INFO"), "propagate": True}},
}
