"""What two people in a conflict of interest did for each other before (DOMAIN.md, "Conflicts
hold from the moment they are recorded": "What the two did for each other earlier is listed
for the office"). The register reads every app, so this list lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import AccreditationDecision
from lms.accounts.models import ConflictOfInterest, User
from mentoring.models import CoachingSession, PracticeMonth

from ..models import BallotageDecision, BallotageVote, RegisterApplication
from .ballotage import active_assignments


@dataclass(frozen=True)
class PairAct:
    """One act of ``actor`` on the register evidence of ``subject``."""

    at: dt.datetime
    actor: User
    subject: User
    what: str
    # Done while the conflict already held: the ledger marks such rows for the office.
    under_conflict: bool


def _moment(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def conflict_pair_history(*, conflict: ConflictOfInterest) -> list[PairAct]:
    """Sessions one logged and the other confirmed, months one attested for the other, votes
    and decisions on the other's application, accreditations granted to a course of a provider
    the other edits; newest first, in five queries."""
    a, b = conflict.person, conflict.other
    if b is None:
        return []
    people = {a.pk: a, b.pk: b}
    held_from = conflict.binds_from if conflict.status == conflict.Status.BINDING else None
    acts: list[PairAct] = []

    def add(at, actor_id, subject_id, what):
        at = _moment(at)
        acts.append(
            PairAct(
                at=at,
                actor=people[actor_id],
                subject=people[subject_id],
                what=what,
                under_conflict=held_from is not None and held_from <= at,
            )
        )

    for session in CoachingSession.objects.filter(
        Q(senior=a, confirmed_by=b) | Q(senior=b, confirmed_by=a),
        status=CoachingSession.Status.CONFIRMED,
    ).order_by("-confirmed_at"):
        add(
            session.confirmed_at,
            session.confirmed_by_id,
            session.senior_id,
            _("bevestigde het coachingsgesprek van %(date)s (%(minutes)s minuten)")
            % {
                "date": date_format(timezone.localtime(session.starts_at), "d-m-Y"),
                "minutes": session.duration_minutes,
            },
        )
    for month in PracticeMonth.objects.filter(
        Q(person=a, attested_by=b) | Q(person=b, attested_by=a),
        status=PracticeMonth.Status.ATTESTED,
    ).order_by("-attested_at"):
        add(
            month.attested_at,
            month.attested_by_id,
            month.person_id,
            _("attesteerde de praktijkmaand %(month)s")
            % {"month": date_format(month.month, "F Y")},
        )
    for vote in BallotageVote.objects.filter(
        Q(assignment__reviewer=a, assignment__application__person=b)
        | Q(assignment__reviewer=b, assignment__application__person=a)
    ).select_related("assignment__application"):
        add(
            vote.cast_at,
            vote.assignment.reviewer_id,
            vote.assignment.application.person_id,
            _("stemde %(value)s over de registeraanvraag (ronde %(round)s)")
            % {"value": vote.get_value_display(), "round": vote.assignment.round},
        )
    for decision in BallotageDecision.objects.filter(
        Q(decided_by=a, application__person=b) | Q(decided_by=b, application__person=a)
    ).select_related("application"):
        add(
            decision.decided_at,
            decision.decided_by_id,
            decision.application.person_id,
            _("legde het besluit over de registeraanvraag vast: %(outcome)s (ronde %(round)s)")
            % {"outcome": decision.get_outcome_display(), "round": decision.round},
        )
    for decision in (
        AccreditationDecision.objects.filter(
            Q(reviewer=a, course__provider__editors_group__user=b)
            | Q(reviewer=b, course__provider__editors_group__user=a),
            outcome=AccreditationDecision.Outcome.GRANTED,
        )
        .select_related("course")
        .distinct()
    ):
        add(
            decision.decided_at,
            decision.reviewer_id,
            b.pk if decision.reviewer_id == a.pk else a.pk,
            _(
                "kende accreditatie toe aan %(course)s, een cursus van een aanbieder die de "
                "ander redigeert"
            )
            % {"course": decision.course.title},
        )
    acts.sort(key=lambda act: act.at, reverse=True)
    return acts


def waits_for_a_reviewer_without_conflict(
    *, application: RegisterApplication, offered: list[User]
) -> bool:
    """The round has fewer reviewers than the policy asks and no College member is left who
    may review it (``offered`` is ``reviewers_offered``): the application waits, and the
    office is shown why (DOMAIN.md)."""
    if application.state != RegisterApplication.State.IN_BALLOTAGE or offered:
        return False
    if application.decisions.filter(round=application.round).exists():
        return False
    return active_assignments(application).count() < application.policy.min_reviewers
