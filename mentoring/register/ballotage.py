"""Ballotage: reviewers from the College without a conflict of interest vote on an application.

Conflicts (DOMAIN.md, "Conflict of interest"): a reviewer may not be someone who was the
applicant's senior in a trajectory; who works at an organisation the applicant works at now,
or where either of them had a trajectory in the window (trajectories are the platform's record
of where somebody worked before); who edits the pages of a provider whose course the applicant
completed in the window; or who declared, or was declared in, a conflict with the applicant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Completion
from lms.accounts.models import Role, User
from lms.accounts.services import email_send

from ..models import ConflictOfInterest, Trajectory
from ..services._common import _absolute, _is_office, _language_of
from ..services.profiles import conflict_declare
from .eligibility import window_start
from .models import (
    BallotageDecision,
    BallotageVote,
    Objection,
    RegisterApplication,
    ReviewerAssignment,
    ReviewerRecusal,
)

REASONS = {
    "senior": gettext_lazy("was senior van de aanvrager in een buddytraject"),
    "organisation": gettext_lazy("werkt of werkte bij dezelfde organisatie als de aanvrager"),
    "provider": gettext_lazy(
        "is redacteur van een aanbieder bij wie de aanvrager een cursus afrondde"
    ),
    "declared": gettext_lazy("heeft een belangenverstrengeling met de aanvrager gemeld"),
    "self": gettext_lazy("is de aanvrager zelf"),
}


def conflicts_with(*, applicant: User, candidates: Iterable[User], on) -> dict[int, str]:
    """Reviewer id → the first reason they may not review ``applicant``; in a few queries."""
    ids = {c.pk for c in candidates}
    start = window_start(on=on, policy=_policy_for_window(on))
    found: dict[int, str] = {}

    def mark(user_ids, reason):
        for uid in user_ids:
            if uid in ids:
                found.setdefault(uid, str(REASONS[reason]))

    mark([applicant.pk], "self")
    mark(
        Trajectory.objects.filter(junior=applicant)
        .exclude(status=Trajectory.Status.DECLINED)
        .values_list("senior_id", flat=True),
        "senior",
    )
    in_window = Q(starts_on__lte=on) & (
        Q(ended_on__gt=start) | Q(ended_on__isnull=True, planned_end_on__gt=start)
    )
    applicant_orgs = set(
        Trajectory.objects.filter(in_window, Q(junior=applicant) | Q(senior=applicant)).values_list(
            "organisation_id", flat=True
        )
    )
    current = getattr(getattr(applicant, "profile", None), "organisation_id", None)
    if current:
        applicant_orgs.add(current)
    if applicant_orgs:
        mark(
            User.objects.filter(
                pk__in=ids, profile__organisation_id__in=applicant_orgs
            ).values_list("pk", flat=True),
            "organisation",
        )
        for senior_id, junior_id in Trajectory.objects.filter(
            in_window,
            Q(senior_id__in=ids) | Q(junior_id__in=ids),
            organisation_id__in=applicant_orgs,
        ).values_list("senior_id", "junior_id"):
            mark([senior_id, junior_id], "organisation")
    editor_groups = (
        Completion.objects.filter(
            person=applicant, completed_on__gt=start, completed_on__lte=on, revoked_at__isnull=True
        )
        .exclude(edition__course__provider__editors_group__isnull=True)
        .values_list("edition__course__provider__editors_group_id", flat=True)
    )
    mark(
        User.objects.filter(pk__in=ids, groups__in=editor_groups).values_list("pk", flat=True),
        "provider",
    )
    for person_id, other_id in ConflictOfInterest.objects.filter(
        Q(person=applicant, other_id__in=ids) | Q(other=applicant, person_id__in=ids)
    ).values_list("person_id", "other_id"):
        mark([person_id, other_id], "declared")
    return found


def _policy_for_window(on):
    from .policy import policy_in_force

    return policy_in_force(on=on)


def board_members() -> QuerySet[User]:
    return User.objects.filter(groups__name=Role.BOARD_MEMBER, is_active=True).order_by(
        "last_name", "first_name", "pk"
    )


def reviewers_offered(*, application: RegisterApplication) -> list[User]:
    """College members the office may assign: no conflict, not assigned to it before."""
    members = list(board_members())
    conflicts = conflicts_with(
        applicant=application.person, candidates=members, on=timezone.localdate()
    )
    earlier = set(application.assignments.values_list("reviewer_id", flat=True))
    return [m for m in members if m.pk not in conflicts and m.pk not in earlier]


def assignments_in_round(*, application_id: int, round: int) -> QuerySet[ReviewerAssignment]:
    """The reviewers of one round who did not step back."""
    return ReviewerAssignment.objects.filter(
        application_id=application_id, round=round, recusal__isnull=True
    )


def active_assignments(application: RegisterApplication) -> QuerySet[ReviewerAssignment]:
    return assignments_in_round(application_id=application.pk, round=application.round)


def _locked(application: RegisterApplication) -> RegisterApplication:
    return RegisterApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def reviewers_assign(
    *, actor: User, application: RegisterApplication, reviewers: Iterable[User]
) -> list[ReviewerAssignment]:
    """The office assigns College members; together with those already on it, at least the
    policy's minimum. A conflicted or earlier reviewer is refused and nothing is assigned."""
    if not _is_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau wijst beoordelaars toe."))
    application = _locked(application)
    if application.state != RegisterApplication.State.IN_BALLOTAGE:
        raise ValidationError(_("Deze aanvraag is niet in ballotage."))
    if application.decisions.filter(round=application.round).exists():
        raise ValidationError(_("Over deze ronde is al besloten."))
    reviewers = list({r.pk: r for r in reviewers}.values())
    not_board = [r for r in reviewers if not (r.is_active and r.has_role(Role.BOARD_MEMBER))]
    if not_board:
        raise ValidationError(
            _("%(name)s is geen lid van het College van Toezicht.") % {"name": not_board[0]}
        )
    conflicts = conflicts_with(
        applicant=application.person, candidates=reviewers, on=timezone.localdate()
    )
    if conflicts:
        first = next(r for r in reviewers if r.pk in conflicts)
        raise ValidationError(
            _("%(name)s kan deze aanvraag niet beoordelen: %(reason)s.")
            % {"name": first, "reason": conflicts[first.pk]}
        )
    earlier = set(application.assignments.values_list("reviewer_id", flat=True))
    again = [r for r in reviewers if r.pk in earlier]
    if again:
        raise ValidationError(
            _("%(name)s heeft deze aanvraag al beoordeeld of is al toegewezen.")
            % {"name": again[0]}
        )
    total = active_assignments(application).count() + len(reviewers)
    if total < application.policy.min_reviewers:
        raise ValidationError(
            _("Wijs minstens %(n)s beoordelaars toe.") % {"n": application.policy.min_reviewers}
        )
    made = []
    for reviewer in reviewers:
        assignment = ReviewerAssignment(
            application=application, round=application.round, reviewer=reviewer, assigned_by=actor
        )
        assignment.full_clean()
        assignment.save()
        made.append(assignment)
        email_send(
            key=f"register-review-assigned:{assignment.pk}",
            to=reviewer.email,
            subject=_("Verzoek om een registeraanvraag te beoordelen"),
            body=_("Je bent gevraagd een registeraanvraag te beoordelen: %(url)s")
            % {"url": _absolute(reverse("register:review", args=[assignment.pk]))},
            language=_language_of(reviewer),
        )
    return made


@transaction.atomic
def reviewer_recuse(*, actor: User, assignment: ReviewerAssignment, reason: str) -> ReviewerRecusal:
    """A reviewer declares a conflict with the applicant; that ends their assignment."""
    assignment = ReviewerAssignment.objects.select_related("application__person").get(
        pk=assignment.pk
    )
    application = _locked(assignment.application)
    if actor.pk != assignment.reviewer_id and not _is_office(actor):
        raise PermissionDenied(_("Alleen de beoordelaar zelf meldt een belangenverstrengeling."))
    if application.decisions.filter(round=assignment.round).exists():
        raise ValidationError(_("Over deze ronde is al besloten."))
    if ReviewerRecusal.objects.filter(assignment=assignment).exists():
        raise ValidationError(_("Deze beoordelaar heeft zich al teruggetrokken."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom je je terugtrekt.")})
    conflict_declare(
        actor=actor, person=assignment.reviewer, other=application.person, reason=reason
    )
    recusal = ReviewerRecusal(assignment=assignment, reason=reason, declared_by=actor)
    recusal.full_clean()
    recusal.save()
    return recusal


@transaction.atomic
def ballotage_vote(
    *, actor: User, assignment: ReviewerAssignment, value: str, motivation: str
) -> BallotageVote:
    assignment = ReviewerAssignment.objects.get(pk=assignment.pk)
    application = _locked(assignment.application)
    if actor.pk != assignment.reviewer_id:
        raise PermissionDenied(_("Je stemt alleen over aanvragen die jou zijn toegewezen."))
    if ReviewerRecusal.objects.filter(assignment=assignment).exists():
        raise ValidationError(_("Je hebt je teruggetrokken uit deze beoordeling."))
    if application.decisions.filter(round=assignment.round).exists():
        raise ValidationError(_("Over deze aanvraag is al besloten; stemmen kan niet meer."))
    if BallotageVote.objects.filter(assignment=assignment).exists():
        raise ValidationError(_("Je hebt al gestemd over deze aanvraag."))
    if value not in BallotageVote.Value.values:
        raise ValidationError({"value": _("Kies positief, negatief of onthouding.")})
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError({"motivation": _("Motiveer je stem.")})
    vote = BallotageVote(assignment=assignment, value=value, motivation=motivation)
    vote.full_clean()
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError as exc:
        raise ValidationError(_("Je hebt al gestemd over deze aanvraag.")) from exc
    return vote


def votes_visible_to(*, user: User, assignment: ReviewerAssignment) -> list[BallotageVote]:
    """The votes of the assignment's own round: the others' only once everyone still reviewing
    in that round has voted. A reviewer never reads the votes of another round."""
    in_round = list(
        assignments_in_round(
            application_id=assignment.application_id, round=assignment.round
        ).select_related("reviewer", "vote")
    )
    votes = [a.vote for a in in_round if hasattr(a, "vote")]
    if len(votes) == len(in_round):
        return votes
    return [v for v in votes if v.assignment.reviewer_id == user.pk]


def tally(votes: Iterable[BallotageVote]) -> tuple[int, int, int]:
    votes = list(votes)
    count = lambda value: sum(1 for v in votes if v.value == value)  # noqa: E731
    return (
        count(BallotageVote.Value.POSITIVE),
        count(BallotageVote.Value.NEGATIVE),
        count(BallotageVote.Value.ABSTAIN),
    )


def outcome_of(*, positive: int, negative: int, abstain: int) -> str:
    """A majority of the votes cast (an abstention is a vote cast) is positive."""
    cast = positive + negative + abstain
    return (
        BallotageDecision.Outcome.POSITIVE
        if positive * 2 > cast
        else BallotageDecision.Outcome.NEGATIVE
    )


@transaction.atomic
def ballotage_decide(*, actor: User, application: RegisterApplication) -> BallotageDecision:
    """The office records the College's majority, under the application's policy version."""
    if not _is_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau legt het besluit vast."))
    application = _locked(application)
    if application.state != RegisterApplication.State.IN_BALLOTAGE:
        raise ValidationError(_("Deze aanvraag is niet in ballotage."))
    if application.decisions.filter(round=application.round).exists():
        raise ValidationError(_("Over deze ronde is al besloten."))
    active = list(active_assignments(application).select_related("vote"))
    votes = [a.vote for a in active if hasattr(a, "vote")]
    if len(votes) < len(active):
        raise ValidationError(_("Nog niet alle beoordelaars hebben gestemd."))
    minimum = application.policy.min_reviewers
    if len(votes) < minimum:
        raise ValidationError(
            _("Er zijn %(n)s stemmen uitgebracht; er zijn er minstens %(m)s nodig.")
            % {"n": len(votes), "m": minimum}
        )
    positive, negative, abstain = tally(votes)
    decision = BallotageDecision(
        application=application,
        round=application.round,
        outcome=outcome_of(positive=positive, negative=negative, abstain=abstain),
        policy=application.policy,
        positive_votes=positive,
        negative_votes=negative,
        abstentions=abstain,
        decided_by=actor,
    )
    decision.full_clean()
    decision.save()
    application.state = RegisterApplication.State.DECIDED
    application.save(update_fields=["state"])
    person = application.person
    email_send(
        key=f"register-decision:{decision.pk}",
        to=person.email,
        subject=_("Besluit over je registeraanvraag"),
        body=_(
            "Het College van Toezicht heeft over je aanvraag besloten: %(outcome)s. "
            "De brief met het besluit vind je op %(url)s"
        )
        % {
            "outcome": decision.get_outcome_display(),
            "url": _absolute(reverse("register:decision_letter", args=[decision.pk])),
        },
        language=_language_of(person),
    )
    return decision


@transaction.atomic
def objection_submit(*, actor: User, decision: BallotageDecision, reason: str) -> Objection:
    """A bezwaar within the policy's term starts a new round with other reviewers."""
    decision = BallotageDecision.objects.select_related("application", "policy").get(pk=decision.pk)
    application = _locked(decision.application)
    if actor.pk != application.person_id:
        raise PermissionDenied(_("Alleen de aanvrager kan bezwaar maken."))
    if (
        decision.round != application.round
        or application.state != RegisterApplication.State.DECIDED
    ):
        raise ValidationError(_("Tegen dit besluit kan geen bezwaar meer worden gemaakt."))
    if decision.outcome != BallotageDecision.Outcome.NEGATIVE:
        raise ValidationError(_("Bezwaar is alleen mogelijk tegen een afwijzing."))
    if Objection.objects.filter(decision=decision).exists():
        raise ValidationError(_("Je hebt al bezwaar gemaakt tegen dit besluit."))
    deadline = decision.decided_at + timedelta(weeks=decision.policy.objection_weeks)
    if timezone.now() > deadline:
        raise ValidationError(
            _("De bezwaartermijn van %(w)s weken is verstreken.")
            % {"w": decision.policy.objection_weeks}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van je bezwaar.")})
    objection = Objection(decision=decision, reason=reason, submitted_by=actor)
    objection.full_clean()
    objection.save()
    application.state = RegisterApplication.State.IN_BALLOTAGE
    application.round += 1
    application.save(update_fields=["state", "round"])
    return objection
