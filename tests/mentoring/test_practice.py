"""The practice log: closed months of practice in minutes, attested by the line manager or the
register office (DOMAIN.md, "A practice month is a closed month")."""

import random
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import Role
from mentoring import services
from mentoring.models import PracticeMonth
from mentoring.selectors import attested_minutes
from register.selectors import month_cells
from tests.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# 80.5 hours: every hour has one approach, one form and one setting.
MINUTES = {
    "minutes_zelfredzaamheid": 40 * 60,
    "minutes_strategisch": 30 * 60 + 30,
    "minutes_sociaal_organisatorisch": 10 * 60,
    "minutes_project": 60 * 60,
    "minutes_campagne": 20 * 60 + 30,
    "minutes_territoriaal": 80 * 60 + 30,
}


@pytest.fixture
def worker(db, manager, organisation):
    return person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)


def last_month() -> date:
    today = timezone.localdate().replace(day=1)
    return (today - timedelta(days=1)).replace(day=1)


def test_logged_month_counts_only_once_attested(worker, manager):
    record = services.practice_month_log(actor=worker, month=last_month(), minutes=MINUTES)
    assert record.minutes_total == 80 * 60 + 30
    assert attested_minutes(person=worker) == 0
    services.practice_month_attest(actor=manager, practice_month=record)
    assert attested_minutes(person=worker) == 80 * 60 + 30


def test_open_month_is_updated_in_place(worker):
    first = services.practice_month_log(actor=worker, month=last_month(), minutes=MINUTES)
    second = services.practice_month_log(
        actor=worker,
        month=last_month(),
        minutes={
            **MINUTES,
            "minutes_zelfredzaamheid": 50 * 60,
            "minutes_project": 70 * 60,
            "minutes_territoriaal": 90 * 60 + 30,
        },
    )
    assert first.pk == second.pk
    assert second.minutes_total == 90 * 60 + 30


@pytest.mark.parametrize(
    "minutes, message",
    [
        ({"minutes_zelfredzaamheid": -60}, "negatief"),
        ({"minutes_zelfredzaamheid": 200 * 60, "minutes_strategisch": 101 * 60}, "300"),
        ({"minutes_zelfredzaamheid": "veel"}, "getal"),
        ({}, "per werkwijze"),
    ],
)
def test_impossible_time_is_refused(worker, minutes, message):
    with pytest.raises(ValidationError, match=message):
        services.practice_month_log(actor=worker, month=last_month(), minutes=minutes)
    assert not PracticeMonth.objects.exists()


@pytest.mark.parametrize(
    "change, group",
    [
        ({"minutes_project": 50 * 60}, "werkvorm"),  # forms 70,5 of 80,5 hours
        ({"minutes_campagne": 30 * 60}, "werkvorm"),  # forms 90 of 80,5 hours
        ({"minutes_territoriaal": 60 * 60}, "werkveld"),
    ],
)
def test_subtotals_that_do_not_add_up_are_refused(worker, change, group):
    with pytest.raises(ValidationError) as refused:
        services.practice_month_log(actor=worker, month=last_month(), minutes={**MINUTES, **change})
    message = " ".join(refused.value.messages)
    assert f"De uren per {group}" in message
    assert "80,5" in message or "80.5" in message
    assert not PracticeMonth.objects.exists()


def test_the_running_month_and_future_months_are_refused(worker):
    this_month = timezone.localdate().replace(day=1)
    future = (this_month + timedelta(days=40)).replace(day=1)
    for month in (this_month, future):
        with pytest.raises(ValidationError, match="voorbij"):
            services.practice_month_log(actor=worker, month=month, minutes=MINUTES)
    assert not PracticeMonth.objects.exists()


def test_a_month_is_closed_by_the_dutch_calendar(worker):
    """At 23:30 UTC on 30 November it is already 1 December in Amsterdam: November is over."""
    with time_machine.travel("2026-11-30 23:30:00+00:00", tick=False):
        record = services.practice_month_log(actor=worker, month=date(2026, 11, 1), minutes=MINUTES)
    assert record.month == date(2026, 11, 1)
    with (
        time_machine.travel("2026-12-31 22:30:00+00:00", tick=False),
        pytest.raises(ValidationError, match="voorbij"),
    ):
        # 23:30 on 31 December in Amsterdam: December has not ended yet.
        services.practice_month_log(actor=worker, month=date(2026, 12, 1), minutes=MINUTES)


def test_an_unfinished_month_cannot_be_attested(worker, manager):
    """A month logged before these rules (or written directly) waits until it has ended."""
    running = PracticeMonth.objects.create(
        person=worker,
        month=timezone.localdate().replace(day=1),
        minutes_total=60,
        minutes_zelfredzaamheid=60,
        minutes_project=60,
        minutes_territoriaal=60,
    )
    with pytest.raises(ValidationError, match="voorbij"):
        services.practice_month_attest(actor=manager, practice_month=running)
    running.refresh_from_db()
    assert running.status == PracticeMonth.Status.SUBMITTED


def test_a_month_whose_subtotals_do_not_add_up_is_not_attested(worker, manager):
    """A month logged before forms and settings had to add up (written directly here): the
    manager is told why and it stays submitted, so that none of its hours count unsorted."""
    old = PracticeMonth.objects.create(
        person=worker,
        month=last_month(),
        minutes_total=120 * 60,
        minutes_zelfredzaamheid=120 * 60,
        minutes_project=40 * 60,
        minutes_territoriaal=120 * 60,
    )
    with pytest.raises(ValidationError, match=r"werkvorm \(40,0\) tellen niet op .* \(120,0\)"):
        services.practice_month_attest(actor=manager, practice_month=old)
    old.refresh_from_db()
    assert (old.status, old.attested_by) == (PracticeMonth.Status.SUBMITTED, None)
    assert attested_minutes(person=worker) == 0


def test_database_refuses_more_than_300_hours_negative_time_and_a_wrong_total(worker):
    record = services.practice_month_log(actor=worker, month=last_month(), minutes=MINUTES)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=record.pk).update(
            minutes_total=300 * 60 + 1, minutes_zelfredzaamheid=300 * 60 + 1 - 40 * 60
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=record.pk).update(minutes_project=-1)
    with transaction.atomic(), pytest.raises(IntegrityError):
        PracticeMonth.objects.filter(pk=record.pk).update(minutes_total=81 * 60)


def test_who_may_attest(worker, manager, register_office):
    record = services.practice_month_log(actor=worker, month=last_month(), minutes=MINUTES)
    with pytest.raises(PermissionDenied, match="eigen"):
        services.practice_month_attest(actor=worker, practice_month=record)
    with pytest.raises(PermissionDenied):
        services.practice_month_attest(actor=person(Role.MANAGER), practice_month=record)
    services.practice_month_attest(actor=register_office, practice_month=record)
    with pytest.raises(ValidationError, match="al geattesteerd"):
        services.practice_month_attest(actor=manager, practice_month=record)


def test_correction_after_attestation_needs_a_new_attestation(worker, manager):
    first = services.practice_month_log(actor=worker, month=last_month(), minutes=MINUTES)
    services.practice_month_attest(actor=manager, practice_month=first)
    more = {
        **MINUTES,
        "minutes_zelfredzaamheid": 60 * 60,
        "minutes_project": 80 * 60,
        "minutes_territoriaal": 100 * 60 + 30,
    }
    correction = services.practice_month_log(actor=worker, month=last_month(), minutes=more)
    assert correction.pk != first.pk
    assert correction.version == 2
    first.refresh_from_db()
    assert first.minutes_total == 80 * 60 + 30
    # The earlier attested version counts until the correction is attested, never both.
    assert attested_minutes(person=worker) == 80 * 60 + 30
    services.practice_month_attest(actor=manager, practice_month=correction)
    assert attested_minutes(person=worker) == 100 * 60 + 30
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
        services.practice_month_log(
            actor=manager, person=worker, month=last_month(), minutes=MINUTES
        )


def test_counted_form_minutes_kept_by_the_database_follow_the_ledger_rule(worker):
    """The ``counted_*`` columns that the grouped sums read give each form what the ledger's
    north-west corner rule gives it, for months (logged before forms had to add up) whose
    forms overflow, fall short or fit exactly."""
    rng = random.Random(5)
    steps = [0, 30, 750, 2400, 5994]
    first = timezone.localdate().replace(day=1)
    rows = []
    for n in range(150):
        minutes = {name: rng.choice(steps) for name in PracticeMonth.MINUTE_FIELDS}
        total = sum(minutes[f] for f in PracticeMonth.APPROACH_FIELDS)
        month = (first - timedelta(days=31 * (n + 1))).replace(day=1)
        rows.append(PracticeMonth(person=worker, month=month, minutes_total=total, **minutes))
    PracticeMonth.objects.bulk_create(rows)

    columns = {
        "counted_project": "project",
        "counted_campagne": "campagne",
        "counted_ontwikkeltraject": "ontwikkeltraject",
    }
    checked = clipped = 0
    for stored in PracticeMonth.objects.filter(person=worker):
        by_form = dict.fromkeys(columns.values(), 0)
        values = {f: getattr(stored, f) for f in PracticeMonth.MINUTE_FIELDS}
        for _approach, form, minutes in month_cells(values):
            if form:
                by_form[form] += minutes
        for column, form in columns.items():
            assert getattr(stored, column) == by_form[form], (values, column)
            checked += 1
            clipped += by_form[form] < values[column.replace("counted_", "minutes_")]
    assert checked == 450
    assert clipped > 20  # forms that overflow the approach minutes were among them
