"""Settings for Satu Inovasi, read from environment variables.

The defaults give the embedded install (`make run`): SQLite and files under ``var/``, mail
written to ``var/mail``, background tasks run at once. ``SATU_ENV=production`` switches to the
production profile, which refuses to start on insecure values (see ``_check_production``).
"""

import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from satu.lib import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.get_str("SATU_VAR_DIR", str(BASE_DIR / "var")))

SATU_ENV = env.get_str("SATU_ENV", "embedded")
if SATU_ENV not in {"embedded", "production", "test"}:
    raise ImproperlyConfigured(f"SATU_ENV must be embedded, production or test, not {SATU_ENV!r}")
PRODUCTION = SATU_ENV == "production"

DEBUG = env.get_bool("DEBUG", False)

_INSECURE_KEY_PREFIX = "django-insecure"


def _embedded_secret_key(name: str = "secret_key") -> str:
    """A random key kept in var/ so that sessions survive restarts of the embedded install."""
    path = VAR_DIR / name
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


if SATU_ENV == "test":
    SECRET_KEY = "test-only-key-" + "x" * 40
else:
    SECRET_KEY = env.get_str("SECRET_KEY") or ("" if PRODUCTION else _embedded_secret_key())

# Signs the audit log's checkpoints (satu.audit.checkpoints). Kept outside the database and apart
# from SECRET_KEY, so that whoever can write to the database cannot forge a checkpoint.
if SATU_ENV == "test":
    SATU_AUDIT_KEY = "test-only-audit-key-" + "y" * 40
else:
    SATU_AUDIT_KEY = env.get_str("SATU_AUDIT_KEY") or (
        "" if PRODUCTION else _embedded_secret_key("audit_key")
    )
# Addresses outside the application (e.g. the inspectorate) that receive every checkpoint
# besides the secretariat, whose addresses live in the database.
SATU_AUDIT_CHECKPOINT_EMAILS = env.get_list("SATU_AUDIT_CHECKPOINT_EMAILS")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

# The region whose programme this install runs (Kemendagri code). Public pages default to it.
SATU_HOME_REGION_CODE = env.get_str("SATU_HOME_REGION_CODE", "33")
SATU_SITE_NAME = env.get_str("SATU_SITE_NAME", "Satu Inovasi Jawa Tengah")
SATU_BASE_URL = env.get_str("SATU_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Answers one address may send to the public survey form (django-ratelimit syntax).
SATU_SURVEY_RATE_LIMIT = env.get_str("SATU_SURVEY_RATE_LIMIT", "30/h")
# Answers one address, and one device (the form's cookie), may send to one survey period in all.
SATU_SURVEY_ANSWERS_PER_ADDRESS = env.get_int("SATU_SURVEY_ANSWERS_PER_ADDRESS", 20)
SATU_SURVEY_ANSWERS_PER_DEVICE = env.get_int("SATU_SURVEY_ANSWERS_PER_DEVICE", 2)
# A burst: this many answers to one period from one address within this many minutes. They are
# flagged, and do not count in the index until the unit has reviewed them.
SATU_SURVEY_BURST_ANSWERS = env.get_int("SATU_SURVEY_BURST_ANSWERS", 3)
SATU_SURVEY_BURST_MINUTES = env.get_int("SATU_SURVEY_BURST_MINUTES", 30)
# Public writes of citizens (django-ratelimit syntax): ratings and reports per account, and all
# ratings, comments and reports of one address together. Comments per account per minute are
# limited by the service (SATU_COMMENTS_PER_MINUTE).
SATU_RATING_RATE_LIMIT = env.get_str("SATU_RATING_RATE_LIMIT", "20/h")
SATU_REPORT_RATE_LIMIT = env.get_str("SATU_REPORT_RATE_LIMIT", "20/h")
SATU_COMMENTS_PER_MINUTE = env.get_int("SATU_COMMENTS_PER_MINUTE", 10)
SATU_PUBLIC_WRITE_RATE_LIMIT = env.get_str("SATU_PUBLIC_WRITE_RATE_LIMIT", "100/h")
# Who publishes the open datasets at /data/ (the programme's secretariat).
SATU_DATA_PUBLISHER = env.get_str(
    "SATU_DATA_PUBLISHER", "Biro Organisasi Sekretariat Daerah Provinsi Jawa Tengah"
)
# Jurors with unsubmitted sheets are reminded daily from this many days before a round closes.
SATU_JURY_REMINDER_DAYS = env.get_int("SATU_JURY_REMINDER_DAYS", 3)

INSTALLED_APPS = [
    # Our apps first: their translations and templates take precedence over Django's own.
    "satu.core",
    "satu.accounts",
    "satu.audit",
    "satu.regions",
    "satu.agencies",
    "satu.urusan",
    "satu.innovations",
    "satu.catalog",
    "satu.jury",
    "satu.competitions",
    "satu.news",
    "satu.comments",
    "satu.compliance",
    "satu.notifications",
    "satu.surveys",
    "satu.national",
    "satu.opendata",
    "satu.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_htmx",
    "axes",
    "ninja",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the body (CSRF, sessions' form posts, the views).
    "satu.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "satu.accounts.middleware.BackOfficeIdleTimeoutMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "satu.audit.middleware.AuditContextMiddleware",
    "satu.api.middleware.ApiTrafficMiddleware",
    # After the API's rate limits and upload limit; before any view reads the request.
    "satu.core.middleware.RejectNulMiddleware",
    # Turns SQLite's "database is locked" into 503 + Retry-After (process_exception).
    "satu.core.middleware.DatabaseBusyMiddleware",
    # Last, so that a lock-out answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "satu.urls"
WSGI_APPLICATION = "satu.wsgi.application"

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
                "satu.core.context_processors.site",
                "satu.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env.get_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'satu.sqlite3'}"),
        conn_max_age=env.get_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work during a write; IMMEDIATE takes the write lock at the start of a
        # transaction so that two gunicorn workers never deadlock on an upgrade.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.get_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "satu",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Shared by every gunicorn worker of the embedded install (rate limits, page cache).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Whole public pages are cached for anonymous visitors this long (0 turns it off); every
# change of public content invalidates them at once (satu.core.pagecache).
SATU_PAGE_CACHE_SECONDS = env.get_int("SATU_PAGE_CACHE_SECONDS", 60)

# A search keeps only this many best matches (catalog and API): counts, facets and pages then
# work on them alone, and a common word cannot cost a pass over the whole catalog per facet.
SATU_SEARCH_MAX_CANDIDATES = env.get_int("SATU_SEARCH_MAX_CANDIDATES", 1000)
# Past this many matches a search ranks only the newest this many and the newest this many in
# the name, so that a word found everywhere costs the same at any catalog size.
SATU_SEARCH_RANK_WINDOW = env.get_int("SATU_SEARCH_RANK_WINDOW", 2000)

# API lists count their items only up to this many (then `count` is this limit and
# `count_exact` false): an exact COUNT(*) of a national catalog costs more than the page.
SATU_API_COUNT_LIMIT = env.get_int("SATU_API_COUNT_LIMIT", 10000)
if SATU_API_COUNT_LIMIT < 1:
    raise ImproperlyConfigured(
        f"SATU_API_COUNT_LIMIT must be at least 1, not {SATU_API_COUNT_LIMIT}"
    )

# Read counts of public pages are buffered (Redis with REDIS_URL, else a file under var/) and
# moved into the database by `manage.py flush_read_counts` every minute.
SATU_READ_BUFFER_DIR = VAR_DIR / "reads"
SATU_READ_REDIS_PREFIX = env.get_str("SATU_READ_REDIS_PREFIX", "satu:reads:")

# Background work: Django's tasks API, queued in the database (django-tasks-db) and run by
# `manage.py db_worker`, which `make serve` starts beside gunicorn: imports, exports and emails
# never run inside a web request. "immediate" runs them at once in the request (the tests).
TASKS_BACKEND = env.get_str("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
            "dummy": "django.tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND]
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Sessions last SESSION_COOKIE_AGE (two weeks); people holding a back-office role are signed
# out after this many minutes without a request (0: never).
SATU_BACKOFFICE_IDLE_MINUTES = env.get_int("SATU_BACKOFFICE_IDLE_MINUTES", 60)
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Sign-in lock-out (django-axes): five failures in a row lock the account from that address
# for the cool-off period; the sixth attempt is refused even with the right password.
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.get_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "satu.accounts.lockout.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The same client address as the rate limits (TRUSTED_PROXY_COUNT below); without it axes reads
# REMOTE_ADDR, which behind a proxy is the proxy's for every visitor.
AXES_CLIENT_IP_CALLABLE = "satu.core.net.client_ip"

RATELIMIT_VIEW = "satu.core.views.rate_limited"
RATELIMIT_IP_META_KEY = "satu.core.net.client_ip"
# API rate limits per address, per token and for anonymous callers (django-ratelimit syntax).
API_RATE_ADDRESS = env.get_str("API_RATE_ADDRESS", "1200/m")
API_RATE_TOKEN = env.get_str("API_RATE_TOKEN", "600/m")
API_RATE_ANONYMOUS = env.get_str("API_RATE_ANONYMOUS", "120/m")
# Number of reverse proxies in front of the app whose X-Forwarded-For may be trusted.
TRUSTED_PROXY_COUNT = env.get_int("TRUSTED_PROXY_COUNT", 0)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "satu_lang"
# Strings of the project package itself (settings, lib); each app keeps its own catalog.
LOCALE_PATHS = [BASE_DIR / "satu" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files are never served from a public URL: views check permissions and stream them.
MEDIA_URL = "/media/"

STORAGE_BACKEND = env.get_str("STORAGE_BACKEND", "local")
if STORAGE_BACKEND == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.get_str("S3_BUCKET"),
            "endpoint_url": env.get_str("S3_ENDPOINT_URL") or None,
            "region_name": env.get_str("S3_REGION") or None,
            "access_key": env.get_str("S3_ACCESS_KEY_ID"),
            "secret_key": env.get_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "local":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be local or s3, not {STORAGE_BACKEND!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request size limits: uploads stream to disk above 2.5 MB; the upload views enforce their own
# per-file maximum before reading a file, and satu.core.middleware refuses any body larger than
# SATU_MAX_UPLOAD_MB (multipart) or DATA_UPLOAD_MAX_MEMORY_SIZE (anything else) before reading it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = None
SATU_MAX_UPLOAD_BYTES = env.get_int("SATU_MAX_UPLOAD_MB", 20) * 1024 * 1024
# Spreadsheet imports (satu.core.importers): the most a workbook may unpack to, how long one
# import may run and how much more memory the task worker may take for it before it is stopped.
SATU_IMPORT_MAX_UNPACKED_MB = env.get_int("SATU_IMPORT_MAX_UNPACKED_MB", 100)
SATU_IMPORT_MAX_SECONDS = env.get_int("SATU_IMPORT_MAX_SECONDS", 300)
SATU_IMPORT_MAX_MEMORY_MB = env.get_int("SATU_IMPORT_MAX_MEMORY_MB", 1024)
# An import still running this long after it started lost its worker (killed, restarted): it is
# marked failed. Nothing of it was written, since every import writes all rows or none.
SATU_IMPORT_STALE_MINUTES = env.get_int("SATU_IMPORT_STALE_MINUTES", 30)

# Mail: SMTP in production, files under var/mail in the embedded install.
EMAIL_BACKEND_NAME = env.get_str("EMAIL_BACKEND", "smtp" if PRODUCTION else "file")
_MAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
if EMAIL_BACKEND_NAME not in _MAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND must be one of {', '.join(_MAIL_BACKENDS)}, not {EMAIL_BACKEND_NAME!r}"
    )
_mail_options: dict[str, object] = {}
if EMAIL_BACKEND_NAME == "smtp":
    _mail_options = {
        "host": env.get_str("EMAIL_HOST", "localhost"),
        "port": env.get_int("EMAIL_PORT", 25),
        "username": env.get_str("EMAIL_HOST_USER"),
        "password": env.get_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env.get_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
elif EMAIL_BACKEND_NAME == "file":
    _mail_options = {"file_path": str(VAR_DIR / "mail")}
MAILERS = {"default": {"BACKEND": _MAIL_BACKENDS[EMAIL_BACKEND_NAME], "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = env.get_str("DEFAULT_FROM_EMAIL", "Satu Inovasi <noreply@satuinovasi.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. Everything is served from this origin: no CDN, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True


def _weak_secret_key(key: str) -> str | None:
    """Why ``key`` is not a random secret, or None.

    At least 50 characters, of at least 16 different ones (a hex key from ``openssl rand -hex
    32`` has 16), and not one piece repeated ("abcde" ten times has 50 characters).
    """
    if not key or key.startswith(_INSECURE_KEY_PREFIX) or len(key) < 50:
        return "SECRET_KEY must be set to a random value of at least 50 characters"
    if len(set(key)) < 16:
        return "SECRET_KEY must be random: it has fewer than 16 different characters"
    if any(key[period:] == key[:-period] for period in range(1, len(key) // 2 + 1)):
        return "SECRET_KEY must be random, not a piece repeated"
    return None


def _check_production() -> None:
    """Refuse to start production with settings an attacker could exploit."""
    problems = []
    if DEBUG:
        problems.append("DEBUG must be off")
    weak_key = _weak_secret_key(SECRET_KEY)
    if weak_key:
        problems.append(weak_key)
    if len(SATU_AUDIT_KEY) < 32 or len(set(SATU_AUDIT_KEY)) < 5:
        problems.append("SATU_AUDIT_KEY must be set to a random value of at least 32 characters")
    elif SATU_AUDIT_KEY == SECRET_KEY:
        problems.append("SATU_AUDIT_KEY must differ from SECRET_KEY")
    # "*" or ".go.id" would let any host name under it (another agency's, or anyone's under
    # ".id") reach the site as itself; the exact names are always known.
    wildcards = [host for host in ALLOWED_HOSTS if host == "*" or host.startswith(".")]
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the host names this site answers to")
    elif wildcards:
        problems.append(
            "ALLOWED_HOSTS must list exact host names, not wildcards (" + ", ".join(wildcards) + ")"
        )
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        problems.append("DATABASE_URL must point to PostgreSQL")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")


if PRODUCTION:
    _check_production()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
