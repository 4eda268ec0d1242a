"""Practice months move from decimal hours to minutes and lose nothing: each hour field becomes
exactly sixty times as many minutes, and going back gives the hours again."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import person

BEFORE = [("mentoring", "0011_register_and_conflicts_move_out")]
AFTER = [("mentoring", "0012_practice_months_in_minutes")]
KINDS = (
    "zelfredzaamheid",
    "strategisch",
    "sociaal_organisatorisch",
    "project",
    "campagne",
    "ontwikkeltraject",
    "territoriaal",
    "categoriaal",
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_hours_become_exact_minutes_and_come_back():
    worker = person("Junior opbouwwerker")
    old = _migrate(BEFORE)
    Month = old.get_model("mentoring", "PracticeMonth")
    hours = {
        "zelfredzaamheid": Decimal("50.5"),
        "strategisch": Decimal("0.1"),
        "sociaal_organisatorisch": Decimal("99.9"),
        "project": Decimal("70.3"),
        "campagne": Decimal("30"),
        "ontwikkeltraject": Decimal("0"),
        "territoriaal": Decimal("150.5"),
        "categoriaal": Decimal("0"),
    }
    total = hours["zelfredzaamheid"] + hours["strategisch"] + hours["sociaal_organisatorisch"]
    Month.objects.create(
        person_id=worker.pk,
        month=date(2025, 3, 1),
        hours_total=total,
        **{f"hours_{k}": v for k, v in hours.items()},
    )
    try:
        new = _migrate(AFTER)
        (month,) = new.get_model("mentoring", "PracticeMonth").objects.all()
        assert month.minutes_total == 150 * 60 + 30
        for kind, value in hours.items():
            assert getattr(month, f"minutes_{kind}") == int(value * 60), kind
        # The form the database counts follows the minutes: project fits on the total.
        assert month.counted_project == int(hours["project"] * 60)

        back = _migrate(BEFORE)
        (restored,) = back.get_model("mentoring", "PracticeMonth").objects.all()
        assert restored.hours_total == total
        for kind, value in hours.items():
            assert getattr(restored, f"hours_{kind}") == value, kind
    finally:
        _migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()  # back to the latest state
        )
