"""Wagtail's API v2, mounted at /api/v2/: published pages, and published courses on their own.

Both endpoints only ever list live, public pages, so a draft never appears.
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from .models import CoursePage


class CoursesAPIViewSet(PagesAPIViewSet):
    """``/api/v2/courses/``: course pages with kind, code, points, accreditation and editions."""

    model = CoursePage
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "kind",
        "code",
        "points_requested",
        "accreditation",
        "editions",
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("courses", CoursesAPIViewSet)

urlpatterns = [path("", api_router.urls)]
