"""Settings for every environment; the environment switches things on.

Read from the environment:
- ``DATABASE_URL``: defaults to the embedded SQLite file ``db.sqlite3``; production
  sets ``postgres://user:password@host:5432/name``.
- ``DJANGO_SECRET_KEY``, ``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS`` (comma-separated).
- ``FESTARCHIVE_SITE_URL``: the public address (``https://archive.example.org``)
  that absolute links start with; ``FESTARCHIVE_TRUSTED_PROXY_COUNT``: how many
  proxies of ours add to X-Forwarded-For (see docs/deployment.md).
- ``FESTARCHIVE_MEDIA_ROOT``: where uploaded images live (``media/`` by default);
  ``FESTARCHIVE_S3_BUCKET`` and friends put them in object storage instead.
- ``FESTARCHIVE_PRIVATE_MEDIA_ROOT``: where market-library screeners live
  (``var/private/``), outside every public address.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from festarchive.core import speedups
from festarchive.core.countries import historic_countries
from festarchive.ops.checks import DEMO_SECRET_KEY

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def limits_from_env(value: str) -> dict:
    """The FESTARCHIVE_LIMITS environment variable: a JSON object of limits."""
    if not value.strip():
        return {}
    try:
        limits = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"FESTARCHIVE_LIMITS is not JSON: {error}") from None
    if not isinstance(limits, dict):
        raise ImproperlyConfigured("FESTARCHIVE_LIMITS must be a JSON object.")
    return limits


def speedups_from_env(value: str | None) -> frozenset[str]:
    try:
        return speedups.parse(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"FESTARCHIVE_SPEEDUPS: {error}") from None


def site_url(value: str) -> str:
    """The site's public address as absolute links start with it: a scheme and
    a host (and port), nothing after them."""
    value = value.strip().rstrip("/")
    parts = urlsplit(value)
    if value and (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            "FESTARCHIVE_SITE_URL is a scheme and a host, such as "
            f"https://archive.example.org (not {value!r})."
        )
    return value


# Safe by default: debug is off unless asked for (`make demo` and the tests ask).
DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The fallback key only exists so that the demo and management commands run
# with nothing to configure; config.wsgi/asgi and `check --deploy` refuse it
# (festarchive.ops.checks).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or DEMO_SECRET_KEY
# Host names only: Django lets any port through, so absolute links are built
# from FESTARCHIVE_SITE_URL in production, not from the Host header.
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver"
    ).split(",")
    if host.strip()
]

# X-Forwarded-For is written by whoever sends the request: only the entries
# added by our own proxies can be believed. With N proxies in front, the
# client is the Nth address from the right; with none (the default) the header
# is ignored and the client is the connection's address. The API's limit and
# allauth's log-in limits (visitors' and staff's) read it through allauth.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    os.environ.get("FESTARCHIVE_TRUSTED_PROXY_COUNT", "0")
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "simple_history",
    "corsheaders",
    "ninja",
    # The editorial pages (festarchive.editorial) are Wagtail pages. Its
    # oEmbed app (wagtail.embeds) is left out: videos are our own block, which
    # asks nothing of the video site until the visitor clicks play.
    "wagtail",
    "wagtail.admin",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.search",
    "wagtail.sites",
    # Translations through wagtail-localize rather than simple_translation: a
    # Dutch page stays in step with its English source (blocks added, moved or
    # removed there follow), and translators fill in the changed texts segment
    # by segment instead of editing a whole copy that drifts apart.
    "wagtail_localize",
    "wagtail_localize.locales",  # in place of wagtail.locales
    "modelcluster",
    "taggit",
    "festarchive.core",
    "festarchive.media",
    "festarchive.catalogue",
    "festarchive.festival",
    "festarchive.programme",
    "festarchive.curated",
    "festarchive.sitepages",
    "festarchive.statistics",
    "festarchive.editorial",
    "festarchive.menus",
    "festarchive.search",
    "festarchive.importers",
    "festarchive.demo",
    "festarchive.oai",
    "festarchive.api",
    "festarchive.reconcile",
    "festarchive.lists",
    "festarchive.professionals",
    "festarchive.donations",
    "festarchive.accounts",
    "festarchive.ops",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "festarchive.ops.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages for anonymous visitors come from here when cached.
    "festarchive.ops.pagecache.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "festarchive.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each change in the catalogue's history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
# runserver only; gunicorn loads config.wsgi, which refuses the demo key.
WSGI_APPLICATION = "festarchive.ops.devserver.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "festarchive" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "festarchive.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database that does not answer makes a request fail fast (503) instead
    # of holding a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")
    )
    # Parameters bound by the server, and each statement that a connection runs
    # five times prepared: the queries a film page repeats are then no longer
    # planned on every request (planning them took longer than running them).
    # A pooler in transaction mode needs prepared statements allowed
    # (PgBouncer's max_prepared_statements), or DATABASE_PREPARED_STATEMENTS=0.
    if env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True, prepare_threshold=5
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer works; IMMEDIATE avoids the
    # "database is locked" error when two requests upgrade to a write at once.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            # Bulk writes (imports, index rebuilds) spill a small page cache into
            # the WAL, and every later read then searches a longer WAL index.
            " PRAGMA cache_size=-65536;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Visitors' passwords are hashed with Argon2; older hashes are upgraded at
# the next log in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

# The archive's own user model (docs/accounts.md#the-user-model): staff log in
# to the admin with a username, visitors (django-allauth) with e-mail and
# password; the address is verified before the account can be used.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "festarchive.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "festarchive.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None  # the visitor chooses "remember me"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # Failed log-ins: 10 a minute from one address, and 5 in 15 minutes for
    # one account, whoever tries; then a clear "try again later".
    "login_failed": "10/m/ip,5/900s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "lists:my-archive"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Festival Archive <archive@localhost>"
)

# Cookies: never readable by scripts, not sent on cross-site posts, and only
# over HTTPS outside the local demo.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Content-Security-Policy (django-csp): our own scripts, styles and images
# only; the video players' privacy-enhanced addresses may be framed. The
# admin is left to Django's own pages, which use inline styles.
_MEDIA_ORIGINS = (
    [f"https://{os.environ['FESTARCHIVE_S3_CUSTOM_DOMAIN']}"]
    if os.environ.get("FESTARCHIVE_S3_CUSTOM_DOMAIN")
    else []
)
# Wagtail's admin (/cms/) is left alone likewise: its editor and preview use
# inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/en/admin/", "/nl/admin/", "/cms/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "media-src": ["'self'", *_MEDIA_ORIGINS],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Production security (`check --deploy`): HTTPS only, behind a reverse proxy
# that terminates TLS and says so in X-Forwarded-Proto.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=True)
    # Load balancers ask over plain HTTP, from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# The cache: Redis when REDIS_URL is set (shared by every app server: sessions,
# rate limits, renditions' bookkeeping), else this process's memory. A Redis
# that stops answering is skipped after half a second: pages are served
# uncached rather than not at all, and /readyz reports it.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("FESTARCHIVE_CACHE_PREFIX", "festarchive"),
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions in the database, read through the cache: a Redis restart
    # logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# One JSON line per request on standard output (festarchive.ops.requestlog).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "festarchive.ops.requestlog.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "festarchive.requests": {
            "handlers": ["stdout"],
            "level": os.environ.get("FESTARCHIVE_REQUEST_LOG", "INFO"),
            "propagate": False,
        },
        "django": {"handlers": ["stdout"], "level": "WARNING"},
    },
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Editorial pages have an English and a Dutch version, as Wagtail locales.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # the visitor's choice, kept for a year
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("FESTARCHIVE_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("FESTARCHIVE_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("FESTARCHIVE_MEDIA_ROOT", BASE_DIR / "media"))
# Uploads and image renditions live in the media folder by default. With a
# bucket set they go to S3-compatible object storage (AWS S3, MinIO, Ceph…)
# through django-storages, so several app servers share them (docs/media.md).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # `festarchive serve` turns this on (after collectstatic): file names
        # with a hash of their content, compressed, cached for ever.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("FESTARCHIVE_STATIC_MANIFEST")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Market-library screeners: never under MEDIA_URL, never in the public bucket.
# They are read only by the view that checks a viewer's signed link.
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": Path(
            os.environ.get("FESTARCHIVE_PRIVATE_MEDIA_ROOT", BASE_DIR / "var/private")
        ),
        "base_url": "/no-public-address/",
    },
}
if os.environ.get("FESTARCHIVE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["FESTARCHIVE_S3_BUCKET"],
            "endpoint_url": os.environ.get("FESTARCHIVE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("FESTARCHIVE_S3_REGION") or None,
            "access_key": os.environ.get("FESTARCHIVE_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("FESTARCHIVE_S3_SECRET_ACCESS_KEY") or None,
            # Public files under their own (content-hashed) names: no signed
            # URLs, never overwritten, cached by browsers and CDNs for a year.
            "custom_domain": os.environ.get("FESTARCHIVE_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }


# ISO 3166-1 comes from django-countries; the historical countries a festival
# archive needs (USSR, GDR, Yugoslavia, Czechoslovakia…) are added from
# ISO 3166-3 by their four-letter codes, with names from pycountry.
COUNTRIES_OVERRIDE = historic_countries()

# The API and the reconciliation service are open to every site, for
# reading only (OpenRefine calls the service from the browser; its form POST
# is a simple request, which needs no preflight).
CORS_URLS_REGEX = r"^/(api/.*|reconcile(/.*)?)$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

FESTARCHIVE = {
    # The festival whose archive this is; its editions are "ours" on every page.
    "HOST_FESTIVAL_SLUG": os.environ.get("FESTARCHIVE_HOST_FESTIVAL", "idfa"),
    "SITE_NAME": os.environ.get("FESTARCHIVE_SITE_NAME", "Festival Archive"),
    # How long (seconds) a festival's statistics page across its editions is
    # kept before its films' own edits show; 0 retires it on every such edit
    # instead (docs/decisions/0011-statistics-across-editions.md).
    "STATISTICS_ACROSS_EDITIONS_FRESH_FOR": int(
        os.environ.get("FESTARCHIVE_STATISTICS_ACROSS_EDITIONS_FRESH_FOR", "600")
    ),
    # The festival's industry office: professionals are told to write to it
    # when a film has no rights holder on record to send a request to, and
    # replies to the requests' e-mails reach it.
    "PRO_OFFICE_EMAIL": os.environ.get(
        "FESTARCHIVE_PRO_OFFICE_EMAIL", "industry@localhost"
    ),
    # Where the public reaches the archive: every absolute link starts with it,
    # whatever Host header a request carries (festarchive.core.links). Unset
    # (the demo, tests), links use the request's host, and cached pages are
    # kept apart per host.
    "SITE_URL": site_url(os.environ.get("FESTARCHIVE_SITE_URL", "")),
    # API requests per client address ("number/s", "/min", "/hour" or "/day").
    "API_RATE": os.environ.get("FESTARCHIVE_API_RATE", "600/min"),
    # Whole public pages cached for anonymous visitors (festarchive.ops.pagecache).
    "PAGE_CACHE": env_bool("FESTARCHIVE_PAGE_CACHE", default=True),
    # Caching proxies to tell which pages an edit retires (festarchive.ops.purge):
    # Varnish with xkey, by their purge addresses, separated by spaces.
    "PURGE": {"URLS": os.environ.get("FESTARCHIVE_PURGE_URLS", "").split()},
    # The performance layer (festarchive.core.speedups): "all", "none", or the
    # names of the speed-ups to keep, separated by commas.
    "SPEEDUPS": speedups_from_env(os.environ.get("FESTARCHIVE_SPEEDUPS")),
    # Donations through Mollie (docs/donations.md): the API key from Mollie's
    # dashboard ("test_…" or "live_…"); unset, the donation page says that
    # donations are not open yet. The endpoint is Mollie's own unless it
    # points at the stand-in (``festarchive mollie-standin``).
    "MOLLIE_API_KEY": os.environ.get("FESTARCHIVE_MOLLIE_API_KEY", ""),
    "MOLLIE_API_ENDPOINT": os.environ.get("FESTARCHIVE_MOLLIE_API_ENDPOINT", ""),
}
# Every tunable page size and limit, read through festarchive.core.limits.limit()
# at the moment it is needed. A deployment's settings module can replace some
# keys with FESTARCHIVE_LIMITS = {**FESTARCHIVE_LIMITS, "api_max_limit": 200},
# or set the FESTARCHIVE_LIMITS environment variable to a JSON object of the
# keys to change. The "limits" system check refuses unknown keys and values
# that are not positive whole numbers.
FESTARCHIVE_LIMITS = {
    # Films per page of the archive search.
    "archive_search_page": 24,
    # Highest ?page= the archive search reads; anything above is read as this.
    "archive_search_max_page": 100_000,
    # Words of a search query looked at; the rest are ignored.
    "search_max_words": 12,
    # Values one facet filter of a search keeps (the first ones given).
    "search_max_values_per_facet": 50,
    # Characters of a search query kept, cut at a word boundary.
    "search_max_query_length": 200,
    # Query-string fields a search page reads (Django refuses over 1,000 itself).
    "search_max_query_fields": 1000,
    # Longest facet value name, in words, that a query's words are matched to.
    "search_max_name_words": 8,
    # Films per page of a festival's, edition's or person's film listing.
    "archive_listing_page": 48,
    # Films of each kind in a film page's "More from" block.
    "more_from_films": 6,
    # Most records one API page may ask for with ?limit= (fixed at start-up).
    "api_max_limit": 100,
    # Records of an API page when ?limit= is not given (fixed at start-up).
    "api_default_limit": 24,
    # Largest image upload, in bytes.
    "upload_max_bytes": 20 * 1024 * 1024,
    # Longest side of an uploaded or imported image, in pixels.
    "upload_max_side": 12_000,
    # Pixels of an image before it is a decompression bomb (Pillow's bound is
    # set from it at start-up): 100 megapixels decode to about 400 MB.
    "upload_max_pixels": 100_000_000,
    # Largest video upload, in bytes.
    "upload_max_video_bytes": 1024 * 1024 * 1024,
    # Possible duplicate pairs listed for editors to work through.
    "duplicates_max_pairs": 5000,
    # Recently viewed films kept per user.
    "recent_views_kept": 20,
    # Screener and screening-copy requests one professional may make a day.
    "pro_requests_per_day": 10,
    # Days an open request waits before its holder is reminded, and most
    # reminders sent for one request.
    "pro_request_reminder_days": 5,
    "pro_request_reminders_max": 2,
    # Seconds a market-library video link works, once signed for one viewer.
    "market_video_link_seconds": 600,
    # Days an accreditation "for a year" lasts.
    "accreditation_year_days": 365,
    # Smallest and largest donation, in whole euros (one-off and monthly).
    "donation_min_euros": 1,
    "donation_max_euros": 10_000,
    # Donations one client address may start in an hour (paid or not).
    "donation_starts_per_hour": 20,
}
FESTARCHIVE_LIMITS.update(limits_from_env(os.environ.get("FESTARCHIVE_LIMITS", "")))

# Wagtail, for the editorial pages: staff log in once, at /en/admin/ or /cms/,
# and the one session serves both admins.
WAGTAIL_SITE_NAME = FESTARCHIVE["SITE_NAME"]
# The address in Wagtail's notification e-mails.
WAGTAILADMIN_BASE_URL = FESTARCHIVE["SITE_URL"] or "http://127.0.0.1:8000"
# A page only for logged-in visitors sends them to our log-in page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Press kits and programme booklets; nothing a browser would run.
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt", "zip"]
# Editorial images are held to the catalogue's upload bounds.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = FESTARCHIVE_LIMITS["upload_max_bytes"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = FESTARCHIVE_LIMITS["upload_max_pixels"]
