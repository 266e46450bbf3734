"""Tremplin settings: one module, every value from the environment.

The defaults are the embedded mode of DESIGN.md (a fresh checkout, `make run`):
SQLite, Celery tasks run eagerly in-process, e-mail to the console. Production sets
DEBUG=false and the variables listed in the README; a missing SECRET_KEY is then a
start-up error rather than a silent default.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is a developer convenience; production passes real environment variables.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-tremplin-development-only"  # noqa: S105 - refused below unless DEBUG
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) needs a long random SECRET_KEY "
            "in the environment, e.g. from: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

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
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "djmoney",
    "django_htmx",
    "django_celery_beat",
    "csp",
    "axes",
    "incubator",
    "cooperatives",
    "loans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "incubator.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "incubator.urls"
# Forms render through our templates (templates/forms/): `{{ form }}` gives labelled fields,
# help and errors in the house markup.
FORM_RENDERER = "incubator.forms_renderer.TremplinFormRenderer"
WSGI_APPLICATION = "incubator.wsgi.application"

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
                "django.template.context_processors.i18n",
                "incubator.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "incubator.templatetags.tremplin"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default. IMMEDIATE takes the write lock when a transaction starts, so two writers
# queue up instead of failing half-way with "database is locked".
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    # Tests on a file, not in shared-cache memory: there, a table lock held by another thread
    # (the live server, a worker) fails at once instead of waiting for the busy timeout.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"tremplin-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "incubator.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Guessing passwords: after LOGIN_FAILURE_LIMIT wrong ones for one account from one address,
# that pair waits LOGIN_COOLOFF_MINUTES (django-axes; the sign-in page and the admin's). The
# pair, not the account alone, so nobody can lock a participant out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # failures only: no log of every sign-in and its address
AXES_VERBOSE = False  # the failures are in the admin (Access attempts), not in the logs
AXES_CLIENT_IP_CALLABLE = "incubator.middleware.client_address"
TRUSTED_PROXY = False  # set below in production when BEHIND_PROXY
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # an invitation link stays valid three days

# --- Languages, time ------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

# --- Money ----------------------------------------------------------------------------------
DEFAULT_CURRENCY = "EUR"
CURRENCIES = ("EUR",)
CURRENCY_CHOICES = [("EUR", "EUR €")]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG  # serve from the source folders until collectstatic has run
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest needs `collectstatic`; the embedded mode and the tests serve from source.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_SIZE = env.int("FILE_UPLOAD_MAX_SIZE", default=5 * 1024 * 1024)

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Tremplin <no-reply@tremplin.local>")

# --- Celery ---------------------------------------------------------------------------------
# No broker configured: tasks run eagerly in-process (embedded mode). With a broker, a real
# worker runs them; delay_on_commit enqueues only once the transaction has committed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # The transactional outbox: re-dispatch e-mails whose after-commit enqueue was lost.
    "email-outbox": {"task": "incubator.tasks.email_dispatch_pending", "schedule": 300.0},
    # The people side: follow-ups 3, 6 and 12 months after an enrolment ends (idempotent, so
    # running it every six hours only catches up sooner after downtime).
    "people-follow-ups": {"task": "incubator.tasks.follow_ups_create_due", "schedule": 21600.0},
    # Loans: the nightly arrears update (one set-based UPDATE) and the day's payment
    # reminders (each sent once: outbox keys), then the ledger's reconciliation check.
    "loans-arrears": {"task": "loans.tasks.arrears_nightly", "schedule": crontab(hour=2, minute=0)},
    "loans-reconcile": {
        "task": "loans.tasks.ledger_reconcile",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session auth enforces CSRF on unsafe methods for logged-in browsers.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "incubator.api.exceptions.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tremplin API",
    "DESCRIPTION": "Cooperative and microcredit incubation manager.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets whose field names collide across apps get explicit names (each app adds its own).
    "ENUM_NAME_OVERRIDES": {
        "CooperativeKindEnum": "cooperatives.models.Cooperative.Kind",
        "LedgerEntryKindEnum": "cooperatives.models.LedgerEntry.Kind",
        "SplitRuleEnum": "cooperatives.models.Cooperative.SplitRule",
        "MembershipOutcomeEnum": "cooperatives.models.Membership.Outcome",
        "MembershipRoleEnum": "cooperatives.models.Membership.Role",
        "FollowUpOutcomeEnum": "incubator.models.FollowUp.Outcome",  # "outcome" is in both apps
        # Loans (issue 6): states, methods, kinds and channels named after their model.
        "LoanApplicationStateEnum": "loans.models.Application.State",
        "LoanStateEnum": "loans.models.Loan.State",
        "LoanMethodEnum": "loans.models.Method",
        "LoanFrequencyEnum": "loans.models.Frequency",
        "LoanPaymentKindEnum": "loans.models.Payment.Kind",
        "LoanDocumentKindEnum": "loans.models.LoanDocument.Kind",
        "InstallmentKindEnum": "loans.models.Installment.Kind",
        "PaymentMethodEnum": "loans.models.Payment.Channel",  # cash, card, transfer in both apps
        "PreferredLanguageEnum": LANGUAGES,  # every field choosing among LANGUAGES
    },
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    if env.bool("BEHIND_PROXY", default=True):
        # The proxy terminates TLS and says so; without this, SSL redirect would loop.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        # The connection comes from the proxy: the caller is the address it appends to
        # X-Forwarded-For (incubator.middleware.client_address).
        TRUSTED_PROXY = True

# No inline scripts or styles anywhere; everything is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Tremplin's own switches.
TREMPLIN_ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Tremplin")
TREMPLIN_DEMO_PASSWORD = "tremplin-demo"  # noqa: S105 - demo accounts only; seed_demo refuses in production
