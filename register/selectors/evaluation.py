"""Eligibility for the register, and progress toward renewal: one set of rules evaluates a
person on a date under a policy version (DOMAIN.md, "Default register policy" and "Counting
rules that every screen obeys").

An entry is in the window evaluated on day D when D minus the window < its date <= D; for
renewal the window is the registration's period so far. The same ``requirements_from`` turns
a person's counted amounts (``Totals``) into requirements, whether the amounts were added up
from ledger entries (a single person, whose numbers show the rows behind them, and the
forecast) or summed by the database for everyone at once (``evaluate_all``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from courses.models import CourseKind
from lms.accounts.models import User
from lms.durations import hours_from_minutes, minutes_from_hours
from mentoring.kinds import Approach, Form

from ..models import RegisterPolicy, Registration
from .ledger import COUNTS, ZERO, Entry, counts_once, entries_of, ledger_entries
from .totals import Totals, window_totals

INITIAL = "initial"
RENEWAL = "renewal"
REQUIREMENTS = (
    "practice_months",
    "practice_hours",
    "approaches",
    "forms",
    "points",
    "course_kinds",
    "coaching_hours",
)
RENEWAL_REQUIREMENTS = ("points", "practice_hours")
LABELS = {
    "practice_months": _("Geattesteerde praktijkmaanden"),
    "practice_hours": _("Geattesteerde praktijkuren"),
    "approaches": _("Werkwijzen met genoeg uren"),
    "forms": _("Werkvormen met genoeg uren"),
    "points": _("Punten uit geaccrediteerde scholing"),
    "course_kinds": _("Soorten geaccrediteerde cursussen"),
    "coaching_hours": _("Bevestigde coachingsuren als junior"),
}
# What a requirement is measured in: whole months or kinds, minutes (shown as hours), points.
UNITS = {
    "practice_months": "count",
    "practice_hours": "minutes",
    "approaches": "count",
    "forms": "count",
    "points": "points",
    "course_kinds": "count",
    "coaching_hours": "minutes",
}
# The unit of a requirement's parts where it differs from the requirement's own: the number of
# approaches (forms) with enough hours is a count, its parts are the minutes per approach (form).
PART_UNITS = {"approaches": "minutes", "forms": "minutes"}
# Which sources can move a requirement: the rows its page lists, and what the forecast needs.
SOURCES_OF = {
    "practice_months": ("practice_month",),
    "practice_hours": ("practice_month",),
    "approaches": ("practice_month",),
    "forms": ("practice_month",),
    "points": ("completion", "outside_activity"),
    "course_kinds": ("completion",),
    "coaching_hours": ("coaching_session",),
}
PART_LABELS = {
    "completion": _("punten uit afgeronde cursussen"),
    "outside_activity": _("punten uit externe activiteiten"),
    "outside_activity_counted": _("waarvan meegeteld (hoogstens het maximale aandeel)"),
}


def part_label(key: str) -> str:
    """The Dutch name of a part of a requirement: an approach, a form, a course kind or a
    kind of points."""
    for choices in (Approach, Form, CourseKind):
        if key in choices.values:
            return str(choices(key).label)
    return str(PART_LABELS.get(key, key))


@dataclass
class Forecast:
    on: date | None
    reason: str = ""


@dataclass
class RequirementResult:
    """A requirement measured in its own unit: a count, minutes, or points."""

    name: str
    required: int | Decimal
    achieved: int | Decimal
    parts: dict[str, int | Decimal] = field(default_factory=dict)
    forecast: Forecast | None = None

    @property
    def unit(self) -> str:
        return UNITS[self.name]

    @property
    def met(self) -> bool:
        return self.achieved >= self.required

    @property
    def label(self) -> str:
        return str(LABELS[self.name])

    @property
    def is_count(self) -> bool:
        return self.unit == "count"

    def shown(self, value) -> Decimal:
        """A value as people read it: minutes as hours (rounded once, on the total)."""
        return hours_from_minutes(value) if self.unit == "minutes" else Decimal(value)

    @property
    def required_shown(self) -> Decimal:
        return self.shown(self.required)

    @property
    def achieved_shown(self) -> Decimal:
        return self.shown(self.achieved)

    @property
    def shortfall_shown(self) -> Decimal:
        return self.shown(max(self.required - self.achieved, 0))

    def part_shown(self, value) -> Decimal:
        """A part as people read it: the hours per approach or form are minutes underneath,
        even where the requirement itself counts approaches or forms."""
        if PART_UNITS.get(self.name, self.unit) == "minutes":
            return hours_from_minutes(value)
        return Decimal(value)

    @property
    def parts_shown(self) -> list[tuple[str, Decimal]]:
        return [(part_label(k), self.part_shown(v)) for k, v in self.parts.items()]

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "unit": self.unit,
            "required": str(self.required_shown),
            "achieved": str(self.achieved_shown),
            "met": self.met,
            "parts": {k: str(self.part_shown(v)) for k, v in self.parts.items()},
        }


@dataclass
class Evaluation:
    person_id: int
    on: date
    policy_version: int
    requirements: list[RequirementResult]
    kind: str = INITIAL
    window_after: date | None = None
    # The forecast: the first day everything is met, or what blocks it (``forecast``).
    apply_on: date | None = None
    blocked_by: list[RequirementResult] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return all(r.met for r in self.requirements)

    def get(self, name: str) -> RequirementResult:
        return next(r for r in self.requirements if r.name == name)

    def as_dict(self) -> dict:
        return {
            "person_id": self.person_id,
            "on": self.on.isoformat(),
            "window_after": self.window_after.isoformat() if self.window_after else None,
            "kind": self.kind,
            "policy_version": self.policy_version,
            "eligible": self.eligible,
            "requirements": [r.as_dict() for r in self.requirements],
        }


def window_start(*, on: date, policy: RegisterPolicy) -> date:
    """The day before the window: an entry counts when window_start < date <= on."""
    return on - relativedelta(months=policy.window_months)


def renewal_window_start(*, registration: Registration) -> date:
    """The day before the registration's period: renewal counts what was done within it."""
    return registration.valid_from - timedelta(days=1)


def _minutes(hours: Decimal) -> int:
    return minutes_from_hours(hours)


def requirements_from(
    totals: Totals, *, policy: RegisterPolicy, kind: str = INITIAL
) -> list[RequirementResult]:
    """Each requirement of ``policy`` for an application (``INITIAL``) or a renewal."""
    practice = sum(totals.minutes_per_approach.values())
    if kind == RENEWAL:
        cap = policy.outside_points_cap_for(policy.renewal_points)
        outside = min(totals.outside_points, cap)
        return [
            RequirementResult(
                "points",
                policy.renewal_points,
                totals.completion_points + outside,
                parts={
                    "completion": totals.completion_points,
                    "outside_activity": totals.outside_points,
                    "outside_activity_counted": outside,
                },
            ),
            RequirementResult("practice_hours", _minutes(policy.renewal_practice_hours), practice),
        ]
    approach_min = _minutes(policy.approach_min_hours)
    form_min = _minutes(policy.form_min_hours)
    cap = policy.outside_points_cap_for(policy.points)
    outside = min(totals.outside_points, cap)
    return [
        RequirementResult("practice_months", policy.practice_months, totals.months),
        RequirementResult("practice_hours", _minutes(policy.practice_hours), practice),
        RequirementResult(
            "approaches",
            policy.approaches,
            sum(1 for m in totals.minutes_per_approach.values() if m >= approach_min),
            parts=dict(totals.minutes_per_approach),
        ),
        RequirementResult(
            "forms",
            policy.forms,
            sum(1 for m in totals.minutes_per_form.values() if m >= form_min),
            parts=dict(totals.minutes_per_form),
        ),
        RequirementResult(
            "points",
            policy.points,
            totals.completion_points + outside,
            parts={
                "completion": totals.completion_points,
                "outside_activity": totals.outside_points,
                "outside_activity_counted": outside,
            },
        ),
        RequirementResult("course_kinds", policy.course_kinds, len(totals.kinds)),
        RequirementResult(
            "coaching_hours", _minutes(policy.coaching_hours), totals.coaching_minutes
        ),
    ]


def in_window(entries: Iterable[Entry], *, after: date, on: date) -> list[Entry]:
    """One person's entries as they stand on ``on``: a course counted once in the window."""
    return counts_once(entries, after=after, on=on)


def totals_of(entries: Iterable[Entry], *, after: date, on: date) -> Totals:
    """What counts of one person's entries in the window after < date <= on. The entries must
    have been through ``in_window`` for the same window."""
    totals = Totals()
    months = set()
    for e in entries:
        if e.status != COUNTS or not after < e.date <= on:
            continue
        if e.source == "practice_month":
            months.add(e.source_id)
            if e.approach in totals.minutes_per_approach:
                totals.minutes_per_approach[e.approach] += e.minutes
            if e.form in totals.minutes_per_form:
                totals.minutes_per_form[e.form] += e.minutes
        elif e.source == "coaching_session":
            totals.coaching_minutes += e.minutes
        elif e.source == "completion":
            totals.completion_points += e.points
            if e.course_kind:
                totals.kinds.add(e.course_kind)
        elif e.source == "outside_activity":
            totals.outside_points += e.points
    totals.months = len(months)
    return totals


def evaluate_entries(
    entries: Iterable[Entry],
    *,
    person_id: int,
    on: date,
    policy: RegisterPolicy,
    kind: str = INITIAL,
    after: date | None = None,
) -> Evaluation:
    """The requirements met and missed on ``on``; pure: the same entries give the same result.

    ``after`` is the day before the window: by default the policy's window before ``on``.
    """
    after = window_start(on=on, policy=policy) if after is None else after
    counted = in_window(entries, after=after, on=on)
    return Evaluation(
        person_id=person_id,
        on=on,
        policy_version=policy.version,
        requirements=requirements_from(
            totals_of(counted, after=after, on=on), policy=policy, kind=kind
        ),
        kind=kind,
        window_after=after,
    )


def evaluate(*, person: User, on: date, policy: RegisterPolicy) -> Evaluation:
    """The initial application's requirements for ``person`` on ``on``."""
    return evaluate_entries(entries_of(person), person_id=person.pk, on=on, policy=policy)


def evaluate_renewal(
    *, person: User, registration: Registration, on: date, policy: RegisterPolicy
) -> Evaluation:
    """The renewal requirements over the registration's period up to ``on``."""
    return evaluate_entries(
        entries_of(person),
        person_id=person.pk,
        on=on,
        policy=policy,
        kind=RENEWAL,
        after=renewal_window_start(registration=registration),
    )


def ledger_on(
    *, on: date, policy: RegisterPolicy, person_ids: Iterable[int] | None = None
) -> Iterator[Entry]:
    """Every entry with its status on ``on``: the ledger with "a course counts once" applied in
    the policy's window, person by person (``manage.py export_ledger --on``)."""
    after = window_start(on=on, policy=policy)
    person: list[Entry] = []
    for entry in ledger_entries(person_ids=person_ids):
        if person and entry.person_id != person[0].person_id:
            yield from in_window(person, after=after, on=on)
            person = []
        person.append(entry)
    if person:
        yield from in_window(person, after=after, on=on)


def evaluate_all(
    *, on: date, policy: RegisterPolicy, person_ids: Iterable[int] | None = None
) -> Iterator[tuple[str, Evaluation]]:
    """(e-mail, evaluation) of every practitioner, summed in the database.

    The same rules as ``evaluate_entries`` (the tests hold the two equal on random
    histories), but as a few grouped sums over the window instead of one Python object per
    ledger entry, so that all practitioners of the country take seconds, not minutes.
    """
    after = window_start(on=on, policy=policy)
    for person_id, email, totals in window_totals(after=after, on=on, person_ids=person_ids):
        yield (
            email,
            Evaluation(
                person_id=person_id,
                on=on,
                policy_version=policy.version,
                requirements=requirements_from(totals, policy=policy),
                window_after=after,
            ),
        )


__all__ = [
    "INITIAL",
    "LABELS",
    "RENEWAL",
    "REQUIREMENTS",
    "SOURCES_OF",
    "Evaluation",
    "Forecast",
    "RequirementResult",
    "ZERO",
    "evaluate",
    "evaluate_all",
    "evaluate_entries",
    "evaluate_renewal",
    "ledger_on",
    "part_label",
    "requirements_from",
    "totals_of",
    "window_start",
]
