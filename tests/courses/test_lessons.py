"""Lessons for participants only, marking them done, reflections, and the completion rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from courses.models import Completion, CoursePage, LessonPage, Reflection
from courses.services import lesson_done, reflection_decide, reflection_submit

from .factories import course_ran, enrol

pytestmark = pytest.mark.django_db


def _lesson(course, title, body):
    lesson = LessonPage(title=title, body=body)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def lessons(edition):
    course = CoursePage.objects.get(pk=edition.course_id)
    course.rule_lessons = True
    course.rule_reflections = True
    course.rule_attendance_percent = 0
    course.save_revision().publish()
    first = _lesson(
        course,
        "Wat is een krachtenveld?",
        [
            ("paragraph", "<p>Een krachtenveld brengt belangen in beeld.</p>"),
            (
                "check_question",
                {
                    "question": "Waar begint het werkproces?",
                    "answers": [
                        {"text": "Analyse", "correct": True, "feedback": "Juist."},
                        {"text": "Uitvoering", "correct": False, "feedback": "Eerst analyse."},
                    ],
                },
            ),
        ],
    )
    second = _lesson(
        course,
        "Reflectie op je wijk",
        [("reflection", {"assignment": "Beschrijf het krachtenveld in je eigen wijk."})],
    )
    return first, second


def test_non_participants_see_the_outline_and_an_invitation(client, lessons, junior):
    first, _second = lessons
    client.force_login(junior)
    page = client.get(first.url).content.decode()
    assert "alleen voor deelnemers" in page
    assert "Reflectie op je wijk" in page
    assert "Een krachtenveld brengt belangen in beeld." not in page


def test_participant_reads_marks_done_and_sees_feedback_per_answer(
    client, edition, lessons, junior
):
    first, _second = lessons
    enrol(edition, junior)
    client.force_login(junior)
    page = client.get(first.url).content.decode()
    assert "Een krachtenveld brengt belangen in beeld." in page
    assert "Eerst analyse." in page
    client.post(reverse("courses:lesson_done", args=[first.pk]))
    assert "Afgerond" in client.get(first.url).content.decode()


def test_only_participants_mark_lessons_done(lessons, junior):
    with pytest.raises(PermissionDenied):
        lesson_done(person=junior, lesson=lessons[0])


def test_reflection_accepted_with_lessons_done_completes(edition, lessons, junior, editor_a):
    first, second = lessons
    enrol(edition, junior)
    course_ran(edition)
    lesson_done(person=junior, lesson=first)
    lesson_done(person=junior, lesson=second)
    reflection = reflection_submit(
        person=junior, lesson=second, text="Mijn wijk kent drie partijen."
    )
    with pytest.raises(ValidationError, match="al een reflectie"):
        reflection_submit(person=junior, lesson=second, text="Nog een keer")
    assert not Completion.objects.exists()
    with pytest.raises(ValidationError, match="terugkoppeling"):
        reflection_decide(reflection=reflection, actor=editor_a, accept=False)
    reflection_decide(reflection=reflection, actor=editor_a, accept=True)
    completion = Completion.objects.get()
    assert completion.completed_by is None
    assert completion.person == junior


def test_returned_reflection_can_be_submitted_again(client, edition, lessons, junior, editor_a):
    _first, second = lessons
    enrol(edition, junior)
    reflection = reflection_submit(person=junior, lesson=second, text="Eerste poging.")
    reflection_decide(
        reflection=reflection, actor=editor_a, accept=False, feedback="Meer diepgang."
    )
    client.force_login(junior)
    assert "Meer diepgang." in client.get(second.url).content.decode()
    client.post(reverse("courses:reflection_submit", args=[second.pk]), {"text": "Tweede poging."})
    assert Reflection.objects.filter(status=Reflection.Status.SUBMITTED).count() == 1


def test_lesson_page_can_be_created_under_a_course(edition):
    course = CoursePage.objects.get(pk=edition.course_id)
    assert LessonPage in course.specific_class.allowed_subpage_models()
