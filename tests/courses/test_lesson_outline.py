"""Following a course's lessons: previous and next in the course's order, the outline with
what is done and next, resuming where one left off, progress as the completion rule counts it,
the start page's cards, the page cache keeping personal parts out, and the demo's lessons."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import CoursePage, LessonPage, LessonVisit
from courses.selectors import enrolment_progress, outline_build, participant_enrolment
from courses.services import lesson_done
from lms.accounts.models import Role
from tests.clients import Client
from tests.factories import person

from .factories import EditionFactory, enrol

pytestmark = pytest.mark.django_db

RESUME = "Verder waar je was"


def _lesson(course, title, *, required=True, live=True, body=()):
    lesson = LessonPage(title=title, required=required, live=live, body=list(body))
    course.add_child(instance=lesson)
    if live:
        lesson.save_revision().publish()
    course.refresh_from_db()
    return lesson


@pytest.fixture
def course(edition):
    return CoursePage.objects.get(pk=edition.course_id)


@pytest.fixture
def lessons(course):
    first = _lesson(course, "Het krachtenveld")
    _lesson(course, "Nog in voorbereiding", live=False)
    second = _lesson(course, "Netwerken in de wijk")
    third = _lesson(course, "Verdieping", required=False)
    return first, second, third


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _nav(soup):
    nav = soup.find("nav", class_="lesson-nav")
    if nav is None:
        return {}
    return {a["rel"][0]: (a.get_text(strip=True), a["href"]) for a in nav.find_all("a")}


def _outline(soup):
    """(title, status) per lesson of the course page's outline."""
    section = soup.find("section", class_="lesson-outline")
    rows = []
    for item in section.find("ol").find_all("li"):
        badge = item.find(class_="badge")
        rows.append((item.a.get_text(strip=True), badge.get_text(strip=True) if badge else ""))
    return rows


def _resume(soup):
    link = next((a for a in soup.find_all("a") if a.get_text(strip=True).startswith(RESUME)), None)
    return link["href"] if link else None


# --- Previous and next ---------------------------------------------------------------------


def test_lessons_link_to_the_one_before_and_after_in_the_course_order(client, lessons):
    first, second, third = lessons
    pages = {lesson.pk: _soup(client.get(lesson.url)) for lesson in lessons}
    assert _nav(pages[first.pk]) == {"next": (f"Volgende les: {second.title}", second.url)}
    assert _nav(pages[second.pk]) == {
        "prev": (f"Vorige les: {first.title}", first.url),
        "next": (f"Volgende les: {third.title}", third.url),
    }
    assert _nav(pages[third.pk]) == {"prev": (f"Vorige les: {second.title}", second.url)}
    assert "Les 2 van 3" in pages[second.pk].get_text()


# --- Outline, progress and resuming ----------------------------------------------------------


def test_outline_builds_next_and_resume_from_done_and_last_visited():
    a, b, c, d = (LessonPage(pk=n, title=str(n)) for n in range(1, 5))
    lessons = [a, b, c, d]

    def built(done, last):
        outline = outline_build(lessons=lessons, done_ids=done, last_lesson_id=last, progress=None)
        return outline.next_lesson, outline.resume_lesson

    assert built(set(), None) == (a, a)  # nothing yet: start at the beginning
    assert built({1}, None) == (b, b)
    assert built({1}, 3) == (b, c)  # left off at a lesson not done: back there
    assert built({1, 3}, 3) == (b, d)  # it is done now: the next one not done after it
    assert built({1, 3, 4}, 4) == (b, b)  # nothing after it: the first not done
    assert built({1, 2, 3, 4}, 2) == (None, None)  # all done: nothing to resume


def test_participant_sees_done_next_progress_and_resumes_where_they_left_off(
    client, edition, course, lessons, junior
):
    first, second, third = lessons
    enrolment = enrol(edition, junior)
    client.force_login(junior)

    soup = _soup(client.get(course.url))
    assert _outline(soup) == [
        ("Het krachtenveld", "Volgende les"),
        ("Netwerken in de wijk", ""),
        ("Verdieping", ""),
    ]
    assert _resume(soup) == first.url
    assert "0 van 2 verplichte lessen afgerond" in soup.get_text()

    client.get(second.url)  # opened, not done
    assert LessonVisit.objects.get(enrolment=enrolment).lesson == second
    lesson_done(person=junior, lesson=first)
    soup = _soup(client.get(course.url))
    assert _outline(soup) == [
        ("Het krachtenveld", "Afgerond"),
        ("Netwerken in de wijk", "Volgende les"),
        ("Verdieping", ""),
    ]
    assert _resume(soup) == second.url
    # The numbers are the completion rule's own count of required lessons done.
    progress = enrolment_progress([enrolment])[enrolment.pk]
    assert (progress.lessons_done, progress.lessons_total) == (1, 2)
    bar = soup.find("progress", id="lesson-progress-course")
    assert (bar["value"], bar["max"]) == ("1", "2")
    label = soup.find("label", attrs={"for": "lesson-progress-course"})
    assert label.get_text(strip=True) == "1 van 2 verplichte lessen afgerond"

    lesson_done(person=junior, lesson=second)
    assert _resume(_soup(client.get(course.url))) == third.url
    lesson_done(person=junior, lesson=third)
    soup = _soup(client.get(course.url))
    assert _resume(soup) is None
    assert "Je hebt alle lessen afgerond" in soup.get_text()


def test_the_lesson_visited_last_is_kept_per_enrolment_and_only_for_participants(
    client, edition, course, lessons, junior
):
    first, second, _third = lessons
    client.force_login(junior)
    client.get(first.url)  # not a participant: nothing to remember
    assert not LessonVisit.objects.exists()
    enrolment = enrol(edition, junior)
    client.get(first.url)
    client.get(second.url)
    client.get(second.url)
    visit = LessonVisit.objects.get()
    assert (visit.enrolment, visit.lesson) == (enrolment, second)
    assert participant_enrolment(person=junior, course_id=course.pk).lesson_visit == visit


def test_anonymous_course_page_holds_no_personal_part_and_the_cache_leaks_none(
    edition, course, lessons, junior
):
    first, second, _third = lessons
    enrol(edition, junior)
    lesson_done(person=junior, lesson=first)
    learner = Client()
    learner.force_login(junior)
    visitor = Client()

    stored = visitor.get(course.url)
    assert stored["X-Page-Cache"] == "miss"
    mine = _soup(learner.get(course.url))
    assert "X-Page-Cache" not in learner.get(course.url)
    assert _resume(mine) == second.url
    assert mine.find("progress", id="lesson-progress-course")

    for response in (visitor.get(course.url), Client().get(course.url)):
        assert response["X-Page-Cache"] == "hit"
        soup = _soup(response)
        assert _outline(soup) == [
            ("Het krachtenveld", ""),
            ("Netwerken in de wijk", ""),
            ("Verdieping", ""),
        ]
        assert _resume(soup) is None
        assert soup.find("progress") is None
        assert "verplichte lessen afgerond" not in soup.get_text()
    # Another signed-in person who does not take part sees no one's progress either.
    other = Client()
    other.force_login(person(Role.JUNIOR))
    soup = _soup(other.get(course.url))
    assert _resume(soup) is None and soup.find("progress") is None


# --- The start page --------------------------------------------------------------------------


def test_start_page_cards_link_to_the_course_with_progress_and_resume(
    client, site, edition, course, lessons, junior
):
    first, second, _third = lessons
    enrol(edition, junior)
    lesson_done(person=junior, lesson=first)
    client.force_login(junior)
    client.get(second.url)
    soup = _soup(client.get(reverse("dashboard:home")))
    card = next(
        c for c in soup.select(".card") if c.h3 and c.h3.get_text(strip=True) == course.title
    )
    assert card.h3.a["href"] == course.url
    assert "1 van 2 verplichte lessen afgerond" in card.get_text()
    bar = card.find("progress", id=lambda i: i and i.startswith("lesson-progress-"))
    assert (bar["value"], bar["max"]) == ("1", "2")
    assert _resume(card) == second.url


def test_start_page_costs_the_same_with_more_courses_with_lessons(client, site, provider_a, junior):
    from .factories import CoursePageFactory

    def course_with_lessons(n):
        course = CoursePageFactory(parent=provider_a)
        for i in range(n):
            _lesson(course, f"Les {i}")
        edition = EditionFactory(course=course)
        enrolment = enrol(edition, junior)
        return enrolment

    client.force_login(junior)
    counts = []
    for more in (1, 4):
        for _ in range(more):
            course_with_lessons(3)
        client.get(reverse("dashboard:home"))
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("dashboard:home")).content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert html.count(RESUME) == 5


# --- Query pins ------------------------------------------------------------------------------


def test_course_and_lesson_page_cost_the_same_with_many_lessons(client, edition, course, junior):
    enrol(edition, junior)
    client.force_login(junior)
    lessons = [_lesson(course, "Les 1"), _lesson(course, "Les 2")]
    lesson_done(person=junior, lesson=lessons[0])

    def counts(tag):
        result = []
        for url in (course.url, lessons[1].url):
            client.get(f"{url}?{tag}")  # the lesson visit is written on the first visit only
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{url}?{tag}").status_code == 200
            result.append(len(queries))
        return result

    few = counts("weinig")
    for n in range(3, 13):
        lessons.append(_lesson(course, f"Les {n}"))
    for lesson in lessons[2:8]:
        lesson_done(person=junior, lesson=lesson)
    assert counts("veel") == few


# --- The demo --------------------------------------------------------------------------------


def test_demo_seeds_courses_with_lessons_offline_and_once(client):
    from wagtail.documents import get_document_model
    from wagtail.embeds.models import Embed

    from cms import demo as cms_demo
    from courses import demo
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    cms_demo.seed()
    demo.seed(people)

    def snapshot():
        return (
            LessonPage.objects.count(),
            get_document_model().objects.count(),
            Embed.objects.count(),
            LessonVisit.objects.count(),
            sum(lesson.revisions.count() for lesson in LessonPage.objects.all()),
        )

    first = snapshot()
    demo.seed(people)
    assert snapshot() == first

    with_lessons = [
        course for course in CoursePage.objects.live() if LessonPage.objects.child_of(course).live()
    ]
    assert len(with_lessons) >= 3
    for course in with_lessons:
        lessons = list(LessonPage.objects.child_of(course).live().specific())
        kinds = {block.block_type for lesson in lessons for block in lesson.body}
        assert {"paragraph", "embed", "document", "check_question"} <= kinds, course.title
        for lesson in lessons:
            assert sum(b.block_type == "paragraph" for b in lesson.body) >= 2
            assert any(b.block_type == "check_question" for b in lesson.body)
    document = get_document_model().objects.first()
    with document.file.open("rb") as file:
        assert file.read(5) == b"%PDF-"

    # The junior follows a demo course; its video comes from what the demo stored.
    junior = people["junior@example.org"]
    client.force_login(junior)
    home = _soup(client.get(reverse("dashboard:home")))
    card = next(c for c in home.select(".card") if "Sociaal beleid en lokale politiek" in c.text)
    lesson = _soup(client.get(_resume(card)))
    assert lesson.find("iframe", title=True)["src"].startswith("https://www.youtube-nocookie.com/")
    assert lesson.find("fieldset", class_="check-question")
