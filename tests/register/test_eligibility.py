"""Eligibility: the requirements of the policy on a day, from what counts in the window
(DOMAIN.md, "Default register policy" and "Counting rules that every screen obeys")."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import OutsideActivity
from lms.accounts.models import Role
from register.selectors import evaluate, month_cells
from register.selectors.evaluation import RequirementResult, part_label
from register.services import register_policy_create
from tests.courses.factories import EditionFactory
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

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def today():
    return timezone.localdate()


def test_an_eligible_practitioner_meets_every_requirement(provider, attester, policy, today):
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.eligible
    got = {r.name: (r.required_shown, r.achieved_shown, r.met) for r in result.requirements}
    assert got["practice_months"] == (36, 36, True)
    assert got["practice_hours"] == (Decimal("3000.0"), Decimal("3600.0"), True)
    assert got["approaches"][1] == 3
    assert got["forms"][1] == 2
    assert got["points"][1] == Decimal("120")
    assert got["course_kinds"][1] == 2
    assert got["coaching_hours"][1] == Decimal("40.0")
    # Requirements in hours compare minutes: 40 hours are 2,400 minutes.
    assert result.get("coaching_hours").required == 2400
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
    completion(who=junior, on_edition=edition(provider=provider), on=today, accredited=False)
    completion(who=junior, on_edition=edition(provider=provider), on=today, revoked=True)
    outside_activity(who=junior, on=today, status=OutsideActivity.Status.REJECTED, decider=attester)
    outside_activity(who=junior, on=today, status=OutsideActivity.Status.SUBMITTED)
    trajectory = TrajectoryFactory(junior=junior)
    confirmed_session(trajectory=trajectory, on=today - dt.timedelta(days=3), status="awaiting")
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.get("practice_months").achieved == 1
    assert result.get("practice_hours").achieved_shown == Decimal("100.0")
    assert result.get("points").achieved == 0
    assert result.get("course_kinds").achieved == 0
    assert result.get("coaching_hours").achieved == 0
    assert not result.eligible
    assert result.get("practice_months").shortfall_shown == 35


def test_window_runs_from_the_day_after_five_years_back_to_the_day(provider, attester, policy):
    junior = person(Role.JUNIOR)
    on = dt.date(2026, 6, 15)
    completion(
        who=junior, on_edition=edition(provider=provider), on=dt.date(2021, 6, 15), points="30"
    )  # out: = D-5y
    completion(
        who=junior, on_edition=edition(provider=provider), on=dt.date(2021, 6, 16), points="20"
    )  # in
    completion(who=junior, on_edition=edition(provider=provider), on=on, points="5")  # in: = D
    completion(
        who=junior, on_edition=edition(provider=provider), on=dt.date(2026, 6, 16), points="7"
    )  # future
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
    assert dict(result.get("points").parts) == {
        "completion": Decimal("50"),
        "outside_activity": Decimal("30"),
        "outside_activity_counted": Decimal("24.0"),
    }


def test_a_course_completed_again_adds_nothing(provider, policy, today):
    """The same course in a second edition: the completion with the most points counts."""
    junior = person(Role.JUNIOR)
    first = edition(provider=provider)
    again = EditionFactory(
        course=first.course,
        start_date=today - dt.timedelta(days=60),
        end_date=today - dt.timedelta(days=40),
    )
    completion(who=junior, on_edition=first, on=today - dt.timedelta(days=300), points="44")
    completion(who=junior, on_edition=again, on=today - dt.timedelta(days=30), points="80")
    other = completion(who=junior, on_edition=edition(provider=provider), on=today, points="10")
    result = evaluate(person=junior, on=today, policy=policy)
    assert result.get("points").achieved == Decimal("90")  # 80 + 10, not 134
    assert result.get("course_kinds").achieved == 1
    assert other.points == Decimal("10")


def test_coaching_minutes_become_hours_once_on_the_total(provider, policy, today):
    """120 sessions of 20 minutes are 40,0 hours, not 120 × 0,33 = 39,6."""
    junior = person(Role.JUNIOR)
    trajectory = TrajectoryFactory(
        junior=junior,
        starts_on=today - dt.timedelta(days=200),
        planned_end_on=today + dt.timedelta(days=200),
    )
    for n in range(120):
        confirmed_session(
            trajectory=trajectory,
            on=today - dt.timedelta(days=1 + n),
            minutes=20,
        )
    coaching = evaluate(person=junior, on=today, policy=policy).get("coaching_hours")
    assert coaching.achieved == 2400
    assert coaching.achieved_shown == Decimal("40.0")
    assert coaching.met


def test_month_cells_keep_every_recorded_total():
    values = {
        "minutes_zelfredzaamheid": 3030,
        "minutes_strategisch": 1200,
        "minutes_sociaal_organisatorisch": 1800,
        "minutes_project": 3600,
        "minutes_campagne": 0,
        "minutes_ontwikkeltraject": 1530,
    }
    cells = month_cells(values)
    by_approach, by_form = {}, {}
    for approach, form, minutes in cells:
        by_approach[approach] = by_approach.get(approach, 0) + minutes
        by_form[form] = by_form.get(form, 0) + minutes
    assert by_approach == {
        "zelfredzaamheid": 3030,
        "strategisch": 1200,
        "sociaal_organisatorisch": 1800,
    }
    # A month from before forms had to add up keeps the rest as time without a form.
    assert by_form == {"project": 3600, "ontwikkeltraject": 1530, "": 900}
    assert cells[0] == ("zelfredzaamheid", "project", 3030)


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


def test_the_hours_per_approach_and_form_are_shown_as_hours_not_minutes():
    approaches = RequirementResult(
        "approaches", 2, 1, parts={"strategisch": 16_680, "zelfredzaamheid": 45}
    )
    assert dict(approaches.parts_shown) == {
        part_label("strategisch"): Decimal("278.0"),
        part_label("zelfredzaamheid"): Decimal("0.8"),
    }
    assert approaches.as_dict()["parts"] == {"strategisch": "278.0", "zelfredzaamheid": "0.8"}
    points = RequirementResult("points", 10, 12, parts={"completion": Decimal("12")})
    assert dict(points.parts_shown) == {part_label("completion"): Decimal("12")}
