"""Progress per enrolment: required live lessons of the enrolment's own course, meetings
attended out of the edition's meetings, and a completion that still stands."""

import pytest
from django.utils import timezone

from courses.models import Attendance, CoursePage, LessonPage, LessonProgress
from courses.selectors import enrolment_progress
from courses.services import completion_create, completion_revoke

from .factories import CoursePageFactory, EditionFactory, MeetingFactory, course_ran, enrol

pytestmark = pytest.mark.django_db


def _lesson(course, title, *, required=True, live=True):
    lesson = LessonPage(title=title, required=required, live=live)
    course.add_child(instance=lesson)
    if live:
        lesson.save_revision().publish()
    return lesson


def _done(enrolment, lesson):
    LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, done_at=timezone.now())


def _mark(enrolment, meeting, status, actor):
    Attendance.objects.create(
        enrolment=enrolment,
        meeting=meeting,
        status=status,
        marked_by=actor,
        marked_at=timezone.now(),
    )


def test_progress_counts_only_what_the_rule_counts(provider_a, junior, editor_a):
    course = CoursePage.objects.get(pk=CoursePageFactory(parent=provider_a).pk)
    other_course = CoursePage.objects.get(pk=CoursePageFactory(parent=provider_a).pk)
    first = _lesson(course, "Krachtenveld")
    _lesson(course, "Netwerken")  # required, not done
    optional = _lesson(course, "Verdieping", required=False)
    draft = _lesson(course, "In voorbereiding", live=False)
    elsewhere = _lesson(other_course, "Elders")
    edition = EditionFactory(course=course)
    meetings = [MeetingFactory(edition=edition) for _ in range(3)]
    other_edition = EditionFactory(course=other_course)
    MeetingFactory(edition=other_edition)
    MeetingFactory(edition=other_edition)

    enrolment = enrol(edition, junior)
    finished = enrol(other_edition, junior)
    course_ran(edition)
    course_ran(other_edition)
    for lesson in (first, optional, draft):
        _done(enrolment, lesson)
    _mark(enrolment, meetings[0], Attendance.Status.PRESENT, editor_a)
    _mark(enrolment, meetings[1], Attendance.Status.ABSENT, editor_a)
    _done(finished, elsewhere)
    completion = completion_create(enrolment=finished, actor=editor_a, reason="Alles gedaan")

    progress = enrolment_progress([enrolment, finished])

    ongoing = progress[enrolment.pk]
    assert (ongoing.lessons_done, ongoing.lessons_total) == (1, 2)
    assert (ongoing.meetings_present, ongoing.meetings_total) == (1, 3)
    assert not ongoing.completed
    assert ongoing.percent == 40  # (1 lesson + 1 meeting) of (2 lessons + 3 meetings)
    done = progress[finished.pk]
    assert (done.lessons_done, done.lessons_total) == (1, 1)
    assert (done.meetings_present, done.meetings_total) == (0, 2)
    assert done.completed and done.percent == 100

    completion_revoke(completion=completion, actor=editor_a, reason="Ten onrechte afgerond")
    assert not enrolment_progress([finished])[finished.pk].completed
