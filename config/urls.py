from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from festarchive.core import views as core_views
from festarchive.donations.urls import webhook_urlpatterns as donation_webhooks
from festarchive.ops import views as ops_views
from festarchive.sitepages import urls as sitepages_urls

urlpatterns = [
    path("", core_views.language_root, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "language/<str:language>/",
        core_views.switch_language,
        name="switch-language",
    ),
    path("oai", include("festarchive.oai.urls")),
    # The reconciliation service (OpenRefine): no language prefix.
    path("", include("festarchive.reconcile.urls")),
    path("api/v1/", include("festarchive.api.urls")),
    path("images/", include("festarchive.media.urls")),
    # Wagtail's admin, for the editorial pages; the catalogue stays in
    # Django's (/en/admin/). One login serves both.
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Mollie's webhook: no language prefix, no session, no CSRF token.
    *donation_webhooks,
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path(
        "favicon.ico",
        RedirectView.as_view(url=settings.STATIC_URL + "festarchive/favicon.svg"),
    ),
]

urlpatterns += i18n_patterns(
    # Permalinks (festarchive.core.permalinks): they never change.
    path("records/<slug:kind>/<int:pk>/", core_views.record, name="record"),
    path(
        "records/<slug:kind>/<int:pk>/citation.<slug:fmt>",
        core_views.record_citation,
        name="record-citation",
    ),
    path("", include("festarchive.sitepages.urls")),
    path("", include("festarchive.search.urls")),
    path("", include("festarchive.catalogue.urls")),
    path("", include("festarchive.festival.urls")),
    path("", include("festarchive.statistics.urls")),
    path("", include("festarchive.programme.urls")),
    path("", include("festarchive.curated.urls")),
    path("", include("festarchive.lists.urls")),
    path("", include("festarchive.professionals.urls")),
    path("", include("festarchive.donations.urls")),
    path("my-archive/account/", include("festarchive.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Last: the editorial pages (Wagtail), at addresses no view above has.
    path("", include("festarchive.editorial.urls")),
    path("", include(sitepages_urls.after_editorial_pages)),
)

handler404 = "festarchive.core.views.page_not_found"
handler500 = "festarchive.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
