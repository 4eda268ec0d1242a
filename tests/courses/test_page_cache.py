"""Anonymous visitors get whole pages from the cache; a change purges them at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import enrolment_create
from tests.courses.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(provider_a, course_with_edition):
    return course_with_edition(provider_a, title="Wijkanalyse in de praktijk")


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, course):
    url = course.url
    assert fetch(client, url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, url)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Wijkanalyse in de praktijk" in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_catalogue_and_its_filters_are_stored_per_url(client, course, catalogue):
    fetch(client, catalogue.url)
    assert fetch(client, catalogue.url)["X-Page-Cache"] == "hit"
    filtered = fetch(client, catalogue.url + "?q=zzz-niets")
    assert filtered["X-Page-Cache"] == "miss"
    assert "Wijkanalyse in de praktijk" not in filtered.content.decode()


def test_anonymous_page_is_never_shown_to_a_logged_in_person(client, course, junior):
    fetch(client, course.url)
    client.force_login(junior)
    response = fetch(client, course.url)
    assert "X-Page-Cache" not in response
    assert reverse("courses:enrol", args=[course.editions.get().pk]) in response.content.decode()


def test_a_publish_purges_the_stored_pages(client, course, django_capture_on_commit_callbacks):
    fetch(client, course.url)
    course.title = "Wijkanalyse, vernieuwd"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    response = fetch(client, course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Wijkanalyse, vernieuwd" in response.content.decode()


def test_an_enrolment_updates_the_free_seats_shown(
    client, course, junior, django_capture_on_commit_callbacks
):
    edition = course.editions.get()
    assert (
        f"{edition.capacity} van {edition.capacity}" in fetch(client, course.url).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(edition=edition, person=junior, actor=junior)
    page = fetch(client, course.url).content.decode()
    assert f"{edition.capacity - 1} van {edition.capacity}" in page


def test_an_enrolment_purges_its_course_and_the_listings_but_not_other_courses(
    client,
    course,
    course_with_edition,
    provider_a,
    catalogue,
    junior,
    django_capture_on_commit_callbacks,
):
    other = course_with_edition(provider_a, title="Participatie in de wijk")
    for page in (course, other, catalogue):
        fetch(client, page.url)
        assert fetch(client, page.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(edition=course.editions.get(), person=junior, actor=junior)
    assert fetch(client, course.url)["X-Page-Cache"] == "miss"
    assert fetch(client, catalogue.url)["X-Page-Cache"] == "miss"
    assert fetch(client, other.url)["X-Page-Cache"] == "hit"
    # Publishing any page still purges every stored page.
    with django_capture_on_commit_callbacks(execute=True):
        other.save_revision().publish()
    assert fetch(client, course.url)["X-Page-Cache"] == "miss"


def test_a_new_edition_purges(client, course, django_capture_on_commit_callbacks):
    fetch(client, course.url)
    with django_capture_on_commit_callbacks(execute=True):
        EditionFactory(course=course, code="NIEUW-7")
    assert "NIEUW-7" in fetch(client, course.url).content.decode()


def test_each_language_has_its_own_copy(client, course):
    dutch = fetch(client, course.url)
    english = fetch(client, course.url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert dutch.content != english.content
    assert fetch(client, course.url, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "hit"


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, course):
    fetch(client, course.url)
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in fetch(client, course.url)


def test_pages_outside_wagtail_are_not_stored(client, course):
    client.get(reverse("account_login"))
    response = client.get(reverse("account_login"))
    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("hands_out_token", [True, False])
def test_a_page_that_hands_out_a_csrf_token_is_not_stored(rf, hands_out_token):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cms.page_cache import AnonymousPageCacheMiddleware, _key, page_cache_allow

    def view(request):
        page_cache_allow(request)
        return HttpResponse(get_token(request) if hands_out_token else "zonder token")

    request = rf.get("/cursussen/")
    request.COOKIES["csrftoken"] = "x" * 32
    request.META["CSRF_COOKIE"] = "x" * 32
    AnonymousPageCacheMiddleware(view)(request)
    stored = cache.get(_key(request))
    assert (stored is None) is hands_out_token


def test_pages_are_served_uncached_when_the_cache_is_down(rf, settings):
    from django.http import HttpResponse

    from cms.page_cache import AnonymousPageCacheMiddleware, page_cache_allow

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    def view(request):
        page_cache_allow(request)
        return HttpResponse("de pagina")

    response = AnonymousPageCacheMiddleware(view)(rf.get("/cursussen/"))
    assert response.status_code == 200
    assert response.content == b"de pagina"


def test_language_switch_needs_no_csrf_token(client, course):
    client = type(client)(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": course.url})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_a_changed_capacity_purges(client, course, django_capture_on_commit_callbacks):
    fetch(client, course.url)
    edition = course.editions.get()
    edition.capacity = capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        edition.save()
    assert f"{capacity} van {capacity}" in fetch(client, course.url).content.decode()
