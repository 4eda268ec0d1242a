"""A person's counted amounts in a register window, and the same for everyone summed by the
database.

``evaluate_all`` uses ``window_totals`` to evaluate the whole country at once. It applies the
ledger's rules (what counts, on which date) as grouped sums, one query per source:

- practice months: counting (``mentoring.selectors.counting_practice_months``), dated on their
  last day; minutes per approach as logged, minutes per form as the ledger's north-west corner
  rule gives them (a form's minutes cut off where the approach minutes end, which the database
  keeps per month in the ``counted_*`` columns); a month counted when it has any minutes;
- coaching sessions received as junior: counting, dated on their Dutch start day, in minutes;
- completions: counting (``courses.selectors.counting_completions``), and of the completions of
  one course in the window only the one the ledger's ``counts_once`` keeps;
- outside activities: accepted, points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from courses.selectors import counting_completions, counting_outside_activities
from lms.accounts.models import User
from mentoring.kinds import Approach, Form
from mentoring.models import approach_minutes_total
from mentoring.selectors import counting_practice_months, counting_sessions

from .ledger import ZERO, practitioners

TENTH = Decimal("0.1")
# Read once: a choices class builds its list of values anew on every access.
_APPROACHES = tuple(Approach.values)
_FORMS = tuple(Form.values)
_APPROACH_FIELDS = {
    "minutes_zelfredzaamheid": Approach.SELF_RELIANCE.value,
    "minutes_strategisch": Approach.STRATEGIC_ADVICE.value,
    "minutes_sociaal_organisatorisch": Approach.SOCIAL_ORGANISATIONAL.value,
}
# The form minutes that fit on the approach minutes, kept per month by the database.
_FORM_FIELDS = {
    "counted_project": Form.PROJECT.value,
    "counted_campagne": Form.CAMPAIGN.value,
    "counted_ontwikkeltraject": Form.DEVELOPMENT.value,
}


@dataclass
class Totals:
    """What the requirements are measured on: a person's counted amounts in a window."""

    months: int = 0
    minutes_per_approach: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(_APPROACHES, 0)
    )
    minutes_per_form: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_FORMS, 0))
    completion_points: Decimal = ZERO
    outside_points: Decimal = ZERO
    kinds: set[str] = field(default_factory=set)
    coaching_minutes: int = 0


def _decimal(value) -> Decimal:
    """A sum of points as an exact tenth (SQLite hands sums of decimals back as floats)."""
    return Decimal(str(value or 0)).quantize(TENTH)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _of(queryset, person_ids, field: str):
    return queryset.filter(**{f"{field}__in": person_ids}) if person_ids is not None else queryset


def _months(after: date, on: date, person_ids, totals: dict[int, Totals]) -> None:
    # A month counts on its last day: after < last day <= on, so from the month of the day
    # after ``after`` up to the month before the one of the day after ``on``.
    following = (on + timedelta(days=1)).replace(day=1)
    rows = (
        _of(counting_practice_months(), person_ids, "person_id")
        .filter(month__gte=_first_month_ending_after(after), month__lt=following)
        .annotate(approach_total=approach_minutes_total())
        .filter(approach_total__gt=0)
        .values("person_id")
        .annotate(
            months=Count("pk"),
            **{f"a_{f}": Sum(f) for f in _APPROACH_FIELDS},
            **{f"f_{f}": Sum(f) for f in _FORM_FIELDS},
        )
        .order_by()
    )
    for row in rows:
        t = totals[row["person_id"]]
        t.months = row["months"]
        for f, code in _APPROACH_FIELDS.items():
            t.minutes_per_approach[code] = int(row[f"a_{f}"] or 0)
        for f, code in _FORM_FIELDS.items():
            t.minutes_per_form[code] = int(row[f"f_{f}"] or 0)


def _first_month_ending_after(after: date) -> date:
    """The first day of the first month whose last day lies after ``after``."""
    return (after + timedelta(days=1)).replace(day=1)


def _sessions(after: date, on: date, person_ids, totals: dict[int, Totals]) -> None:
    rows = (
        _of(counting_sessions(), person_ids, "trajectory__junior_id")
        .filter(
            starts_at__gte=_local_midnight(after + timedelta(days=1)),
            starts_at__lt=_local_midnight(on + timedelta(days=1)),
        )
        .values("trajectory__junior_id")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    )
    for row in rows:
        totals[row["trajectory__junior_id"]].coaching_minutes = int(row["minutes"] or 0)


def counted_completions(*, after: date, on: date, person_ids=None):
    """The completions that count in the window after < date <= on: counting ones, and of the
    completions of one course only the one the ledger's ``counts_once`` keeps (the most
    points, then the latest, then the last recorded); of a course the College made repeatable,
    one per calendar year."""
    in_window = (
        counting_completions()
        .filter(completed_on__gt=after, completed_on__lte=on)
        .annotate(
            year=Case(
                When(repeatable_yearly=True, then=ExtractYear("completed_on")),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    outdone = in_window.filter(
        person_id=OuterRef("person_id"),
        edition__course_id=OuterRef("edition__course_id"),
        repeatable_yearly=OuterRef("repeatable_yearly"),
        year=OuterRef("year"),
    ).filter(
        Q(points__gt=OuterRef("points"))
        | Q(points=OuterRef("points"), completed_on__gt=OuterRef("completed_on"))
        | Q(points=OuterRef("points"), completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
    )
    return _of(in_window, person_ids, "person_id").exclude(Exists(outdone))


def _completions(after: date, on: date, person_ids, totals: dict[int, Totals]) -> None:
    rows = (
        counted_completions(after=after, on=on, person_ids=person_ids)
        .values("person_id", "course_kind")
        .annotate(points=Sum("points"))
        .order_by()
    )
    for row in rows:
        t = totals[row["person_id"]]
        t.completion_points += _decimal(row["points"])
        if row["course_kind"]:
            t.kinds.add(row["course_kind"])


def _outside(after: date, on: date, person_ids, totals: dict[int, Totals]) -> None:
    rows = (
        _of(counting_outside_activities(), person_ids, "person_id")
        .filter(date__gt=after, date__lte=on)
        .values("person_id")
        .annotate(points=Sum("points"))
        .order_by()
    )
    for row in rows:
        totals[row["person_id"]].outside_points = _decimal(row["points"])


def window_totals(
    *, after: date, on: date, person_ids: Iterable[int] | None = None
) -> Iterator[tuple[int, str, Totals]]:
    """(id, e-mail, totals) in the window after < date <= on, ordered by id: of every
    practitioner and anyone else with counted entries, or of ``person_ids`` only. Five queries
    (six with such others)."""
    ids = None if person_ids is None else sorted(set(person_ids))
    totals: dict[int, Totals] = defaultdict(Totals)
    for source in (_months, _sessions, _completions, _outside):
        source(after, on, ids, totals)
    if ids is None:
        emails = dict(practitioners())
        others = set(totals) - set(emails)
        if others:
            emails.update(User.objects.filter(pk__in=others).values_list("pk", "email"))
    else:
        emails = dict(User.objects.filter(pk__in=ids).values_list("pk", "email"))
    for person_id in sorted(emails):
        yield person_id, emails[person_id], totals.get(person_id) or Totals()


__all__ = ["Totals", "counted_completions", "window_totals"]
