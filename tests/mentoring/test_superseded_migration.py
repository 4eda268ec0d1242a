"""The migration that introduced ``superseded`` marks what earlier rows already replaced."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from lms.accounts.models import Role
from mentoring.models import CoachingSession, PracticeMonth
from mentoring.selectors import counting_practice_months, counting_sessions
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.register.factories import attested_month

pytestmark = pytest.mark.django_db

migration = importlib.import_module("mentoring.migrations.0006_superseded_versions")


def _constraint(model, name):
    return next(c for c in model._meta.constraints if c.name == name)


def test_backfill_leaves_one_counting_version_per_session_and_month():
    if connection.vendor != "postgresql":
        pytest.skip("drops and restores a constraint inside the test transaction (PostgreSQL)")
    session_unique = _constraint(CoachingSession, "session_one_counting_version")
    month_unique = _constraint(PracticeMonth, "practice_month_one_counting_version")
    with connection.schema_editor() as editor:
        editor.remove_constraint(CoachingSession, session_unique)
        editor.remove_constraint(PracticeMonth, month_unique)

    # Rows as they were before the flag: every confirmed or attested version unmarked.
    trajectory = TrajectoryFactory()
    now = timezone.now()
    first = CoachingSessionFactory(trajectory=trajectory, confirmed=True, duration_minutes=60)
    confirmed = {
        "status": CoachingSession.Status.CONFIRMED,
        "confirmed_by": trajectory.junior,
        "confirmed_at": now,
    }
    second = CoachingSessionFactory(
        trajectory=trajectory,
        original=first,
        version=2,
        starts_at=first.starts_at,
        duration_minutes=90,
        **confirmed,
    )
    disputed = CoachingSessionFactory(
        trajectory=trajectory,
        original=first,
        version=3,
        starts_at=first.starts_at,
        status=CoachingSession.Status.DISPUTED,
        dispute_reason="Te lang.",
    )
    alone = CoachingSessionFactory(
        trajectory=trajectory, confirmed=True, starts_at=first.starts_at - timedelta(days=1)
    )
    worker, manager = person(Role.JUNIOR), person(Role.SENIOR)
    month = timezone.localdate().replace(day=1) - timedelta(days=40)
    old = attested_month(who=worker, month=month, attester=manager)
    new = attested_month(who=worker, month=month, attester=manager, version=2)

    migration.mark_superseded(apps, None)

    assert set(counting_sessions().filter(trajectory=trajectory)) == {second, alone}
    assert not CoachingSession.objects.get(pk=disputed.pk).superseded
    assert list(counting_practice_months().filter(person=worker)) == [new]
    assert PracticeMonth.objects.get(pk=old.pk).superseded
    # The constraints come back only over rows that keep them.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
    with connection.schema_editor() as editor:
        editor.add_constraint(CoachingSession, session_unique)
        editor.add_constraint(PracticeMonth, month_unique)
