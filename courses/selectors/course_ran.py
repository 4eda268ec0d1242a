"""When a course has run: the day a meeting's attendance may be recorded and the first day a
completion may be dated (DOMAIN.md, "No points before the course ran").

- Attendance is recorded on or after the meeting's day: a roll call in the morning, a check-in
  at the door. Days are Dutch days (``timezone.localdate()``, Europe/Amsterdam).
- A completion is dated on or after the day of its edition's last meeting; for an edition
  without meetings, on or after the day the participant did the course's last required lesson.
  Never before the edition's first day: an edition without meetings or lessons done has run
  from its first day on.

The first day is an ORM expression, so that the register's ledger and ``counting_completions``
read it in the same query as the completions; the services ask for it through
``completion_earliest``. Completions already dated before it are history and stay as they
are: they do not count, and the register says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import DateField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from ..models import Enrolment, LessonProgress, Meeting


def meeting_open_for_attendance(meeting: Meeting, *, today: dt.date | None = None) -> bool:
    """May attendance of ``meeting`` be recorded (today, or on ``today``)?"""
    return meeting.date <= (today or timezone.localdate())


def _last_meeting_day(edition: str) -> Subquery:
    """The day of the last meeting of the edition named by the outer field ``edition``."""
    return Subquery(
        Meeting.objects.filter(edition_id=OuterRef(edition)).order_by("-date").values("date")[:1],
        output_field=DateField(),
    )


def _last_required_lesson_day(enrolment: str) -> Subquery:
    """The Dutch day on which the enrolment named by the outer field ``enrolment`` did its
    latest required lesson."""
    return Subquery(
        LessonProgress.objects.filter(enrolment_id=OuterRef(enrolment), lesson__required=True)
        .order_by("-done_at")
        .annotate(day=TruncDate("done_at"))
        .values("day")[:1],
        output_field=DateField(),
    )


def _earliest_day(*, edition: str, first_day: str, enrolment: str):
    """The first day a completion may be dated, from the outer fields naming the edition, its
    first day and the enrolment. ``Coalesce`` first: SQLite's ``MAX(a, b)`` is NULL when
    either is NULL."""
    return Greatest(
        F(first_day),
        Coalesce(
            _last_meeting_day(edition),
            _last_required_lesson_day(enrolment),
            F(first_day),
            output_field=DateField(),
        ),
        output_field=DateField(),
    )


def completion_earliest_day_expression():
    """Per completion, the first day it may be dated, for ``annotate()`` on a queryset of
    ``Completion``: the day of its edition's last meeting or, for an edition without
    meetings, the day the last required lesson was done, and never before the edition's first
    day."""
    return _earliest_day(
        edition="edition_id", first_day="edition__start_date", enrolment="enrolment_id"
    )


def enrolment_completion_earliest_day_expression():
    """The same first day, for ``annotate()`` on a queryset of ``Enrolment``: what a
    completion of the enrolment would be dated on at the earliest."""
    return _earliest_day(edition="edition_id", first_day="edition__start_date", enrolment="pk")


def completion_before_course_ran() -> Q:
    """Completions dated before their course ran, for ``filter()``/``exclude()`` on a queryset
    of ``Completion`` (or, wrapped in ``ExpressionWrapper(..., BooleanField())``, an
    annotation). They are refused now; those made before the rule stay, and do not count."""
    return Q(completed_on__lt=completion_earliest_day_expression())


@dataclass(frozen=True)
class EarliestCompletionDay:
    """The first day a completion of an enrolment may be dated, and what sets it."""

    MEETING = "meeting"  # the edition's last meeting
    LESSON = "lesson"  # the last required lesson the participant did
    FIRST_DAY = "first_day"  # the edition's first day

    day: dt.date
    set_by: str


def completion_earliest(enrolment: Enrolment) -> EarliestCompletionDay:
    """The first day a completion of ``enrolment`` may be dated and what sets it, in one
    query, by the same expression the counting reads (``completion_earliest_day_expression``)."""
    row = (
        Enrolment.objects.filter(pk=enrolment.pk)
        .annotate(
            last_meeting=_last_meeting_day("edition_id"),
            last_lesson=_last_required_lesson_day("pk"),
            earliest=enrolment_completion_earliest_day_expression(),
        )
        .values("earliest", "last_meeting", "last_lesson")
        .get()
    )
    day = row["earliest"]
    if day == row["last_meeting"]:
        set_by = EarliestCompletionDay.MEETING
    elif day == row["last_lesson"] and row["last_meeting"] is None:
        set_by = EarliestCompletionDay.LESSON
    else:
        set_by = EarliestCompletionDay.FIRST_DAY
    return EarliestCompletionDay(day=day, set_by=set_by)


def completion_earliest_day(enrolment: Enrolment) -> dt.date:
    """The first day a completion of ``enrolment`` may be dated."""
    return completion_earliest(enrolment).day
