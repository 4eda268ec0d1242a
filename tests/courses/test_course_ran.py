"""No points before the course ran (DOMAIN.md): attendance from the meeting's day on, and a
completion, automatic or by hand, dated on or after the day the course ran."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    Attendance,
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    Meeting,
)
from courses.selectors import (
    EarliestCompletionDay,
    completion_before_course_ran,
    completion_earliest,
    completion_earliest_day,
    completion_earliest_day_expression,
    counting_completions,
)
from courses.services import (
    attendance_mark,
    completion_create,
    completion_evaluate,
    enrolment_create,
    lesson_done,
)
from lms.accounts.models import OutboundEmail
from tests.register.factories import completion as completion_row

from .factories import (
    AccreditationDecisionFactory,
    CoursePageFactory,
    EditionFactory,
    MeetingFactory,
    course_ran,
    enrol,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

UTC = dt.UTC


def _dutch(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _all_present(edition, enrolment):
    return {(enrolment.pk, m.pk): Attendance.Status.PRESENT for m in edition.meetings.all()}


def _lesson(course, title, *, required=True):
    lesson = LessonPage(title=title, required=required)
    CoursePage.objects.get(pk=course.pk).add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def _done_on(enrolment, lesson, day: dt.date):
    done_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, done_at=done_at)


@pytest.fixture
def accredited(edition):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("12"))
    return edition


# --- Attendance ------------------------------------------------------------------------------


def test_attendance_for_a_meeting_still_to_come_is_refused_and_nothing_written(
    accredited, junior, editor_a
):
    enrolment = enrol(accredited, junior)
    first = accredited.meetings.order_by("date").first()
    with pytest.raises(ValidationError) as refused:
        attendance_mark(
            edition=accredited,
            actor=editor_a,
            marks={(enrolment.pk, first.pk): Attendance.Status.PRESENT},
        )
    assert refused.value.messages == [
        f"De bijeenkomst van {_dutch(first.date)} heeft nog niet plaatsgevonden: aanwezigheid "
        "leg je vast vanaf de dag van de bijeenkomst."
    ]
    assert not Attendance.objects.exists()
    assert not Completion.objects.exists()


def test_one_future_meeting_in_the_grid_refuses_the_whole_grid(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    first, last = accredited.meetings.order_by("date")
    Meeting.objects.filter(pk=first.pk).update(date=timezone.localdate())
    with pytest.raises(ValidationError, match="heeft nog niet plaatsgevonden"):
        attendance_mark(
            edition=accredited, actor=editor_a, marks=_all_present(accredited, enrolment)
        )
    assert not Attendance.objects.exists()
    attendance_mark(
        edition=accredited,
        actor=editor_a,
        marks={(enrolment.pk, first.pk): Attendance.Status.PRESENT},
    )
    assert Attendance.objects.get().meeting == first
    assert not Completion.objects.exists()


def test_attendance_on_the_meeting_day_itself_is_recorded(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited, days_ago=0)
    completed = attendance_mark(
        edition=accredited, actor=editor_a, marks=_all_present(accredited, enrolment)
    )
    assert Attendance.objects.count() == 2
    # The last meeting is today: the rule is met and the course has run.
    assert [c.completed_on for c in completed] == [timezone.localdate()]


@pytest.mark.parametrize(
    ("eve", "refused_at", "allowed_at"),
    [
        # Winter (CET, UTC+1): 22:30 UTC is 23:30 the evening before, 23:30 UTC already 00:30.
        (dt.date(2027, 1, 14), dt.time(22, 30), dt.time(23, 30)),
        # Summer (CEST, UTC+2): 21:30 UTC is 23:30 the evening before, 23:30 UTC already 01:30.
        (dt.date(2027, 7, 14), dt.time(21, 30), dt.time(23, 30)),
    ],
)
def test_the_meeting_day_is_the_dutch_day_across_midnight(
    provider_a, junior, editor_a, eve, refused_at, allowed_at
):
    meeting_day = eve + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(eve, refused_at, tzinfo=UTC), tick=False):
        assert timezone.localdate() == eve
        edition = EditionFactory(
            course=CoursePageFactory(parent=provider_a), start_date=meeting_day
        )
        meeting = MeetingFactory(edition=edition, date=meeting_day)
        enrolment = enrol(edition, junior)
        marks = {(enrolment.pk, meeting.pk): Attendance.Status.PRESENT}
        with pytest.raises(ValidationError, match="heeft nog niet plaatsgevonden"):
            attendance_mark(edition=edition, actor=editor_a, marks=marks)
    with time_machine.travel(dt.datetime.combine(eve, allowed_at, tzinfo=UTC), tick=False):
        # Still the eve in UTC, where CI runs; already the meeting's day in Amsterdam.
        assert timezone.now().date() == eve
        assert timezone.localdate() == meeting_day
        attendance_mark(edition=edition, actor=editor_a, marks=marks)
    mark = Attendance.objects.get()
    assert timezone.localtime(mark.marked_at, ZoneInfo("Europe/Amsterdam")).date() == meeting_day


def test_the_grid_locks_meetings_still_to_come_with_a_note(client, edition, junior, editor_a):
    enrolment = enrol(edition, junior)
    first, last = edition.meetings.order_by("date")
    Meeting.objects.filter(pk=first.pk).update(date=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(editor_a)
    soup = BeautifulSoup(
        client.get(reverse("courses:attendance", args=[edition.pk])).content, "html.parser"
    )
    past = soup.find("select", id=f"a-{enrolment.pk}-{first.pk}")
    future = soup.find("select", id=f"a-{enrolment.pk}-{last.pk}")
    assert not past.has_attr("disabled")
    assert future.has_attr("disabled")
    note = soup.find(id=future["aria-describedby"]).get_text(" ", strip=True)
    assert "vanaf de dag van de bijeenkomst" in note
    headers = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    assert headers[-1] == f"{_dutch(last.date)} nog niet"


def test_a_posted_mark_for_a_future_meeting_is_refused_on_the_page(
    client, edition, junior, editor_a
):
    enrolment = enrol(edition, junior)
    meeting = edition.meetings.order_by("date").first()
    client.force_login(editor_a)
    response = client.post(
        reverse("courses:attendance", args=[edition.pk]),
        {f"a-{enrolment.pk}-{meeting.pk}": "aanwezig"},
    )
    assert response.status_code == 200
    assert "heeft nog niet plaatsgevonden" in response.content.decode()
    assert not Attendance.objects.exists()


# --- Completion by hand ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason", ["Eindopdracht al ingeleverd.", "Vrijstelling", "Heeft alles al gedaan"]
)
def test_completing_by_hand_before_the_course_ran_is_refused_whatever_the_reason(
    accredited, junior, editor_a, reason
):
    enrolment = enrol(accredited, junior)
    last = accredited.meetings.order_by("-date").first()
    with pytest.raises(ValidationError) as refused:
        completion_create(enrolment=enrolment, actor=editor_a, reason=reason)
    assert refused.value.messages == [
        f"Afronden kan pas vanaf {_dutch(last.date)}, de dag van de laatste bijeenkomst."
    ]
    assert not Completion.objects.exists()
    assert not OutboundEmail.objects.filter(key__startswith="completion:").exists()


def test_afronden_for_an_edition_starting_next_month_shows_why_and_writes_nothing(
    client, accredited, junior, editor_a
):
    enrolment = enrol(accredited, junior)
    client.force_login(editor_a)
    response = client.post(
        reverse("courses:completion_complete", args=[enrolment.pk]),
        {"reason": "Komt toch wel goed."},
        follow=True,
    )
    last = accredited.meetings.order_by("-date").first()
    assert (
        f"Afronden kan pas vanaf {_dutch(last.date)}, de dag van de laatste bijeenkomst."
        in response.content.decode()
    )
    assert "De deelnemer is afgerond." not in response.content.decode()
    assert not Completion.objects.exists()


def test_completing_by_hand_on_the_last_meeting_day_is_allowed(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited, days_ago=0)
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    assert completion.completed_on == timezone.localdate()
    assert completion.points == Decimal("12")


def test_a_completion_dated_back_before_the_last_meeting_is_refused(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited, days_ago=5)
    last = timezone.localdate() - dt.timedelta(days=5)
    with pytest.raises(ValidationError, match=f"Afronden kan pas vanaf {_dutch(last)}"):
        completion_create(
            enrolment=enrolment,
            actor=editor_a,
            reason="Klaar",
            completed_on=last - dt.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="niet na vandaag"):
        completion_create(
            enrolment=enrolment,
            actor=editor_a,
            reason="Klaar",
            completed_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert not Completion.objects.exists()
    completion = completion_create(
        enrolment=enrolment, actor=editor_a, reason="Klaar", completed_on=last
    )
    assert completion.completed_on == last


# --- Automatic completion --------------------------------------------------------------------


def test_automatic_completion_waits_for_the_last_meeting_day(
    provider_a, junior, editor_a, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)  # one "today" until the test moves on
    today = timezone.localdate()
    course = CoursePageFactory(parent=provider_a)  # 80% of the meetings
    edition = EditionFactory(
        course=course,
        start_date=today - dt.timedelta(days=8),
        end_date=today + dt.timedelta(days=2),
    )
    days = [today - dt.timedelta(days=n) for n in (8, 6, 4, 2)] + [today + dt.timedelta(days=1)]
    meetings = [MeetingFactory(edition=edition, date=day) for day in days]
    enrolment = enrolment_create(edition=edition, person=junior, actor=editor_a)
    held = {(enrolment.pk, m.pk): Attendance.Status.PRESENT for m in meetings[:4]}
    # Four of five meetings attended meets the rule, but the last meeting is tomorrow.
    assert attendance_mark(edition=edition, actor=editor_a, marks=held) == []
    assert completion_evaluate(enrolment=enrolment) is None
    assert not Completion.objects.exists()

    time_machine.move_to(timezone.now() + dt.timedelta(days=1))
    tomorrow = timezone.localdate()
    completed = attendance_mark(
        edition=edition,
        actor=editor_a,
        marks={**held, (enrolment.pk, meetings[4].pk): Attendance.Status.ABSENT},
    )
    assert [(c.enrolment_id, c.completed_on) for c in completed] == [(enrolment.pk, tomorrow)]


def test_lessons_done_before_the_edition_starts_wait_for_its_first_day(
    provider_a, junior, editor_a
):
    today = timezone.localdate()
    course = CoursePageFactory(parent=provider_a, rule_lessons=True)
    lesson = _lesson(course, "Krachtenveld")
    edition = EditionFactory(course=course, start_date=today + dt.timedelta(days=20))
    enrolment = enrol(edition, junior)
    lesson_done(person=junior, lesson=lesson)
    assert not Completion.objects.exists()
    first_day = completion_earliest(enrolment)
    assert first_day == EarliestCompletionDay(
        day=edition.start_date, set_by=EarliestCompletionDay.FIRST_DAY
    )
    with pytest.raises(ValidationError) as refused:
        completion_create(enrolment=enrolment, actor=editor_a, reason="Lessen gedaan")
    assert refused.value.messages == [
        f"Afronden kan pas vanaf {_dutch(edition.start_date)}, de eerste dag van de uitvoering."
    ]


def test_the_daily_job_completes_those_who_met_the_rule_once_the_course_has_run(
    provider_a, junior, senior, editor_a, time_machine
):
    from courses.tasks import completions_due_task

    time_machine.move_to(timezone.now(), tick=False)  # one "today" until the test moves on
    today = timezone.localdate()
    # Lessons done before the edition's first day.
    course = CoursePageFactory(parent=provider_a, rule_lessons=True)
    lesson = _lesson(course, "Krachtenveld")
    e_learning = EditionFactory(course=course, start_date=today + dt.timedelta(days=2))
    by_lessons = enrol(e_learning, junior)
    lesson_done(person=junior, lesson=lesson)
    # Four of five meetings attended; the last, tomorrow, is never marked.
    meetings_course = CoursePageFactory(parent=provider_a)
    edition = EditionFactory(
        course=meetings_course,
        start_date=today - dt.timedelta(days=8),
        end_date=today + dt.timedelta(days=2),
    )
    days = [today - dt.timedelta(days=n) for n in (8, 6, 4, 2)] + [today + dt.timedelta(days=1)]
    meetings = [MeetingFactory(edition=edition, date=day) for day in days]
    by_meetings = enrolment_create(edition=edition, person=senior, actor=editor_a)
    attendance_mark(
        edition=edition,
        actor=editor_a,
        marks={(by_meetings.pk, m.pk): Attendance.Status.PRESENT for m in meetings[:4]},
    )
    assert completions_due_task.delay().get() == 0

    time_machine.move_to(timezone.now() + dt.timedelta(days=1))
    assert completions_due_task.delay().get() == 1
    assert Completion.objects.get().enrolment == by_meetings

    time_machine.move_to(timezone.now() + dt.timedelta(days=1))
    assert completions_due_task.delay().get() == 1
    completion = Completion.objects.get(enrolment=by_lessons)
    assert (completion.completed_on, completion.completed_by) == (e_learning.start_date, None)
    assert completions_due_task.delay().get() == 0


# --- A course without meetings ---------------------------------------------------------------


@pytest.fixture
def e_learning(provider_a, editor_a, junior):
    """An edition without meetings, running since ten days, of a course of two required
    lessons and an optional one; the junior is enrolled by the provider."""
    today = timezone.localdate()
    course = CoursePageFactory(parent=provider_a, rule_lessons=True)
    AccreditationDecisionFactory(course=course, points_granted=Decimal("8"))
    lessons = [
        _lesson(course, "Analyse"),
        _lesson(course, "Ontwerp"),
        _lesson(course, "Verdieping", required=False),
    ]
    edition = EditionFactory(
        course=course,
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=30),
    )
    enrolment = enrolment_create(edition=edition, person=junior, actor=editor_a)
    return enrolment, lessons


def test_without_meetings_a_completion_is_dated_on_the_last_required_lesson_day(
    e_learning, junior, editor_a
):
    enrolment, (analysis, design, extra) = e_learning
    today = timezone.localdate()
    _done_on(enrolment, analysis, today - dt.timedelta(days=6))
    _done_on(enrolment, design, today - dt.timedelta(days=3))
    _done_on(enrolment, extra, today - dt.timedelta(days=1))  # optional: does not set the day
    last_lesson = today - dt.timedelta(days=3)
    assert completion_earliest(enrolment) == EarliestCompletionDay(
        day=last_lesson, set_by=EarliestCompletionDay.LESSON
    )
    with pytest.raises(ValidationError) as refused:
        completion_create(
            enrolment=enrolment,
            actor=editor_a,
            reason="Klaar",
            completed_on=last_lesson - dt.timedelta(days=1),
        )
    assert refused.value.messages == [
        f"Afronden kan pas vanaf {_dutch(last_lesson)}, de dag waarop de laatste verplichte les "
        "is afgerond."
    ]
    completion = completion_create(
        enrolment=enrolment, actor=editor_a, reason="Klaar", completed_on=last_lesson
    )
    assert (completion.completed_on, completion.points) == (last_lesson, Decimal("8"))


def test_without_meetings_the_last_lesson_completes_on_its_own_day(e_learning, junior):
    enrolment, (analysis, design, _extra) = e_learning
    _done_on(enrolment, analysis, timezone.localdate() - dt.timedelta(days=2))
    lesson_done(person=junior, lesson=design)
    completion = Completion.objects.get()
    assert completion.completed_by is None
    assert completion.completed_on == timezone.localdate()


# --- The rule, exposed for counting ----------------------------------------------------------


def test_the_first_day_is_the_same_in_python_and_in_the_database(
    accredited, e_learning, junior, editor_a, provider_a
):
    today = timezone.localdate()
    with_meetings = enrol(accredited, junior)
    course_ran(accredited, days_ago=2)
    with_lessons, (analysis, design, _extra) = e_learning
    _done_on(with_lessons, analysis, today - dt.timedelta(days=4))
    _done_on(with_lessons, design, today - dt.timedelta(days=1))
    bare = EditionFactory(
        course=CoursePageFactory(parent=provider_a), start_date=today - dt.timedelta(days=3)
    )
    neither = enrolment_create(edition=bare, person=junior, actor=editor_a)
    expected = {
        with_meetings.pk: today - dt.timedelta(days=2),
        with_lessons.pk: today - dt.timedelta(days=1),
        neither.pk: bare.start_date,
    }
    enrolments = Enrolment.objects.in_bulk(list(expected))
    assert {pk: completion_earliest_day(e) for pk, e in enrolments.items()} == expected
    # Each completes on exactly that day; the expression the counting reads agrees.
    for pk, day in expected.items():
        completion_create(
            enrolment=enrolments[pk], actor=editor_a, reason="Klaar", completed_on=day
        )
    rows = Completion.objects.annotate(earliest=completion_earliest_day_expression())
    assert dict(rows.values_list("enrolment_id", "earliest")) == expected
    assert counting_completions().count() == 2  # the bare edition is not accredited


def test_completions_dated_before_the_course_ran_stay_but_do_not_count(
    accredited, junior, editor_a
):
    course_ran(accredited, days_ago=3)
    last = timezone.localdate() - dt.timedelta(days=3)
    early = completion_row(who=junior, on_edition=accredited, on=last - dt.timedelta(days=1))
    on_the_day = completion_row(who=junior, on_edition=accredited, on=last)
    later = completion_row(who=junior, on_edition=accredited, on=timezone.localdate())

    assert set(counting_completions()) == {on_the_day, later}
    assert set(Completion.objects.filter(completion_before_course_ran())) == {early}
    flagged = dict(
        Completion.objects.annotate(
            before=ExpressionWrapper(completion_before_course_ran(), output_field=BooleanField())
        ).values_list("pk", "before")
    )
    assert flagged == {early.pk: True, on_the_day.pk: False, later.pk: False}
    # History is not rewritten.
    early.refresh_from_db()
    assert early.completed_on == last - dt.timedelta(days=1)


def test_the_record_shows_an_early_completion_with_its_certificate_as_not_counting(
    client, accredited, junior
):
    course_ran(accredited, days_ago=3)
    early = completion_row(
        who=junior, on_edition=accredited, on=timezone.localdate() - dt.timedelta(days=10)
    )
    client.force_login(junior)
    soup = BeautifulSoup(client.get(reverse("courses:record")).content, "html.parser")
    card = soup.select_one("li.card")
    text = card.get_text(" ", strip=True)
    assert "Telt niet mee" in text
    assert "Afgerond voordat de cursus was gegeven." in text
    assert card.find("a", href=reverse("courses:certificate_pdf", args=[early.pk]))


def test_a_repeated_completion_is_listed_with_its_own_certificate_and_points(
    client, accredited, junior, editor_a, provider_a
):
    course = CoursePage.objects.get(pk=accredited.course_id)
    first = enrol(accredited, junior)
    course_ran(accredited, days_ago=40)
    completion_create(enrolment=first, actor=editor_a, reason="Klaar")
    again = EditionFactory(course=course, start_date=timezone.localdate() + dt.timedelta(days=3))
    MeetingFactory(edition=again)
    second = enrol(again, junior)
    course_ran(again, days_ago=1)
    completion_create(enrolment=second, actor=editor_a, reason="Nogmaals gevolgd")

    client.force_login(junior)
    soup = BeautifulSoup(client.get(reverse("courses:record")).content, "html.parser")
    cards = soup.select("li.card")
    assert len(cards) == 2
    for card, completion in zip(
        cards, Completion.objects.order_by("-completed_on", "-pk"), strict=True
    ):
        text = card.get_text(" ", strip=True)
        assert "geaccrediteerd voor 12 punten" in text
        assert card.find("a", href=reverse("courses:certificate_pdf", args=[completion.pk]))
