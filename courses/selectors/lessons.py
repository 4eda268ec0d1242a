"""Reads about following a course's lessons: its outline for one participant (which lessons
are done, which is next, where to resume) and the same for the start page's enrolments.

The numbers of done and required lessons come from ``enrolment_progress``, the count the
course's completion rule reads; the outline only marks lessons, it counts nothing itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from lms.accounts.models import User

from ..models import CoursePage, LessonPage, LessonProgress, LessonVisit
from .records import Progress, enrolment_progress, participant_enrolment


@dataclass
class OutlineItem:
    lesson: LessonPage
    done: bool = False
    is_next: bool = False


@dataclass
class LessonOutline:
    """A course's live lessons in order as one participant follows them."""

    items: list[OutlineItem] = field(default_factory=list)
    progress: Progress | None = None
    next_lesson: LessonPage | None = None
    resume_lesson: LessonPage | None = None


def outline_build(
    *,
    lessons: list[LessonPage],
    done_ids: set[int],
    last_lesson_id: int | None,
    progress: Progress | None,
) -> LessonOutline:
    """Mark ``lessons`` (in the course's order) done or next and find where to resume.

    The next lesson is the first one not done. One resumes at the lesson opened last while it
    is not done; once it is, at the first lesson after it not done yet (or, with none after
    it, the first not done at all); with every lesson done there is nothing to resume.
    """
    items = [OutlineItem(lesson=lesson, done=lesson.pk in done_ids) for lesson in lessons]
    open_items = [item for item in items if not item.done]
    next_item = open_items[0] if open_items else None
    if next_item:
        next_item.is_next = True
    resume = next_item
    last = next((i for i, item in enumerate(items) if item.lesson.pk == last_lesson_id), None)
    if last is not None:
        if not items[last].done:
            resume = items[last]
        else:
            resume = next((item for item in items[last + 1 :] if not item.done), next_item)
    return LessonOutline(
        items=items,
        progress=progress,
        next_lesson=next_item.lesson if next_item else None,
        resume_lesson=resume.lesson if resume else None,
    )


def _done_ids(enrolment_ids: list[int]) -> dict[int, set[int]]:
    done: dict[int, set[int]] = defaultdict(set)
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=enrolment_ids
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    return done


def course_outline(
    *, user: User, course: CoursePage, lessons: list[LessonPage]
) -> LessonOutline | None:
    """The course page's outline for a participant (``lessons``: the course's live lessons,
    in order, as the page already read them); nothing for anyone else, so an anonymous page
    (the one the page cache keeps) never holds a personal part."""
    if not lessons or not user.is_authenticated:
        return None
    enrolment = participant_enrolment(person=user, course_id=course.pk)
    if enrolment is None:
        return None
    visit = getattr(enrolment, "lesson_visit", None)
    return outline_build(
        lessons=lessons,
        done_ids=_done_ids([enrolment.pk])[enrolment.pk],
        last_lesson_id=visit.lesson_id if visit else None,
        progress=enrolment_progress([enrolment])[enrolment.pk],
    )


def enrolment_outlines(
    *, enrolments: dict[int, CoursePage], progress: dict[int, Progress]
) -> dict[int, LessonOutline]:
    """Per enrolment id (given with its course page: pk, path, depth and numchild read), the
    outline of the course's live lessons, in three queries whatever the number of enrolments:
    the lessons, those done, the lessons opened last. Courses without pages below them cost
    nothing."""
    with_pages = {pk: course for pk, course in enrolments.items() if course.numchild}
    if not with_pages:
        return {}
    courses = {course.pk: course for course in with_pages.values()}
    condition = Q()
    for course in courses.values():
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    by_path = {course.path: course.pk for course in courses.values()}
    lessons: dict[int, list[LessonPage]] = defaultdict(list)
    for lesson in (
        LessonPage.objects.live()
        .filter(condition)
        .only("title", "url_path", "path")
        .order_by("path")
    ):
        lessons[by_path[lesson.path[: -LessonPage.steplen]]].append(lesson)
    enrolment_ids = [pk for pk, course in with_pages.items() if lessons.get(course.pk)]
    if not enrolment_ids:
        return {}
    done = _done_ids(enrolment_ids)
    visits = dict(
        LessonVisit.objects.filter(enrolment_id__in=enrolment_ids).values_list(
            "enrolment_id", "lesson_id"
        )
    )
    return {
        pk: outline_build(
            lessons=lessons[with_pages[pk].pk],
            done_ids=done[pk],
            last_lesson_id=visits.get(pk),
            progress=progress.get(pk),
        )
        for pk in enrolment_ids
    }
