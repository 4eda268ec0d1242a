"""Every practitioner's counted amounts in a register window, summed by the database.

``eligibility.evaluate_all`` uses this to evaluate the whole country at once. It applies the
ledger's rules (what counts, on which date) as grouped sums, one query per source:

- practice months: attested and not superseded, dated on their last day; hours per approach
  as logged, hours per form as the ledger's north-west corner rule gives them (a form's hours
  cut off where the approach hours end, which the database keeps per month in the
  ``counted_*`` columns), a month counted when it has any hours;
- coaching sessions received as junior: confirmed and not superseded, dated on their local
  start day, each session's hours rounded to hundredths as in the ledger;
- completions: accredited and not revoked, points and course kinds;
- outside activities: accepted, points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import OutsideActivity
from courses.selectors import counting_completions
from lms.accounts.models import User
from mentoring.kinds import Approach, Form
from mentoring.models import approach_hours_total
from mentoring.selectors import counting_practice_months, counting_sessions

from .evaluation import Totals
from .ledger import practitioners

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
_APPROACHES = {
    "hours_zelfredzaamheid": Approach.SELF_RELIANCE.value,
    "hours_strategisch": Approach.STRATEGIC_ADVICE.value,
    "hours_sociaal_organisatorisch": Approach.SOCIAL_ORGANISATIONAL.value,
}
# The form hours that fit on the approach hours, kept per month by the database.
_FORMS = {
    "counted_project": Form.PROJECT.value,
    "counted_campagne": Form.CAMPAIGN.value,
    "counted_ontwikkeltraject": Form.DEVELOPMENT.value,
}


def _decimal(value) -> Decimal:
    """A sum as an exact tenth (SQLite hands sums of decimals back as floats)."""
    return Decimal(str(value or 0)).quantize(TENTH)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _months(since: date, on: date, totals: dict[int, Totals]) -> None:
    # A month counts on its last day: since < last day <= on.
    first = (since + timedelta(days=1)).replace(day=1)
    after = (on + timedelta(days=1)).replace(day=1)
    rows = (
        counting_practice_months()
        .filter(month__gte=first, month__lt=after)
        .annotate(approach_total=approach_hours_total())
        .filter(approach_total__gt=0)
        .values("person_id")
        .annotate(
            months=Count("pk"),
            **{f"a_{f}": Sum(f) for f in _APPROACHES},
            **{f"f_{f}": Sum(f) for f in _FORMS},
        )
        .order_by()
    )
    for row in rows:
        t = totals[row["person_id"]]
        t.months = row["months"]
        for f, code in _APPROACHES.items():
            t.per_approach[code] = _decimal(row[f"a_{f}"])
        for f, code in _FORMS.items():
            t.per_form[code] = _decimal(row[f"f_{f}"])


def _sessions(since: date, on: date, totals: dict[int, Totals]) -> None:
    # Grouped by length too, so that each session's hours are rounded as the ledger does.
    rows = (
        counting_sessions()
        .filter(
            starts_at__gte=_local_midnight(since + timedelta(days=1)),
            starts_at__lt=_local_midnight(on + timedelta(days=1)),
        )
        .values("trajectory__junior_id", "duration_minutes")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        hours = (Decimal(row["duration_minutes"]) / 60).quantize(HUNDREDTH)
        totals[row["trajectory__junior_id"]].coaching_hours += hours * row["n"]


def _completions(since: date, on: date, totals: dict[int, Totals]) -> None:
    rows = (
        counting_completions()
        .filter(completed_on__gt=since, completed_on__lte=on)
        .values("person_id", "course_kind")
        .annotate(points=Coalesce(Sum("points"), Value(Decimal(0))))
        .order_by()
    )
    for row in rows:
        t = totals[row["person_id"]]
        t.completion_points += _decimal(row["points"])
        if row["course_kind"]:
            t.kinds.add(row["course_kind"])


def _outside(since: date, on: date, totals: dict[int, Totals]) -> None:
    rows = (
        OutsideActivity.objects.filter(
            status=OutsideActivity.Status.ACCEPTED, date__gt=since, date__lte=on
        )
        .values("person_id")
        .annotate(points=Sum("points"))
        .order_by()
    )
    for row in rows:
        totals[row["person_id"]].outside_points = _decimal(row["points"])


def window_totals(*, since: date, on: date) -> Iterator[tuple[int, str, Totals]]:
    """(id, e-mail, totals) of every practitioner and of anyone else with counted entries in
    the window since < date <= on, ordered by id: five queries (six with such others)."""
    totals: dict[int, Totals] = defaultdict(Totals)
    for source in (_months, _sessions, _completions, _outside):
        source(since, on, totals)
    emails = dict(practitioners())
    others = set(totals) - set(emails)
    if others:
        emails.update(User.objects.filter(pk__in=others).values_list("pk", "email"))
    for person_id in sorted(emails):
        yield person_id, emails[person_id], totals.get(person_id) or Totals()
