"""Ballotage: the office assigns reviewers from the College, they vote, the office records the
majority; a bezwaar starts a new round (DOMAIN.md, "quality: a positive ballotage")."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_board_member, is_register_office, language_of
from lms.accounts.services import conflict_declare, email_send
from lms.links import absolute_url

from ..models import (
    BallotageDecision,
    BallotageVote,
    Objection,
    RegisterApplication,
    ReviewerAssignment,
    ReviewerRecusal,
)
from ..selectors.ballotage import active_assignments, conflicts_with, outcome_of, tally


def _locked(application: RegisterApplication) -> RegisterApplication:
    return RegisterApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def reviewers_assign(
    *, actor: User, application: RegisterApplication, reviewers: Iterable[User]
) -> list[ReviewerAssignment]:
    """The office assigns College members; together with those already on it, at least the
    policy's minimum. A conflicted or earlier reviewer is refused and nothing is assigned."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau wijst beoordelaars toe."))
    application = _locked(application)
    if application.state != RegisterApplication.State.IN_BALLOTAGE:
        raise ValidationError(_("Deze aanvraag is niet in ballotage."))
    if application.decisions.filter(round=application.round).exists():
        raise ValidationError(_("Over deze ronde is al besloten."))
    reviewers = list({r.pk: r for r in reviewers}.values())
    not_board = [r for r in reviewers if not is_board_member(r)]
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
            % {"url": absolute_url(reverse("register:review", args=[assignment.pk]))},
            language=language_of(reviewer),
        )
    return made


@transaction.atomic
def reviewer_recuse(*, actor: User, assignment: ReviewerAssignment, reason: str) -> ReviewerRecusal:
    """A reviewer declares a conflict with the applicant; that ends their assignment."""
    assignment = ReviewerAssignment.objects.select_related("application__person").get(
        pk=assignment.pk
    )
    application = _locked(assignment.application)
    if actor.pk != assignment.reviewer_id and not is_register_office(actor):
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


@transaction.atomic
def ballotage_decide(*, actor: User, application: RegisterApplication) -> BallotageDecision:
    """The office records the College's majority, under the application's policy version."""
    if not is_register_office(actor):
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
            "url": absolute_url(reverse("register:decision_letter", args=[decision.pk])),
        },
        language=language_of(person),
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
