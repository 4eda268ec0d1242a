"""The forecast: one date from when someone can apply, right for someone who logs regularly, or
what blocks it (DOMAIN.md; the register status page)."""

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from courses.models import CourseKind, Enrolment
from lms.accounts.models import Role
from register.selectors import RENEWAL, register_status
from register.selectors.ledger import month_last_day
from tests.courses.factories import AccreditationDecisionFactory, EditionFactory
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

from .factories import (
    attested_month,
    completion,
    confirmed_session,
    edition,
    make_eligible,
    months_back,
    registered,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def today():
    return timezone.localdate()


def _month_end(today, months_ahead: int) -> dt.date:
    return month_last_day(today.replace(day=1) + relativedelta(months=months_ahead))


def test_practice_logged_every_month_is_forecast_to_the_month(provider, attester, today):
    """Twelve months of 100 hours in all approaches: 24 more months reach 36, the 24th being
    the current month plus 23."""
    junior = person(Role.JUNIOR)
    for month in months_back(today, 12):
        attested_month(who=junior, month=month, attester=attester)
    status = register_status(person=junior)
    months = status.evaluation.get("practice_months")
    assert not months.met
    assert months.forecast.on == _month_end(today, 23)
    # 3,000 hours at 100 a month: 18 more months.
    assert status.evaluation.get("practice_hours").forecast.on == _month_end(today, 17)
    # Each approach has 30 or 40 hours a month: met already, nothing to forecast.
    assert status.evaluation.get("approaches").met
    assert status.evaluation.get("approaches").forecast is None


def test_a_policy_recorded_for_a_later_date_counts_from_that_date(provider, attester, today):
    """The office records version 2 (3,600 practice hours) to take effect next month: the
    forecast judges the months from then on by it, not by today's 3,000."""
    from register.models import RegisterPolicy

    junior = person(Role.JUNIOR)
    for month in months_back(today, 12):
        attested_month(who=junior, month=month, attester=attester)
    assert register_status(person=junior).evaluation.get("practice_hours").forecast.on == (
        _month_end(today, 17)
    )
    RegisterPolicy.objects.create(
        version=RegisterPolicy.objects.count() + 1,
        effective_from=today.replace(day=1) + relativedelta(months=1),
        practice_hours=Decimal("3600"),
    )
    status = register_status(person=junior)
    assert status.policy.practice_hours == Decimal("3000")  # today's numbers: today's version
    # 2,400 more hours at 100 a month: 24 months.
    assert status.evaluation.get("practice_hours").forecast.on == _month_end(today, 23)


def test_coaching_received_every_month_is_forecast_at_its_pace(provider, today):
    """Six months into a trajectory, two hours confirmed each month: 12 hours now, 28 more
    hours take 14 months at that pace."""
    junior = person(Role.JUNIOR)
    trajectory = TrajectoryFactory(
        junior=junior,
        starts_on=today.replace(day=1) - relativedelta(months=6),
        planned_end_on=today + relativedelta(months=6),
    )
    for month in months_back(today, 6):
        for day in (5, 19):
            confirmed_session(trajectory=trajectory, on=month.replace(day=day), minutes=60)
    coaching = register_status(person=junior).evaluation.get("coaching_hours")
    assert coaching.achieved_shown == Decimal("12.0")
    assert coaching.forecast.on == _month_end(today, 13)
    assert coaching.forecast.reason == ""


def test_a_missing_course_kind_cannot_be_forecast_but_an_enrolment_can(provider, today):
    junior = person(Role.JUNIOR)
    completion(who=junior, on_edition=edition(provider=provider), on=today, points="60")
    status = register_status(person=junior)
    kinds = status.evaluation.get("course_kinds").forecast
    assert kinds.on is None
    assert "andere soort" in kinds.reason and "Post-HBO-cursus" in kinds.reason
    assert status.evaluation.apply_on is None
    assert "course_kinds" in {r.name for r in status.evaluation.blocked_by}

    upcoming = edition(
        provider=provider, kind=CourseKind.INNOVATION, start=today + dt.timedelta(days=40)
    )
    AccreditationDecisionFactory(
        course=upcoming.course,
        points_granted=Decimal("70"),
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=900),
    )
    Enrolment.objects.create(
        edition=upcoming, person=junior, status=Enrolment.Status.ENROLLED, seat=1
    )
    status = register_status(person=junior)
    assert status.evaluation.get("course_kinds").forecast.on == upcoming.end_date
    assert status.evaluation.get("points").forecast.on == upcoming.end_date


@pytest.mark.parametrize("repeatable", [False, True])
def test_a_planned_repeat_of_a_course_adds_points_only_where_the_college_allows(
    provider, today, repeatable
):
    """A seat in a new edition of a course already completed: it adds nothing to the forecast,
    unless the College made the course count once a year and the new edition ends in another
    calendar year."""
    junior = person(Role.JUNIOR)
    done = edition(provider=provider)
    completion(who=junior, on_edition=done, on=today, points="60", repeatable=repeatable)
    start = dt.date(today.year + 1, 2, 1)
    again = EditionFactory(course=done.course, start_date=start, end_date=start)
    AccreditationDecisionFactory(
        course=done.course,
        points_granted=Decimal("60"),
        repeatable_yearly=repeatable,
        valid_from=today - dt.timedelta(days=1),
        valid_until=start + dt.timedelta(days=30),
    )
    Enrolment.objects.create(edition=again, person=junior, status=Enrolment.Status.ENROLLED, seat=1)
    points = register_status(person=junior).evaluation.get("points")
    assert points.achieved == Decimal("60") and points.required == Decimal("120")
    if repeatable:
        assert points.forecast.on == again.end_date
    else:
        assert points.forecast.on is None
        assert "brengen je nog niet op het vereiste aantal punten" in points.forecast.reason


def test_one_date_when_everything_is_met_at_once(provider, attester, today):
    """Someone short of practice can apply once the last requirement is met."""
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    # Take away the oldest twelve months: 24 remain, 12 more to come at the logged pace.
    for month in junior.practice_months.order_by("month")[:12]:
        month.delete()
    status = register_status(person=junior)
    evaluation = status.evaluation
    unmet = [r.name for r in evaluation.requirements if not r.met]
    assert unmet == ["practice_months", "practice_hours"]
    # The hours come after six months, the months after twelve: the later date is the one.
    assert evaluation.get("practice_hours").forecast.on == _month_end(today, 5)
    assert evaluation.apply_on == evaluation.get("practice_months").forecast.on
    assert evaluation.apply_on == _month_end(today, 11)
    assert evaluation.blocked_by == []


def test_a_registered_person_works_toward_renewal(provider, attester, today):
    """Once registered: the renewal's requirements over the registration's period, its
    forecast ending with the registration."""
    practitioner = person(Role.JUNIOR)
    registration = registered(practitioner, attester, since=today - dt.timedelta(days=365))
    # Before the registration: does not count toward renewal. Within it: does.
    completion(
        who=practitioner,
        on_edition=edition(provider=provider),
        on=registration.valid_from - dt.timedelta(days=5),
        points="60",
    )
    completion(who=practitioner, on_edition=edition(provider=provider), on=today, points="30")
    for month in months_back(today, 6):
        attested_month(who=practitioner, month=month, attester=attester)
    status = register_status(person=practitioner)
    assert status.renewal and status.evaluation.kind == RENEWAL
    assert [r.name for r in status.evaluation.requirements] == ["points", "practice_hours"]
    assert status.evaluation.get("points").achieved == Decimal("30")
    assert status.evaluation.get("practice_hours").achieved_shown == Decimal("600.0")
    # 1,500 hours at 100 a month: 9 more months, well before the registration ends.
    assert status.evaluation.get("practice_hours").forecast.on == _month_end(today, 8)
    # Points come only from courses: nothing planned.
    assert status.evaluation.get("points").forecast.on is None
