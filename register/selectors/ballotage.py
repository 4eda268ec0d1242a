"""Ballotage reads: who may review an application, the reviewers of a round, and the votes.

Conflicts (DOMAIN.md, "Conflict of interest"): a reviewer may not be someone who was the
applicant's senior in a trajectory; who works at an organisation the applicant works at now,
or where either of them had a trajectory in the window (trajectories are the platform's record
of where somebody worked before); who edits the pages of a provider whose course the applicant
completed in the window; or who has a binding conflict of interest with the applicant.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from courses.models import Completion
from lms.accounts.models import Role, User
from lms.accounts.selectors import conflicts_binding
from mentoring.models import Trajectory

from ..models import BallotageDecision, BallotageVote, RegisterApplication, ReviewerAssignment
from .evaluation import window_start
from .policy import policy_in_force

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
    return {
        uid: str(REASONS[key])
        for uid, key in stakes_in(applicant, candidates=candidates, on=on).items()
    }


def stakes_in(applicant: User, *, candidates: Iterable[User], on) -> dict[int, str]:
    """Candidate id → the key in ``REASONS`` of the first stake they have in ``applicant``'s
    work, which keeps them from judging it: the register's one rule for who may judge whom,
    asked for applications and, through ``publications.signals.reviewer_stakes``, for
    manuscripts."""
    ids = {c.pk for c in candidates}
    start = window_start(on=on, policy=policy_in_force(on=on))
    found: dict[int, str] = {}

    def mark(user_ids, reason):
        for uid in user_ids:
            if uid in ids:
                found.setdefault(uid, reason)

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
    for person_id, other_id in (
        conflicts_binding()
        .filter(Q(person=applicant, other_id__in=ids) | Q(other=applicant, person_id__in=ids))
        .values_list("person_id", "other_id")
    ):
        mark([person_id, other_id], "declared")
    return found


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


def objection_last_day(decision: BallotageDecision) -> date:
    """The last Dutch day on which an objection to ``decision`` is on time: the day of the
    decision plus the policy's weeks ("binnen 6 weken"), whatever the hour it was decided."""
    return timezone.localdate(decision.decided_at) + timedelta(
        weeks=decision.policy.objection_weeks
    )
