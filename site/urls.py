from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from practices.feeds import CityFeed, PracticeFeed, ThemeFeed
from search.exports import (
    comparison_export_csv,
    comparison_export_json,
    search_export_csv,
    search_export_json,
)
from search.views import search_page
from website.api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("cop/", include("practices.community.urls")),
    path("zoeken/", search_page, name="search"),
    path("zoeken/export.csv", search_export_csv, name="search_export_csv"),
    path("zoeken/export.json", search_export_json, name="search_export_json"),
    # The comparison page is a route of the catalogue page; its downloads live beside search's.
    path("vergelijk/export.csv", comparison_export_csv, name="compare_export_csv"),
    path("vergelijk/export.json", comparison_export_json, name="compare_export_json"),
    path("feeds/praktijken/", PracticeFeed(), name="feed_practices"),
    path("feeds/thema/<slug:slug>/", ThemeFeed(), name="feed_theme"),
    path("feeds/stad/<slug:slug>/", CityFeed(), name="feed_city"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# A 503 with Retry-After while the database is away, else the plain 500 page (site/errors.py).
handler500 = "website.errors.server_error"
