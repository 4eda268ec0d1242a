from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views

from .health import health
from .views import jwks


def _superuser_only(request) -> bool:
    """The Django admin is for superusers; everyone else works in the Wagtail admin."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superuser_only
admin.site.site_header = "Opbouwwerk: technisch beheer"

urlpatterns = [
    path("health/", health, name="health"),
    path(".well-known/jwks.json", jwks, name="jwks"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("zoeken/", cms_views.search, name="search"),
    path("mijn/", include("lms.dashboard.urls")),
    path("leren/", include("courses.urls")),
    path("coaching/", include("mentoring.urls")),
    path("register/", include("mentoring.register_urls")),
    path("api/v2/", include("courses.api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
