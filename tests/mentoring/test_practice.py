"""The practice log: months of hours, attested by the line manager or the register office."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import Role
from mentoring import services
from mentoring.models import PracticeMonth
from mentoring.selectors import attested_hours
from tests.factories import person

pytestmark = pytest.mark.django_db

HOURS = {
    "hours_zelfredzaamheid": "40",
    "hours_strategisch": "30.5",
    "hours_sociaal_organisatorisch": "10",
    "hours_project": "60",
    "hours_territoriaal": "80.5",
}


@pytest.fixture
def worker(db, manager, organisation):
    return person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)


def last_month() -> date:
    today = timezone.localdate().replace(day=1)
    return (today - timedelta(days=1)).replace(day=1)


def test_logged_month_counts_only_once_attested(worker, manager):
    record = services.practice_month_log(actor=worker, month=last_month(), hours=HOURS)
    assert record.hours_total == Decimal("80.5")
    assert attested_hours(person=worker) == 0
    services.practice_month_attest(actor=manager, practice_month=record)
    assert attested_hours(person=worker) == Decimal("80.5")


def test_open_month_is_updated_in_place(worker):
    first = services.practice_month_log(actor=worker, month=last_month(), hours=HOURS)
    second = services.practice_month_log(
        actor=worker, month=last_month(), hours={**HOURS, "hours_zelfredzaamheid": "50"}
    )
    assert first.pk == second.pk
    assert second.hours_total == Decimal("90.5")


@pytest.mark.parametrize(
    "hours, message",
    [
        ({"hours_zelfredzaamheid": "-1"}, "negatief"),
        ({"hours_zelfredzaamheid": "200", "hours_strategisch": "101"}, "300"),
        ({"hours_zelfredzaamheid": "10", "hours_project": "11"}, "meer dan het totaal"),
        ({"hours_zelfredzaamheid": "veel"}, "getal"),
    ],
)
def test_impossible_hours_are_refused(worker, hours, message):
    with pytest.raises(ValidationError, match=message):
        services.practice_month_log(actor=worker, month=last_month(), hours=hours)
    assert not PracticeMonth.objects.exists()


def test_future_month_is_refused(worker):
    future = (timezone.localdate().replace(day=28) + timedelta(days=10)).replace(day=1)
    with pytest.raises(ValidationError, match="toekomst"):
        services.practice_month_log(actor=worker, month=future, hours=HOURS)


def test_database_refuses_more_than_300_or_negative_hours(worker):
    record = services.practice_month_log(actor=worker, month=last_month(), hours=HOURS)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=record.pk).update(hours_total=Decimal("300.1"))
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=record.pk).update(hours_project=Decimal("-1"))


def test_who_may_attest(worker, manager, register_office):
    record = services.practice_month_log(actor=worker, month=last_month(), hours=HOURS)
    with pytest.raises(PermissionDenied, match="eigen"):
        services.practice_month_attest(actor=worker, practice_month=record)
    with pytest.raises(PermissionDenied):
        services.practice_month_attest(actor=person(Role.MANAGER), practice_month=record)
    services.practice_month_attest(actor=register_office, practice_month=record)
    with pytest.raises(ValidationError, match="al geattesteerd"):
        services.practice_month_attest(actor=manager, practice_month=record)


def test_correction_after_attestation_needs_a_new_attestation(worker, manager):
    first = services.practice_month_log(actor=worker, month=last_month(), hours=HOURS)
    services.practice_month_attest(actor=manager, practice_month=first)
    correction = services.practice_month_log(
        actor=worker, month=last_month(), hours={**HOURS, "hours_zelfredzaamheid": "60"}
    )
    assert correction.pk != first.pk
    assert correction.version == 2
    first.refresh_from_db()
    assert first.hours_total == Decimal("80.5")
    # The earlier attested version counts until the correction is attested, never both.
    assert attested_hours(person=worker) == Decimal("80.5")
    services.practice_month_attest(actor=manager, practice_month=correction)
    assert attested_hours(person=worker) == Decimal("100.5")
    first.refresh_from_db()
    assert first.superseded
    # The database holds one counting version per month, whatever writes to it.
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=first.pk).update(superseded=False)
    # Only an attested version can be superseded.
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=correction.pk).update(
            status=PracticeMonth.Status.SUBMITTED,
            attested_by=None,
            attested_at=None,
            superseded=True,
        )


def test_nobody_logs_months_for_someone_else(worker, manager):
    with pytest.raises(PermissionDenied):
        services.practice_month_log(actor=manager, person=worker, month=last_month(), hours=HOURS)


def test_counted_form_hours_kept_by_the_database_follow_the_ledger_rule(worker):
    """The ``counted_*`` columns that the grouped sums read give each form what the ledger's
    north-west corner rule gives it, for hours that overflow, fall short or fit exactly."""
    from register.selectors.ledger import month_cells

    rng = random.Random(5)
    steps = [Decimal(0), Decimal("0.5"), Decimal("12.5"), Decimal(40), Decimal("99.9")]
    first = timezone.localdate().replace(day=1)
    rows = []
    for n in range(150):
        hours = {name: rng.choice(steps) for name in PracticeMonth.HOUR_FIELDS}
        total = sum((hours[f] for f in PracticeMonth.APPROACH_FIELDS), Decimal(0))
        month = (first - timedelta(days=31 * (n + 1))).replace(day=1)
        rows.append(PracticeMonth(person=worker, month=month, hours_total=total, **hours))
    PracticeMonth.objects.bulk_create(rows)

    columns = {
        "counted_project": "project",
        "counted_campagne": "campagne",
        "counted_ontwikkeltraject": "ontwikkeltraject",
    }
    checked = clipped = 0
    for stored in PracticeMonth.objects.filter(person=worker):
        by_form = dict.fromkeys(columns.values(), Decimal(0))
        values = {f: getattr(stored, f) for f in PracticeMonth.HOUR_FIELDS}
        for _approach, form, hours in month_cells(values):
            if form:
                by_form[form] += hours
        for column, form in columns.items():
            assert Decimal(getattr(stored, column)) == by_form[form], (values, column)
            checked += 1
            clipped += by_form[form] < values[column.replace("counted_", "hours_")]
    assert checked == 450
    assert clipped > 20  # forms that overflow the approach hours were among them
