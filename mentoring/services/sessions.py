"""Coaching sessions: logged by the senior, confirmed by the junior, corrected as versions."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.accounts.models import NoticeKind, Role, User
from lms.accounts.selectors import language_of, users_with_role
from lms.accounts.services import conflict_check, email_send
from lms.durations import hours_from_minutes
from lms.links import absolute_url

from ..kinds import Approach
from ..models import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    CoachingSession,
    Goal,
    Trajectory,
)
from ..selectors import live_sessions


def _check_session_times(
    *,
    trajectory: Trajectory,
    starts_at: datetime,
    duration_minutes: int,
    planned: bool,
    chain_id: int | None = None,
) -> datetime:
    """The rules of a session's time; returns its end. The senior's row is locked already."""
    if not MIN_SESSION_MINUTES <= int(duration_minutes) <= MAX_SESSION_MINUTES:
        raise ValidationError(
            {
                "duration_minutes": _(
                    "Een gesprek duurt minimaal %(least)s minuten en maximaal %(most)s uur."
                )
                % {
                    "least": MIN_SESSION_MINUTES,
                    "most": floatformat(hours_from_minutes(MAX_SESSION_MINUTES), -1),
                }
            }
        )
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    now = timezone.now()
    if planned and starts_at <= now:
        raise ValidationError({"starts_at": _("Een gepland gesprek ligt in de toekomst.")})
    if not planned and starts_at > now:
        raise ValidationError({"starts_at": _("Een gesprek kan niet in de toekomst liggen.")})
    day = timezone.localtime(starts_at).date()
    if not trajectory.starts_on <= day <= trajectory.period_end:
        raise ValidationError(
            {
                "starts_at": _(
                    "Het gesprek valt buiten de looptijd van het traject (%(a)s tot %(b)s)."
                )
                % {
                    "a": date_format(trajectory.starts_on, "d-m-Y"),
                    "b": date_format(trajectory.period_end, "d-m-Y"),
                }
            }
        )
    ends_at = starts_at + timedelta(minutes=int(duration_minutes))
    overlapping = live_sessions().filter(
        senior_id=trajectory.senior_id, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if chain_id is not None:
        overlapping = overlapping.exclude(Q(pk=chain_id) | Q(original_id=chain_id))
    other = overlapping.order_by("starts_at").first()
    if other is not None:
        local = timezone.localtime(other.starts_at)
        raise ValidationError(
            {
                "starts_at": _(
                    "Dit gesprek overlapt met een ander gesprek van de senior op %(date)s om "
                    "%(time)s."
                )
                % {"date": local.strftime("%d-%m-%Y"), "time": local.strftime("%H:%M")}
            }
        )
    return ends_at


def _clean_approaches(approaches: Iterable[str]) -> list[str]:
    chosen = sorted(set(approaches))
    if any(a not in Approach.values for a in chosen):
        raise ValidationError({"approaches": _("Onbekende werkwijze.")})
    return chosen


def _clean_goals(trajectory: Trajectory, goals: Iterable[Goal]) -> list[Goal]:
    goals = list(goals)
    if any(g.trajectory_id != trajectory.pk for g in goals):
        raise ValidationError({"goals": _("Een leerdoel hoort niet bij dit traject.")})
    return goals


def _pair_in_conflict_refusal() -> str:
    return _(
        "Tussen jou en de ander geldt een belangenverstrengeling: jullie leggen geen gesprekken "
        "meer vast of bevestigen ze niet. Het registerbureau beëindigt het traject."
    )


def _trajectory_for_senior(actor: User, trajectory: Trajectory) -> Trajectory:
    if actor.pk != trajectory.senior_id:
        raise PermissionDenied(_("Je kunt alleen gesprekken vastleggen met je eigen juniors."))
    conflict_check(a=actor, b=trajectory.junior, refusal=_pair_in_conflict_refusal())
    return Trajectory.objects.select_for_update().get(pk=trajectory.pk)


@transaction.atomic
def coaching_session_log(
    *,
    actor: User,
    trajectory: Trajectory,
    starts_at: datetime,
    duration_minutes: int,
    mode: str,
    approaches: Iterable[str] = (),
    goals: Iterable[Goal] = (),
    summary: str = "",
    private_note: str = "",
    planned: CoachingSession | None = None,
) -> CoachingSession:
    """The senior records a session that took place; the junior is asked to confirm it.

    A planned session becomes the logged one, so it is not counted twice in the calendar.
    """
    trajectory = _trajectory_for_senior(actor, trajectory)
    if trajectory.status != Trajectory.Status.ACTIVE:
        raise ValidationError(
            _("Dit traject is niet actief; je kunt er geen gesprek bij vastleggen.")
        )
    if planned is not None:
        planned = CoachingSession.objects.select_for_update().get(pk=planned.pk)
        if (
            planned.trajectory_id != trajectory.pk
            or planned.status != CoachingSession.Status.PLANNED
        ):
            raise ValidationError(_("Dit is geen gepland gesprek van dit traject."))
    ends_at = _check_session_times(
        trajectory=trajectory,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        planned=False,
        chain_id=planned.pk if planned else None,
    )
    session = planned or CoachingSession(trajectory=trajectory, senior_id=trajectory.senior_id)
    session.starts_at = ends_at - timedelta(minutes=int(duration_minutes))
    session.duration_minutes = int(duration_minutes)
    session.ends_at = ends_at
    session.mode = mode
    session.approaches = _clean_approaches(approaches)
    session.summary = summary
    session.private_note = private_note
    session.status = CoachingSession.Status.AWAITING
    session.logged_by = actor
    session.logged_at = timezone.now()
    goals = _clean_goals(trajectory, goals)
    session.full_clean()
    session.save()
    session.goals.set(goals)
    _notify_junior_to_confirm(session, trajectory)
    return session


def _notify_junior_to_confirm(session: CoachingSession, trajectory: Trajectory) -> None:
    junior = trajectory.junior
    with override(language_of(junior)):
        email_send(
            kind=NoticeKind.COACHING,
            key=f"coaching-logged:{session.pk}",
            to=junior.email,
            subject=_("Bevestig je coachingsgesprek"),
            body=_(
                "%(senior)s heeft een coachingsgesprek van %(date)s vastgelegd. Bevestig het "
                "of maak bezwaar: %(url)s"
            )
            % {
                "senior": trajectory.senior,
                "date": timezone.localtime(session.starts_at).strftime("%d-%m-%Y"),
                "url": absolute_url(reverse("mentoring:session_detail", args=[session.pk])),
            },
            language=language_of(junior),
        )


@transaction.atomic
def coaching_session_plan(
    *,
    actor: User,
    trajectory: Trajectory,
    starts_at: datetime,
    duration_minutes: int,
    mode: str,
    summary: str = "",
) -> CoachingSession:
    """A session agreed for later; it shows in both calendars and never counts as hours."""
    trajectory = _trajectory_for_senior(actor, trajectory)
    if trajectory.status != Trajectory.Status.ACTIVE:
        raise ValidationError(_("Dit traject is niet actief; je kunt er geen gesprek bij plannen."))
    ends_at = _check_session_times(
        trajectory=trajectory, starts_at=starts_at, duration_minutes=duration_minutes, planned=True
    )
    session = CoachingSession(
        trajectory=trajectory,
        senior_id=trajectory.senior_id,
        starts_at=ends_at - timedelta(minutes=int(duration_minutes)),
        duration_minutes=int(duration_minutes),
        ends_at=ends_at,
        mode=mode,
        summary=summary,
        status=CoachingSession.Status.PLANNED,
        logged_by=actor,
    )
    session.full_clean()
    session.save()
    return session


def _locked_session(session: CoachingSession) -> CoachingSession:
    return (
        CoachingSession.objects.select_for_update(of=("self",))
        .select_related("trajectory")
        .get(pk=session.pk)
    )


@transaction.atomic
def coaching_session_confirm(*, actor: User, session: CoachingSession) -> CoachingSession:
    """The junior confirms; from then on the hours count and the session is locked."""
    if actor.pk == session.senior_id:
        raise PermissionDenied(_("Je kunt je eigen gesprek niet bevestigen."))
    if actor.pk != session.trajectory.junior_id:
        raise PermissionDenied(_("Alleen de junior van dit traject bevestigt gesprekken."))
    conflict_check(a=actor, b=session.senior, refusal=_pair_in_conflict_refusal())
    session = _locked_session(session)
    if session.status == CoachingSession.Status.CONFIRMED:
        raise ValidationError(_("Dit gesprek is al bevestigd."))
    if session.status != CoachingSession.Status.AWAITING:
        raise ValidationError(_("Dit gesprek wacht niet op bevestiging."))
    # A confirmed correction replaces what was confirmed before it in the chain; marked first,
    # since the database holds one counting version per chain.
    chain_id = session.chain_id
    CoachingSession.objects.filter(
        Q(pk=chain_id) | Q(original_id=chain_id),
        status=CoachingSession.Status.CONFIRMED,
        version__lt=session.version,
    ).update(superseded=True)
    session.status = CoachingSession.Status.CONFIRMED
    session.confirmed_by = actor
    session.confirmed_at = timezone.now()
    session.full_clean()
    session.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return session


@transaction.atomic
def coaching_session_dispute(
    *, actor: User, session: CoachingSession, reason: str
) -> CoachingSession:
    session = _locked_session(session)
    if actor.pk != session.trajectory.junior_id:
        raise PermissionDenied(_("Alleen de junior van dit traject maakt bezwaar."))
    if session.status != CoachingSession.Status.AWAITING:
        raise ValidationError(_("Dit gesprek wacht niet op bevestiging."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan wat er niet klopt.")})
    session.status = CoachingSession.Status.DISPUTED
    session.dispute_reason = reason.strip()
    session.disputed_at = timezone.now()
    session.full_clean()
    session.save(update_fields=["status", "dispute_reason", "disputed_at"])
    senior = session.senior
    with override(language_of(senior)):
        email_send(
            kind=NoticeKind.COACHING,
            key=f"coaching-disputed:{session.pk}",
            to=senior.email,
            subject=_("Bezwaar tegen een coachingsgesprek"),
            body=_(
                "%(junior)s maakte bezwaar tegen het coachingsgesprek van %(date)s:\n\n"
                "%(reason)s\n\nCorrigeer het gesprek of trek het in: %(url)s"
            )
            % {
                "junior": session.trajectory.junior,
                "date": timezone.localtime(session.starts_at).strftime("%d-%m-%Y"),
                "reason": session.dispute_reason,
                "url": absolute_url(reverse("mentoring:session_detail", args=[session.pk])),
            },
            language=language_of(senior),
        )
    return session


@transaction.atomic
def coaching_session_amend(
    *,
    actor: User,
    session: CoachingSession,
    starts_at: datetime,
    duration_minutes: int,
    mode: str,
    reason: str,
    approaches: Iterable[str] = (),
    goals: Iterable[Goal] = (),
    summary: str = "",
    private_note: str = "",
) -> CoachingSession:
    """A correction of a confirmed or disputed session, as a new version for the junior.

    The earlier version is left as it was; a confirmed one keeps counting until the junior
    confirms the correction.
    """
    trajectory = _trajectory_for_senior(actor, session.trajectory)
    session = _locked_session(session)
    if trajectory.status not in (Trajectory.Status.ACTIVE, Trajectory.Status.COMPLETED):
        raise ValidationError(
            _("Bij een beëindigd traject worden geen gesprekken meer gecorrigeerd.")
        )
    if session.status not in (CoachingSession.Status.CONFIRMED, CoachingSession.Status.DISPUTED):
        raise ValidationError(_("Alleen een bevestigd of betwist gesprek kan worden gecorrigeerd."))
    chain_id = session.chain_id
    if (
        live_sessions()
        .filter(Q(pk=chain_id) | Q(original_id=chain_id), version__gt=session.version)
        .exists()
    ):
        raise ValidationError(_("Er is al een nieuwere versie van dit gesprek."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan wat je corrigeert.")})
    ends_at = _check_session_times(
        trajectory=trajectory,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        planned=False,
        chain_id=chain_id,
    )
    last_version = CoachingSession.objects.filter(
        Q(pk=chain_id) | Q(original_id=chain_id)
    ).aggregate(v=Max("version"))["v"]
    amendment = CoachingSession(
        trajectory=trajectory,
        senior_id=trajectory.senior_id,
        original_id=chain_id,
        version=last_version + 1,
        starts_at=ends_at - timedelta(minutes=int(duration_minutes)),
        duration_minutes=int(duration_minutes),
        ends_at=ends_at,
        mode=mode,
        approaches=_clean_approaches(approaches),
        summary=summary,
        private_note=private_note,
        correction_reason=reason.strip(),
        status=CoachingSession.Status.AWAITING,
        logged_by=actor,
    )
    goals = _clean_goals(trajectory, goals)
    amendment.full_clean()
    amendment.save()
    amendment.goals.set(goals)
    _notify_junior_to_confirm(amendment, trajectory)
    return amendment


@transaction.atomic
def coaching_session_withdraw(*, actor: User, session: CoachingSession) -> CoachingSession:
    """The senior takes back a disputed, unconfirmed or planned session."""
    session = _locked_session(session)
    if actor.pk != session.senior_id:
        raise PermissionDenied(_("Alleen de senior trekt een gesprek in."))
    if session.status not in (
        CoachingSession.Status.DISPUTED,
        CoachingSession.Status.AWAITING,
        CoachingSession.Status.PLANNED,
    ):
        raise ValidationError(
            _("Een bevestigd gesprek kan niet worden ingetrokken; corrigeer het.")
        )
    session.status = CoachingSession.Status.WITHDRAWN
    session.withdrawn_at = timezone.now()
    session.full_clean()
    session.save(update_fields=["status", "withdrawn_at"])
    return session


def coaching_reminders_send() -> int:
    """Remind juniors after 7 days and tell the register office after 30; each once.

    The e-mail key names the session and the step, so running this twice writes nothing new.
    """
    from ..selectors import sessions_due_for_reminder

    sent = 0
    for session in sessions_due_for_reminder(older_than=timedelta(days=7)).iterator():
        junior = session.trajectory.junior
        with override(language_of(junior)):
            if email_send(
                kind=NoticeKind.COACHING,
                key=f"coaching-reminder:{session.pk}:7d",
                to=junior.email,
                subject=_("Herinnering: bevestig je coachingsgesprek"),
                body=_(
                    "%(senior)s legde op %(date)s een coachingsgesprek vast dat nog op je "
                    "bevestiging wacht: %(url)s"
                )
                % {
                    "senior": session.senior,
                    "date": timezone.localtime(session.logged_at).strftime("%d-%m-%Y"),
                    "url": absolute_url(reverse("mentoring:session_detail", args=[session.pk])),
                },
            ):
                sent += 1
    office = list(users_with_role(role=Role.REGISTER_OFFICE))
    for session in sessions_due_for_reminder(older_than=timedelta(days=30)).iterator():
        for person in office:
            if email_send(
                kind=NoticeKind.COACHING,
                key=f"coaching-reminder:{session.pk}:30d:{person.pk}",
                to=person.email,
                subject=_("Coachingsgesprek al 30 dagen onbevestigd"),
                body=_(
                    "Het coachingsgesprek van %(senior)s met %(junior)s, vastgelegd op %(date)s, "
                    "is na 30 dagen nog niet bevestigd: %(url)s"
                )
                % {
                    "senior": session.senior,
                    "junior": session.trajectory.junior,
                    "date": timezone.localtime(session.logged_at).strftime("%d-%m-%Y"),
                    "url": absolute_url(
                        reverse("mentoring:trajectory_sessions", args=[session.trajectory_id])
                    ),
                },
            ):
                sent += 1
    return sent
