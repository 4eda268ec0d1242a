"""A person's standing in the register, as their own pages show it: the requirements they
work toward (the application's, or once registered the renewal's), with the forecast, and the
rows behind each number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.models import Completion, OutsideActivity
from lms.accounts.models import User
from mentoring.kinds import kind_label
from mentoring.models import CoachingSession

from ..models import RegisterPolicy, Registration
from .evaluation import (
    INITIAL,
    RENEWAL,
    SOURCES_OF,
    Evaluation,
    evaluate_entries,
    in_window,
    renewal_window_start,
    window_start,
)
from .forecast import forecast
from .ledger import Entry, entries_of, month_last_day
from .policy import policies_in_force, policy_in_force
from .registrations import registrations_with_status
from .totals import counted_completions


@dataclass
class RegisterStatus:
    person: User
    on: date
    policy: RegisterPolicy
    registration: Registration | None
    evaluation: Evaluation
    entries: list[Entry]
    # The registration that continues the running one, once its renewal has been granted.
    renewed_by: Registration | None = None

    @property
    def renewal(self) -> bool:
        return self.evaluation.kind == RENEWAL


def running_registration(*, person: User, on: date) -> Registration | None:
    """The person's active registration in force on ``on``: they now work toward its renewal
    instead of toward an application. A renewal granted early starts the day after this one
    ends; until then this one runs."""
    return (
        registrations_with_status()
        .filter(
            person=person,
            current_status=Registration.Status.ACTIVE,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .order_by("valid_from", "pk")
        .first()
    )


def renewal_granted(*, registration: Registration | None) -> Registration | None:
    """The active registration that continues ``registration`` once it ends, if the renewal
    has been granted already."""
    if registration is None:
        return None
    return (
        registrations_with_status()
        .filter(
            person_id=registration.person_id,
            current_status=Registration.Status.ACTIVE,
            valid_from__gt=registration.valid_until,
        )
        .order_by("valid_from", "pk")
        .first()
    )


def _evaluation(person: User, entries, *, on: date, policy, registration) -> Evaluation:
    if registration is not None:
        return evaluate_entries(
            entries,
            person_id=person.pk,
            on=on,
            policy=policy,
            kind=RENEWAL,
            after=renewal_window_start(registration=registration),
        )
    return evaluate_entries(entries, person_id=person.pk, on=on, policy=policy, kind=INITIAL)


def register_summary(*, person: User, on: date | None = None) -> RegisterStatus:
    """Today's numbers without the forecast: for the start page."""
    on = on or timezone.localdate()
    policy = policy_in_force(on=on)
    registration = running_registration(person=person, on=on)
    entries = entries_of(person)
    evaluation = _evaluation(person, entries, on=on, policy=policy, registration=registration)
    return RegisterStatus(
        person,
        on,
        policy,
        registration,
        evaluation,
        entries,
        renewed_by=renewal_granted(registration=registration),
    )


def register_status(*, person: User, on: date | None = None) -> RegisterStatus:
    """Today's numbers with the forecast: for the person's register status page."""
    status = register_summary(person=person, on=on)
    forecast(
        evaluation=status.evaluation,
        entries=status.entries,
        person=person,
        policy=status.policy,
        until=status.registration.valid_until if status.registration else None,
    )
    return status


@dataclass(frozen=True)
class Row:
    """A row behind a requirement: the entry, and whether and why it counts on the day."""

    entry: Entry
    in_window: bool

    @property
    def counts(self) -> bool:
        return self.in_window and self.entry.counts

    @property
    def reason(self) -> str:
        if not self.in_window:
            return _("valt buiten de periode die telt")
        return self.entry.status_label


def requirement_rows(status: RegisterStatus, name: str) -> list[Row]:
    """Every row of the sources that move requirement ``name``, newest first: counted or not,
    each with its reason, so that the number on the page can be checked row by row."""
    evaluation = status.evaluation
    after = (
        evaluation.window_after
        if evaluation.window_after is not None
        else window_start(on=status.on, policy=status.policy)
    )
    sources = SOURCES_OF[name]
    rows = [
        Row(entry=e, in_window=after < e.date <= status.on)
        for e in in_window(status.entries, after=after, on=status.on)
        if e.source in sources
    ]
    rows.sort(key=lambda r: (r.entry.date, r.entry.source_id), reverse=True)
    return rows


def _day(value: date) -> str:
    return formats.date_format(value, "d-m-Y")


def described(rows: list[Row]) -> list[tuple[Row, str]]:
    """Each row with what it is in Dutch: the course and its edition's first day, the session's
    date and senior, the month and its kinds of work, the outside activity. Four queries at
    most, for the rows of one page."""
    ids: dict[str, set[int]] = {}
    for row in rows:
        ids.setdefault(row.entry.source, set()).add(row.entry.source_id)
    completions = {
        c.pk: c
        for c in Completion.objects.filter(pk__in=ids.get("completion", ())).select_related(
            "edition__course__provider"
        )
    }
    sessions = {
        s.pk: s
        for s in CoachingSession.objects.filter(
            pk__in=ids.get("coaching_session", ())
        ).select_related("senior")
    }
    activities = {
        a.pk: a for a in OutsideActivity.objects.filter(pk__in=ids.get("outside_activity", ()))
    }
    result = []
    for row in rows:
        e = row.entry
        if e.source == "completion" and e.source_id in completions:
            edition = completions[e.source_id].edition
            text = _("%(course)s (%(provider)s), uitvoering vanaf %(start)s") % {
                "course": edition.course.title,
                "provider": edition.course.provider or "",
                "start": _day(edition.start_date),
            }
        elif e.source == "coaching_session" and e.source_id in sessions:
            text = _("gesprek van %(day)s met %(senior)s") % {
                "day": _day(e.date),
                "senior": sessions[e.source_id].senior,
            }
        elif e.source == "practice_month":
            month = formats.date_format(e.date, "F Y")
            kinds = ", ".join(kind_label(k).lower() for k in (e.approach, e.form) if k)
            text = _("%(month)s: %(kinds)s") % {"month": month, "kinds": kinds or "—"}
        elif e.source == "outside_activity" and e.source_id in activities:
            activity = activities[e.source_id]
            text = _("%(title)s (%(organiser)s)") % {
                "title": activity.title,
                "organiser": activity.organiser,
            }
        else:
            text = e.source_label
        result.append((row, text))
    return result


HISTORY_MONTHS = 12


def progress_by_month(status: RegisterStatus, *, months: int = HISTORY_MONTHS) -> list[Evaluation]:
    """The requirements as they stood at the end of each of the ``months`` - 1 months before
    this one, and on the status's day: the same entries judged by the same
    ``evaluate_entries`` on each day, under the policy in force on that day, so that every
    point is what the status page said (or would have said) then. The last point is the
    status's own evaluation. For a renewal the points start with the registration. One query
    (the policy versions), however many entries."""
    today = status.on
    first = today.replace(day=1) - relativedelta(months=months - 1)
    days = [month_last_day(first + relativedelta(months=n)) for n in range(months - 1)]
    after = status.evaluation.window_after if status.renewal else None
    if after is not None:
        days = [day for day in days if day > after]
    policy_on = policies_in_force() if days else None
    points = []
    for day in days:
        policy = policy_on(day)
        points.append(
            evaluate_entries(
                status.entries,
                person_id=status.person.pk,
                on=day,
                policy=policy,
                kind=status.evaluation.kind,
                after=after if after is not None else window_start(on=day, policy=policy),
            )
        )
    points.append(status.evaluation)
    return points


def points_per_course(*, person_ids, on: date | None = None) -> dict[int, Decimal]:
    """What the completions of these people count for the register today, per course: each
    person's window under the policy in force, each course once per person."""
    on = on or timezone.localdate()
    after = window_start(on=on, policy=policy_in_force(on=on))
    rows = (
        counted_completions(after=after, on=on, person_ids=list(person_ids))
        .values("edition__course_id")
        .annotate(points=Sum("points"))
        .order_by()
    )
    return {row["edition__course_id"]: Decimal(str(row["points"])) for row in rows}
