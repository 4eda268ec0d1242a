"""The forecast: from when a person can apply (or renew), or what stands in the way.

What is expected is what is already planned (coaching sessions, editions the person is enrolled
in) and the person's own pace: the practice they logged per month and the coaching they
received per month over the last twelve months, or since they started if that is shorter.
Months waiting for attestation and sessions waiting for confirmation are expected to count.
Points and course kinds are only expected from editions the person is enrolled in: a missing
course kind cannot come from logging alone.

The future is evaluated at the end of every month and on every planned date with the same
``evaluate_entries`` as today's numbers, so that "a course counts once" and the window that
slides over old entries hold in the forecast too. The answer is one date: the first day
everything is met at once; or, when that is not in sight, the requirements that block it, each
with its reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment
from courses.selectors import editions_grants
from lms.accounts.models import User
from mentoring.models import Trajectory
from mentoring.selectors import live_sessions

from ..models import RegisterPolicy
from .evaluation import (
    INITIAL,
    RENEWAL,
    SOURCES_OF,
    Evaluation,
    Forecast,
    evaluate_entries,
    part_label,
    window_start,
)
from .ledger import COUNTS, Entry, month_last_day
from .policy import policies_in_force

PLANNED = "planned"
# A month waiting for attestation and a session waiting for confirmation are on their way.
EXPECTED = {"not_attested", "not_confirmed"}
PACE_MONTHS = 12


def _month_ends(start: date, until: date) -> list[date]:
    days, month = [], start.replace(day=1)
    while month_last_day(month) <= until:
        days.append(month_last_day(month))
        month += relativedelta(months=1)
    return days


def _compact(entries: Sequence[Entry]) -> list[Entry]:
    """Sessions of one day as one entry: the totals only add their minutes, and a long
    history is evaluated many times over."""
    sessions: dict[date, Entry] = {}
    kept = []
    for e in entries:
        if e.source == "coaching_session" and e.status == COUNTS:
            day = sessions.get(e.date)
            sessions[e.date] = e if day is None else replace(day, minutes=day.minutes + e.minutes)
        elif e.status == COUNTS or e.source == "completion":
            kept.append(e)
    return kept + list(sessions.values())


def _pace_start(today: date, since: date | None) -> date:
    """The first day of the period the pace is measured over: twelve months, or less."""
    start = today.replace(day=1) - relativedelta(months=PACE_MONTHS)
    return max(start, since.replace(day=1)) if since else start


def _practice_pace(entries: Sequence[Entry], *, today: date) -> dict[tuple[str, str], int]:
    """Minutes per (approach, form) cell in an average month of the person's recent log."""
    recent = [
        e
        for e in entries
        if e.source == "practice_month"
        and (e.status == COUNTS or e.status in EXPECTED)
        and today - relativedelta(months=PACE_MONTHS) < e.date < today.replace(day=1)
    ]
    if not recent:
        return {}
    first = min(e.date for e in recent).replace(day=1)
    months = (today.year - first.year) * 12 + today.month - first.month
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for e in recent:
        cells[(e.approach, e.form)] += e.minutes
    return {cell: total // max(months, 1) for cell, total in cells.items()}


def _coaching_pace(entries: Sequence[Entry], *, today: date, since: date | None) -> int:
    """Coaching minutes received in an average month: over the last twelve months, or since
    the running trajectory started, or since the first session if that is later."""
    recent = [
        e
        for e in entries
        if e.source == "coaching_session"
        and (e.status == COUNTS or e.status in EXPECTED)
        and _pace_start(today, since) <= e.date <= today
    ]
    if not recent:
        return 0
    start = _pace_start(today, since or min(e.date for e in recent))
    months = max((today.year - start.year) * 12 + today.month - start.month, 1)
    return sum(e.minutes for e in recent) // months


def _planned(*, person: User, today: date) -> list[Entry]:
    """Planned coaching sessions, and the editions the person has a seat in, expected to be
    completed on their last day with the points of their accreditation."""
    planned = [
        Entry(
            person_id=person.pk,
            person=person.email,
            source="coaching_session",
            source_id=s.pk,
            date=timezone.localtime(s.starts_at).date(),
            minutes=s.duration_minutes,
            status=PLANNED,
        )
        for s in live_sessions()
        .filter(trajectory__junior=person, status="planned", starts_at__date__gt=today)
        .only("pk", "starts_at", "duration_minutes")
    ]
    seats = list(
        Enrolment.objects.filter(
            person=person, status=Enrolment.Status.ENROLLED, edition__end_date__gt=today
        ).select_related("edition__course")
    )
    editions = [e.edition for e in seats]
    for edition, (points, repeatable) in zip(editions, editions_grants(editions), strict=True):
        if not points:
            continue  # not accredited on its first day: it would count nowhere
        course = edition.course
        planned.append(
            Entry(
                person_id=person.pk,
                person=person.email,
                source="completion",
                source_id=-edition.pk,
                date=edition.end_date,
                points=points,
                course_kind=course.kind,
                course_id=course.pk,
                provider_id=course.provider_id,
                course_code=course.code or "",
                repeatable_yearly=repeatable,
                status=PLANNED,
            )
        )
    return planned


def _future(
    entries: Sequence[Entry],
    planned: Sequence[Entry],
    *,
    person: User,
    today: date,
    until: date,
    coaching_since: date | None,
) -> list[Entry]:
    """Everything expected after today, as entries that count."""
    future = [replace(e, status=COUNTS) for e in planned if today < e.date <= until]
    future += [
        replace(e, status=COUNTS) for e in entries if e.status in EXPECTED and e.date <= until
    ]
    cells = _practice_pace(entries, today=today)
    logged = {e.date for e in entries if e.source == "practice_month"}
    for n, day in enumerate(_month_ends(today, until)):
        if day in logged or not cells:
            continue
        for (approach, form), minutes in cells.items():
            future.append(
                Entry(
                    person_id=person.pk,
                    person=person.email,
                    source="practice_month",
                    source_id=-(n + 1),
                    date=day,
                    minutes=minutes,
                    approach=approach,
                    form=form,
                )
            )
    rate = _coaching_pace(entries, today=today, since=coaching_since)
    planned_sessions = [e.date for e in planned if e.source == "coaching_session"]
    # The pace takes over after the last planned session, so that none is counted twice.
    start = max(planned_sessions) + relativedelta(months=1) if planned_sessions else today
    for day in _month_ends(start, until) if rate else ():
        future.append(
            Entry(
                person_id=person.pk,
                person=person.email,
                source="coaching_session",
                source_id=0,
                date=day,
                minutes=rate,
            )
        )
    return future


def _reason(name: str, *, entries, future, today: date, kind: str, last_day: date) -> str:
    """Why a requirement is not in sight, in Dutch."""
    sources = SOURCES_OF[name]
    expected = any(e.source in sources for e in future)
    if name == "course_kinds":
        kinds = sorted(
            {part_label(e.course_kind) for e in entries if e.source == "completion" and e.counts}
        )
        return _(
            "niet te voorspellen: schrijf je in voor een geaccrediteerde cursus van een andere "
            "soort (je hebt nu: %(kinds)s)"
        ) % {"kinds": ", ".join(kinds) or _("geen")}
    if name == "points" and not expected:
        return _(
            "niet te voorspellen: punten komen uit geaccrediteerde cursussen; schrijf je in "
            "voor een uitvoering"
        )
    if name == "points":
        return _(
            "niet te voorspellen: de geaccrediteerde cursussen waarvoor je bent ingeschreven, "
            "brengen je nog niet op het vereiste aantal punten"
        )
    if name == "coaching_hours" and not expected:
        return _(
            "niet te voorspellen: je had het afgelopen jaar geen bevestigde coachingsgesprekken "
            "en er zijn er geen gepland"
        )
    if not expected:
        return _(
            "niet te voorspellen: je hebt in de afgelopen twaalf maanden geen praktijkmaanden "
            "ingevuld"
        )
    if kind == RENEWAL:
        return _("in dit tempo niet gehaald vóór het einde van je registratie op %(d)s") % {
            "d": last_day.strftime("%d-%m-%Y")
        }
    if name in ("approaches", "forms"):
        return _(
            "niet te voorspellen: in je recente praktijkmaanden komen niet genoeg werkwijzen of "
            "werkvormen voor"
        )
    return _("niet te voorspellen: in dit tempo wordt deze eis binnen het venster niet gehaald")


def forecast(
    *,
    evaluation: Evaluation,
    entries: Sequence[Entry],
    person: User,
    policy: RegisterPolicy,
    until: date | None = None,
) -> Evaluation:
    """Fill in ``evaluation``'s forecast: per unmet requirement the first day it is met, and
    the first day everything is (``apply_on``), or what blocks it (``blocked_by``).

    For a renewal the window stays the registration's period and the forecast ends with it
    (``until``); for an application the window slides and the forecast looks a window and
    two years ahead, after which the pattern only repeats.
    """
    today = evaluation.on
    if evaluation.eligible:
        evaluation.apply_on = today
        return evaluation
    if until is None:
        until = today + relativedelta(months=policy.window_months + 24)
    trajectory = (
        Trajectory.objects.filter(junior=person, status=Trajectory.Status.ACTIVE)
        .order_by("-starts_on")
        .first()
    )
    planned = _planned(person=person, today=today)
    future = _future(
        entries,
        planned,
        person=person,
        today=today,
        until=until,
        coaching_since=trajectory.starts_on if trajectory else None,
    )
    timeline = _compact([*entries, *future])
    days = sorted({*_month_ends(today, until), *(e.date for e in future if e.date > today)})
    pending = {r.name: r for r in evaluation.requirements if not r.met}
    # Each day is judged by the version in force on it: one recorded for a later date counts
    # from then on.
    policy_on = policies_in_force()
    for day in days:
        after = evaluation.window_after if evaluation.kind == RENEWAL else None
        later_policy = policy_on(day)
        later = evaluate_entries(
            [e for e in timeline if e.date <= day],
            person_id=evaluation.person_id,
            on=day,
            policy=later_policy,
            kind=evaluation.kind,
            after=after if after is not None else window_start(on=day, policy=later_policy),
        )
        for name in list(pending):
            if later.get(name).met:
                pending.pop(name).forecast = Forecast(on=day)
        if later.eligible:
            evaluation.apply_on = day
            break
    for result in pending.values():
        result.forecast = Forecast(
            on=None,
            reason=_reason(
                result.name,
                entries=entries,
                future=future,
                today=today,
                kind=evaluation.kind,
                last_day=until,
            ),
        )
    if evaluation.apply_on is None:
        evaluation.blocked_by = [r for r in evaluation.requirements if r.name in pending] or [
            r for r in evaluation.requirements if not r.met
        ]
    return evaluation


__all__ = ["INITIAL", "forecast"]
