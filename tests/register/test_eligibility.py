import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import CourseKind, OutsideActivity
from lms.accounts.models import Role
from register.selectors import evaluate, status_of
from register.selectors.ledger import month_cells
from register.services import register_policy_create
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

from .factories import (
    attested_month,
    completion,
    confirmed_session,
    edition,
    make_eligible,
    months_back,
    outside_activity,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def test_an_eligible_practitioner_meets_every_requirement(provider, attester, policy, today):
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.eligible
    got = {r.name: (r.required, r.achieved, r.met, r.shortfall) for r in result.requirements}
    assert got["practice_months"] == (36, 36, True, 0)
    assert got["practice_hours"] == (Decimal("3000"), Decimal("3600"), True, 0)
    assert got["approaches"][1] == 3
    assert got["forms"][1] == 2
    assert got["points"][1] == Decimal("120")
    assert got["course_kinds"][1] == 2
    assert got["coaching_hours"][1] == Decimal("40")
    assert result.policy_version == 1


def test_what_does_not_count_is_left_out(provider, attester, policy, today):
    junior = person(Role.JUNIOR)
    month = months_back(today, 1)[0]
    attested_month(who=junior, month=month, attester=attester)
    # A later version of the same month waiting for attestation does not replace it.
    attested_month(who=junior, month=month, attester=attester, status="submitted", version=2)
    attested_month(
        who=junior, month=months_back(today, 2)[1], attester=attester, status="submitted"
    )
    ed = edition(provider=provider)
    completion(who=junior, on_edition=ed, on=today, accredited=False)
    completion(who=junior, on_edition=ed, on=today, revoked=True)
    outside_activity(who=junior, on=today, status=OutsideActivity.Status.REJECTED, decider=attester)
    outside_activity(who=junior, on=today, status=OutsideActivity.Status.SUBMITTED)
    trajectory = TrajectoryFactory(junior=junior)
    confirmed_session(trajectory=trajectory, on=today - dt.timedelta(days=3), status="awaiting")
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.get("practice_months").achieved == 1
    assert result.get("practice_hours").achieved == Decimal("100")
    assert result.get("points").achieved == 0
    assert result.get("course_kinds").achieved == 0
    assert result.get("coaching_hours").achieved == 0
    assert not result.eligible
    assert result.get("practice_months").shortfall == 35


def test_window_runs_from_the_day_after_five_years_back_to_the_day(provider, attester, policy):
    junior = person(Role.JUNIOR)
    on = dt.date(2026, 6, 15)
    ed = edition(provider=provider)
    completion(who=junior, on_edition=ed, on=dt.date(2021, 6, 15), points="30")  # out: = D-5y
    completion(who=junior, on_edition=ed, on=dt.date(2021, 6, 16), points="20")  # in
    completion(who=junior, on_edition=ed, on=on, points="5")  # in: = D
    completion(who=junior, on_edition=ed, on=dt.date(2026, 6, 16), points="7")  # future
    # A month counts on its last day: June 2026 ends after D, May 2021 ends before the window.
    attested_month(who=junior, month=dt.date(2026, 6, 1), attester=attester)
    attested_month(who=junior, month=dt.date(2021, 5, 1), attester=attester)
    attested_month(who=junior, month=dt.date(2021, 6, 1), attester=attester)
    result = evaluate(person=junior, on=on, policy=policy)
    assert result.get("points").achieved == Decimal("25")
    assert result.get("practice_months").achieved == 1


def test_outside_points_count_up_to_a_fifth_of_the_requirement(provider, policy, attester, today):
    junior = person(Role.JUNIOR)
    completion(who=junior, on_edition=edition(provider=provider), on=today, points="50")
    outside_activity(who=junior, on=today, points="30", decider=attester)
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.get("points").achieved == Decimal("74")  # 50 + min(30, 24)


def test_month_cells_keep_every_recorded_total():
    values = {
        "hours_zelfredzaamheid": Decimal("50.5"),
        "hours_strategisch": Decimal("20"),
        "hours_sociaal_organisatorisch": Decimal("30"),
        "hours_project": Decimal("60"),
        "hours_campagne": Decimal("0"),
        "hours_ontwikkeltraject": Decimal("25.5"),
    }
    cells = month_cells(values)
    by_approach, by_form = {}, {}
    for approach, form, hours in cells:
        by_approach[approach] = by_approach.get(approach, 0) + hours
        by_form[form] = by_form.get(form, 0) + hours
    assert by_approach == {
        "zelfredzaamheid": Decimal("50.5"),
        "strategisch": Decimal("20"),
        "sociaal_organisatorisch": Decimal("30"),
    }
    assert by_form == {
        "project": Decimal("60"),
        "ontwikkeltraject": Decimal("25.5"),
        "": Decimal("15"),
    }
    assert cells[0] == ("zelfredzaamheid", "project", Decimal("50.5"))


def test_a_decision_re_evaluated_with_its_own_version_is_unchanged(
    provider, attester, policy, today, register_office
):
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    before = evaluate(person=junior, on=today, policy=policy).as_dict()
    stricter = register_policy_create(
        actor=register_office,
        effective_from=today + dt.timedelta(days=1),
        practice_hours=Decimal("5000"),
        points=Decimal("200"),
    )
    assert stricter.version == 2
    assert not evaluate(person=junior, on=today, policy=stricter).eligible
    assert evaluate(person=junior, on=today, policy=policy).as_dict() == before


def test_forecast_at_the_pace_of_the_last_year(provider, attester, policy, today):
    junior = person(Role.JUNIOR)
    # Twelve attested months in the last year: 12 a year toward 36.
    for month in months_back(today, 12):
        attested_month(who=junior, month=month, attester=attester)
    # One planned course: an enrolled, accredited edition ending in 60 days.
    from courses.models import Enrolment
    from tests.courses.factories import AccreditationDecisionFactory

    ed = edition(provider=provider, kind=CourseKind.INNOVATION, start=today + dt.timedelta(days=40))
    AccreditationDecisionFactory(
        course=ed.course,
        points_granted=Decimal("130"),
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=900),
    )
    Enrolment.objects.create(edition=ed, person=junior, status=Enrolment.Status.ENROLLED, seat=1)
    status = status_of(person=junior, on=today, policy=policy)
    months = status.get("practice_months")
    assert not months.met
    assert months.forecast.on is not None
    assert months.forecast.on > today + dt.timedelta(days=700)
    assert status.get("points").forecast.on == ed.end_date
    coaching = status.get("coaching_hours").forecast
    assert coaching.on is None and "niets bijgekomen" in coaching.reason
    # Only one kind of course, ever: the window cannot bring a second.
    kinds = status.get("course_kinds").forecast
    assert kinds.on is None and "niet te voorspellen" in kinds.reason
