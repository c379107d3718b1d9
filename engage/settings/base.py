"""Settings shared by every environment; every value that differs comes from the environment."""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from engage.mail import config as mail_config
from engage.settings.fingerprint import templates_fingerprint

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Reverse proxies in front of the site that append to X-Forwarded-For; every rate limit
# takes the client's address from engage/clientip.py, which trusts exactly this many.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Before allauth, so that its templates in frontend/templates/{allauth,account,mfa}/ win.
    "frontend",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "engage.accounts",
    "engage.taxonomy",
    "engage.mail",
    "engage.audit",
    "notifications",
    "partnerships",
    "proposals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "engage.cache.RequestVersionsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "engage.accounts.middleware.UserLanguageMiddleware",
    "engage.accounts.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "engage.urls"
WSGI_APPLICATION = "engage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'engage.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker and the web process write without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

# Django's renderer with the common widgets written in Python (frontend/forms/renderer.py).
FORM_RENDERER = "frontend.forms.renderer.FormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "frontend:home"

# --- allauth ---
ACCOUNT_ADAPTER = "engage.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "engage.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Hverdagsmål] "
# allauth's limits on attempts, all per minute (the 429 page says "a minute"). Failed
# passwords and codes, and successful signups, are counted by engage/accounts/limits.py
# instead: allauth keys failures on the account alone and counts every signup attempt.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": False,
    # Attempts, failed or not: high enough for a class on one network retyping passwords.
    "signup": "60/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# (count, seconds). Per account and address: what one person may get wrong. Per address:
# one network guessing many accounts. Per account: a ceiling that one address cannot
# reach within its own limit, so a stranger never locks the owner out. Signups: a school
# class of 30, its teacher and a few retries from one network in an hour.
ACCOUNT_GUESS_LIMITS = {
    "login_failed_account_ip": (5, 900),
    "login_failed_ip": (30, 900),
    "login_failed_account": (100, 3600),
    "mfa_failed_account_ip": (5, 900),
    "mfa_failed_ip": (30, 900),
    "mfa_failed_account": (30, 3600),
    "signup_ip": (40, 3600),
}
ACCOUNT_FORMS = {"signup": "engage.accounts.allauth_forms.SignupForm"}
MFA_FORMS = {
    "authenticate": "engage.accounts.allauth_forms.MFAAuthenticateForm",
    "reauthenticate": "engage.accounts.allauth_forms.MFAReauthenticateForm",
}
# allauth asks the adapter for the client address (engage.accounts.adapters: engage.clientip).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hverdagsmål"
MFA_RECOVERY_CODE_COUNT = 10

# --- i18n ---
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "engage_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- static and media ---
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache: Redis when configured, per-process memory otherwise ---
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "engage.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            # Rendered fragments (menu, footer, cards) must not outlive the templates that
            # made them: a release with other templates reads and writes other keys.
            "KEY_PREFIX": templates_fingerprint(BASE_DIR / "frontend" / "templates"),
        }
    }
else:
    # Per process; room for the rendered fragments of a busy day (the default is 300).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# How long a shared rendering of a public page is kept (engage/cache.py): services retire
# renderings at once through versions; the per-process cache serves one process alone.
PUBLIC_PAGE_CACHE_SECONDS = 6 * 3600
# Safe per process: header and footer show templates, settings, language and the visitor's
# own name and roles, all in their keys; the list's filter selects show the taxonomy, with
# its version in their key. Nothing kept here outlives a change in another process.
CACHES["chrome"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "chrome",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- mail: every message goes through the outbox table and a Celery task ---
MAIL_DELIVERY_BACKEND = env("MAIL_DELIVERY_BACKEND", default=mail_config.EML_BACKEND)
MAIL_EML_DIR = env.path("MAIL_EML_DIR", default=VAR_DIR / "mail")
EMAIL_URL = env.email("EMAIL_URL", default="smtp://localhost:25")
MAILERS = mail_config.mailers(
    delivery_backend=MAIL_DELIVERY_BACKEND, email_url=EMAIL_URL, eml_dir=str(MAIL_EML_DIR)
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Hverdagsmål <noreply@hverdagsmaal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A worker sends up to MAIL_BATCH_SIZE due emails over one connection, holding them for
# MAIL_CLAIM_SECONDS (longer than a task may run), so a killed worker's batch is sent again
# by the sweeper once the claim runs out. Transient failures retry after
# MAIL_RETRY_BASE_SECONDS * 2^attempt (at most MAIL_RETRY_MAX_SECONDS, with jitter), and an
# email is failed after MAIL_MAX_ATTEMPTS; a 5xx answer fails it at once.
MAIL_BATCH_SIZE = env.int("MAIL_BATCH_SIZE", default=200)
MAIL_CLAIM_SECONDS = env.int("MAIL_CLAIM_SECONDS", default=360)
MAIL_RETRY_BASE_SECONDS = env.float("MAIL_RETRY_BASE_SECONDS", default=30.0)
MAIL_RETRY_MAX_SECONDS = env.float("MAIL_RETRY_MAX_SECONDS", default=3600.0)
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=10)
# The sweeper leaves emails younger than this to the doorbell rung when they were written.
MAIL_SWEEP_AFTER_SECONDS = env.int("MAIL_SWEEP_AFTER_SECONDS", default=120)
# The List-Id of notification emails (RFC 2919), so mail programs can filter them.
MAIL_LIST_ID = env("MAIL_LIST_ID", default="")
# No floods: beyond this many immediate notification emails in an hour, a person gets the
# rest bundled into one email when the hour has passed.
NOTIFICATIONS_IMMEDIATE_PER_HOUR = env.int("NOTIFICATIONS_IMMEDIATE_PER_HOUR", default=10)
# The sweeper leaves immediate deliveries younger than this to their own doorbell.
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env.int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=60)

# --- Celery: Redis when configured, a folder on disk otherwise ---
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 270
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # With acks_late, Redis re-delivers a task nobody acknowledged within the visibility
    # timeout: it must be longer than any task may run, or a slow task would run twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 4}
else:
    CELERY_BROKER_URL = "filesystem://"
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
        # Broadcasts (worker remote control) go here; kombu's default is ./control in the cwd.
        "control_folder": str(VAR_DIR / "celery-control"),
    }
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# --- REST API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON bodies (proposals.api.base.JsonInput holds them to the schema's types); the
    # image upload takes multipart itself.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "proposals.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "proposals.api.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": "120/min",
        "user": "600/min",
        # The submission form asks while people type; generous, but not a free classifier.
        "suggest_focus_areas": "60/min",
    },
    "DEFAULT_THROTTLE_CLASSES": [
        "engage.throttling.AnonRateThrottle",
        "engage.throttling.UserRateThrottle",
    ],
    # Our throttles ask engage.clientip; DRF's own would trust any X-Forwarded-For without it.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Hverdagsmål API",
    "DESCRIPTION": "Citizen proposals, their moderation and the focus areas they belong to.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Request bodies get their own components, so "required, not blank" (minLength) and
    # the text patterns (proposals/api/schema.py) apply to what clients send only.
    "COMPONENT_SPLIT_REQUEST": True,
    # Two request bodies carry a rejection `reason` next to the report form's `reason`.
    "ENUM_NAME_OVERRIDES": {
        "RejectionReasonEnum": "proposals.models.RejectionReason",
        # A notification setting's `channel` and its kind's `default_channel`.
        "ChannelEnum": "notifications.registry.Channel",
        # An organisation's `kind` and a programme's `eligible_kinds`.
        "KindEnum": "partnerships.models.Kind",
        "ApplicationStatusEnum": "partnerships.models.ApplicationStatus",
        "AgreementStatusEnum": "partnerships.models.AgreementStatus",
        # An organisation's `sector` and an inventory row's (the Energy Agency's five).
        "SectorEnum": "partnerships.models.Sector",
        "InventorySectorEnum": "partnerships.models.InventorySector",
        # Progress reports.
        "ReportStatusEnum": "partnerships.models.ReportStatus",
        "ValueStateEnum": "partnerships.models.ValueState",
    },
}

# --- security headers that hold in every environment ---
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Read from the cache (Redis in production), written through to the database, so a
# signed-in request does not ask PostgreSQL for its session and a cache flush logs no
# one out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Moderation and MFA: who counts as staff for the platform.
MODERATOR_GROUP = "moderators"
# Partnership coordinators verify organisations and look after those left without an admin.
COORDINATOR_GROUP = "partnership_coordinators"
# The licence the climate dashboard's open data (CSV, JSON and the API) is published under.
OPEN_DATA_LICENCE = env("OPEN_DATA_LICENCE", default="CC BY 4.0")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- the municipality that runs the site: shown in the header, footer and legal pages ---
MUNICIPALITY = {
    key: value
    for key, value in {
        "name": env("MUNICIPALITY_NAME", default=""),
        "email": env("MUNICIPALITY_EMAIL", default=""),
        "phone": env("MUNICIPALITY_PHONE", default=""),
        "address": env("MUNICIPALITY_ADDRESS", default=""),
    }.items()
    if value  # unset ones fall back to the layout's neutral placeholders
}

# --- proposals ---
# Pre-moderation: a submitted proposal is visible to its author and moderators until published.
PROPOSALS_PREMODERATION = env.bool("PROPOSALS_PREMODERATION", default=True)
# (min lon, min lat, max lon, max lat) of the municipality; a point outside is refused.
MUNICIPALITY_BBOX = tuple(
    env.list("MUNICIPALITY_BBOX", cast=float, default=[9.55, 56.85, 10.45, 57.25])
)
# Per-user write limits: (count, seconds).
PROPOSALS_RATE_LIMITS = {
    "submit": (5, 3600),
    "comment": (20, 600),
    "report": (10, 3600),
    "support": (120, 600),
}
COMMENT_EDIT_WINDOW_SECONDS = 15 * 60
# Moderation: working days before a waiting proposal counts as late, and how many different
# people must report something before it is hidden until a moderator looks.
PROPOSALS_SERVICE_TARGET_WORKING_DAYS = env.int("PROPOSALS_SERVICE_TARGET_WORKING_DAYS", default=5)
REPORTS_HIDE_THRESHOLD = env.int("REPORTS_HIDE_THRESHOLD", default=3)
