"""Reads about trajectories, coaching sessions and practice months.

What counts: only the latest confirmed version of a coaching session and only the latest
attested version of a practice month (DESIGN.md, "Data that must never be lost or faked").
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.accounts.inbox import Awaiting
from lms.accounts.models import NoticeKind, Organisation, Role, User
from lms.accounts.selectors import conflict_held, is_register_office

from .models import (
    CoachingSession,
    PracticeMonth,
    PractitionerProfile,
    Trajectory,
    TrajectoryMessage,
    TrajectoryTermsChange,
)

ZERO = Decimal("0")


def _chain_of(ref: str = "") -> Coalesce:
    return Coalesce(OuterRef(f"{ref}original"), OuterRef(f"{ref}pk"))


# A session its junior confirmed, or a month attested, while a conflict of interest between
# the two people bound them: kept as history, but it does not count (DOMAIN.md, "Conflicts
# hold from the moment they are recorded"). The services refuse such acts; these are older.
CONFIRMED_UNDER_CONFLICT = conflict_held(
    first="trajectory__junior", second="senior", at="confirmed_at"
)
ATTESTED_UNDER_CONFLICT = conflict_held(first="person", second="attested_by", at="attested_at")
# What counts toward the register: a confirmed session or an attested month that no later
# confirmed or attested correction replaces, and that no conflict of interest held back. The
# ledger marks each row with the same condition.
COUNTING_SESSION = Q(status=CoachingSession.Status.CONFIRMED, superseded=False) & ~Q(
    CONFIRMED_UNDER_CONFLICT
)
COUNTING_MONTH = Q(status=PracticeMonth.Status.ATTESTED, superseded=False) & ~Q(
    ATTESTED_UNDER_CONFLICT
)


def counting_sessions() -> QuerySet[CoachingSession]:
    """Confirmed sessions that no later confirmed correction replaces."""
    return CoachingSession.objects.filter(COUNTING_SESSION)


def live_sessions() -> QuerySet[CoachingSession]:
    """The current version of each session: not withdrawn and not replaced by a later one."""
    newer = CoachingSession.objects.filter(
        Q(original=_chain_of()) | Q(pk=_chain_of()), version__gt=OuterRef("version")
    ).exclude(status=CoachingSession.Status.WITHDRAWN)
    return CoachingSession.objects.exclude(status=CoachingSession.Status.WITHDRAWN).exclude(
        Exists(newer)
    )


def counting_practice_months() -> QuerySet[PracticeMonth]:
    """Attested months that no later attested correction replaces."""
    return PracticeMonth.objects.filter(COUNTING_MONTH)


def _confirmed_minutes_subquery():
    return Coalesce(
        Subquery(
            counting_sessions()
            .filter(trajectory=OuterRef("pk"))
            .values("trajectory")
            .annotate(total=Sum("duration_minutes"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _waiting_subquery():
    return Coalesce(
        Subquery(
            CoachingSession.objects.filter(
                trajectory=OuterRef("pk"), status=CoachingSession.Status.AWAITING
            )
            .values("trajectory")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def trajectories_with_hours(qs: QuerySet[Trajectory] | None = None) -> QuerySet[Trajectory]:
    """Trajectories with ``confirmed_minutes`` and ``waiting_count``, people joined in."""
    qs = Trajectory.objects.all() if qs is None else qs
    return qs.select_related("senior", "junior", "organisation").annotate(
        confirmed_minutes=_confirmed_minutes_subquery(), waiting_count=_waiting_subquery()
    )


def trajectories_for_senior(*, senior: User) -> QuerySet[Trajectory]:
    return trajectories_with_hours(Trajectory.objects.filter(senior=senior)).order_by(
        "status", "-starts_on"
    )


def trajectories_for_junior(*, junior: User) -> QuerySet[Trajectory]:
    return trajectories_with_hours(Trajectory.objects.filter(junior=junior)).prefetch_related(
        "goals"
    )


def trajectories_for_office(
    *, organisation: Organisation | None = None, status: str = "", query: str = ""
) -> QuerySet[Trajectory]:
    qs = Trajectory.objects.all()
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(
            Q(senior__email__icontains=query)
            | Q(senior__last_name__icontains=query)
            | Q(junior__email__icontains=query)
            | Q(junior__last_name__icontains=query)
        )
    return trajectories_with_hours(qs).order_by("organisation__name", "-starts_on", "pk")


def sessions_of_trajectory(*, trajectory: Trajectory) -> QuerySet[CoachingSession]:
    return (
        CoachingSession.objects.filter(trajectory=trajectory)
        .select_related("senior", "confirmed_by")
        .prefetch_related("goals")
        .order_by("-starts_at", "-version")
    )


def counting_sessions_of_trajectory(*, trajectory: Trajectory) -> QuerySet[CoachingSession]:
    return counting_sessions().filter(trajectory=trajectory).order_by("-starts_at")


def sessions_waiting_for_junior(*, junior: User) -> QuerySet[CoachingSession]:
    return (
        CoachingSession.objects.filter(
            trajectory__junior=junior, status=CoachingSession.Status.AWAITING
        )
        .select_related("senior", "trajectory", "original")
        .order_by("starts_at")
    )


def sessions_waiting_of_senior(*, senior: User) -> QuerySet[CoachingSession]:
    return (
        CoachingSession.objects.filter(
            senior=senior,
            status__in=[CoachingSession.Status.AWAITING, CoachingSession.Status.DISPUTED],
        )
        .select_related("trajectory__junior")
        .order_by("starts_at")
    )


def sessions_due_for_reminder(*, older_than: timedelta) -> QuerySet[CoachingSession]:
    cutoff = timezone.now() - older_than
    return CoachingSession.objects.filter(
        status=CoachingSession.Status.AWAITING, logged_at__lte=cutoff
    ).select_related("trajectory__junior", "senior")


def _trajectories_of(user: User) -> QuerySet[Trajectory]:
    """The trajectories ``user`` is in, as junior or senior: a few rows, from which their
    sessions are found through the trajectory index instead of scanning every session of a
    status."""
    return Trajectory.objects.filter(Q(junior=user) | Q(senior=user)).order_by()


def planned_sessions_for(*, user: User) -> QuerySet[CoachingSession]:
    # A planned session is always a first version (only confirmed or disputed ones are
    # corrected), so no later version can replace it.
    return CoachingSession.objects.filter(
        trajectory__in=_trajectories_of(user).values("pk"), status=CoachingSession.Status.PLANNED
    ).select_related("senior", "trajectory__junior")


@dataclass(frozen=True)
class CoachingSummary:
    given_minutes: int
    to_confirm: int
    awaiting_juniors: int
    disputed: int
    next_session_at: datetime | None


def coaching_summary_for(*, user: User) -> CoachingSummary:
    """The coaching part of the start page in four queries, however many sessions the person
    has: their trajectories, the confirmed time they gave as a senior, what waits for them or
    for their juniors, and when the next planned session starts. The confirmed time a junior
    received counts toward the register, which gives that number.

    The trajectories come first (a handful of rows) so that the sessions are found by
    trajectory id through the index on trajectory, status and start, without joining the
    trajectory table again.
    """
    trajectories = dict(_trajectories_of(user).values_list("pk", "junior_id"))
    as_junior = [pk for pk, junior_id in trajectories.items() if junior_id == user.pk]
    as_senior = [pk for pk, junior_id in trajectories.items() if junior_id != user.pk]
    given = (
        counting_sessions()
        .filter(trajectory_id__in=as_senior)
        .aggregate(total=Sum("duration_minutes"))["total"]
    )
    sessions = CoachingSession.objects.filter(trajectory_id__in=list(trajectories))
    awaiting = Q(status=CoachingSession.Status.AWAITING)
    counts = sessions.filter(
        status__in=[CoachingSession.Status.AWAITING, CoachingSession.Status.DISPUTED]
    ).aggregate(
        to_confirm=Count("pk", filter=awaiting & Q(trajectory_id__in=as_junior)),
        awaiting_juniors=Count("pk", filter=awaiting & Q(senior=user)),
        disputed=Count("pk", filter=Q(senior=user, status=CoachingSession.Status.DISPUTED)),
    )
    next_session_at = (
        sessions.filter(status=CoachingSession.Status.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .values_list("starts_at", flat=True)
        .first()
    )
    return CoachingSummary(
        given_minutes=given or 0,
        next_session_at=next_session_at,
        **counts,
    )


def practice_months_of(*, person: User) -> QuerySet[PracticeMonth]:
    return PracticeMonth.objects.filter(person=person).select_related("attested_by")


def practice_months_in_care_of(*, actor: User) -> QuerySet[PracticeMonth]:
    """The months, of any status, of the people whose months this person attests: the people
    they manage, or everyone else for the office."""
    qs = PracticeMonth.objects.exclude(person=actor)
    if not is_register_office(actor):
        qs = qs.filter(person__profile__line_manager=actor)
    return qs


def practice_months_to_attest(*, actor: User) -> QuerySet[PracticeMonth]:
    """Open months this person may attest: of the people they manage, or all for the office."""
    return (
        practice_months_in_care_of(actor=actor)
        .filter(status=PracticeMonth.Status.SUBMITTED)
        .select_related("person")
        .order_by("month", "person__last_name")
    )


def attested_minutes(*, person: User) -> int:
    """All the person's counting practice time, whatever its date."""
    total = counting_practice_months().filter(person=person).aggregate(s=Sum("minutes_total"))
    return total["s"] or 0


def practitioner_profile_of(user: User) -> PractitionerProfile | None:
    try:
        return user.practitioner
    except PractitionerProfile.DoesNotExist:
        return None


def open_trajectory_count(*, senior: User) -> int:
    return Trajectory.objects.filter(senior=senior, status__in=Trajectory.OPEN_STATUSES).count()


def organisation_figures(*, organisation: Organisation) -> dict:
    """Aggregates for a manager: counts and hours, nothing of what was said."""
    trajectories = Trajectory.objects.filter(organisation=organisation)
    by_status = dict(
        trajectories.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    sessions = CoachingSession.objects.filter(trajectory__organisation=organisation)
    confirmed_minutes = (
        counting_sessions()
        .filter(trajectory__organisation=organisation)
        .aggregate(s=Sum("duration_minutes"))["s"]
    )
    delays = list(
        counting_sessions()
        .filter(trajectory__organisation=organisation, original__isnull=True)
        .values_list("logged_at", "confirmed_at")
    )
    avg_delay_days = (
        sum(((c - s).total_seconds() for s, c in delays), 0.0) / len(delays) / 86400
        if delays
        else None
    )
    waiting = sessions.filter(status=CoachingSession.Status.AWAITING)
    waiting_over_7 = waiting.filter(logged_at__lte=timezone.now() - timedelta(days=7)).count()
    attested = (
        counting_practice_months()
        .filter(person__profile__organisation=organisation)
        .aggregate(s=Sum("minutes_total"))["s"]
    )
    return {
        "by_status": by_status,
        "trajectory_count": sum(by_status.values()),
        "active_count": by_status.get(Trajectory.Status.ACTIVE, 0),
        "confirmed_minutes": confirmed_minutes or 0,
        "waiting_count": waiting.count(),
        "waiting_over_7_days": waiting_over_7,
        "average_confirmation_days": avg_delay_days,
        "attested_minutes": attested or 0,
    }


QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class QuarterFigures:
    """One calendar quarter of an organisation: minutes of the sessions and months that count."""

    first_day: date
    confirmed_minutes: int
    attested_minutes: int

    @property
    def number(self) -> int:
        return (self.first_day.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        return _("K%(q)s %(y)s") % {"q": self.number, "y": self.first_day.year}

    @property
    def short(self) -> str:
        """For a chart's axis."""
        return _("K%(q)s '%(y)s") % {"q": self.number, "y": f"{self.first_day.year % 100:02d}"}


def _quarter_of(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def organisation_quarters(
    *, organisation: Organisation, today: date, quarters: int = QUARTERS_SHOWN
) -> list[QuarterFigures]:
    """Per calendar quarter of the last ``quarters`` (this one so far included): the confirmed
    coaching minutes and attested practice minutes of the organisation, by the same sessions
    and months that ``organisation_figures`` adds up. A session counts on its day, a month in
    its quarter. Two queries, however many rows."""
    firsts = [_quarter_of(today)]
    while len(firsts) < quarters:
        previous = firsts[0] - timedelta(days=1)
        firsts.insert(0, _quarter_of(previous))
    start = firsts[0]
    since = timezone.make_aware(datetime.combine(start, datetime.min.time())) - timedelta(days=1)
    coaching = dict.fromkeys(firsts, 0)
    for starts_at, minutes in (
        counting_sessions()
        .filter(trajectory__organisation=organisation, starts_at__gte=since)
        .values_list("starts_at", "duration_minutes")
    ):
        quarter = _quarter_of(timezone.localtime(starts_at).date())
        if quarter in coaching:
            coaching[quarter] += minutes
    practice = dict.fromkeys(firsts, 0)
    for month, minutes in (
        counting_practice_months()
        .filter(person__profile__organisation=organisation, month__gte=start)
        .values_list("month", "minutes_total")
    ):
        quarter = _quarter_of(month)
        if quarter in practice:
            practice[quarter] += minutes
    return [QuarterFigures(first, coaching[first], practice[first]) for first in firsts]


def month_start(day: date) -> date:
    return day.replace(day=1)


def terms_changes_of(*, trajectory: Trajectory) -> list[TrajectoryTermsChange]:
    return list(trajectory.terms_changes.select_related("changed_by"))


def messages_of_trajectory(*, trajectory: Trajectory) -> QuerySet[TrajectoryMessage]:
    """The thread of a trajectory, oldest first (only its senior and junior may be shown it)."""
    return TrajectoryMessage.objects.filter(trajectory=trajectory).select_related("author")


def unread_threads(*, reader: User) -> list[dict]:
    """Per trajectory of ``reader``, how many messages written to them they have not seen yet
    and since when; one query."""
    return list(
        TrajectoryMessage.objects.filter(read_at__isnull=True)
        .filter(Q(trajectory__senior=reader) | Q(trajectory__junior=reader))
        .exclude(author=reader)
        .values("trajectory_id", "trajectory__junior_id")
        .annotate(unread=Count("pk"), since=Min("created_at"))
        .order_by("trajectory_id")
    )


def unread_message_count(*, reader: User, trajectory: Trajectory | None = None) -> int:
    """Messages written to ``reader`` that they have not seen yet, in one trajectory or in
    all of theirs."""
    qs = TrajectoryMessage.objects.filter(read_at__isnull=True).exclude(author=reader)
    if trajectory is not None:
        if reader.pk not in (trajectory.senior_id, trajectory.junior_id):
            return 0
        return qs.filter(trajectory=trajectory).count()
    return qs.filter(Q(trajectory__senior=reader) | Q(trajectory__junior=reader)).count()


def _day(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y")


def disputes_to_answer(*, senior: User) -> QuerySet[CoachingSession]:
    """The senior's disputed sessions that no correction or withdrawal has answered yet."""
    answered = live_sessions().filter(
        Q(pk=_chain_of()) | Q(original_id=_chain_of()),
        version__gt=OuterRef("version"),
    )
    return (
        CoachingSession.objects.filter(senior=senior, status=CoachingSession.Status.DISPUTED)
        .exclude(Exists(answered))
        .select_related("trajectory__junior")
        .order_by("disputed_at", "pk")
    )


def trajectories_to_accept(*, user: User) -> QuerySet[Trajectory]:
    """Proposed trajectories that wait for this person's agreement."""
    return (
        Trajectory.objects.filter(status=Trajectory.Status.PROPOSED)
        .filter(
            Q(junior=user, junior_accepted_at__isnull=True)
            | Q(senior=user, senior_accepted_at__isnull=True)
        )
        .select_related("senior", "junior")
        .order_by("created_at", "pk")
    )


def awaiting_for(*, user: User) -> list[Awaiting]:
    """What waits for ``user`` in coaching: sessions to confirm, disputes to answer, trajectories
    to agree to and practice months to attest."""
    items = []
    for session in sessions_waiting_for_junior(junior=user):
        items.append(
            Awaiting(
                kind=NoticeKind.COACHING,
                role=Role.JUNIOR,
                title=_("Bevestig het coachingsgesprek van %(date)s met %(senior)s")
                % {"date": _day(session.starts_at), "senior": session.senior},
                url=reverse("mentoring:session_detail", args=[session.pk]),
                since=session.logged_at,
            )
        )
    for session in disputes_to_answer(senior=user):
        items.append(
            Awaiting(
                kind=NoticeKind.COACHING,
                role=Role.SENIOR,
                title=_("%(junior)s maakte bezwaar tegen het gesprek van %(date)s")
                % {"junior": session.trajectory.junior, "date": _day(session.starts_at)},
                url=reverse("mentoring:session_detail", args=[session.pk]),
                since=session.disputed_at,
                detail=_("Corrigeer het gesprek of trek het in."),
            )
        )
    for trajectory in trajectories_to_accept(user=user):
        as_junior = trajectory.junior_id == user.pk
        items.append(
            Awaiting(
                kind=NoticeKind.TRAJECTORY,
                role=Role.JUNIOR if as_junior else Role.SENIOR,
                title=_("Geef akkoord op het buddytraject met %(other)s")
                % {"other": trajectory.senior if as_junior else trajectory.junior},
                url=reverse("mentoring:trajectory_detail", args=[trajectory.pk]),
                since=trajectory.created_at,
            )
        )
    for thread in unread_threads(reader=user):
        as_junior = thread["trajectory__junior_id"] == user.pk
        items.append(
            Awaiting(
                kind=NoticeKind.TRAJECTORY,
                role=Role.JUNIOR if as_junior else Role.SENIOR,
                title=ngettext(
                    "%(count)d nieuw bericht in je buddytraject",
                    "%(count)d nieuwe berichten in je buddytraject",
                    thread["unread"],
                )
                % {"count": thread["unread"]},
                url=reverse("mentoring:trajectory_sessions", args=[thread["trajectory_id"]])
                + "#berichten",
                since=thread["since"],
            )
        )
    office = is_register_office(user)
    for month in practice_months_to_attest(actor=user):
        items.append(
            Awaiting(
                kind=NoticeKind.PRACTICE,
                role=Role.REGISTER_OFFICE if office else Role.MANAGER,
                title=_("Attesteer de praktijkmaand %(month)s van %(person)s")
                % {"month": month.month.strftime("%m-%Y"), "person": month.person},
                url=reverse("mentoring:practice_attest"),
                since=month.logged_at,
            )
        )
    return items
