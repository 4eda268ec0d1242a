import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from register.models import RegisterPolicy
from register.selectors import policy_in_force
from register.services import register_policy_create

pytestmark = pytest.mark.django_db


def test_version_1_holds_the_default_policy(policy):
    assert (policy.window_months, policy.practice_months, policy.practice_hours) == (
        60,
        36,
        Decimal("3000"),
    )
    assert (policy.approaches, policy.approach_min_hours, policy.forms) == (3, Decimal("100"), 2)
    assert (policy.points, policy.outside_points_cap_for(policy.points), policy.course_kinds) == (
        Decimal("120"),
        Decimal("24"),
        2,
    )
    assert (policy.coaching_hours, policy.min_reviewers, policy.validity_years) == (
        Decimal("40"),
        3,
        5,
    )
    assert (policy.renewal_points, policy.renewal_practice_hours) == (
        Decimal("80"),
        Decimal("1500"),
    )


def test_a_new_version_applies_from_its_date(policy, register_office):
    v2 = register_policy_create(
        actor=register_office, effective_from=dt.date(2030, 1, 1), points=Decimal("140")
    )
    assert (v2.version, v2.points, v2.practice_hours) == (2, Decimal("140"), Decimal("3000"))
    assert policy_in_force(on=dt.date(2029, 12, 31)) == policy
    assert policy_in_force(on=dt.date(2030, 1, 1)) == v2


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"effective_from": dt.date(1999, 1, 1)}, "na de huidige versie"),
        ({"effective_from": dt.date(2000, 1, 1)}, "na de huidige versie"),
        ({"effective_from": dt.date(2031, 1, 1), "points": Decimal("-1")}, "negatief"),
        ({"effective_from": dt.date(2031, 1, 1), "practice_months": -3}, "negatief"),
    ],
)
def test_bad_versions_are_refused_and_nothing_changes(policy, register_office, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        register_policy_create(actor=register_office, **kwargs)
    assert RegisterPolicy.objects.count() == 1


def test_only_the_office_sets_policy(policy, junior):
    with pytest.raises(PermissionDenied):
        register_policy_create(actor=junior, effective_from=dt.date(2031, 1, 1))


def test_the_office_adds_a_version_in_the_wagtail_admin(client, policy, register_office):
    client.force_login(register_office)
    url = reverse("register_policy:add")
    assert client.get(url).status_code == 200
    data = {
        name: getattr(policy, name)
        for name in (
            "window_months",
            "practice_months",
            "practice_hours",
            "approaches",
            "approach_min_hours",
            "forms",
            "form_min_hours",
            "points",
            "outside_points_percent",
            "course_kinds",
            "coaching_hours",
            "min_reviewers",
            "validity_years",
            "renewal_points",
            "renewal_practice_hours",
            "objection_weeks",
            "points_per_article",
            "points_per_book",
        )
    }
    bad = client.post(url, {**data, "effective_from": "1999-01-01", "note": ""})
    assert bad.status_code == 200
    assert RegisterPolicy.objects.count() == 1
    ok = client.post(
        url,
        {
            **data,
            "points": "130",
            "points_per_book": "12",
            "effective_from": "2031-01-01",
            "note": "Meer",
        },
    )
    assert ok.status_code == 302
    latest = RegisterPolicy.objects.get(version=2)
    assert (latest.points, latest.created_by) == (Decimal("130"), register_office)
    assert (latest.points_per_book, latest.points_per_article) == (Decimal("12"), Decimal("4"))
