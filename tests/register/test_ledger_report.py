"""The ledger and the report: an outside tool recomputes the report from the ledger alone.

The recompute below uses only csv, collections and the policy's published numbers (DOMAIN.md's
defaults, version 1); it shares no code with the app.
"""

import csv
import datetime as dt
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseKind, OutsideActivity
from lms.accounts.models import Role
from register.selectors import evaluate_all
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

from .factories import (
    attested_month,
    completion,
    confirmed_session,
    edition,
    months_back,
    outside_activity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

POLICY = {
    "window_years": 5,
    "practice_months": 36,
    "practice_hours": 3000,
    "approaches": 3,
    "approach_min_hours": 100,
    "forms": 2,
    "form_min_hours": 100,
    "points": Decimal("120"),
    "outside_cap": Decimal("24"),
    "course_kinds": 2,
    "coaching_hours": 40,
}
IN_HOURS = {"practice_hours", "coaching_hours"}


def _minus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _check_counted_once(completions: dict) -> None:
    """Of one person's completions of one course in the window, the one with the most points
    (then the latest, then the last recorded) counts and the ledger says so of each."""
    for rows in completions.values():
        best = max(rows, key=lambda r: (Decimal(r["points"]), r["date"], int(r["source_id"])))
        for row in rows:
            assert row["status"] == ("counts" if row is best else "counted_once"), row


def recompute(ledger_path, on: dt.date) -> dict[tuple[str, str], tuple[Decimal, Decimal, bool]]:
    start = _minus_years(on, POLICY["window_years"])
    months = defaultdict(set)
    minutes = defaultdict(int)
    approach = defaultdict(lambda: defaultdict(int))
    form = defaultdict(lambda: defaultdict(int))
    points = defaultdict(Decimal)
    outside = defaultdict(Decimal)
    kinds = defaultdict(set)
    coaching = defaultdict(int)
    same_course = defaultdict(list)
    people = set()
    with open(ledger_path, newline="") as handle:
        for row in csv.DictReader(handle):
            who = row["person"]
            people.add(who)
            day = dt.date.fromisoformat(row["date"])
            if not (start < day <= on):
                continue
            if row["source"] == "completion" and row["status"] in ("counts", "counted_once"):
                same_course[(who, row["course"])].append(row)
            if row["status"] != "counts":
                continue
            m, p = int(row["minutes"] or 0), Decimal(row["points"])
            if row["source"] == "practice_month":
                months[who].add(row["source_id"])
                minutes[who] += m
                approach[who][row["approach"]] += m
                if row["form"]:
                    form[who][row["form"]] += m
            elif row["source"] == "coaching_session":
                coaching[who] += m
            elif row["source"] == "completion":
                points[who] += p
                if row["course_kind"]:
                    kinds[who].add(row["course_kind"])
            elif row["source"] == "outside_activity":
                outside[who] += p
    _check_counted_once(same_course)
    result = {}
    for who in people:
        achieved = {
            "practice_months": len(months[who]),
            "practice_hours": minutes[who],
            "approaches": sum(
                1 for v in approach[who].values() if v >= POLICY["approach_min_hours"] * 60
            ),
            "forms": sum(1 for v in form[who].values() if v >= POLICY["form_min_hours"] * 60),
            "points": points[who] + min(outside[who], POLICY["outside_cap"]),
            "course_kinds": len(kinds[who]),
            "coaching_hours": coaching[who],
        }
        for name, value in achieved.items():
            if name in IN_HOURS:
                required = POLICY[name] * 60
                result[(who, name)] = (Decimal(POLICY[name]), _hours(value), value >= required)
            else:
                required = Decimal(POLICY[name])
                result[(who, name)] = (required, Decimal(value), value >= required)
    return result


def _population(n: int, *, provider, attester, seed: int = 7):
    rng = random.Random(seed)
    today = timezone.localdate()
    editions = [edition(provider=provider, kind=k) for k in CourseKind.values]
    people = []
    for _ in range(n):
        who = person(Role.JUNIOR)
        people.append(who)
        for month in months_back(today, rng.randint(0, 70)):
            if rng.random() < 0.85:
                attested_month(
                    who=who,
                    month=month,
                    attester=attester,
                    status="attested" if rng.random() < 0.9 else "submitted",
                    minutes_zelfredzaamheid=rng.choice([600, 2400, 3330]),
                    minutes_strategisch=rng.choice([0, 1200, 1800]),
                    minutes_sociaal_organisatorisch=rng.choice([0, 300, 1800]),
                    minutes_project=rng.choice([0, 600, 2400]),
                    minutes_campagne=rng.choice([0, 300]),
                    minutes_ontwikkeltraject=rng.choice([0, 330]),
                )
        for _c in range(rng.randint(0, 4)):
            completion(
                who=who,
                on_edition=rng.choice(editions),
                on=today - dt.timedelta(days=rng.randint(0, 2400)),
                points=str(rng.choice([20, 40, 60])),
                accredited=rng.random() < 0.8,
                revoked=rng.random() < 0.1,
            )
        for _o in range(rng.randint(0, 3)):
            outside_activity(
                who=who,
                on=today - dt.timedelta(days=rng.randint(0, 2000)),
                points=str(rng.choice([4, 8, 16])),
                status=rng.choice(list(OutsideActivity.Status.values)),
                decider=attester,
            )
        if rng.random() < 0.7:
            trajectory = TrajectoryFactory(junior=who)
            for _s in range(rng.randint(0, 12)):
                confirmed_session(
                    trajectory=trajectory,
                    on=today - dt.timedelta(days=rng.randint(1, 2000)),
                    minutes=rng.choice([20, 45, 60, 240]),
                    status=rng.choice(["confirmed", "confirmed", "awaiting", "withdrawn"]),
                )
    return people


@pytest.mark.parametrize("days_back", [0, 400])
def test_the_report_can_be_recomputed_from_the_ledger_alone(
    tmp_path, provider, attester, days_back
):
    """On any day: the ledger of that day (``--on``) says what counts, and the report follows
    from it alone, "a course counts once" included."""
    people = _population(12, provider=provider, attester=attester)
    on = timezone.localdate() - dt.timedelta(days=days_back)
    ledger, report = tmp_path / "ledger.csv", tmp_path / "report.csv"
    call_command("export_ledger", out=str(ledger), on=on.isoformat())
    call_command("eligibility_report", on=on.isoformat(), out=str(report))

    with open(ledger, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["status"] for r in rows} >= {
        "counts",
        "counted_once",
        "not_attested",
        "not_accredited",
    }
    assert {r["source"] for r in rows} == {
        "practice_month",
        "coaching_session",
        "completion",
        "outside_activity",
    }

    expected = recompute(ledger, on)
    with open(report, newline="") as handle:
        reported = list(csv.DictReader(handle))
    # Every junior and senior (the trajectories' seniors too) has seven rows.
    from lms.accounts.models import User

    practitioners = set(
        User.objects.filter(groups__name__in=[Role.JUNIOR, Role.SENIOR]).values_list(
            "email", flat=True
        )
    )
    assert {p.email for p in people} <= practitioners
    assert len(reported) == 7 * len(practitioners)
    assert {r["person"] for r in reported} == practitioners
    for row in reported:
        key = (row["person"], row["requirement"])
        required, achieved, met = expected.get(key, (None, Decimal(0), False))
        assert Decimal(row["achieved"]) == achieved, key
        assert (row["met"] == "true") == met, key
        if required is not None:
            assert Decimal(row["required"]) == required, key


def _queries_for_all(on, policy) -> int:
    with CaptureQueriesContext(connection) as ctx:
        results = list(evaluate_all(on=on, policy=policy))
    assert results
    return len(ctx.captured_queries)


def test_evaluating_everyone_costs_the_same_queries_for_3_or_12_people(provider, attester, policy):
    on = timezone.localdate()
    _population(3, provider=provider, attester=attester, seed=1)
    few = _queries_for_all(on, policy)
    _population(9, provider=provider, attester=attester, seed=2)
    many = _queries_for_all(on, policy)
    assert few == many == 5


@pytest.mark.parametrize("days_back", [0, 17, 400])
def test_everyone_at_once_equals_one_person_at_a_time(provider, attester, policy, days_back):
    """The database's grouped sums give what the entries give, on any day of a month."""
    from lms.accounts.models import User
    from register.selectors import evaluate

    _population(10, provider=provider, attester=attester, seed=11)
    on = timezone.localdate() - dt.timedelta(days=days_back)
    seen = 0
    for email, together in evaluate_all(on=on, policy=policy):
        alone = evaluate(person=User.objects.get(email=email), on=on, policy=policy)
        for a, b in zip(together.requirements, alone.requirements, strict=True):
            assert (a.name, a.achieved, a.parts) == (b.name, b.achieved, b.parts), email
            assert a.met == b.met
        seen += 1
    assert seen >= 10
