"""Settings shared by every environment; per-machine values come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")


def env_csp_sources(name: str) -> dict[str, list[str]]:
    """'img-src https://a.example; frame-src https://b.example' as {directive: [sources]}."""
    sources: dict[str, list[str]] = {}
    for part in os.environ.get(name, "").split(";"):
        directive, *values = part.split() or [""]
        if values:
            sources.setdefault(directive, []).extend(values)
    return sources


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "home",
    "articles",
    "governance",
    # Before any wagtail app: it types the v3 API schemas, which Wagtail builds while loading.
    "headless",
    "glossary",
    "feedback",
    "pagecache",
    "backups",
    # Site search for patients (/search/): query building, ranking, snippets, paging.
    "search",
    # "Import an article": existing articles become draft guides (admin and manage.py).
    "importer",
    # /infobutton/: an EHR finds the clinic's reviewed guides by diagnosis or procedure code.
    "infobutton",
    # Handout packs for a visit: printable sets of guides at a short link, and PDFs.
    "handouts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "twofactor",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # Translating guides, snippets and their blocks segment by segment (docs/editors.md); its
    # locales app replaces wagtail.locales and can keep a language's tree in sync with English.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "wagtail_headless_preview",
    "rest_framework",
    # django-ninja's own copy of Swagger UI for /api/v3/docs/ (not a CDN): works offline and
    # under the Content-Security-Policy.
    "ninja",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",  # Django's own widget templates, for FORM_RENDERER below
    # Last: adjusts what Wagtail's own apps set up in their ready() (see portal/apps.py).
    "portal",
]

MIDDLEWARE = [
    "portal.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page is served without touching the database.
    "pagecache.middleware.PageCacheMiddleware",
    # After the page cache: only requests that do real work (misses, search, the API) take a
    # slot; the admin is exempt. See portal/limits.py and docs/deploy.md, "Workers".
    "portal.limits.UncachedWorkLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in for staff: marks verified sessions, then asks for a code when needed.
    "django_otp.middleware.OTPMiddleware",
    "twofactor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An autosave that arrives after a button's save is refused, not saved (portal/autosave.py).
    "portal.autosave.LateAutosaveGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into a clear "try later" page.
    "axes.middleware.AxesMiddleware",
]

# Brute-force protection for the admin login: after 5 failed attempts for a username from one
# address, that pair is locked out for 30 minutes (django-axes, attempts kept in the database).
# Staff turn on two-factor sign-in under Settings; with STAFF_2FA_REQUIRED every staff member
# must (production requires it unless you set it to false, e.g. behind single sign-on).
STAFF_2FA_REQUIRED = os.environ.get("STAFF_2FA_REQUIRED", "false").lower() == "true"
OTP_TOTP_ISSUER = os.environ.get("WAGTAIL_SITE_NAME", "Clinic patient guides")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
# How many proxies (TLS terminator, load balancer) stand in front of the app: the lockout, the
# feedback limit and logs take the client's address from X-Forwarded-For through exactly that
# many (portal/client.py). 0 (the default) trusts only the connection's own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "portal.client.client_address"

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Inline scripts in template files are the server's own: they get the admin's CSP
            # nonce (portal/security.py). Cached, as Django does by default.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "portal.template_loaders.FilesystemLoader",
                        "portal.template_loaders.AppDirectoriesLoader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Form widgets (Wagtail's date pickers...) render through the loaders above, so their inline
# scripts are marked as the server's own too.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite file in the project folder unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long an anonymous patient's page (and anything else cached) stays cached; publishing
# purges pages at once.
# At most this many requests per process do uncached work at once (0: no limit); the others wait
# up to UNCACHED_WORK_WAIT_SECONDS for a slot, then get 503 with Retry-After (portal/limits.py).
UNCACHED_WORK_PER_PROCESS = int(os.environ.get("UNCACHED_WORK_PER_PROCESS", "1"))
UNCACHED_WORK_WAIT_SECONDS = float(os.environ.get("UNCACHED_WORK_WAIT_SECONDS", "5"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# The first results of each search, kept until the next publish (or other purge) and at most
# this long (search/cache.py); 0 ranks every search afresh.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "300"))

# Redis when REDIS_URL is set (production and CI), else memory in this process. A Redis outage
# never breaks a page: errors are ignored and pages are served uncached until it is back.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
    # One warning per failed page-cache call comes from pagecache.store; django-redis's own
    # traceback for every ignored error would flood the log during an outage.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A purge Redis missed (it was down) is recorded in the database; each app process looks at that
# record on every cache miss and at least this often, and then purges everything (pagecache/).
PAGE_CACHE_VERSION_CHECK_SECONDS = int(os.environ.get("PAGE_CACHE_VERSION_CHECK_SECONDS", "10"))

# A CDN or caching proxy in front of the site (e.g. Varnish): publishing purges the same page
# addresses there with an HTTP PURGE to this address (Wagtail's frontend cache; docs/deploy.md).
if FRONTEND_CACHE_URL := os.environ.get("FRONTEND_CACHE_URL", ""):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "pagecache.cdn.HTTPPurgeBackend",
            "LOCATION": FRONTEND_CACHE_URL,
            "TIMEOUT": float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "2")),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. Patient pages in English (at /) and Spanish (at /es/); more languages by
# setting PORTAL_LANGUAGES ("en,es,vi"; the first is the default and has no prefix in addresses).
# Each language is named in itself, as a language switch shows it. Translations of guides are made
# with wagtail-localize and reviewed by a clinician who reads the language (docs/editors.md).
# locale/ holds the project's catalogues, preferred to every app's: locale/en puts the clinic's
# words in place of Wagtail's admin texts ("clinical review", not "moderation"); locale/es is the
# patient interface in Spanish.
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "pt": "Português",
    "vi": "Tiếng Việt",
    "zh-hans": "中文",
    "ko": "한국어",
    "ar": "العربية",
    "ru": "Русский",
    "tl": "Tagalog",
}
LANGUAGES = [
    (code, LANGUAGE_NAMES.get(code, code))
    for code in [code.lower() for code in env_list("PORTAL_LANGUAGES", "en,es")]
]
LANGUAGE_CODE = LANGUAGES[0][0]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# A new translation is a draft, even of a live guide: wagtail-localize would otherwise publish it
# at once (still in English words, with nobody's review, whoever started it). Translations go live
# only through clinical review by a clinician who reads the language (governance/).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Files served at the site root, before any page is looked up (browsers ask for /favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "public"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Staff avatars stay on this site: no staff email hashes sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Clinic patient guides")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Clinical review: a guide edited after approval needs approving again, and the moderation
# comment is what reviewers write about the scope of their review.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# A guide whose next review falls within this many days is "due soon" (dashboard, Guide reviews
# report, API review_info.state).
REVIEW_DUE_SOON_DAYS = int(os.environ.get("REVIEW_DUE_SOON_DAYS", "30"))
# A review link emailed to a clinician without an admin login (docs/editors.md) works this many
# days, once.
OUTSIDE_REVIEW_LINK_DAYS = int(os.environ.get("OUTSIDE_REVIEW_LINK_DAYS", "14"))

# Search over guides: SQLite FTS5 in the embedded default, PostgreSQL full text in production,
# each page indexed by its language's rules, accents ignored (search/backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backend"},
}

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Editors may not swap the file of media that live guides show (portal/media_deletion.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.media_deletion.ReviewedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.media_deletion.ReviewedDocumentForm"

# Sources the Content-Security-Policy allows on top of this site's own (portal/security.py), e.g.
# CSP_EXTRA_SOURCES="img-src https://images.example.org; frame-src https://www.youtube-nocookie.com"
# for images on a CDN or embedded videos. Empty by default: everything comes from this site.
CSP_EXTRA_SOURCES = env_csp_sources("CSP_EXTRA_SOURCES")

# Headless API (docs/api.md): rich text as display HTML with resolved links, absolute links
# from this address, and at most 50 items a page.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 50
# The "Headless front end" preview opens this address with ?content_type=...&token=...; by
# default the preview API itself, which shows the JSON a front end would get.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_URL", "/api/v3/preview/")},
}
