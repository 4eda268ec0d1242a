"""Search finds a lesson's text only where anyone may read it: the site search and the API."""

import pytest

from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db

SECRET = "Krachtenveldgeheim"
ANSWER = "Zwaluwstaartantwoord"


def _lesson(course, title):
    lesson = LessonPage(
        title=title,
        body=[
            ("paragraph", f"<p>Alleen deelnemers lezen over het {SECRET}.</p>"),
            (
                "check_question",
                {
                    "question": "Waar begint het werkproces?",
                    "answers": [{"text": ANSWER, "correct": True, "feedback": "Juist."}],
                },
            ),
        ],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def _found(client, word) -> dict:
    site = client.get("/zoeken/", {"q": word}).content.decode()
    api = client.get("/api/v2/pages/", {"search": word}).json()["items"]
    return {
        "site": "Les over de wijk" in site,
        "api": any(p["title"] == "Les over de wijk" for p in api),
    }


@pytest.fixture
def course(edition):
    return CoursePage.objects.get(pk=edition.course_id)


def _publish(course, participants_only: bool) -> None:
    course.lessons_for_participants_only = participants_only
    course.save_revision().publish()


def test_lessons_for_participants_only_are_found_by_title_not_by_text(client, course, junior):
    _publish(course, participants_only=True)
    _lesson(course, "Les over de wijk")
    client.force_login(junior)
    for word in (SECRET, ANSWER):
        assert _found(client, word) == {"site": False, "api": False}, word
    client.logout()
    assert _found(client, SECRET) == {"site": False, "api": False}
    assert _found(client, "wijk") == {"site": True, "api": True}


def test_lessons_open_to_everyone_are_found_by_their_text(client, course):
    _publish(course, participants_only=False)
    _lesson(course, "Les over de wijk")
    assert _found(client, SECRET) == {"site": True, "api": True}


def test_closing_a_courses_lessons_takes_their_text_out_of_search(client, course):
    _publish(course, participants_only=False)
    _lesson(course, "Les over de wijk")
    assert _found(client, ANSWER) == {"site": True, "api": True}
    _publish(course, participants_only=True)
    assert _found(client, ANSWER) == {"site": False, "api": False}
