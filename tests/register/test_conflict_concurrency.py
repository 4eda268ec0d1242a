"""A conflict of interest that binds at the moment someone acts across it: both lock the two
people's rows, so one of them comes second and sees the other. Whatever the order, no act
counts that the conflict forbade when it was done."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from lms.accounts.models import ConflictOfInterest, Role
from lms.accounts.services import conflict_declare
from mentoring import services as mentoring_services
from mentoring.models import CoachingSession
from register.models import (
    BallotageDecision,
    BallotageVote,
    RegisterApplication,
    RegisterPolicy,
    ReviewerRecusal,
)
from register.selectors import active_assignments
from register.services import ballotage_decide, ballotage_vote, reviewers_assign
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

# Checked at collection, so that SQLite runs never set up (and flush) a transactional database.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks are tested on PostgreSQL",
    ),
]

ROUNDS = 3


def _in_parallel(*calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            call()
            outcomes[index] = "ok"
        except ValidationError:
            outcomes[index] = "refused"
        except Exception as error:  # noqa: BLE001 - a deadlock or a 500 fails the test below
            outcomes[index] = repr(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _application_in_ballotage():
    """An application with three reviewers, written directly: the race is what is tested."""
    # Transactional tests empty the database between them, the policy of the migrations too.
    policy, _ = RegisterPolicy.objects.get_or_create(
        version=1, defaults={"effective_from": dt.date(2000, 1, 1)}
    )
    office = person(Role.REGISTER_OFFICE)
    application = RegisterApplication.objects.create(
        person=person(Role.JUNIOR),
        policy=policy,
        evaluated_on=dt.date.today(),
        evaluation={},
        ledger_csv="",
        state=RegisterApplication.State.IN_BALLOTAGE,
    )
    reviewers = [person(Role.BOARD_MEMBER) for _ in range(3)]
    assignments = reviewers_assign(actor=office, application=application, reviewers=reviewers)
    return office, application, assignments


@pytest.mark.django_db(transaction=True)
def test_a_vote_racing_a_conflict_never_counts_when_cast_under_it():
    for _ in range(ROUNDS):
        office, application, (first, *_rest) = _application_in_ballotage()

        def vote(assignment=first):
            ballotage_vote(
                actor=assignment.reviewer, assignment=assignment, value="positive", motivation="Ja."
            )

        def declare(assignment=first, office=office, application=application):
            conflict_declare(
                actor=office, person=assignment.reviewer, other=application.person, reason="x"
            )

        vote_outcome, declare_outcome = _in_parallel(vote, declare)
        assert declare_outcome == "ok"
        assert vote_outcome in ("ok", "refused")
        conflict = ConflictOfInterest.objects.get(person=first.reviewer)
        # Either way the review is withdrawn; a vote exists only if it came first.
        assert ReviewerRecusal.objects.filter(assignment=first).exists()
        assert first.pk not in {a.pk for a in active_assignments(application)}
        vote_row = BallotageVote.objects.filter(assignment=first).first()
        assert (vote_row is not None) == (vote_outcome == "ok")
        if vote_row is not None:
            assert vote_row.cast_at < conflict.binds_from


@pytest.mark.django_db(transaction=True)
def test_a_decision_racing_a_conflict_counts_only_votes_cast_before_it():
    for _ in range(ROUNDS):
        office, application, assignments = _application_in_ballotage()
        for assignment in assignments:
            ballotage_vote(
                actor=assignment.reviewer, assignment=assignment, value="positive", motivation="Ja."
            )
        reviewer = assignments[0].reviewer
        deciding_office = person(Role.REGISTER_OFFICE)

        def decide(application=application, deciding_office=deciding_office):
            ballotage_decide(actor=deciding_office, application=application)

        def declare(reviewer=reviewer, office=office, application=application):
            conflict_declare(actor=office, person=reviewer, other=application.person, reason="x")

        decide_outcome, declare_outcome = _in_parallel(decide, declare)
        assert declare_outcome == "ok"
        conflict = ConflictOfInterest.objects.get(person=reviewer)
        decision = BallotageDecision.objects.filter(application=application).first()
        if decide_outcome == "ok":
            # Decided first: the vote had decided, and the decided round stays as it was.
            assert decision.decided_at < conflict.binds_from
            assert not ReviewerRecusal.objects.filter(assignment=assignments[0]).exists()
        else:
            # Bound first: the vote was withdrawn and two votes are too few.
            assert decide_outcome == "refused"
            assert decision is None
            assert ReviewerRecusal.objects.filter(assignment=assignments[0]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_confirmation_racing_a_conflict_is_refused_or_came_first():
    for _ in range(ROUNDS):
        trajectory = TrajectoryFactory()
        session = CoachingSessionFactory(trajectory=trajectory)

        def confirm(trajectory=trajectory, session=session):
            mentoring_services.coaching_session_confirm(actor=trajectory.junior, session=session)

        def declare(trajectory=trajectory):
            conflict_declare(
                actor=trajectory.senior,
                person=trajectory.senior,
                other=trajectory.junior,
                reason="Familie.",
            )

        confirm_outcome, declare_outcome = _in_parallel(confirm, declare)
        assert declare_outcome == "ok"
        assert confirm_outcome in ("ok", "refused")
        conflict = ConflictOfInterest.objects.get(person=trajectory.senior)
        session.refresh_from_db()
        if confirm_outcome == "ok":
            assert session.status == CoachingSession.Status.CONFIRMED
            assert session.confirmed_at < conflict.binds_from
        else:
            assert session.status == CoachingSession.Status.AWAITING
