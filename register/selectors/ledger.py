"""The ledger: every entry that could count toward the register, counted or not, with why.

One stream per source (practice months, coaching sessions received as junior, completions,
outside activities), each ordered by person, so that all practitioners are read in a handful
of queries whatever their number. Whether a row counts in itself is decided here and only
here, from the same conditions the database's sums use (``mentoring.selectors`` and
``courses.selectors``). Whether it counts on a day also depends on the window: a course counts
once in a window (``counts_once``), and ``evaluation`` applies the window and the
requirements to these entries. An outside tool can do the same from the exported CSV
(``manage.py export_ledger``): each row carries its minutes, points, course and status.

How a practice month becomes rows. Every hour of a month has one approach and one form
(DOMAIN.md), but the log keeps the minutes per approach and per form, not which approach-time
was spent in which form. The ledger therefore splits a month into approach × form cells by the
*north-west corner rule*: lay the approach minutes end to end in the fixed order
zelfredzaamheid, strategisch, sociaal-organisatorisch on a line from 0 to the total, lay the
form minutes end to end in the order project, campagne, ontwikkeltraject on the same line
(followed, for a month logged before forms had to add up, by the minutes without a form), and
give each (approach, form) cell the length of their overlap. The cells of an approach add up
exactly to that approach's minutes and those of a form exactly to that form's minutes (as far
as they fit on the total); the requirements only use those sums, so the rule never changes an
outcome. A month counts on its last day, which is the date of its rows.
"""

from __future__ import annotations

import csv
import heapq
import io
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Completion, OutsideActivity
from courses.selectors import (
    ACCEPTED_UNDER_CONFLICT,
    COUNTING_OUTSIDE,
    completion_before_course_ran,
)
from lms.accounts.models import Role, User
from lms.durations import hours_from_minutes
from mentoring.kinds import Approach, Form
from mentoring.models import CoachingSession, PracticeMonth
from mentoring.selectors import (
    ATTESTED_UNDER_CONFLICT,
    CONFIRMED_UNDER_CONFLICT,
    COUNTING_MONTH,
    COUNTING_SESSION,
)

ZERO = Decimal("0")
COUNTS = "counts"
COUNTED_ONCE = "counted_once"
SOURCES = ("practice_month", "coaching_session", "completion", "outside_activity")
# The export's columns: the first ten as outside tools have always read them, then the course
# (page id, provider id and code, for "a course counts once") and the exact minutes.
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
    "course",
    "minutes",
)
CHUNK = 2000

SOURCE_LABELS = {
    "practice_month": _("praktijkmaand"),
    "coaching_session": _("coachingsgesprek"),
    "completion": _("afgeronde cursus"),
    "outside_activity": _("externe activiteit"),
}
# Why a row counts or not, in the ledger's ``status`` column and in Dutch on every page.
STATUS_LABELS = {
    COUNTS: _("telt mee"),
    COUNTED_ONCE: _("telt niet opnieuw mee: dezelfde cursus telt één keer"),
    "not_attested": _("nog niet geattesteerd"),
    "superseded": _("vervangen door een gecorrigeerde versie"),
    "planned": _("gepland"),
    "not_confirmed": _("nog niet bevestigd"),
    "disputed": _("betwist"),
    "withdrawn": _("ingetrokken"),
    "revoked": _("afronding ingetrokken"),
    "not_accredited": _("cursus was niet geaccrediteerd"),
    "before_course_ran": _("afgerond vóór de laatste bijeenkomst van de cursus"),
    "conflict": _("bevestigd, geattesteerd of geaccepteerd ondanks een belangenverstrengeling"),
    "not_accepted": _("nog niet beoordeeld door het registerbureau"),
    "rejected": _("afgewezen door het registerbureau"),
}

_APPROACH_ORDER = (
    ("minutes_zelfredzaamheid", Approach.SELF_RELIANCE.value),
    ("minutes_strategisch", Approach.STRATEGIC_ADVICE.value),
    ("minutes_sociaal_organisatorisch", Approach.SOCIAL_ORGANISATIONAL.value),
)
_FORM_ORDER = (
    ("minutes_project", Form.PROJECT.value),
    ("minutes_campagne", Form.CAMPAIGN.value),
    ("minutes_ontwikkeltraject", Form.DEVELOPMENT.value),
)


@dataclass(frozen=True)
class Entry:
    person_id: int
    person: str  # e-mail address
    source: str
    source_id: int
    date: date
    minutes: int = 0
    points: Decimal = ZERO
    approach: str = ""
    form: str = ""
    course_kind: str = ""
    # The course a completion is of: its page, and the code at its provider.
    course_id: int | None = None
    provider_id: int | None = None
    course_code: str = ""
    # The College let this course count once per calendar year instead of once per window.
    repeatable_yearly: bool = False
    status: str = COUNTS

    @property
    def counts(self) -> bool:
        return self.status == COUNTS

    @property
    def hours(self) -> Decimal:
        """This row's minutes as hours, for a reader; totals are made of minutes."""
        return hours_from_minutes(self.minutes)

    @property
    def course(self) -> str:
        """The course as the export names it: ``page id/provider id/code``."""
        if self.course_id is None:
            return ""
        return f"{self.course_id}/{self.provider_id or ''}/{self.course_code}"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])

    def as_row(self) -> dict:
        return {
            "person": self.person,
            "source": self.source,
            "source_id": self.source_id,
            "date": self.date.isoformat(),
            "hours": f"{self.hours:.1f}" if self.minutes else "",
            "points": f"{self.points:.1f}",
            "approach": self.approach,
            "form": self.form,
            "course_kind": self.course_kind,
            "status": self.status,
            "course": self.course,
            "minutes": self.minutes if self.minutes else "",
        }

    def with_status(self, status: str) -> Entry:
        return replace(self, status=status)


def month_last_day(first: date) -> date:
    return first.replace(day=monthrange(first.year, first.month)[1])


def month_cells(values: dict) -> list[tuple[str, str, int]]:
    """A month's minutes as (approach, form, minutes) cells by the north-west corner rule."""
    approaches = [(code, int(values[f] or 0)) for f, code in _APPROACH_ORDER]
    total = sum(m for _c, m in approaches)
    forms = [(code, int(values[f] or 0)) for f, code in _FORM_ORDER]
    forms.append(("", max(total - sum(m for _c, m in forms), 0)))
    cells = []
    a_start = 0
    for a_code, a_minutes in approaches:
        a_end = a_start + a_minutes
        f_start = 0
        for f_code, f_minutes in forms:
            f_end = f_start + f_minutes
            overlap = min(a_end, f_end) - max(a_start, f_start)
            if overlap > 0:
                cells.append((a_code, f_code, overlap))
            f_start = f_end
        a_start = a_end
    return cells


def _of_people(queryset, person_ids, field: str):
    return queryset.filter(**{f"{field}__in": person_ids}) if person_ids is not None else queryset


def _flag(condition) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _practice_month_entries(person_ids) -> Iterator[Entry]:
    fields = [f for f, _c in _APPROACH_ORDER] + [f for f, _c in _FORM_ORDER]
    rows = (
        _of_people(PracticeMonth.objects.all(), person_ids, "person_id")
        .annotate(
            is_counting=_flag(COUNTING_MONTH), under_conflict=_flag(Q(ATTESTED_UNDER_CONFLICT))
        )
        .order_by("person_id", "month", "version")
        .values(
            "pk",
            "person_id",
            "person__email",
            "month",
            "status",
            "is_counting",
            "under_conflict",
            *fields,
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["is_counting"]:
            status = COUNTS
        elif row["under_conflict"]:
            status = "conflict"
        elif row["status"] == PracticeMonth.Status.ATTESTED:
            status = "superseded"
        else:
            status = "not_attested"
        day = month_last_day(row["month"])
        for approach, form, minutes in month_cells(row):
            yield Entry(
                person_id=row["person_id"],
                person=row["person__email"],
                source="practice_month",
                source_id=row["pk"],
                date=day,
                minutes=minutes,
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
        _of_people(CoachingSession.objects.all(), person_ids, "trajectory__junior_id")
        .annotate(
            is_counting=_flag(COUNTING_SESSION),
            under_conflict=_flag(Q(CONFIRMED_UNDER_CONFLICT)),
            junior_id=F("trajectory__junior_id"),
        )
        .order_by("junior_id", "starts_at", "pk")
        .values(
            "pk",
            "junior_id",
            "trajectory__junior__email",
            "starts_at",
            "duration_minutes",
            "status",
            "is_counting",
            "under_conflict",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["is_counting"]:
            status = COUNTS
        elif row["under_conflict"]:
            status = "conflict"
        else:
            status = _SESSION_STATUS[row["status"]]
        yield Entry(
            person_id=row["junior_id"],
            person=row["trajectory__junior__email"],
            source="coaching_session",
            source_id=row["pk"],
            date=timezone.localtime(row["starts_at"]).date(),
            minutes=row["duration_minutes"],
            status=status,
        )


def _completion_entries(person_ids) -> Iterator[Entry]:
    rows = (
        _of_people(Completion.objects.all(), person_ids, "person_id")
        .annotate(early=_flag(completion_before_course_ran()))
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
            "early",
            "repeatable_yearly",
            "edition__course_id",
            "edition__course__provider_id",
            "edition__course__code",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["revoked_at"] is not None:
            status = "revoked"
        elif not row["accredited"]:
            status = "not_accredited"
        elif row["early"]:
            status = "before_course_ran"
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
            course_id=row["edition__course_id"],
            provider_id=row["edition__course__provider_id"],
            course_code=row["edition__course__code"] or "",
            repeatable_yearly=row["repeatable_yearly"],
            status=status,
        )


_OUTSIDE_STATUS = {
    OutsideActivity.Status.SUBMITTED: "not_accepted",
    OutsideActivity.Status.REJECTED: "rejected",
}


def _outside_entries(person_ids) -> Iterator[Entry]:
    rows = (
        _of_people(OutsideActivity.objects.all(), person_ids, "person_id")
        .annotate(
            is_counting=_flag(COUNTING_OUTSIDE), under_conflict=_flag(Q(ACCEPTED_UNDER_CONFLICT))
        )
        .order_by("person_id", "date", "pk")
        .values(
            "pk",
            "person_id",
            "person__email",
            "date",
            "points",
            "course_kind",
            "status",
            "is_counting",
            "under_conflict",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        if row["is_counting"]:
            status = COUNTS
        elif row["under_conflict"]:
            status = "conflict"
        else:
            status = _OUTSIDE_STATUS.get(row["status"], row["status"])
        yield Entry(
            person_id=row["person_id"],
            person=row["person__email"],
            source="outside_activity",
            source_id=row["pk"],
            date=row["date"],
            points=row["points"],
            course_kind=row["course_kind"],
            status=status,
        )


def ledger_entries(*, person_ids: Iterable[int] | None = None) -> Iterator[Entry]:
    """All entries, ordered by person, each with the status it has in itself: four queries,
    read in chunks. Whether a course counts once depends on a window: see ``ledger_on``."""
    ids = None if person_ids is None else sorted(set(person_ids))
    streams = (
        _practice_month_entries(ids),
        _session_entries(ids),
        _completion_entries(ids),
        _outside_entries(ids),
    )
    return heapq.merge(*streams, key=lambda e: e.person_id)


def _course_group(entry: Entry) -> tuple:
    """Completions of one course count once in a window; a course the College made repeatable
    counts once per calendar year. The platform keeps a course code unique at its provider,
    so the course page identifies "the same page or the same code at the same provider"."""
    return (entry.course_id, entry.date.year if entry.repeatable_yearly else None)


def counts_once(entries: Iterable[Entry], *, after: date, on: date) -> list[Entry]:
    """One person's entries, with every counting completion in the window after < date <= on
    that another completion of the same course outdoes marked ``counted_once``.

    Of the completions of one course the one with the most points counts; of equal points the
    latest, then the last recorded. Entries outside the window are left as they are.
    """
    entries = list(entries)
    best: dict[tuple, Entry] = {}
    for e in entries:
        if e.source != "completion" or e.status != COUNTS or not after < e.date <= on:
            continue
        group = _course_group(e)
        current = best.get(group)
        if current is None or (e.points, e.date, e.source_id) > (
            current.points,
            current.date,
            current.source_id,
        ):
            best[group] = e
    kept = {e.source_id for e in best.values()}
    return [
        e.with_status(COUNTED_ONCE)
        if e.source == "completion"
        and e.status == COUNTS
        and after < e.date <= on
        and e.source_id not in kept
        else e
        for e in entries
    ]


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


def entries_from_csv(text: str) -> list[Entry]:
    """The entries of a ledger CSV as kept with an application, also of one written before the
    ledger had its ``course`` and ``minutes`` columns (then the hours give the minutes)."""
    entries = []
    for row in csv.DictReader(io.StringIO(text)):
        minutes = row.get("minutes") or ""
        if not minutes and row.get("hours"):
            minutes = round(Decimal(row["hours"]) * 60)
        course_id, provider_id, code = (row.get("course") or "//").split("/", 2)
        entries.append(
            Entry(
                person_id=0,
                person=row["person"],
                source=row["source"],
                source_id=int(row["source_id"]),
                date=date.fromisoformat(row["date"]),
                minutes=int(minutes or 0),
                points=Decimal(row.get("points") or 0),
                approach=row.get("approach", ""),
                form=row.get("form", ""),
                course_kind=row.get("course_kind", ""),
                course_id=int(course_id) if course_id else None,
                provider_id=int(provider_id) if provider_id else None,
                course_code=code,
                status=row["status"],
            )
        )
    return entries
