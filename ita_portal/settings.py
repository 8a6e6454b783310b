"""Settings for ita-portal, read from the environment.

Unset, everything is production-safe: DEBUG is off and a SECRET_KEY is required. `bin/run-portal`
and the test suite turn DEBUG on for development (SQLite under var/). Production sets SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL; everything that `manage.py check --deploy` asks for follows from
DEBUG being off.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from ita_portal.storage_settings import storages_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=None):
    """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name, default):
    value = env_str(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}")


def env_int(name, default):
    value = env_str(name)
    return default if value in (None, "") else int(value)


def env_list(name, default):
    value = env_str(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Where the portal's own files live (SQLite, uploads, PDFs, signing certificates). Nothing is
# created when the settings are read: bin/_env.sh makes the folder for the scripts, the
# storages make their own folders as they save.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "import_export",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "solo",
    "thai",
    "organisations",
    "assessments",
    "measures",
    "reports",
    "publishing",
    "oversight",
    "operations",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "operations.request_context.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the portal speaks Thai only (LANGUAGE_CODE), and its
    # "Vary: Accept-Language" would split every cached public page by each browser's languages.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # An organisation's own host name serves its public pages only (publishing/hosts.py);
    # inside the framing headers, so that its refusals carry them too.
    "publishing.hosts.OrganisationHostMiddleware",
    "ita_portal.middleware.RequestSizeLimitMiddleware",
    "organisations.sign_in_throttle.SignInThrottleMiddleware",
    # A first password chosen by a site admin is changed before anything else.
    "organisations.passwords.PasswordChangeDueMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ita_portal.urls"
# Forms render with the project's templates (templates/django/forms/field.html, widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "ita_portal.wsgi.application"
ASGI_APPLICATION = "ita_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["thai.templatetags.thai"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Foreign keys and the triggers in measures/migrations rely on these.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA foreign_keys=ON;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the username from that address for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Its admin pages are English-only; release a locked user with `manage.py axes_reset_username`.
AXES_ENABLE_ADMIN = False
# The browser's address behind nginx (organisations/client_address.py), for the lock-out too:
# without it every client would be the proxy's 127.0.0.1, and five wrong passwords for a
# username would lock its owner out from everywhere.
AXES_CLIENT_IP_CALLABLE = "organisations.client_address.client_address"
# Whose X-Real-IP is believed: "unix" is gunicorn's Unix socket, which only nginx may open; list
# a proxy's address instead when gunicorn listens on TCP (organisations/client_address.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["unix"])
SIGN_IN_PER_MINUTE = env_int("SIGN_IN_PER_MINUTE", 60)
# Files sent to the public verification page, a minute, from one address.
VERIFY_PER_MINUTE = env_int("VERIFY_PER_MINUTE", 10)
# What checks a stranger's bytes in a child process (organisations/isolation.py): imported once
# by the fork server, so that each check starts at once. They import no Django models.
ISOLATED_CHECK_MODULES = [
    "organisations.images",
    "organisations.signature_images",
    "reports.pdf.signature_status",
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
# Thai for what Django's admin and django-import-export leave in English.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from static/ in development and tests; production runs collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    # Uploads (evidence, emblems) and rendered documents (PDFs): the local disk, or S3-compatible
    # object storage. Neither is served directly: the portal's views check who may read each file.
    **storages_from_environment(env_str, VAR_DIR),
}

# Published PDFs are sent by nginx (X-Accel-Redirect to this internal location, mapped onto
# DOCUMENTS_ROOT) or, with STORAGE=s3, by the object store (a redirect to an address signed for
# DOCUMENTS_URL_SECONDS); empty: streamed by the portal itself (publishing/pdf_files.py).
DOCUMENTS_ACCEL_REDIRECT = env_str("DOCUMENTS_ACCEL_REDIRECT", "")
DOCUMENTS_URL_SECONDS = env_int("DOCUMENTS_URL_SECONDS", 300)

# "throttle" counts what one address or person may do only so often (sign-ins, files to verify,
# password-reset mails: organisations/throttle.py), shared by every process of the deployment: a
# database table (`manage.py createcachetable`). Counts outlive the longest window (an hour), and
# the table holds enough of them that a crowd of addresses never pushes out another's count.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ita_throttle",
        "TIMEOUT": 2 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}
PASSWORD_RESET_PER_HOUR = env_int("PASSWORD_RESET_PER_HOUR", 3)
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day

# Background work: PDFs and e-mail, run by `manage.py worker` (operations/).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "documents"],
    }
}
# A PDF whose rendering failed is tried again after these many seconds, then given up.
PDF_RETRY_SECONDS = [30, 120]
# A rendering running longer than this was cut off (its worker stopped): it is queued again.
PDF_RUNNING_TIMEOUT_SECONDS = env_int("PDF_RUNNING_TIMEOUT_SECONDS", 600)
# The ITA items due within this many days (or overdue) show on the start page, and whoever still
# owes work for them is e-mailed once, by the worker, from this hour of the day (local time).
REMINDER_DAYS_BEFORE = env_int("REMINDER_DAYS_BEFORE", 14)
REMINDER_HOUR = env_int("REMINDER_HOUR", 8)

# Evidence uploads: size limit per file, in bytes.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# The largest request a person may send: an evidence file and the form around it.
REQUEST_MAX_BYTES = EVIDENCE_MAX_BYTES + 2 * 1024 * 1024
# Tables brought in from Excel, CSV or Word (plans, ITA results); a plan's rows are bounded by
# what a plan may hold (measures/limits.py: MEASURES_PER_PLAN_MAX).
PLAN_IMPORT_MAX_BYTES = env_int("PLAN_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Signing the finished reports (reports/pdf/signing.py): PKCS#12 certificates and their passwords
# live here (or the passwords in the environment), never in the database.
SIGNING_DIR = Path(env_str("SIGNING_DIR", str(VAR_DIR / "signing")))
# An RFC 3161 time-stamping authority, e.g. the national root CA's; empty: no time-stamp.
SIGNING_TSA_URL = env_str("SIGNING_TSA_URL", "")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ita-portal@localhost")
# The public address printed in QR codes, PDF footers and e-mails. Unset, it is the development
# server's own, on the port it was started on (bin/run-portal exports PORT).
SITE_URL = env_str("SITE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}"

# Production hardening: on whenever DEBUG is off, each overridable for a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "ita_portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Scripts, styles, fonts and images only from the portal itself; nothing framed, no plugins.
# Inline style attributes stay allowed (the status bars and the admin's widgets set widths).
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

# Logs go to standard error: JSON lines in production (LOG_FORMAT=json, the default with DEBUG
# off), readable text in development; each line of a request carries its id.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "operations.request_context.RequestContextFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint logs every refused fetch; our fetcher already reports them.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

SILENCED_SYSTEM_CHECKS = [
    # The step-position unique constraint is deferrable for PostgreSQL's renumbering trigger;
    # SQLite renumbers row by row and needs no deferral (measures/migrations/0002).
    "models.W038",
]
