"""Each way a recorded conflict of interest was walked around, walked again and refused
(DOMAIN.md, "Conflicts hold from the moment they are recorded"): confirming, attesting,
voting, deciding and accrediting across a binding conflict, and a request that does not bind
before the office confirms it."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from courses.models import AccreditationDecision, AccreditationRequest
from courses.selectors import accreditation_requests_for_reviewer
from courses.services import (
    AccreditationConflict,
    accreditation_decide,
    accreditation_request_submit,
    accreditation_review_check,
)
from lms.accounts.models import ConflictOfInterest, OutboundEmail, Role
from lms.accounts.services import conflict_decide, conflict_declare, role_set
from mentoring import services as mentoring_services
from mentoring.models import CoachingSession, PracticeMonth, Trajectory
from register.models import BallotageVote, ReviewerRecusal
from register.selectors import active_assignments, reviewers_offered
from register.services import (
    ballotage_decide,
    ballotage_vote,
    register_application_check,
    register_application_submit,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
from tests.courses.factories import CoursePageFactory
from tests.factories import person
from tests.mentoring.factories import (
    CoachingSessionFactory,
    PracticeMonthFactory,
    TrajectoryFactory,
    practitioner,
)

from .factories import make_eligible

pytestmark = pytest.mark.django_db

REFLECTIONS = {
    "zelfredzaamheid": "Bewonersgroep zelf laten organiseren.",
    "strategisch": "Advies aan de gemeente over wijkbudget.",
    "sociaal_organisatorisch": "Samenwerking tussen drie instellingen opgezet.",
}


@pytest.fixture
def applicant(provider, attester, organisation):
    junior = person(Role.JUNIOR, profile__organisation=organisation)
    make_eligible(who=junior, today=timezone.localdate(), provider=provider, attester=attester)
    return junior


@pytest.fixture
def college(db):
    return [person(Role.BOARD_MEMBER) for _ in range(4)]


@pytest.fixture
def in_ballotage(applicant, register_office):
    application = register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
    )
    register_application_check(actor=register_office, application=application, complete=True)
    application.refresh_from_db()
    return application


def _vote(assignment, value="positive"):
    return ballotage_vote(
        actor=assignment.reviewer, assignment=assignment, value=value, motivation="Gewogen."
    )


# --- Coaching and practice ---------------------------------------------------------------------


def test_a_recorded_conflict_stops_the_junior_confirming_the_seniors_session(register_office):
    trajectory = TrajectoryFactory()
    session = CoachingSessionFactory(trajectory=trajectory)
    conflict_declare(
        actor=register_office,
        person=trajectory.senior,
        other=trajectory.junior,
        reason="Getrouwd.",
    )
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        mentoring_services.coaching_session_confirm(actor=trajectory.junior, session=session)
    session.refresh_from_db()
    assert (session.status, session.confirmed_by) == (CoachingSession.Status.AWAITING, None)

    # Nor does the senior log, plan or correct a session for this junior: the office ends the
    # trajectory.
    with pytest.raises(ValidationError, match="registerbureau beëindigt het traject"):
        mentoring_services.coaching_session_log(
            actor=trajectory.senior,
            trajectory=trajectory,
            starts_at=timezone.now() - dt.timedelta(hours=5),
            duration_minutes=60,
            mode=CoachingSession.Mode.ONLINE,
        )
    with pytest.raises(ValidationError, match="registerbureau beëindigt het traject"):
        mentoring_services.coaching_session_plan(
            actor=trajectory.senior,
            trajectory=trajectory,
            starts_at=timezone.now() + dt.timedelta(days=2),
            duration_minutes=60,
            mode=CoachingSession.Mode.ONLINE,
        )
    assert trajectory.sessions.count() == 1


def test_the_junior_is_told_on_the_page_and_nothing_changes(client):
    trajectory = TrajectoryFactory()
    session = CoachingSessionFactory(trajectory=trajectory)
    conflict_declare(
        actor=trajectory.senior, person=trajectory.senior, other=trajectory.junior, reason="x"
    )
    client.force_login(trajectory.junior)
    response = client.post(reverse("mentoring:session_confirm", args=[session.pk]), follow=True)
    assert response.status_code == 200
    assert "belangenverstrengeling" in response.content.decode()
    session.refresh_from_db()
    assert session.status == CoachingSession.Status.AWAITING


def test_a_line_manager_with_a_recorded_conflict_does_not_attest_the_month(manager):
    junior = person(Role.JUNIOR, profile__line_manager=manager)
    month = PracticeMonthFactory(person=junior)
    conflict_declare(actor=manager, person=manager, other=junior, reason="Mijn schoonzus.")
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        mentoring_services.practice_month_attest(actor=manager, practice_month=month)
    month.refresh_from_db()
    assert (month.status, month.attested_by) == (PracticeMonth.Status.SUBMITTED, None)


def test_a_junior_naming_the_line_manager_asks_the_office_first(manager, register_office):
    junior = person(Role.JUNIOR, profile__line_manager=manager)
    month = PracticeMonthFactory(person=junior)
    conflict = conflict_declare(actor=junior, person=junior, other=manager, reason="Ruzie.")
    assert conflict.status == ConflictOfInterest.Status.REQUESTED
    # Not binding yet: the manager still attests, until the office confirms.
    mentoring_services.practice_month_attest(actor=manager, practice_month=month)
    conflict_decide(actor=register_office, conflict=conflict, confirm=True)
    later = PracticeMonthFactory(
        person=junior, month=(month.month - dt.timedelta(days=1)).replace(day=1)
    )
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        mentoring_services.practice_month_attest(actor=manager, practice_month=later)


def test_only_a_binding_conflict_keeps_a_pair_from_a_trajectory(register_office, organisation):
    senior = practitioner(Role.SENIOR, organisation=organisation)
    junior = practitioner(Role.JUNIOR, organisation=organisation)
    role_set(user=senior, roles=[Role.SENIOR, Role.BOARD_MEMBER])
    request = conflict_declare(actor=junior, person=junior, other=senior, reason="Oud-collega.")
    assert request.status == ConflictOfInterest.Status.REQUESTED
    trajectory = mentoring_services.trajectory_propose(
        actor=register_office, senior=senior, junior=junior
    )
    mentoring_services.trajectory_decline(actor=junior, trajectory=trajectory, reason="Nee.")
    conflict_decide(actor=register_office, conflict=request, confirm=True)
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        mentoring_services.trajectory_propose(actor=register_office, senior=senior, junior=junior)


def test_a_proposed_trajectory_is_not_accepted_once_a_conflict_binds(register_office):
    trajectory = TrajectoryFactory(
        status=Trajectory.Status.PROPOSED, senior_accepted_at=None, junior_accepted_at=None
    )
    conflict_declare(
        actor=trajectory.senior, person=trajectory.senior, other=trajectory.junior, reason="x"
    )
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        mentoring_services.trajectory_accept(actor=trajectory.junior, trajectory=trajectory)
    trajectory.refresh_from_db()
    assert trajectory.junior_accepted_at is None


# --- Ballotage -------------------------------------------------------------------------------


def test_a_conflict_after_the_vote_withdraws_it_and_the_office_assigns_another(
    in_ballotage, register_office, college, applicant
):
    first, second, third = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college[:3]
    )
    _vote(first, "positive")
    # Declared after assignment and after the vote: the vote has decided nothing yet.
    conflict = conflict_declare(
        actor=college[0], person=college[0], other=applicant, reason="Haar oom."
    )
    recusal = ReviewerRecusal.objects.get(assignment=first)
    assert f"melding {conflict.pk}" in recusal.reason
    assert first.pk not in {a.pk for a in active_assignments(in_ballotage)}
    told = OutboundEmail.objects.get(
        key=f"register-reviewer-withdrawn:{first.pk}:{register_office.pk}"
    )
    assert told.to == register_office.email
    assert "Wijs een andere beoordelaar toe" in told.body

    _vote(second, "negative")
    _vote(third, "negative")
    # Two votes count; the withdrawn one does not decide anything.
    with pytest.raises(ValidationError, match="minstens 3"):
        ballotage_decide(actor=register_office, application=in_ballotage)
    assert college[0].pk not in {m.pk for m in reviewers_offered(application=in_ballotage)}
    (fourth,) = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=[college[3]]
    )
    _vote(fourth, "positive")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    assert (decision.positive_votes, decision.negative_votes) == (1, 2)
    assert decision.outcome == "negative"
    # The vote itself is kept, as history is.
    assert BallotageVote.objects.filter(assignment=first).exists()


def test_a_reviewer_with_a_conflict_declared_after_assignment_does_not_vote(
    in_ballotage, register_office, college, applicant
):
    first, *_rest = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college[:3]
    )
    conflict_declare(actor=register_office, person=applicant, other=college[0], reason="Buren.")
    with pytest.raises(ValidationError):
        _vote(first)
    assert not BallotageVote.objects.exists()


def test_the_vote_refuses_a_conflict_even_where_no_withdrawal_was_made(
    in_ballotage, register_office, college, applicant
):
    """The vote asks for itself: a conflict row written past the services still stops it."""
    first, *_rest = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college[:3]
    )
    now = timezone.now()
    ConflictOfInterest.objects.create(
        person=college[0],
        other=applicant,
        reason="Buren.",
        declared_by=register_office,
        status=ConflictOfInterest.Status.BINDING,
        binds_from=now,
    )
    with pytest.raises(ValidationError, match="belangenverstrengeling met de aanvrager"):
        _vote(first)
    assert not BallotageVote.objects.exists()


def test_an_applicant_naming_a_reviewer_binds_once_the_office_confirms(
    in_ballotage, register_office, college, applicant
):
    first, *_rest = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college[:3]
    )
    request = conflict_declare(
        actor=applicant, person=applicant, other_email=college[0].email, reason="Hij mag mij niet."
    )
    assert request.status == ConflictOfInterest.Status.REQUESTED
    # A request strikes nobody: the reviewer stays and votes.
    assert not ReviewerRecusal.objects.exists()
    assert college[3].pk in {m.pk for m in reviewers_offered(application=in_ballotage)}
    _vote(first)
    conflict_decide(actor=register_office, conflict=request, confirm=True, note="Aangetoond.")
    assert ReviewerRecusal.objects.filter(assignment=first).exists()
    assert first.pk not in {a.pk for a in active_assignments(in_ballotage)}


def test_an_office_member_with_a_conflict_does_not_record_the_decision(
    in_ballotage, register_office, college, applicant
):
    for assignment in reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college[:3]
    ):
        _vote(assignment)
    conflict_declare(actor=register_office, person=register_office, other=applicant, reason="x")
    with pytest.raises(ValidationError, match="een collega van het registerbureau"):
        ballotage_decide(actor=register_office, application=in_ballotage)
    assert not in_ballotage.decisions.exists()
    colleague = person(Role.REGISTER_OFFICE)
    assert ballotage_decide(actor=colleague, application=in_ballotage).outcome == "positive"


def test_without_a_reviewer_free_of_conflict_the_application_waits(
    client, in_ballotage, register_office, applicant
):
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    assignments = reviewers_assign(
        actor=register_office, application=in_ballotage, reviewers=college
    )
    url = reverse("register:office_application", args=[in_ballotage.pk])
    waiting = "Er is geen lid van het College zonder belangenverstrengeling meer beschikbaar"
    client.force_login(register_office)
    assert waiting not in client.get(url).content.decode()

    conflict_declare(actor=college[1], person=college[1], other=applicant, reason="Zwager.")
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert waiting in page.get_text()
    assert "teruggetrokken wegens belangenverstrengeling" in page.get_text()
    _vote(assignments[0])
    _vote(assignments[2])
    with pytest.raises(ValidationError, match="minstens 3"):
        ballotage_decide(actor=register_office, application=in_ballotage)

    # A new College member ends the wait.
    person(Role.BOARD_MEMBER)
    assert waiting not in client.get(url).content.decode()


# --- Accreditation -----------------------------------------------------------------------------


@pytest.fixture
def accreditation_request(provider, provider_editor_a):
    course = CoursePageFactory(parent=provider, points_requested=Decimal("40"))
    return accreditation_request_submit(course=course, user=provider_editor_a, note="")


def _grant(request, reviewer):
    today = timezone.localdate()
    return accreditation_decide(
        request=request,
        reviewer=reviewer,
        outcome=AccreditationDecision.Outcome.GRANTED,
        points_granted=Decimal("40"),
        valid_from=today,
        valid_until=today + dt.timedelta(days=365),
        motivation="Goed.",
    )


def test_a_college_member_in_conflict_with_an_editor_does_not_grant_accreditation(
    accreditation_request, provider_editor_a
):
    member = person(Role.BOARD_MEMBER)
    assert list(accreditation_requests_for_reviewer(user=member)) == [accreditation_request]
    conflict_declare(actor=member, person=member, other=provider_editor_a, reason="Mijn broer.")
    assert list(accreditation_requests_for_reviewer(user=member)) == []
    with pytest.raises(AccreditationConflict):
        accreditation_review_check(user=member, course=accreditation_request.course)
    with pytest.raises(AccreditationConflict):
        _grant(accreditation_request, member)
    accreditation_request.refresh_from_db()
    assert accreditation_request.status == AccreditationRequest.Status.OPEN
    assert not AccreditationDecision.objects.exists()
    # Another member grants it.
    _grant(accreditation_request, person(Role.BOARD_MEMBER))


def test_a_conflict_with_someone_of_the_providers_organisation_blocks_too(
    accreditation_request, provider, register_office
):
    member = person(Role.BOARD_MEMBER)
    director = person(profile__organisation=provider.organisation)
    conflict_declare(actor=register_office, person=member, other=director, reason="Partner.")
    assert list(accreditation_requests_for_reviewer(user=member)) == []
    with pytest.raises(AccreditationConflict):
        _grant(accreditation_request, member)


def test_a_provider_naming_a_college_member_asks_the_office_first(
    accreditation_request, provider_editor_a, register_office
):
    member = person(Role.BOARD_MEMBER)
    request = conflict_declare(
        actor=provider_editor_a, person=provider_editor_a, other=member, reason="Concurrent."
    )
    assert request.status == ConflictOfInterest.Status.REQUESTED
    assert list(accreditation_requests_for_reviewer(user=member)) == [accreditation_request]
    conflict_decide(actor=register_office, conflict=request, confirm=False, note="Geen belang.")
    _grant(accreditation_request, member)


# --- Outside activities ------------------------------------------------------------------------


def test_an_office_member_with_a_recorded_conflict_does_not_accept_the_activity(
    register_office, request
):
    from courses.models import OutsideActivity
    from courses.services import outside_activity_decide
    from register.selectors import register_summary

    from .factories import outside_activity

    junior = person(Role.JUNIOR)
    colleague = person(Role.REGISTER_OFFICE)
    today = timezone.localdate()
    earlier = outside_activity(who=junior, on=today, points="10", decider=register_office)
    waiting = outside_activity(
        who=junior, on=today, points="12", status=OutsideActivity.Status.SUBMITTED
    )
    # Deciding checks the evidence itself: this one has a real file.
    waiting.evidence.save("bewijs.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    request.addfinalizer(lambda: waiting.evidence.delete(save=False))
    conflict_declare(actor=colleague, person=register_office, other=junior, reason="Haar broer.")

    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        outside_activity_decide(activity=waiting, actor=register_office, accept=True)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.decided_by) == (OutsideActivity.Status.SUBMITTED, None)
    # A colleague without a conflict decides instead.
    outside_activity_decide(activity=waiting, actor=colleague, accept=True)

    # An acceptance recorded after the conflict bound (as before this rule) stays, but does
    # not count; the one from before the conflict does.
    OutsideActivity.objects.filter(pk=earlier.pk).update(decided_at=timezone.now())
    entries = {
        e.source_id: e.status
        for e in register_summary(person=junior).entries
        if e.source == "outside_activity"
    }
    assert entries == {earlier.pk: "conflict", waiting.pk: "counts"}
    assert register_summary(person=junior).evaluation.get("points").achieved == Decimal("12")
