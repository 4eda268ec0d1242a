"""Eligibility for the register: one function evaluates a practitioner on a date under a
policy version, from ledger entries only (DOMAIN.md, "Default register policy").

An entry is in the window evaluated on day D when D minus the window < its date <= D. The
same ``evaluate_entries`` serves a single person's page, the report over all practitioners
(``evaluate_all``, a handful of queries whatever the number of people) and the forecast,
which re-runs it on future dates with the entries the person can expect.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import AccreditationDecision, Enrolment
from lms.accounts.models import User
from mentoring.kinds import Approach, Form
from mentoring.selectors import live_sessions

from ..models import RegisterPolicy
from .ledger import COUNTS, ZERO, Entry, entries_of, month_last_day

REQUIREMENTS = (
    "practice_months",
    "practice_hours",
    "approaches",
    "forms",
    "points",
    "course_kinds",
    "coaching_hours",
)
LABELS = {
    "practice_months": _("Geattesteerde praktijkmaanden"),
    "practice_hours": _("Geattesteerde praktijkuren"),
    "approaches": _("Werkwijzen met genoeg uren"),
    "forms": _("Werkvormen met genoeg uren"),
    "points": _("Punten uit geaccrediteerde scholing"),
    "course_kinds": _("Soorten geaccrediteerde cursussen"),
    "coaching_hours": _("Bevestigde coachingsuren als junior"),
}
# Which sources can move a requirement; the forecast's "no pace" looks only at these.
SOURCES_OF = {
    "practice_months": {"practice_month"},
    "practice_hours": {"practice_month"},
    "approaches": {"practice_month"},
    "forms": {"practice_month"},
    "points": {"completion", "outside_activity"},
    "course_kinds": {"completion"},
    "coaching_hours": {"coaching_session"},
}
COUNT_REQUIREMENTS = {"practice_months", "approaches", "forms", "course_kinds"}
PLANNED = "planned"
PROJECTED = "projected"


@dataclass
class RequirementResult:
    name: str
    required: Decimal
    achieved: Decimal
    entries: list[Entry] = field(default_factory=list)
    parts: dict[str, Decimal] = field(default_factory=dict)
    forecast: Forecast | None = None

    @property
    def met(self) -> bool:
        return self.achieved >= self.required

    @property
    def shortfall(self) -> Decimal:
        return max(self.required - self.achieved, ZERO)

    @property
    def is_count(self) -> bool:
        return self.name in COUNT_REQUIREMENTS

    @property
    def label(self) -> str:
        return str(LABELS[self.name])

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "required": str(self.required),
            "achieved": str(self.achieved),
            "met": self.met,
            "shortfall": str(self.shortfall),
            "parts": {k: str(v) for k, v in self.parts.items()},
            "entries": [[e.source, e.source_id] for e in self.entries],
        }


@dataclass(frozen=True)
class Forecast:
    on: date | None
    reason: str = ""


@dataclass
class Evaluation:
    person_id: int
    on: date
    policy_version: int
    requirements: list[RequirementResult]

    @property
    def eligible(self) -> bool:
        return all(r.met for r in self.requirements)

    def get(self, name: str) -> RequirementResult:
        return next(r for r in self.requirements if r.name == name)

    def as_dict(self) -> dict:
        return {
            "person_id": self.person_id,
            "on": self.on.isoformat(),
            "policy_version": self.policy_version,
            "eligible": self.eligible,
            "requirements": [r.as_dict() for r in self.requirements],
        }


def window_start(*, on: date, policy: RegisterPolicy) -> date:
    """The day before the window: an entry counts when window_start < date <= on."""
    return on - relativedelta(months=policy.window_months)


def _number(value) -> Decimal:
    return Decimal(value)


# Read once: a choices class builds its list of values anew on every access, and the totals of
# everyone in the register start from these keys.
_APPROACHES = tuple(Approach.values)
_FORMS = tuple(Form.values)


@dataclass
class Totals:
    """What the requirements are measured on: a person's counted amounts in the window.

    ``evaluate_entries`` adds them up from ledger entries (keeping the entries, so that each
    number can show what is behind it); ``window_totals`` sums them in the database for
    everyone at once. Both feed the same ``requirements_from``.
    """

    months: int = 0
    per_approach: dict[str, Decimal] = field(
        default_factory=lambda: dict.fromkeys(_APPROACHES, ZERO)
    )
    per_form: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(_FORMS, ZERO))
    completion_points: Decimal = ZERO
    outside_points: Decimal = ZERO
    kinds: set[str] = field(default_factory=set)
    coaching_hours: Decimal = ZERO
    month_entries: list[Entry] = field(default_factory=list)
    session_entries: list[Entry] = field(default_factory=list)
    completion_entries: list[Entry] = field(default_factory=list)
    outside_entries: list[Entry] = field(default_factory=list)


def requirements_from(totals: Totals, *, policy: RegisterPolicy) -> list[RequirementResult]:
    """Each requirement of ``policy``: required, achieved and the entries behind it."""
    months = totals.month_entries
    completions = totals.completion_entries
    outside_counted = min(totals.outside_points, policy.outside_points_cap)
    kinds = sorted(totals.kinds)
    return [
        RequirementResult(
            "practice_months", _number(policy.practice_months), Decimal(totals.months), months
        ),
        RequirementResult(
            "practice_hours",
            policy.practice_hours,
            sum(totals.per_approach.values(), ZERO),
            months,
        ),
        RequirementResult(
            "approaches",
            _number(policy.approaches),
            Decimal(sum(1 for h in totals.per_approach.values() if h >= policy.approach_min_hours)),
            months,
            parts=dict(totals.per_approach),
        ),
        RequirementResult(
            "forms",
            _number(policy.forms),
            Decimal(sum(1 for h in totals.per_form.values() if h >= policy.form_min_hours)),
            [e for e in months if e.form],
            parts=dict(totals.per_form),
        ),
        RequirementResult(
            "points",
            policy.points,
            totals.completion_points + outside_counted,
            completions + totals.outside_entries,
            parts={
                "completion": totals.completion_points,
                "outside_activity": totals.outside_points,
                "outside_activity_counted": outside_counted,
            },
        ),
        RequirementResult(
            "course_kinds",
            _number(policy.course_kinds),
            Decimal(len(kinds)),
            completions,
            parts={k: Decimal(1) for k in kinds},
        ),
        RequirementResult(
            "coaching_hours", policy.coaching_hours, totals.coaching_hours, totals.session_entries
        ),
    ]


def evaluate_entries(
    entries: Sequence[Entry], *, person_id: int, on: date, policy: RegisterPolicy
) -> Evaluation:
    """The requirements met and missed on ``on``; pure: the same entries give the same result."""
    start = window_start(on=on, policy=policy)
    totals = Totals()
    for e in entries:
        if e.status != COUNTS or not start < e.date <= on:
            continue
        if e.source == "practice_month":
            totals.month_entries.append(e)
            if e.approach in totals.per_approach:
                totals.per_approach[e.approach] += e.hours
            if e.form in totals.per_form:
                totals.per_form[e.form] += e.hours
        elif e.source == "coaching_session":
            totals.session_entries.append(e)
            totals.coaching_hours += e.hours
        elif e.source == "completion":
            totals.completion_entries.append(e)
            totals.completion_points += e.points
            if e.course_kind:
                totals.kinds.add(e.course_kind)
        elif e.source == "outside_activity":
            totals.outside_entries.append(e)
            totals.outside_points += e.points
    totals.months = len({(e.source_id, e.date) for e in totals.month_entries})
    return Evaluation(
        person_id=person_id,
        on=on,
        policy_version=policy.version,
        requirements=requirements_from(totals, policy=policy),
    )


def evaluate(*, person: User, on: date, policy: RegisterPolicy) -> Evaluation:
    return evaluate_entries(entries_of(person), person_id=person.pk, on=on, policy=policy)


def evaluate_all(*, on: date, policy: RegisterPolicy) -> Iterator[tuple[str, Evaluation]]:
    """(e-mail, evaluation) of every practitioner, summed in the database.

    The same rules as ``evaluate_entries`` (a test holds the two equal on a generated
    population), but as a few grouped sums over the window instead of one Python object per
    ledger entry, so that all practitioners of the country take seconds, not minutes. The
    results carry the figures only, not the entries behind them.
    """
    from .window_totals import window_totals

    for person_id, email, totals in window_totals(since=window_start(on=on, policy=policy), on=on):
        yield (
            email,
            Evaluation(
                person_id=person_id,
                on=on,
                policy_version=policy.version,
                requirements=requirements_from(totals, policy=policy),
            ),
        )


# --- Forecast ---------------------------------------------------------------------------


def planned_entries(*, person: User, on: date) -> list[Entry]:
    """What is already on the way: planned coaching sessions and editions enrolled in.

    An enrolled edition is expected to be completed on its last day with the points of the
    accreditation valid on its first day (as ``courses`` credits a completion).
    """
    planned: list[Entry] = []
    sessions = live_sessions().filter(
        trajectory__junior=person, status="planned", starts_at__date__gt=on
    )
    for s in sessions.only("pk", "starts_at", "duration_minutes"):
        planned.append(
            Entry(
                person_id=person.pk,
                person=person.email,
                source="coaching_session",
                source_id=s.pk,
                date=timezone.localtime(s.starts_at).date(),
                hours=(Decimal(s.duration_minutes) / 60).quantize(Decimal("0.01")),
                status=PLANNED,
            )
        )
    enrolments = Enrolment.objects.filter(
        person=person, status=Enrolment.Status.ENROLLED, edition__end_date__gt=on
    ).select_related("edition__course")
    enrolments = list(enrolments)
    grants = AccreditationDecision.objects.filter(
        outcome=AccreditationDecision.Outcome.GRANTED,
        course_id__in={en.edition.course_id for en in enrolments},
    ).order_by("-decided_at", "-pk")
    grants = list(grants.values("course_id", "valid_from", "valid_until", "points_granted"))
    for en in enrolments:
        edition = en.edition
        points = next(
            (
                g["points_granted"]
                for g in grants
                if g["course_id"] == edition.course_id
                and g["valid_from"] <= edition.start_date <= g["valid_until"]
            ),
            None,
        )
        if not points:
            continue  # not accredited: it would count nowhere
        planned.append(
            Entry(
                person_id=person.pk,
                person=person.email,
                source="completion",
                source_id=edition.pk,
                date=edition.end_date,
                points=points,
                course_kind=edition.course.kind,
                status=PLANNED,
            )
        )
    return planned


def _projected(entries: Sequence[Entry], *, on: date, until: date) -> list[Entry]:
    """The pace of the last twelve months: that year's counted entries repeated every year."""
    year_ago = on - relativedelta(months=12)
    last_year = [e for e in entries if e.status == COUNTS and year_ago < e.date <= on]
    projected: list[Entry] = []
    years = 1
    while True:
        shift = relativedelta(months=12 * years)
        if year_ago + shift >= until:
            break
        for e in last_year:
            day = e.date + shift
            if e.source == "practice_month":
                day = month_last_day(day.replace(day=1))
            if day <= until:
                projected.append(e.shifted(day, status=PROJECTED))
        years += 1
    return projected


def forecast(
    *,
    evaluation: Evaluation,
    entries: Sequence[Entry],
    planned: Sequence[Entry],
    policy: RegisterPolicy,
) -> dict[str, Forecast]:
    """For each unmet requirement, the first date it will be met, or why that cannot be said.

    Future entries are those planned plus the last twelve months repeated; achieved amounts only
    grow on the date of an entry, so only those dates need checking. After one window and a
    year the pattern repeats, so a requirement not met by then never will be at this pace.
    """
    on = evaluation.on
    unmet = [r for r in evaluation.requirements if not r.met]
    if not unmet:
        return {}
    horizon = on + relativedelta(months=policy.window_months + 24)
    future = [e for e in planned if on < e.date <= horizon]
    future += _projected(entries, on=on, until=horizon)
    counted_now = [e for e in entries if e.status == COUNTS]
    as_counting = [e.shifted(e.date) for e in future]
    timeline = sorted(counted_now + as_counting, key=lambda e: e.date)
    dates = sorted({e.date for e in future})
    results: dict[str, Forecast] = {}
    pending = {r.name for r in unmet}
    for day in dates:
        if not pending:
            break
        upto = [e for e in timeline if e.date <= day]
        later = evaluate_entries(upto, person_id=evaluation.person_id, on=day, policy=policy)
        for name in list(pending):
            if later.get(name).met:
                results[name] = Forecast(on=day)
                pending.discard(name)
    year_ago = on - relativedelta(months=12)
    for name in pending:
        sources = SOURCES_OF[name]
        pace = any(
            e.source in sources and e.status == COUNTS and year_ago < e.date <= on for e in entries
        ) or any(e.source in sources for e in future)
        if not pace:
            reason = _(
                "niet te voorspellen: in de afgelopen twaalf maanden is hier niets bijgekomen "
                "en er is niets gepland"
            )
        else:
            reason = _(
                "niet te voorspellen: in dit tempo vallen oudere gegevens sneller uit het "
                "venster dan er nieuwe bijkomen"
            )
        results[name] = Forecast(on=None, reason=str(reason))
    return results


def status_of(*, person: User, on: date, policy: RegisterPolicy) -> Evaluation:
    """Evaluation with a forecast for each unmet requirement (the practitioner's own page)."""
    entries = entries_of(person)
    evaluation = evaluate_entries(entries, person_id=person.pk, on=on, policy=policy)
    planned = planned_entries(person=person, on=on)
    for name, fc in forecast(
        evaluation=evaluation, entries=entries, planned=planned, policy=policy
    ).items():
        evaluation.get(name).forecast = fc
    return evaluation


__all__ = [
    "Evaluation",
    "Forecast",
    "REQUIREMENTS",
    "RequirementResult",
    "evaluate",
    "evaluate_all",
    "evaluate_entries",
    "forecast",
    "planned_entries",
    "status_of",
    "window_start",
]
