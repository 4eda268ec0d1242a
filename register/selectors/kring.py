"""The Kring Kwaliteitsmanagement's benchmark: an organisation beside the others, never named.

Every figure is an aggregate of the register's own per-person numbers, asked from the same
selectors the register's pages use: ``evaluate_all`` for points and confirmed coaching
minutes (the counting rules, the window and the cap on outside points of the policy in
force), ``counted_completions`` for the course kinds ("a course counts once"),
``registered_on`` for who is in the register, and ``counting_sessions`` for the sessions that
count. Minutes become hours only in ``lms.durations``.

Who belongs to an organisation: everyone holding a practitioner's role (junior or senior)
whose profile names it, as the profile says today (the platform keeps no history of where
someone worked).

Privacy (settings ``KRING_MIN_PEOPLE`` and ``KRING_MIN_ORGANISATIONS``, read only here): a
figure over fewer people than the first is shown for no organisation and leaves that
organisation out of the distribution, and no median or quartile is given over fewer
organisations than the second. The page, its charts and its tables all read these results,
so none of them can show what this module withholds.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseKind
from lms.accounts.models import Organisation, Role, User
from lms.durations import hours_from_minutes
from mentoring.selectors import counting_sessions

from ..kring_models import KringDocument, KringMeeting, KringTopic
from .evaluation import evaluate_all, window_start
from .policy import policies_in_force
from .registrations import registered_on
from .totals import counted_completions

TENTH = Decimal("0.1")
QUARTERS = 8
# The median days to confirmation "as of today" looks at the sessions confirmed in this
# many months before today; a quarter's at those confirmed in the quarter.
CONFIRMATION_MONTHS = 12

REGISTERED = "registered"
POINTS = "points"
COACHING = "coaching"
CONFIRMATION = "confirmation"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str  # "%", "punten", "uur", "dagen"
    # The axis of its chart: fixed for a share, from the data otherwise.
    fixed_max: Decimal | None = None
    explanation: str = ""


def figures() -> list[Figure]:
    """The figures in the order the page shows them: four, then one share per course kind."""
    hundred = Decimal(100)
    shown = [
        Figure(
            REGISTERED,
            _("Geregistreerde opbouwwerkers"),
            "%",
            hundred,
            _("Aandeel van de opbouwwerkers (junior en senior) dat in het register staat."),
        ),
        Figure(
            POINTS,
            _("Registerpunten per opbouwwerker"),
            _("punten"),
            None,
            _(
                "Punten uit geaccrediteerde scholing in het registervenster, zoals het register ze telt."
            ),
        ),
        Figure(
            COACHING,
            _("Bevestigde coachingsuren per junior"),
            _("uur"),
            None,
            _(
                "Bevestigde coachingsuren als junior in het registervenster, gedeeld door het aantal juniors."
            ),
        ),
        Figure(
            CONFIRMATION,
            _("Dagen tot bevestiging (mediaan)"),
            _("dagen"),
            None,
            _(
                "Dagen van de datum van een coachingsgesprek (of het vastleggen, als dat later was) tot de bevestiging door de junior."
            ),
        ),
    ]
    for kind, label in CourseKind.choices:
        shown.append(
            Figure(
                f"kind:{kind}",
                _("Aandeel %(kind)s in afgeronde cursussen") % {"kind": label},
                "%",
                hundred,
                _(
                    "Aandeel van deze soort in de afgeronde geaccrediteerde cursussen die meetellen."
                ),
            )
        )
    return shown


@dataclass(frozen=True)
class Cell:
    """One organisation's figure at one moment, and over how many people it was taken."""

    value: Decimal | None
    people: int


@dataclass
class Comparison:
    """The own organisation's value beside the distribution over all organisations."""

    own: Decimal | None  # None: too few people
    median: Decimal | None = None  # None: too few organisations
    q1: Decimal | None = None
    q3: Decimal | None = None
    organisations: int = 0  # how many organisations the distribution is over

    @property
    def has_distribution(self) -> bool:
        return self.median is not None


@dataclass(frozen=True)
class Moment:
    on: date
    label: str  # "K3 2026" or "vandaag"
    short: str  # for a chart's axis


@dataclass
class FigureRow:
    figure: Figure
    today: Comparison
    quarters: list[tuple[Moment, Comparison]] = field(default_factory=list)


@dataclass
class Benchmark:
    organisation: Organisation | None
    today: date
    rows: list[FigureRow]
    organisations: int  # organisations with practitioners, the own one included
    min_people: int
    min_organisations: int


def _tenth(value) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def quarter_ends(*, today: date, count: int = QUARTERS) -> list[Moment]:
    """The last days of the ``count`` quarters that ended before today's quarter, oldest first."""
    first_of_quarter = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    moments = []
    for i in range(count, 0, -1):
        start = first_of_quarter - relativedelta(months=3 * i)
        end = start + relativedelta(months=3) - timedelta(days=1)
        number = (start.month - 1) // 3 + 1
        moments.append(
            Moment(
                end,
                _("K%(q)s %(y)s") % {"q": number, "y": start.year},
                _("K%(q)s '%(y)s") % {"q": number, "y": f"{start.year % 100:02d}"},
            )
        )
    return moments


def practitioners_by_organisation() -> tuple[dict[int, int], set[int]]:
    """(person id → organisation id) of everyone holding a practitioner's role whose profile
    names an organisation, and the ids of those among them who are juniors. One query."""
    organisation_of: dict[int, int] = {}
    juniors: set[int] = set()
    rows = User.objects.filter(
        groups__name__in=[Role.JUNIOR, Role.SENIOR],
        is_active=True,
        profile__organisation__isnull=False,
    ).values_list("pk", "profile__organisation_id", "groups__name")
    for person_id, organisation_id, role in rows:
        organisation_of[person_id] = organisation_id
        if role == Role.JUNIOR:
            juniors.add(person_id)
    return organisation_of, juniors


def _grouped(ids: Iterable[int], organisation_of: dict[int, int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for person_id in ids:
        grouped[organisation_of[person_id]].append(person_id)
    return grouped


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _share(part: int, whole: int) -> Decimal:
    return _tenth(Decimal(part) * 100 / whole)


def _figures_on(
    on: date, policy, organisation_of: dict[int, int], juniors: set[int]
) -> dict[str, dict[int, Cell]]:
    """Each organisation's figures on ``on``, unsuppressed, except the confirmation days."""
    members = _grouped(organisation_of, organisation_of)
    registered = set(registered_on(on=on).values_list("person_id", flat=True))
    points: Counter = Counter()
    coaching: Counter = Counter()
    for _email, evaluation in evaluate_all(on=on, policy=policy):
        organisation_id = organisation_of.get(evaluation.person_id)
        if organisation_id is None:
            continue
        points[organisation_id] += evaluation.get("points").achieved
        if evaluation.person_id in juniors:
            coaching[organisation_id] += evaluation.get("coaching_hours").achieved
    kinds: dict[int, Counter] = defaultdict(Counter)
    completers: dict[int, set[int]] = defaultdict(set)
    after = window_start(on=on, policy=policy)
    for person_id, kind in counted_completions(after=after, on=on).values_list(
        "person_id", "course_kind"
    ):
        organisation_id = organisation_of.get(person_id)
        if organisation_id is None or not kind:
            continue
        kinds[organisation_id][kind] += 1
        completers[organisation_id].add(person_id)

    result: dict[str, dict[int, Cell]] = defaultdict(dict)
    for organisation_id, people in members.items():
        n = len(people)
        result[REGISTERED][organisation_id] = Cell(
            _share(sum(1 for p in people if p in registered), n), n
        )
        result[POINTS][organisation_id] = Cell(_tenth(points[organisation_id] / n), n)
        n_juniors = sum(1 for p in people if p in juniors)
        result[COACHING][organisation_id] = Cell(
            hours_from_minutes(Decimal(coaching[organisation_id]) / n_juniors)
            if n_juniors
            else None,
            n_juniors,
        )
        total = sum(kinds[organisation_id].values())
        for kind in CourseKind.values:
            result[f"kind:{kind}"][organisation_id] = Cell(
                _share(kinds[organisation_id][kind], total) if total else None,
                len(completers[organisation_id]),
            )
    return result


def _confirmation_days(
    periods: list[tuple[date, date]], organisation_of: dict[int, int]
) -> list[dict[int, Cell]]:
    """Per period (after, on]: each organisation's median days from a counting session's date,
    or its logging if that came later, to its confirmation; over the juniors concerned. One
    query for all periods."""
    earliest = min(after for after, _on in periods)
    latest = max(on for _after, on in periods)
    rows = (
        counting_sessions()
        .filter(
            trajectory__junior__profile__organisation__isnull=False,
            confirmed_at__gte=_local_midnight(earliest + timedelta(days=1)),
            confirmed_at__lt=_local_midnight(latest + timedelta(days=1)),
        )
        .values_list("trajectory__junior_id", "starts_at", "logged_at", "confirmed_at")
    )
    sessions = []
    for junior_id, starts_at, logged_at, confirmed_at in rows:
        if junior_id not in organisation_of:  # no longer holds a practitioner's role
            continue
        confirmed_on = timezone.localdate(confirmed_at)
        ready_on = max(timezone.localdate(starts_at), timezone.localdate(logged_at))
        sessions.append((junior_id, confirmed_on, max((confirmed_on - ready_on).days, 0)))
    result = []
    for after, on in periods:
        days: dict[int, list[int]] = defaultdict(list)
        people: dict[int, set[int]] = defaultdict(set)
        for junior_id, confirmed_on, waited in sessions:
            if after < confirmed_on <= on:
                organisation_id = organisation_of[junior_id]
                days[organisation_id].append(waited)
                people[organisation_id].add(junior_id)
        result.append(
            {
                organisation_id: Cell(
                    _tenth(statistics.median(days[organisation_id])),
                    len(people[organisation_id]),
                )
                for organisation_id in days
            }
        )
    return result


def shown(cell: Cell | None) -> Decimal | None:
    """A cell's value, or None when it is over too few people to be shown."""
    if cell is None or cell.value is None or cell.people < settings.KRING_MIN_PEOPLE:
        return None
    return cell.value


def compare(cells: dict[int, Cell], *, own: int | None) -> Comparison:
    """The own organisation's shown value and the median and quartiles over every
    organisation whose value may be shown, if there are enough of them."""
    values = sorted(v for v in (shown(c) for c in cells.values()) if v is not None)
    comparison = Comparison(
        own=shown(cells.get(own)) if own is not None else None, organisations=len(values)
    )
    if len(values) >= settings.KRING_MIN_ORGANISATIONS:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        comparison.q1, comparison.median, comparison.q3 = _tenth(q1), _tenth(median), _tenth(q3)
    return comparison


def _period_of(moment: Moment, *, today: date) -> tuple[date, date]:
    """(after, on]: a quarter from its first day, today from twelve months back."""
    if moment.on == today:
        return today - relativedelta(months=CONFIRMATION_MONTHS), today
    first = moment.on.replace(day=1) - relativedelta(months=2)
    return first - timedelta(days=1), moment.on


def organisation_figures(*, today: date) -> tuple[list[Moment], dict[str, list[dict[int, Cell]]]]:
    """Every organisation's unsuppressed figures on each moment: the quarters, then today.
    A fixed number of queries whatever the number of organisations and people."""
    moments = [*quarter_ends(today=today), Moment(today, _("vandaag"), _("nu"))]
    organisation_of, juniors = practitioners_by_organisation()
    policy_on = policies_in_force()
    per_moment = [_figures_on(m.on, policy_on(m.on), organisation_of, juniors) for m in moments]
    periods = [_period_of(m, today=today) for m in moments]
    confirmation = _confirmation_days(periods, organisation_of)
    by_figure: dict[str, list[dict[int, Cell]]] = {}
    for figure in figures():
        if figure.key == CONFIRMATION:
            by_figure[figure.key] = confirmation
        else:
            by_figure[figure.key] = [
                figures_then.get(figure.key, {}) for figures_then in per_moment
            ]
    return moments, by_figure


def kring_benchmark(*, organisation: Organisation | None, today: date) -> Benchmark:
    """The benchmark a Kring member reads: their organisation beside all organisations."""
    moments, by_figure = organisation_figures(today=today)
    own = organisation.pk if organisation is not None else None
    rows = []
    organisations = set()
    for figure in figures():
        cells = by_figure[figure.key]
        organisations.update(cells[-1])
        comparisons = [compare(c, own=own) for c in cells]
        rows.append(
            FigureRow(
                figure, comparisons[-1], list(zip(moments[:-1], comparisons[:-1], strict=True))
            )
        )
    return Benchmark(
        organisation=organisation,
        today=today,
        rows=rows,
        organisations=len(organisations),
        min_people=settings.KRING_MIN_PEOPLE,
        min_organisations=settings.KRING_MIN_ORGANISATIONS,
    )


# --- Meetings ------------------------------------------------------------------------------


def kring_meetings():
    return KringMeeting.objects.order_by("-date", "-pk")


def kring_meeting(*, pk: int) -> KringMeeting | None:
    return KringMeeting.objects.filter(pk=pk).first()


def kring_documents(*, meeting: KringMeeting):
    return KringDocument.objects.filter(meeting=meeting).order_by("kind", "uploaded_at", "pk")


def kring_topics(*, meeting: KringMeeting):
    return (
        KringTopic.objects.filter(meeting=meeting)
        .select_related("proposed_by")
        .order_by("proposed_at", "pk")
    )


def kring_document(*, pk: int) -> KringDocument | None:
    return KringDocument.objects.filter(pk=pk).first()


__all__ = [
    "Benchmark",
    "Cell",
    "Comparison",
    "Figure",
    "FigureRow",
    "Moment",
    "compare",
    "figures",
    "kring_benchmark",
    "kring_document",
    "kring_documents",
    "kring_meeting",
    "kring_meetings",
    "kring_topics",
    "organisation_figures",
    "practitioners_by_organisation",
    "quarter_ends",
    "shown",
]
