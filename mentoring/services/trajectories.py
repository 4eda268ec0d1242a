"""Buddy trajectories and their goals."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.accounts.models import NoticeKind, Organisation, Role, User
from lms.accounts.selectors import is_register_office, language_of
from lms.accounts.services import conflict_check, email_send, users_lock
from lms.links import absolute_url

from .. import matching
from ..models import (
    CoachingSession,
    Goal,
    Trajectory,
    TrajectoryTermsChange,
    default_planned_end,
)


def _may_propose_for(actor: User, organisation: Organisation | None) -> bool:
    if is_register_office(actor):
        return True
    profile = getattr(actor, "profile", None)
    return (
        actor.has_role(Role.MANAGER)
        and organisation is not None
        and profile is not None
        and profile.organisation_id == organisation.pk
    )


@transaction.atomic
def trajectory_propose(
    *,
    actor: User,
    senior: User,
    junior: User,
    starts_on: date | None = None,
    planned_end_on: date | None = None,
    agreed_hours: Decimal | int = 40,
    goals: Iterable[str] = (),
) -> Trajectory:
    """Propose a buddy trajectory; both people are asked to accept it.

    The register office proposes any pair, a manager pairs within their own organisation.
    The hard rules are the ones matching applies (``matching.Pool.refusals``).
    """
    if senior.pk == junior.pk:
        raise ValidationError(_("Senior en junior moeten twee verschillende mensen zijn."))
    junior_profile = getattr(junior, "profile", None)
    organisation = junior_profile.organisation if junior_profile else None
    if not _may_propose_for(actor, organisation):
        raise PermissionDenied(
            _("Alleen het registerbureau of een manager van deze organisatie stelt trajecten voor.")
        )
    if organisation is None:
        raise ValidationError(_("De junior hoort niet bij een organisatie."))
    users_lock(senior, junior)
    if Trajectory.objects.filter(junior=junior, status__in=Trajectory.OPEN_STATUSES).exists():
        raise ValidationError(_("%(junior)s heeft al een buddy.") % {"junior": junior})
    pool = matching.pool_build(junior_ids=[junior.pk], senior_ids=[senior.pk])
    refusals = pool.refusals(0, 0)
    if refusals:
        raise ValidationError(refusals)
    starts_on = starts_on or timezone.localdate()
    trajectory = Trajectory(
        senior=senior,
        junior=junior,
        organisation=organisation,
        starts_on=starts_on,
        planned_end_on=planned_end_on or default_planned_end(starts_on),
        agreed_hours=Decimal(agreed_hours),
        proposed_by=actor,
    )
    if trajectory.planned_end_on <= trajectory.starts_on:
        raise ValidationError(_("De geplande einddatum ligt na de start."))
    trajectory.full_clean()
    trajectory.save()
    for description in goals:
        if description.strip():
            Goal.objects.create(trajectory=trajectory, description=description.strip())
    url = absolute_url(reverse("mentoring:trajectory_accept", args=[trajectory.pk]))
    for person, other in ((senior, junior), (junior, senior)):
        with override(language_of(person)):
            email_send(
                kind=NoticeKind.TRAJECTORY,
                key=f"trajectory-proposed:{trajectory.pk}:{person.pk}",
                to=person.email,
                subject=_("Voorstel buddytraject met %(other)s") % {"other": other},
                body=_(
                    "Er is een buddytraject voorgesteld tussen %(senior)s (senior) en "
                    "%(junior)s (junior), vanaf %(start)s. Bekijk het voorstel en geef aan of "
                    "je akkoord bent: %(url)s"
                )
                % {
                    "senior": senior,
                    "junior": junior,
                    "start": date_format(trajectory.starts_on, "d-m-Y"),
                    "url": url,
                },
                language=language_of(person),
            )
    return trajectory


def _locked_trajectory(trajectory: Trajectory) -> Trajectory:
    return (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("senior", "junior")
        .get(pk=trajectory.pk)
    )


@transaction.atomic
def trajectory_accept(*, actor: User, trajectory: Trajectory) -> Trajectory:
    """The senior or the junior agrees; when both have, the trajectory is active."""
    if actor.pk not in (trajectory.senior_id, trajectory.junior_id):
        raise PermissionDenied(_("Alleen de senior en de junior van dit traject geven akkoord."))
    conflict_check(
        a=trajectory.senior,
        b=trajectory.junior,
        refusal=_(
            "Tussen de senior en de junior geldt een belangenverstrengeling; dit traject kan "
            "niet beginnen."
        ),
    )
    trajectory = _locked_trajectory(trajectory)
    if trajectory.status != Trajectory.Status.PROPOSED:
        raise ValidationError(_("Dit traject wacht niet (meer) op akkoord."))
    now = timezone.now()
    if actor.pk == trajectory.senior_id and trajectory.senior_accepted_at is None:
        trajectory.senior_accepted_at = now
    if actor.pk == trajectory.junior_id and trajectory.junior_accepted_at is None:
        trajectory.junior_accepted_at = now
    if trajectory.senior_accepted_at and trajectory.junior_accepted_at:
        trajectory.status = Trajectory.Status.ACTIVE
    trajectory.full_clean()
    trajectory.save(update_fields=["senior_accepted_at", "junior_accepted_at", "status"])
    return trajectory


@transaction.atomic
def trajectory_decline(*, actor: User, trajectory: Trajectory, reason: str) -> Trajectory:
    trajectory = _locked_trajectory(trajectory)
    if actor.pk not in (trajectory.senior_id, trajectory.junior_id) and not is_register_office(
        actor
    ):
        raise PermissionDenied(_("Je bent niet betrokken bij dit traject."))
    if trajectory.status != Trajectory.Status.PROPOSED:
        raise ValidationError(_("Alleen een voorgesteld traject kan worden afgewezen."))
    trajectory.status = Trajectory.Status.DECLINED
    trajectory.end_reason = reason
    trajectory.full_clean()
    trajectory.save(update_fields=["status", "end_reason"])
    return trajectory


@transaction.atomic
def trajectory_complete(*, actor: User, trajectory: Trajectory, ended_on: date | None = None):
    trajectory = _locked_trajectory(trajectory)
    if not is_register_office(actor) and actor.pk != trajectory.senior_id:
        raise PermissionDenied(_("Alleen de senior of het registerbureau rondt een traject af."))
    if trajectory.status != Trajectory.Status.ACTIVE:
        raise ValidationError(_("Alleen een actief traject kan worden afgerond."))
    trajectory.status = Trajectory.Status.COMPLETED
    trajectory.ended_on = ended_on or timezone.localdate()
    trajectory.full_clean()
    trajectory.save(update_fields=["status", "ended_on"])
    return trajectory


@transaction.atomic
def trajectory_end_early(
    *, actor: User, trajectory: Trajectory, reason: str, ended_on: date | None = None
) -> Trajectory:
    """The register office ends a trajectory before its planned end, with a reason."""
    trajectory = _locked_trajectory(trajectory)
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau beëindigt een traject voortijdig."))
    if not trajectory.is_open:
        raise ValidationError(_("Dit traject is al afgesloten."))
    if not reason.strip():
        raise ValidationError({"end_reason": _("Geef een reden voor het voortijdig beëindigen.")})
    trajectory.status = Trajectory.Status.ENDED_EARLY
    trajectory.end_reason = reason.strip()
    trajectory.ended_on = ended_on or timezone.localdate()
    trajectory.full_clean()
    trajectory.save(update_fields=["status", "end_reason", "ended_on"])
    return trajectory


@transaction.atomic
def trajectory_terms_change(
    *,
    actor: User,
    trajectory: Trajectory,
    planned_end_on: date,
    agreed_hours: Decimal,
    reason: str,
) -> TrajectoryTermsChange:
    """Extend or shorten an open trajectory, or change its agreed hours; whoever may propose
    a trajectory for its organisation may. What stood before is kept, and both people hear of
    it. A session already logged or planned stays inside the period."""
    trajectory = _locked_trajectory(trajectory)
    if not _may_propose_for(actor, trajectory.organisation):
        raise PermissionDenied(
            _("Alleen het registerbureau of een manager van deze organisatie wijzigt de afspraken.")
        )
    if not trajectory.is_open:
        raise ValidationError(_("Dit traject is al afgesloten."))
    errors = {}
    latest = (
        CoachingSession.objects.filter(trajectory=trajectory)
        .exclude(status=CoachingSession.Status.WITHDRAWN)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if planned_end_on <= trajectory.starts_on:
        errors["planned_end_on"] = _("De geplande einddatum moet na de start liggen.")
    elif planned_end_on < timezone.localdate():
        errors["planned_end_on"] = _(
            "Deze datum ligt in het verleden. Rond het traject af of beëindig het."
        )
    elif latest is not None and timezone.localdate(latest) > planned_end_on:
        errors["planned_end_on"] = _(
            "Er staat een gesprek op %(day)s; de einddatum kan niet daarvoor liggen."
        ) % {"day": date_format(timezone.localdate(latest), "d-m-Y")}
    if not reason.strip():
        errors["reason"] = _("Geef een reden voor de wijziging.")
    if errors:
        raise ValidationError(errors)
    if (planned_end_on, agreed_hours) == (trajectory.planned_end_on, trajectory.agreed_hours):
        raise ValidationError(_("De afspraken zijn niet veranderd."))
    change = TrajectoryTermsChange(
        trajectory=trajectory,
        changed_by=actor,
        planned_end_before=trajectory.planned_end_on,
        planned_end_after=planned_end_on,
        agreed_hours_before=trajectory.agreed_hours,
        agreed_hours_after=agreed_hours,
        reason=reason.strip(),
    )
    trajectory.planned_end_on = planned_end_on
    trajectory.agreed_hours = agreed_hours
    trajectory.full_clean()
    trajectory.save(update_fields=["planned_end_on", "agreed_hours"])
    change.save()
    url = absolute_url(reverse("mentoring:trajectory_detail", args=[trajectory.pk]))
    for person in (trajectory.senior, trajectory.junior):
        with override(language_of(person)):
            email_send(
                kind=NoticeKind.TRAJECTORY,
                key=f"trajectory-terms:{change.pk}:{person.pk}",
                to=person.email,
                subject=_("Nieuwe afspraken voor het buddytraject"),
                body=_(
                    "De afspraken van het buddytraject van %(senior)s en %(junior)s zijn "
                    "gewijzigd: tot en met %(end)s, %(hours)s coachingsuren. Reden: %(reason)s "
                    "Zie %(url)s"
                )
                % {
                    "senior": trajectory.senior,
                    "junior": trajectory.junior,
                    "end": date_format(planned_end_on, "d-m-Y"),
                    "hours": number_format(agreed_hours, decimal_pos=1),
                    "reason": change.reason,
                    "url": url,
                },
                language=language_of(person),
            )
    return change


def _may_edit_goals(actor: User, trajectory: Trajectory) -> bool:
    return actor.pk in (trajectory.senior_id, trajectory.junior_id) or is_register_office(actor)


@transaction.atomic
def goal_add(
    *, actor: User, trajectory: Trajectory, description: str, target_date: date | None = None
) -> Goal:
    if not _may_edit_goals(actor, trajectory):
        raise PermissionDenied(_("Je bent niet betrokken bij dit traject."))
    goal = Goal(trajectory=trajectory, description=description.strip(), target_date=target_date)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, status: str, progress_notes: str) -> Goal:
    goal = Goal.objects.select_for_update(of=("self",)).select_related("trajectory").get(pk=goal.pk)
    if not _may_edit_goals(actor, goal.trajectory):
        raise PermissionDenied(_("Je bent niet betrokken bij dit traject."))
    goal.status = status
    goal.progress_notes = progress_notes
    goal.full_clean()
    goal.save(update_fields=["status", "progress_notes"])
    return goal
