"""The ledger: every entry that could count toward the register, counted or not.

One stream per source (practice months, coaching sessions received as junior, completions,
outside activities), each ordered by person, so that all practitioners are read in a handful
of queries whatever their number. Whether an entry counts is decided here and only here; the
window and the requirements are applied by ``eligibility`` to these entries, and an outside
tool can do the same from the exported CSV (``manage.py export_ledger``).

How a practice month becomes rows. The log records a month's hours per approach (they add up
to the total), per form (at most the total) and per setting, but not which approach-hours were
spent in which form. The ledger therefore splits a month into approach × form cells by the
*north-west corner rule*: lay the approach hours end to end in the fixed order
zelfredzaamheid, strategisch, sociaal-organisatorisch on a line from 0 to the total, lay the
form hours end to end in the order project, campagne, ontwikkeltraject followed by the hours
without a form (form left empty) on the same line, and give each (approach, form) cell the
length of their overlap. Every cell is a whole number of tenths, the cells of an approach add
up exactly to that approach's hours and those of a form exactly to that form's hours; the
requirements only use those sums, so the rule never changes an outcome. A month counts on its
last day, which is the date of its rows.
"""

from __future__ import annotations

import csv
import heapq
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from courses.models import Completion, OutsideActivity
from lms.accounts.models import Role, User
from mentoring.kinds import Approach, Form
from mentoring.models import CoachingSession, PracticeMonth
from mentoring.selectors import COUNTING_MONTH, COUNTING_SESSION

ZERO = Decimal("0")
COUNTS = "counts"
SOURCES = ("practice_month", "coaching_session", "completion", "outside_activity")
CSV_FIELDS = (
    "person",
    "source",
    "source_id",
    "date",
    "hours",
    "points",
    "approach",
    "form",
    "course_kind",
    "status",
)
CHUNK = 2000

_APPROACH_ORDER = (
    ("hours_zelfredzaamheid", Approach.SELF_RELIANCE.value),
    ("hours_strategisch", Approach.STRATEGIC_ADVICE.value),
    ("hours_sociaal_organisatorisch", Approach.SOCIAL_ORGANISATIONAL.value),
)
_FORM_ORDER = (
    ("hours_project", Form.PROJECT.value),
    ("hours_campagne", Form.CAMPAIGN.value),
    ("hours_ontwikkeltraject", Form.DEVELOPMENT.value),
)


@dataclass(frozen=True)
class Entry:
    person_id: int
    person: str  # e-mail address
    source: str
    source_id: int
    date: date
    hours: Decimal = ZERO
    points: Decimal = ZERO
    approach: str = ""
    form: str = ""
    course_kind: str = ""
    status: str = COUNTS

    @property
    def counts(self) -> bool:
        return self.status == COUNTS

    def as_row(self) -> dict:
        return {
            "person": self.person,
            "source": self.source,
            "source_id": self.source_id,
            "date": self.date.isoformat(),
            "hours": f"{self.hours:.2f}",
            "points": f"{self.points:.1f}",
            "approach": self.approach,
            "form": self.form,
            "course_kind": self.course_kind,
            "status": self.status,
        }

    def shifted(self, to: date, status: str = COUNTS) -> Entry:
        return replace(self, date=to, status=status)


def month_last_day(first: date) -> date:
    from calendar import monthrange

    return first.replace(day=monthrange(first.year, first.month)[1])


def month_cells(values: dict) -> list[tuple[str, str, Decimal]]:
    """A month's hours as (approach, form, hours) cells by the north-west corner rule."""
    approaches = [(code, Decimal(values[f] or 0)) for f, code in _APPROACH_ORDER]
    total = sum((h for _c, h in approaches), ZERO)
    forms = [(code, Decimal(values[f] or 0)) for f, code in _FORM_ORDER]
    without_form = total - sum((h for _c, h in forms), ZERO)
    forms.append(("", max(without_form, ZERO)))
    cells = []
    a_start = ZERO
    for a_code, a_hours in approaches:
        a_end = a_start + a_hours
        f_start = ZERO
        for f_code, f_hours in forms:
            f_end = f_start + f_hours
            overlap = min(a_end, f_end) - max(a_start, f_start)
            if overlap > 0:
                cells.append((a_code, f_code, overlap))
            f_start = f_end
        a_start = a_end
    return cells


def _person_filter(person_ids, field: str) -> Q:
    return Q(**{f"{field}__in": list(person_ids)}) if person_ids is not None else Q()


def _practice_month_entries(person_ids) -> Iterator[Entry]:
    fields = [f for f, _c in _APPROACH_ORDER] + [f for f, _c in _FORM_ORDER]
    rows = (
        PracticeMonth.objects.filter(_person_filter(person_ids, "person_id"))
        .annotate(is_counting=ExpressionWrapper(COUNTING_MONTH, output_field=BooleanField()))
        .order_by("person_id", "month", "version")
        .values("pk", "person_id", "person__email", "month", "status", "is_counting", *fields)
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["is_counting"]:
            status = COUNTS
        elif row["status"] == PracticeMonth.Status.ATTESTED:
            status = "superseded"
        else:
            status = "not_attested"
        day = month_last_day(row["month"])
        for approach, form, hours in month_cells(row):
            yield Entry(
                person_id=row["person_id"],
                person=row["person__email"],
                source="practice_month",
                source_id=row["pk"],
                date=day,
                hours=hours,
                approach=approach,
                form=form,
                status=status,
            )


_SESSION_STATUS = {
    CoachingSession.Status.PLANNED: "planned",
    CoachingSession.Status.AWAITING: "not_confirmed",
    CoachingSession.Status.DISPUTED: "disputed",
    CoachingSession.Status.WITHDRAWN: "withdrawn",
    CoachingSession.Status.CONFIRMED: "superseded",
}


def _session_entries(person_ids) -> Iterator[Entry]:
    rows = (
        CoachingSession.objects.filter(_person_filter(person_ids, "trajectory__junior_id"))
        .annotate(is_counting=ExpressionWrapper(COUNTING_SESSION, output_field=BooleanField()))
        .order_by("trajectory__junior_id", "starts_at", "pk")
        .values(
            "pk",
            "trajectory__junior_id",
            "trajectory__junior__email",
            "starts_at",
            "duration_minutes",
            "status",
            "is_counting",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield Entry(
            person_id=row["trajectory__junior_id"],
            person=row["trajectory__junior__email"],
            source="coaching_session",
            source_id=row["pk"],
            date=timezone.localtime(row["starts_at"]).date(),
            hours=(Decimal(row["duration_minutes"]) / 60).quantize(Decimal("0.01")),
            status=COUNTS if row["is_counting"] else _SESSION_STATUS[row["status"]],
        )


def _completion_entries(person_ids) -> Iterator[Entry]:
    rows = (
        Completion.objects.filter(_person_filter(person_ids, "person_id"))
        .order_by("person_id", "completed_on", "pk")
        .values(
            "pk",
            "person_id",
            "person__email",
            "completed_on",
            "points",
            "course_kind",
            "accredited",
            "revoked_at",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["revoked_at"] is not None:
            status = "revoked"
        elif not row["accredited"]:
            status = "not_accredited"
        else:
            status = COUNTS
        yield Entry(
            person_id=row["person_id"],
            person=row["person__email"],
            source="completion",
            source_id=row["pk"],
            date=row["completed_on"],
            points=row["points"],
            course_kind=row["course_kind"],
            status=status,
        )


_OUTSIDE_STATUS = {
    OutsideActivity.Status.ACCEPTED: COUNTS,
    OutsideActivity.Status.SUBMITTED: "not_accepted",
    OutsideActivity.Status.REJECTED: "rejected",
}


def _outside_entries(person_ids) -> Iterator[Entry]:
    rows = (
        OutsideActivity.objects.filter(_person_filter(person_ids, "person_id"))
        .order_by("person_id", "date", "pk")
        .values(
            "pk", "person_id", "person__email", "date", "hours", "points", "course_kind", "status"
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield Entry(
            person_id=row["person_id"],
            person=row["person__email"],
            source="outside_activity",
            source_id=row["pk"],
            date=row["date"],
            hours=row["hours"],
            points=row["points"],
            course_kind=row["course_kind"],
            status=_OUTSIDE_STATUS.get(row["status"], row["status"]),
        )


def ledger_entries(*, person_ids: Iterable[int] | None = None) -> Iterator[Entry]:
    """All entries, ordered by person: four queries, read in chunks."""
    ids = None if person_ids is None else sorted(set(person_ids))
    streams = (
        _practice_month_entries(ids),
        _session_entries(ids),
        _completion_entries(ids),
        _outside_entries(ids),
    )
    return heapq.merge(*streams, key=lambda e: e.person_id)


def entries_of(person: User) -> list[Entry]:
    return list(ledger_entries(person_ids=[person.pk]))


def practitioners() -> Iterator[tuple[int, str]]:
    """(id, e-mail) of everyone holding a practitioner's role, ordered by id."""
    rows = (
        User.objects.filter(groups__name__in=[Role.JUNIOR, Role.SENIOR])
        .distinct()
        .order_by("pk")
        .values_list("pk", "email")
    )
    return rows.iterator(chunk_size=CHUNK)


def ledger_csv(entries: Iterable[Entry]) -> str:
    """Entries as the ledger's CSV, as kept with an application."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow(entry.as_row())
    return out.getvalue()
