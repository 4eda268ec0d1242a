"""Rows the register reads, made directly through the ORM: attested months, confirmed
sessions, completions and outside activities, and a practitioner who meets every requirement."""

import datetime as dt
from decimal import Decimal
from itertools import count

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from courses.models import Completion, CourseKind, Enrolment, OutsideActivity
from lms.accounts.models import Role
from mentoring.models import CoachingSession, PracticeMonth, Trajectory
from register.models import (
    BallotageDecision,
    RegisterApplication,
    RegisterPolicy,
    Registration,
    RegistrationStatusChange,
)
from tests.courses.factories import (
    CoursePageFactory,
    EditionFactory,
    MeetingFactory,
    make_provider,
)
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

_seats = count(1)
_codes = count(1)


# Editions run long before any completion a test dates: no points before the course ran.
RAN_ON = dt.date(2015, 1, 5)


def edition(*, provider, kind=CourseKind.POST_HBO, start=None):
    """An edition of a new course with a meeting on its first and its last day; by default
    one that ran in January 2015, before every completion the tests date."""
    course = CoursePageFactory(parent=provider, kind=kind)
    start = start or RAN_ON
    made = EditionFactory(course=course, start_date=start, end_date=start + dt.timedelta(days=20))
    for day in (made.start_date, made.end_date):
        MeetingFactory(edition=made, date=day)
    return made


def completion(
    *,
    who,
    on_edition,
    on,
    points="60",
    kind=None,
    accredited=True,
    revoked=False,
    repeatable=False,
) -> Completion:
    # One active enrolment per person and edition; further rows of the same pair (used to
    # test several completions cheaply) hang on a cancelled one.
    active = Enrolment.objects.filter(
        edition=on_edition, person=who, status=Enrolment.Status.ENROLLED
    ).exists()
    enrolment = Enrolment.objects.create(
        edition=on_edition,
        person=who,
        status=Enrolment.Status.CANCELLED if active else Enrolment.Status.ENROLLED,
        seat=None if active else next(_seats),
    )
    now = timezone.now()
    return Completion.objects.create(
        enrolment=enrolment,
        person=who,
        edition=on_edition,
        completed_on=on,
        points=Decimal(points) if accredited else Decimal(0),
        course_kind=kind or on_edition.course.kind,
        accredited=accredited,
        repeatable_yearly=repeatable and accredited,
        completed_at=now,
        revoked_at=now if revoked else None,
        revoked_reason="Onterecht afgerond." if revoked else "",
        verification_code=f"V{next(_codes):08d}",
    )


def outside_activity(*, who, on, points="10", status=OutsideActivity.Status.ACCEPTED, decider=None):
    decided = status != OutsideActivity.Status.SUBMITTED
    return OutsideActivity.objects.create(
        person=who,
        title="Studiedag participatie",
        organiser="Landelijk platform",
        date=on,
        hours=Decimal(points),
        points=Decimal(points),
        course_kind="",
        evidence="evidence/x.pdf",
        status=status,
        decided_by=decider if decided else None,
        decided_at=timezone.now() if decided else None,
    )


def attested_month(*, who, month: dt.date, attester, status="attested", version=1, **minutes):
    """A month as the log keeps it, written directly: 100 hours over the three approaches and
    two forms unless ``minutes_<kind>`` say otherwise."""
    values = {
        "minutes_zelfredzaamheid": 40 * 60,
        "minutes_strategisch": 30 * 60,
        "minutes_sociaal_organisatorisch": 30 * 60,
        "minutes_project": 60 * 60,
        "minutes_campagne": 40 * 60,
    }
    values.update({k: int(v) for k, v in minutes.items()})
    total = (
        values["minutes_zelfredzaamheid"]
        + values["minutes_strategisch"]
        + values["minutes_sociaal_organisatorisch"]
    )
    attested = status == "attested"
    return PracticeMonth.objects.create(
        person=who,
        month=month.replace(day=1),
        version=version,
        status=status,
        minutes_total=total,
        attested_by=attester if attested else None,
        attested_at=timezone.now() if attested else None,
        **values,
    )


def confirmed_session(*, trajectory: Trajectory, on: dt.date, minutes=240, status="confirmed"):
    starts = timezone.make_aware(dt.datetime.combine(on, dt.time(10, 0)))
    confirmed = status == "confirmed"
    return CoachingSession.objects.create(
        trajectory=trajectory,
        senior=trajectory.senior,
        starts_at=starts,
        duration_minutes=minutes,
        ends_at=starts + dt.timedelta(minutes=minutes),
        mode=CoachingSession.Mode.IN_PERSON,
        status=status,
        logged_by=trajectory.senior,
        confirmed_by=trajectory.junior if confirmed else None,
        confirmed_at=timezone.now() if confirmed else None,
    )


def months_back(today: dt.date, n: int) -> list[dt.date]:
    """The ``n`` whole months before ``today``'s month (their last days are all <= today)."""
    first = today.replace(day=1)
    return [first - relativedelta(months=i) for i in range(1, n + 1)]


def make_eligible(*, who, today, provider, attester, organisation=None) -> Trajectory:
    """36 months of 100 hours, two course kinds of 60 points, 40 coaching hours."""
    for month in months_back(today, 36):
        attested_month(who=who, month=month, attester=attester)
    completion(
        who=who,
        on_edition=edition(provider=provider, kind=CourseKind.POST_HBO),
        on=today - dt.timedelta(days=300),
    )
    completion(
        who=who,
        on_edition=edition(provider=provider, kind=CourseKind.CONSULTATION),
        on=today - dt.timedelta(days=200),
    )
    trajectory = TrajectoryFactory(
        junior=who,
        senior=person(Role.SENIOR),
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=300),
        **({"organisation": organisation} if organisation else {}),
    )
    for i in range(10):
        confirmed_session(trajectory=trajectory, on=today - dt.timedelta(days=30 + 14 * i))
    return trajectory


__all__ = [
    "attested_month",
    "completion",
    "confirmed_session",
    "edition",
    "make_eligible",
    "make_provider",
    "months_back",
    "outside_activity",
]


def registered(who, office, *, since: dt.date) -> Registration:
    """``who`` in the register from ``since``, for five years, as after a positive decision."""
    policy = RegisterPolicy.objects.get(version=1)
    application = RegisterApplication.objects.create(
        person=who,
        policy=policy,
        evaluated_on=since,
        evaluation={},
        ledger_csv="",
        state=RegisterApplication.State.DECIDED,
    )
    decision = BallotageDecision.objects.create(
        application=application,
        round=1,
        outcome="positive",
        policy=policy,
        positive_votes=3,
        negative_votes=0,
        abstentions=0,
        decided_by=office,
    )
    registration = Registration.objects.create(
        person=who,
        number=f"OW-{since.year}-{who.pk:05d}",
        decision=decision,
        valid_from=since,
        valid_until=since + relativedelta(years=5, days=-1),
        created_by=office,
    )
    RegistrationStatusChange.objects.create(
        registration=registration, status="active", changed_by=office
    )
    return registration
