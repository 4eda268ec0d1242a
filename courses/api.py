"""Wagtail's API v2, mounted at /api/v2/: published pages, and published courses on their own.

Both endpoints only ever list live, public pages, so a draft never appears.
"""

from types import SimpleNamespace

from django.urls import NoReverseMatch, path
from rest_framework.fields import Field
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from cms.search import search_terms
from lms.links import page_url

from .models import CoursePage
from .selectors import courses_for_api


class WordSearchFilter(SearchFilter):
    """Wagtail's ``?search=``, given only the words of the query as the site search is (SQLite's
    FTS5 gives meaning to quotes and operators), and answering an unknown ``search_operator``
    with 400 where Wagtail lets the search backend's ValueError through as a 500."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator") not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        query = request.GET.copy()
        query["search"] = search_terms(query["search"])
        return super().filter_queryset(SimpleNamespace(GET=query), queryset, view)


class SiteHtmlUrlField(Field):
    """A page's ``html_url`` on ``SITE_URL``, where Wagtail's would take the host of its Site
    record."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        try:
            return page_url(page, self.context.get("request"))
        except NoReverseMatch:
            return None


class SitePageSerializer(PageSerializer):
    html_url = SiteHtmlUrlField(read_only=True)


class SitePagesAPIViewSet(PagesAPIViewSet):
    """``/api/v2/pages/``: Wagtail's pages endpoint with the site's search rule, its pages'
    addresses on ``SITE_URL``."""

    base_serializer_class = SitePageSerializer
    filter_backends = [
        WordSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def paginate_queryset(self, queryset):
        # The courses of a listing read their accreditation and editions together, not one
        # course at a time as the fields would.
        listed = list(super().paginate_queryset(queryset))
        courses_for_api([page for page in listed if isinstance(page, CoursePage)])
        return listed


class CoursesAPIViewSet(SitePagesAPIViewSet):
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
api_router.register_endpoint("pages", SitePagesAPIViewSet)
api_router.register_endpoint("courses", CoursesAPIViewSet)

urlpatterns = [path("", api_router.urls)]
