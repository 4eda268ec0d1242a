from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms import views as cms_views
from lms.accounts.entrances import wagtail_admin_entrance, wagtail_site_entrance
from register import views as register_views

from .health import health
from .views import jwks

# Wagtail's login pages (the admin's, and the one for private pages) send people to the
# site's login; a signed-in person without admin access reads why (lms/accounts/entrances.py).
# The Django admin does the same through its site, PlatformAdminSite.
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, wagtail_admin_entrance)
decorate_urlpatterns(wagtail_urls.urlpatterns, wagtail_site_entrance)

urlpatterns = [
    path("health/", health, name="health"),
    path(".well-known/jwks.json", jwks, name="jwks"),
    path("statuslijsten/", include("lms.credentials.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    # Choosing a language only sets a preference cookie, so the switch needs no CSRF token; a
    # token in every page's header would make each anonymous page unique and uncacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("zoeken/", cms_views.search, name="search"),
    path("beroepscode/<str:label>.pdf", cms_views.code_version_pdf, name="code_version_pdf"),
    path("mijn/privacy/", include("lms.privacy.urls")),
    # The feed and citations of the library, manuscripts and the College's advice on them.
    path("", include("publications.urls")),
    path("mijn/", include("lms.dashboard.urls")),
    path("leren/", include("courses.urls")),
    path("e-learning/", include("elearning.urls")),
    path("vakconferentie/", include("conference.urls")),
    # Conflicts of interest keep their address among the coaching pages; the register serves
    # them, since the office's page of a pair reads every app (register/views/conflicts.py).
    path("coaching/belangen/", register_views.conflicts, name="conflicts"),
    path("coaching/belangen/<int:pk>/", register_views.conflict, name="conflict"),
    path("coaching/", include("mentoring.urls")),
    path("register/", include("register.urls")),
    path("api/v2/", include("courses.api")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
