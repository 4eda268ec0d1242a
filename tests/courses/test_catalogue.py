"""Practitioners find courses in the catalogue, the API and their calendar."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.models import Approach, CourseKind, CoursePage, Edition, Form

from .factories import (
    AccreditationDecisionFactory,
    CoursePageFactory,
    EditionFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h2.get_text(strip=True) for h2 in soup.select(".card-list .card h2")]


@pytest.fixture
def courses(provider_a, provider_b):
    today = timezone.localdate()

    def course(provider, title, start_in, *, place="Utrecht", online="", **kwargs):
        page = CoursePageFactory(parent=provider, title=title, **kwargs)
        if start_in is not None:
            edition = EditionFactory(
                course=page,
                start_date=today + dt.timedelta(days=start_in),
                capacity=kwargs.pop("capacity", 12),
            )
            MeetingFactory(edition=edition, place=place, online_url=online)
        page.save_revision().publish()
        return page

    made = {
        "wijkscan": course(
            provider_a,
            "Wijkscan met bewoners",
            40,
            approaches=[Approach.SELF_RELIANCE],
            work_forms=[Form.PROJECT],
            body=[("paragraph", "<p>We lopen een wijkschouw door de Rivierenbuurt.</p>")],
        ),
        "advies": course(
            provider_b,
            "Strategisch adviseren",
            10,
            place="",
            online="https://meet.example/x",
            kind=CourseKind.CONSULTATION,
            approaches=[Approach.STRATEGIC_ADVICE],
            work_forms=[Form.CAMPAIGN],
        ),
        "innovatie": course(
            provider_b, "Sociale innovatie", 70, place="Rotterdam", kind=CourseKind.INNOVATION
        ),
        "zonder": course(provider_a, "Zonder uitvoering", None),
    }
    AccreditationDecisionFactory(course=made["innovatie"])
    return made


def test_catalogue_lists_published_courses_by_next_start(client, catalogue, courses, provider_a):
    CoursePageFactory(parent=provider_a, title="Nog een concept", live=False)
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Strategisch adviseren",
        "Wijkscan met bewoners",
        "Sociale innovatie",
        "Zonder uitvoering",
    ]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'style="' not in html and "<script>" not in html


FILTERS = [
    ("kind=consultatie", ["Strategisch adviseren"]),
    ("approach=zelfredzaamheid", ["Wijkscan met bewoners"]),
    ("form=campagne", ["Strategisch adviseren"]),
    ("place=rotterdam", ["Sociale innovatie"]),
    ("online=on", ["Strategisch adviseren"]),
    ("accredited=on", ["Sociale innovatie"]),
    ("q=wijkschouw", ["Wijkscan met bewoners"]),
    ("q=Rivierenbuurt&kind=post-hbo", ["Wijkscan met bewoners"]),
]


def test_catalogue_filters(client, catalogue, courses):
    for query, expected in FILTERS:
        assert titles(client.get(f"{catalogue.url}?{query}")) == expected, query


def test_catalogue_filters_on_provider_and_month(client, catalogue, courses, provider_b):
    assert titles(client.get(f"{catalogue.url}?provider={provider_b.pk}")) == [
        "Strategisch adviseren",
        "Sociale innovatie",
    ]
    start = courses["innovatie"].editions.get().start_date
    assert titles(client.get(f"{catalogue.url}?month={start:%Y-%m}&place=Rotterdam")) == [
        "Sociale innovatie"
    ]


def test_catalogue_seats_filter_skips_full_editions(client, catalogue, courses):
    Edition.objects.filter(course=courses["advies"]).update(status=Edition.Status.FULL)
    assert "Strategisch adviseren" not in titles(client.get(f"{catalogue.url}?seats=on"))


UNKNOWN = [
    "kind=onbekend",
    "approach=%00",
    "provider=abc",
    "provider=999999",
    "month=2026-13",
    "month=zomer",
    "page=-3",
    "page=9999",
    "accredited=misschien&seats[]=1",
    "q=" + "x" * 500,
]


def test_unknown_filter_values_are_ignored(client, catalogue, courses):
    everything = titles(client.get(catalogue.url))
    for query in UNKNOWN:
        response = client.get(f"{catalogue.url}?{query}")
        assert response.status_code == 200, query
    assert titles(client.get(f"{catalogue.url}?kind=onbekend&provider=abc")) == everything


def test_catalogue_query_count_does_not_grow(
    client, catalogue, provider_a, django_assert_num_queries
):
    def make(count):
        for _i in range(count):
            page = CoursePageFactory(parent=provider_a)
            edition = EditionFactory(course=page)
            MeetingFactory(edition=edition)
            AccreditationDecisionFactory(course=page)

    url = catalogue.url + "?q=buurtwerk&accredited=on&place=Utrecht"
    make(5)
    client.get(url)  # fills caches that outlive a request (site root paths)
    # A new query string each time, so that the anonymous page cache does not answer.
    with CaptureQueriesContext(connection) as five:
        response = client.get(url + "&r=1")
    assert len(titles(response)) == 5
    assert len(five) <= 25
    make(45)
    with django_assert_num_queries(len(five)):
        response = client.get(url + "&r=2")
    assert len(titles(response)) == 12


def test_course_page_shows_editions_with_seats_and_calendar_link(
    client, provider_a, course_with_edition
):
    course = course_with_edition(provider_a)
    edition = course.editions.get()
    html = client.get(course.url).content.decode()
    assert edition.start_date.strftime("%d-%m-%Y") in html
    assert "12 van 12" in html
    assert reverse("courses:edition_ical", args=[edition.pk]) in html


def test_course_page_shows_each_edition_with_its_own_meetings_and_seats(
    client, provider_a, practitioners
):
    from .factories import enrol

    today = timezone.localdate()
    course = CoursePageFactory(parent=provider_a)
    later = EditionFactory(course=course, code="LAAT", start_date=today + dt.timedelta(days=60))
    # Entered out of order: shown by date and time.
    MeetingFactory(edition=later, date=later.start_date + dt.timedelta(days=7), place="Zwolle")
    MeetingFactory(edition=later, date=later.start_date, start_time=dt.time(13, 0), place="Ede")
    MeetingFactory(edition=later, date=later.start_date, place="Assen")
    EditionFactory(course=course, code="VROEG", start_date=today + dt.timedelta(days=10))
    EditionFactory(
        course=course,
        code="AFGELAST",
        status=Edition.Status.CANCELLED,
        start_date=today - dt.timedelta(days=60),
        end_date=today - dt.timedelta(days=30),
    )
    for person in practitioners(2):
        enrol(later, person)

    soup = BeautifulSoup(client.get(course.url).content, "html.parser")
    provider_link = soup.select_one("p.meta a")
    assert (provider_link["href"], provider_link.get_text()) == (provider_a.url, provider_a.title)
    cards = soup.select(".card.edition")
    assert [card.h3.get_text(strip=True) for card in cards] == [
        "Uitvoering VROEG",
        "Uitvoering LAAT",
    ]
    early, late = cards
    assert early.find("table") is None
    assert "12 van 12" in early.get_text()
    places = [row.find_all("td")[2].get_text(strip=True) for row in late.select("tbody tr")]
    assert places == ["Assen", "Ede", "Zwolle"]
    hours = [row.find_all("td")[1].get_text(strip=True) for row in late.select("tbody tr")]
    assert hours == ["09:30–16:30", "13:00–16:30", "09:30–16:30"]
    assert "10 van 12" in late.get_text()
    # A visitor who is not logged in is sent to log in, and back to this course.
    login = early.find("a", string="Log in om je in te schrijven")
    assert login["href"] == f"{reverse('account_login')}?next={course.url}"

    # The labels the cards share are translated once for the list, in the visitor's language.
    english = BeautifulSoup(
        client.get(course.url + "?en", HTTP_ACCEPT_LANGUAGE="en").content, "html.parser"
    )
    for card in english.select(".card.edition"):
        assert "Places available" in card.get_text()
        assert card.find("a", string="Log in to enrol")
    assert [th.get_text() for th in english.select(".card.edition thead th")] == [
        "Date",
        "Time",
        "Where",
    ]


def test_course_page_lists_its_published_lessons_only(client, provider_a, course_with_edition):
    from courses.models import LessonPage

    course = course_with_edition(provider_a)
    assert "Lessen" not in client.get(course.url).content.decode()
    published = LessonPage(title="Het krachtenveld van de wijk")
    course.add_child(instance=published)
    published.save_revision().publish()
    course.add_child(instance=LessonPage(title="Nog in voorbereiding", live=False))
    html = client.get(course.url + "?na-lessen").content.decode()
    assert "Het krachtenveld van de wijk" in html
    assert "Nog in voorbereiding" not in html


# An anonymous visit. Routing: the site, the home page, the catalogue, the course with its
# provider. View restrictions (2). Editions with seats, their meetings, the accreditation.
# The menu and the footer are kept between requests (cms/shell.py) and cost none.
COURSE_PAGE_QUERIES = 9
# The same visit when the list of editions that an earlier anonymous visit built is still kept.
COURSE_PAGE_QUERIES_LIST_KEPT = COURSE_PAGE_QUERIES - 2


def _course_changed(course) -> None:
    """What a change to the course's editions does to what is kept: the next visit builds the
    list of editions again."""
    from cms.page_cache import page_cache_purge
    from courses.models import course_cache_scope

    page_cache_purge(course_cache_scope(course.pk))


def test_course_page_query_count_does_not_grow_with_editions(
    client, provider_a, course_with_edition, django_assert_num_queries
):
    course = course_with_edition(provider_a)
    client.get(course.url + "?warm")  # fills caches that outlive a request (site root paths)
    _course_changed(course)
    # A new query string each time, so that the anonymous page cache does not answer.
    with django_assert_num_queries(COURSE_PAGE_QUERIES):
        assert client.get(course.url + "?r=1").status_code == 200
    for _ in range(4):
        MeetingFactory(edition=EditionFactory(course=course))
    with django_assert_num_queries(COURSE_PAGE_QUERIES):
        html = client.get(course.url + "?r=2").content.decode()
    assert html.count('class="card edition"') == 5


def test_anonymous_visitors_share_the_list_of_editions_until_it_changes(
    client, provider_a, course_with_edition, practitioners, django_assert_num_queries
):
    from .factories import enrol

    course = course_with_edition(provider_a)
    edition = course.editions.get()

    def seats(response) -> str:
        soup = BeautifulSoup(response.content, "html.parser")
        return soup.select_one(".card.edition").find("meter")["value"]

    assert seats(client.get(course.url + "?r=1")) == "12"
    # Another visit (another address, so not the whole stored page) reads no editions.
    with django_assert_num_queries(COURSE_PAGE_QUERIES_LIST_KEPT):
        assert seats(client.get(course.url + "?r=2")) == "12"
    # An enrolment changes the seats: the next visitor sees them at once.
    participant = practitioners(1)[0]
    enrol(edition, participant)
    with django_assert_num_queries(COURSE_PAGE_QUERIES):
        assert seats(client.get(course.url + "?r=3")) == "11"
    # So does a change of the edition itself, such as its code.
    edition.code = "NIEUW"
    edition.save()
    assert "Uitvoering NIEUW" in client.get(course.url + "?r=4").content.decode()
    # Each language keeps a list of its own.
    english = client.get(course.url + "?r=5", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Places available" in english
    # A signed-in visitor never gets the kept list: theirs shows their own enrolment.
    client.force_login(participant)
    html = client.get(course.url + "?r=6").content.decode()
    assert "Je bent ingeschreven" in html
    assert "Log in om je in te schrijven" not in html


def test_course_page_builds_its_editions_when_the_cache_cannot_say_what_is_current(
    client, provider_a, course_with_edition, monkeypatch
):
    from cms import page_cache

    course = course_with_edition(provider_a)
    # A cache that is down reads as empty (lms.cache): no generation to key the list on.
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: {})
    for visit in ("?r=1", "?r=2"):
        response = client.get(course.url + visit)
        assert response.status_code == 200
        assert "12 van 12" in response.content.decode()


def test_course_page_lists_its_lessons_in_one_more_query(
    client, provider_a, course_with_edition, django_assert_num_queries
):
    from courses.models import LessonPage

    course = course_with_edition(provider_a)

    def lessons(n):
        for _ in range(n):
            lesson = LessonPage(title=f"Les {course.get_children().count() + 1}")
            course.add_child(instance=lesson)
            lesson.save_revision().publish()

    def listed(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return soup.find("h2", string="Lessen").find_next("ol").find_all("a")

    lessons(2)
    client.get(course.url + "?warm")
    _course_changed(course)
    with django_assert_num_queries(COURSE_PAGE_QUERIES + 1):
        assert len(listed(client.get(course.url + "?r=1"))) == 2
    lessons(6)
    with django_assert_num_queries(COURSE_PAGE_QUERIES + 1):
        links = listed(client.get(course.url + "?r=2"))
    assert [a.get_text() for a in links] == [f"Les {n}" for n in range(1, 9)]
    assert all(a["href"].startswith(course.url) for a in links)


def test_provider_page_query_count_does_not_grow_with_courses(
    client, provider_a, django_assert_num_queries
):
    def make(count):
        for _ in range(count):
            CoursePageFactory(parent=provider_a, kind=CourseKind.CONSULTATION)

    def courses_listed(response):
        soup = BeautifulSoup(response.content, "html.parser")
        return soup.find("h2", string="Cursussen").find_next("ul").find_all("li")

    make(5)
    client.get(provider_a.url + "?warm")  # fills caches that outlive a request (site root paths)
    # A new query string each time, so that the anonymous page cache does not answer.
    with CaptureQueriesContext(connection) as five:
        response = client.get(provider_a.url + "?r=1")
    assert len(courses_listed(response)) == 5
    make(25)
    with django_assert_num_queries(len(five)):
        listed = courses_listed(client.get(provider_a.url + "?r=2"))
    assert len(listed) == 30
    assert all("(Consultatiecursus)" in item.get_text() for item in listed)


@pytest.mark.dates
def test_ical_feed_has_every_meeting(client, provider_a, course_with_edition):
    course = course_with_edition(provider_a)
    edition = course.editions.get()
    response = client.get(reverse("courses:edition_ical", args=[edition.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Amsterdam"
    first, second = events
    assert first["UID"] and first["UID"] != second["UID"]
    assert "DTSTAMP" in first
    assert first["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert first.decoded("DTSTART").time() == dt.time(9, 30)
    assert first.decoded("DTEND").time() == dt.time(16, 30)
    assert str(first["LOCATION"]) == "Utrecht"
    assert str(second["URL"]) == "https://meet.example/abc"


def test_ical_feed_of_a_draft_course_is_not_found(client, provider_a):
    course = CoursePageFactory(parent=provider_a, live=False)
    edition = EditionFactory(course=course)
    assert client.get(reverse("courses:edition_ical", args=[edition.pk])).status_code == 404


def test_api_lists_published_courses_with_editions(client, provider_a, course_with_edition):
    course = course_with_edition(provider_a, code="API-1")
    AccreditationDecisionFactory(course=course, points_granted=Decimal("30"))
    CoursePageFactory(parent=provider_a, title="Geheim concept", code="DRAFT-1", live=False)

    listing = client.get("/api/v2/courses/").json()
    codes = [item["code"] for item in listing["items"]]
    assert codes == ["API-1"]
    item = listing["items"][0]
    assert item["kind"] == "post-hbo"
    assert item["accreditation"]["accredited"] is True
    assert item["accreditation"]["points"] == "30.0"
    assert item["editions"][0]["seats_left"] == 12
    assert len(item["editions"][0]["meetings"]) == 2

    detail = client.get(f"/api/v2/courses/{course.pk}/").json()
    assert detail["code"] == "API-1" and detail["editions"][0]["points"] == "30.0"
    assert (
        client.get(f"/api/v2/courses/{CoursePage.objects.get(code='DRAFT-1').pk}/").status_code
        == 404
    )

    pages = client.get("/api/v2/pages/?type=courses.CoursePage&fields=code").json()
    assert [p["code"] for p in pages["items"]] == ["API-1"]
    assert "Geheim concept" not in client.get("/api/v2/pages/?search=Geheim").content.decode()


def test_api_course_listing_query_count_does_not_grow_with_courses(
    client, provider_a, django_assert_num_queries
):
    today = timezone.localdate()

    def make(count):
        # Each course is accredited from today; of its two editions, the one that started
        # before that yields no points, the coming one yields the course's points.
        for i in range(count):
            course = CoursePageFactory(parent=provider_a, code=f"API-{CoursePage.objects.count()}")
            AccreditationDecisionFactory(
                course=course, points_granted=Decimal(10 + i), valid_from=today
            )
            for start in (today - dt.timedelta(days=5), today + dt.timedelta(days=30)):
                MeetingFactory(edition=EditionFactory(course=course, start_date=start))

    def points_by_code(items):
        return {item["code"]: [edition["points"] for edition in item["editions"]] for item in items}

    make(2)
    client.get("/api/v2/courses/")
    with CaptureQueriesContext(connection) as two:
        few = client.get("/api/v2/courses/").json()["items"]
    assert points_by_code(few) == {"API-0": ["0", "10.0"], "API-1": ["0", "11.0"]}
    make(10)
    with django_assert_num_queries(len(two)):
        items = client.get("/api/v2/courses/").json()["items"]
    assert len(items) == 12
    assert all(item["accreditation"]["accredited"] for item in items)
    assert all(len(e["meetings"]) == 1 for item in items for e in item["editions"])
    assert points_by_code(items)["API-11"] == ["0", "19.0"]


def test_a_revision_shows_its_own_editions_with_the_saved_seats(
    provider_a, course_with_edition, junior
):
    """The admin's revision view and preview draw the page from a revision, whose editions
    live in memory; saved ones keep their seats, a new one has none taken."""
    from courses.selectors import editions_for_course

    from .factories import enrol

    course = course_with_edition(provider_a)
    saved = course.editions.get()
    enrol(saved, junior)
    course.editions.add(EditionFactory.build(code="CONCEPT-1"))
    draft = course.save_revision().as_object()
    shown = {e.code: e for e in editions_for_course(course=draft)}
    assert shown[saved.code].seats_taken == 1
    assert shown["CONCEPT-1"].seats_left == shown["CONCEPT-1"].capacity


def test_api_gives_approaches_and_work_forms_as_json_arrays(client, provider_a):
    course = CoursePageFactory(
        parent=provider_a,
        code="API-ARR",
        approaches=["strategisch", "zelfredzaamheid"],
        work_forms=["project"],
    )
    detail = client.get(f"/api/v2/courses/{course.pk}/").json()
    assert detail["approaches"] == ["zelfredzaamheid", "strategisch"]
    assert detail["work_forms"] == ["project"]
    fields = "?type=courses.CoursePage&fields=approaches,work_forms"
    [item] = client.get(f"/api/v2/pages/{fields}").json()["items"]
    assert (item["approaches"], item["work_forms"]) == (
        ["zelfredzaamheid", "strategisch"],
        ["project"],
    )
    empty = CoursePageFactory(parent=provider_a, code="API-LEEG")
    assert client.get(f"/api/v2/courses/{empty.pk}/").json()["approaches"] == []
