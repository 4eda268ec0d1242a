"""Ballotage: the office assigns reviewers from the College, they vote, the office records the
majority; a bezwaar starts a new round (DOMAIN.md, "quality: a positive ballotage")."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.accounts.models import ConflictOfInterest, NoticeKind, Role, User
from lms.accounts.selectors import (
    is_board_member,
    is_register_office,
    language_of,
    users_with_role,
)
from lms.accounts.services import conflict_check, conflict_declare, email_send, users_lock
from lms.links import absolute_url

from ..models import (
    BallotageDecision,
    BallotageVote,
    Objection,
    RegisterApplication,
    ReviewerAssignment,
    ReviewerRecusal,
)
from ..selectors.ballotage import (
    active_assignments,
    assignments_in_round,
    conflicts_with,
    objection_last_day,
    outcome_of,
    tally,
)


def _locked(application: RegisterApplication) -> RegisterApplication:
    return RegisterApplication.objects.select_for_update().get(pk=application.pk)


def _office_told_reviewer_needed(assignment: ReviewerAssignment, *, why: str) -> None:
    """E-mail the register office that ``assignment`` ended and the round needs another
    reviewer (DOMAIN.md: "the office assigns another reviewer")."""
    url = absolute_url(reverse("register:office_application", args=[assignment.application_id]))
    for office in users_with_role(role=Role.REGISTER_OFFICE):
        with override(language_of(office)):
            email_send(
                kind=NoticeKind.BALLOTAGE,
                key=f"register-reviewer-withdrawn:{assignment.pk}:{office.pk}",
                to=office.email,
                subject=_("Nieuwe beoordelaar nodig voor een registeraanvraag"),
                body=_(
                    "%(reviewer)s beoordeelt de registeraanvraag van %(applicant)s niet meer: "
                    "%(why)s Wijs een andere beoordelaar toe: %(url)s"
                )
                % {
                    "reviewer": assignment.reviewer,
                    "applicant": assignment.application.person,
                    "why": why,
                    "url": url,
                },
                language=language_of(office),
            )


@transaction.atomic
def reviewers_assign(
    *, actor: User, application: RegisterApplication, reviewers: Iterable[User]
) -> list[ReviewerAssignment]:
    """The office assigns College members; together with those already on it, at least the
    policy's minimum. A conflicted or earlier reviewer is refused and nothing is assigned."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau wijst beoordelaars toe."))
    reviewers = list({r.pk: r for r in reviewers}.values())
    # The people first, then the application: a conflict that binds at this moment holds
    # these rows while it withdraws reviews (``reviews_withdraw_for_conflict``).
    users_lock(application.person, *reviewers)
    application = _locked(application)
    if application.state != RegisterApplication.State.IN_BALLOTAGE:
        raise ValidationError(_("Deze aanvraag is niet in ballotage."))
    if application.decisions.filter(round=application.round).exists():
        raise ValidationError(_("Over deze ronde is al besloten."))
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
            kind=NoticeKind.BALLOTAGE,
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
    """A reviewer declares a conflict with the applicant; that ends their assignment, and the
    office is asked for another reviewer."""
    assignment = ReviewerAssignment.objects.select_related("application__person", "reviewer").get(
        pk=assignment.pk
    )
    users_lock(assignment.reviewer, assignment.application.person)
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
    # The recusal first: the conflict, once binding, withdraws the reviews that are left.
    recusal = ReviewerRecusal(assignment=assignment, reason=reason, declared_by=actor)
    recusal.full_clean()
    recusal.save()
    conflict_declare(
        actor=actor, person=assignment.reviewer, other=application.person, reason=reason
    )
    _office_told_reviewer_needed(
        assignment, why=_("de beoordelaar heeft een belangenverstrengeling gemeld.")
    )
    return recusal


@transaction.atomic
def reviews_withdraw_for_conflict(
    *, conflict: ConflictOfInterest, actor: User
) -> list[ReviewerRecusal]:
    """A conflict that binds withdraws every review of either person on an application of the
    other whose round is not decided yet: the vote, if cast, no longer counts, and the office
    is told to assign another reviewer (DOMAIN.md, "Conflicts hold from the moment they are
    recorded"). Decided rounds stay as they were.

    Runs in the transaction that makes the conflict bind, which holds both people's rows, so
    no assignment or vote of the pair can slip in meanwhile.
    """
    a, b = conflict.person_id, conflict.other_id
    pair = Q(reviewer_id=a, application__person_id=b) | Q(reviewer_id=b, application__person_id=a)
    application_ids = (
        ReviewerAssignment.objects.filter(pair, recusal__isnull=True)
        .values_list("application_id", flat=True)
        .distinct()
    )
    with override("nl"):
        reason = _(
            "Teruggetrokken: belangenverstrengeling met de aanvrager, vastgelegd op %(date)s "
            "(melding %(number)s)."
        ) % {
            "date": date_format(timezone.localtime(conflict.binds_from), "d-m-Y"),
            "number": conflict.pk,
        }
    withdrawn = []
    for application in (
        RegisterApplication.objects.select_for_update()
        .filter(pk__in=list(application_ids))
        .order_by("pk")
    ):
        if application.decisions.filter(round=application.round).exists():
            continue
        for assignment in (
            assignments_in_round(application_id=application.pk, round=application.round)
            .filter(pair)
            .select_related("reviewer", "application__person")
        ):
            recusal = ReviewerRecusal(assignment=assignment, reason=reason, declared_by=actor)
            recusal.full_clean()
            recusal.save()
            withdrawn.append(recusal)
            _office_told_reviewer_needed(
                assignment,
                why=_(
                    "er geldt nu een belangenverstrengeling tussen beoordelaar en aanvrager; "
                    "een stem die al was uitgebracht, telt niet mee."
                ),
            )
    return withdrawn


@transaction.atomic
def ballotage_vote(
    *, actor: User, assignment: ReviewerAssignment, value: str, motivation: str
) -> BallotageVote:
    assignment = ReviewerAssignment.objects.select_related("application__person").get(
        pk=assignment.pk
    )
    if actor.pk != assignment.reviewer_id:
        raise PermissionDenied(_("Je stemt alleen over aanvragen die jou zijn toegewezen."))
    conflict_check(
        a=actor,
        b=assignment.application.person,
        refusal=_(
            "Je hebt een belangenverstrengeling met de aanvrager en stemt daarom niet over "
            "deze aanvraag."
        ),
    )
    application = _locked(assignment.application)
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
    if actor.pk == application.person_id:
        raise PermissionDenied(_("Je legt geen besluit vast over je eigen aanvraag."))
    conflict_check(
        a=actor,
        b=application.person,
        refusal=_(
            "Je hebt een belangenverstrengeling met de aanvrager; een collega van het "
            "registerbureau legt dit besluit vast."
        ),
    )
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
        kind=NoticeKind.REGISTER_DECISION,
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
    if timezone.localdate() > objection_last_day(decision):
        raise ValidationError(
            _("De bezwaartermijn van %(w)s weken is verstreken op %(d)s.")
            % {
                "w": decision.policy.objection_weeks,
                "d": date_format(objection_last_day(decision), "d-m-Y"),
            }
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
