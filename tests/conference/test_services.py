"""The Vakconferentie's rules, through its services."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conference.models import Registration, WorkshopChoice
from conference.services import (
    choice_change,
    conference_course_ensure,
    proposal_accept,
    proposal_reject,
    proposal_review,
    proposal_submit,
    registration_cancel,
    registration_check_in,
    registration_create,
)
from courses.models import Attendance, Completion, CourseKind, Enrolment
from lms.accounts.models import ConflictOfInterest, OutboundEmail, Role
from register.selectors import points_per_course, register_summary
from tests.factories import person

from .factories import make_conference, workshops_of

pytestmark = pytest.mark.django_db


def _register(conference, user, picks=(0, 0), **payment):
    rounds = workshops_of(conference)
    choices = {ws[p].round_id: ws[p].pk for ws, p in zip(rounds, picks, strict=False)}
    payment = payment or {"payer": Registration.Payer.SELF}
    return registration_create(conference=conference, person=user, choices=choices, **payment)


def _status(user, conference):
    return {
        c.workshop.title: c.status
        for c in WorkshopChoice.objects.filter(registration__person=user).select_related("workshop")
    }


def test_registration_makes_an_enrolment_in_the_accredited_edition(conference, practitioners):
    (user,) = practitioners(1)
    registration = _register(conference, user)
    assert registration.enrolment.status == Enrolment.Status.ENROLLED
    assert registration.enrolment.edition.course_id == conference.course_id
    assert conference.course.kind == CourseKind.CONSULTATION
    assert registration.price == Decimal("195.00")
    assert _status(user, conference) == {"Workshop 1.1": "geplaatst", "Workshop 2.1": "geplaatst"}


def test_a_full_workshop_puts_people_on_its_waiting_list(conference, practitioners):
    people = practitioners(4)
    for user in people:
        _register(conference, user)
    statuses = [_status(user, conference)["Workshop 1.1"] for user in people]
    assert statuses == ["geplaatst", "geplaatst", "wachtlijst", "wachtlijst"]
    placed = WorkshopChoice.objects.filter(workshop__title="Workshop 1.1", status="geplaatst")
    assert sorted(placed.values_list("seat", flat=True)) == [1, 2]


def test_cancelling_frees_places_and_promotes_the_first_in_line(conference, practitioners):
    first, second, third, fourth = practitioners(4)
    registrations = [_register(conference, user) for user in (first, second, third, fourth)]
    registration_cancel(registration=registrations[0], actor=first)
    assert _status(third, conference)["Workshop 1.1"] == "geplaatst"
    assert _status(fourth, conference)["Workshop 1.1"] == "wachtlijst"
    assert _status(first, conference) == {}
    registrations[0].refresh_from_db()
    assert registrations[0].status == Registration.Status.CANCELLED
    assert registrations[0].enrolment.status == Enrolment.Status.WITHDRAWN
    mail = OutboundEmail.objects.get(to=third.email)
    assert "Workshop 1.1" in mail.subject


def test_changing_a_choice_promotes_from_the_old_workshop(conference, practitioners):
    first, second, third = practitioners(3)
    registrations = [_register(conference, user) for user in (first, second, third)]
    round_one = workshops_of(conference)[0]
    choice_change(
        registration=registrations[0],
        actor=first,
        round_id=round_one[1].round_id,
        workshop_id=round_one[1].pk,
    )
    assert _status(first, conference)["Workshop 1.2"] == "geplaatst"
    assert _status(third, conference)["Workshop 1.1"] == "geplaatst"


def test_one_registration_per_person(conference, practitioners):
    (user,) = practitioners(1)
    _register(conference, user)
    with pytest.raises(ValidationError, match="al aangemeld"):
        _register(conference, user)
    assert Registration.objects.filter(person=user).count() == 1


def test_registering_again_after_cancelling_takes_up_the_same_row(conference, practitioners):
    (user,) = practitioners(1)
    registration_cancel(registration=_register(conference, user), actor=user)
    again = _register(conference, user, picks=(1, 1))
    assert again.status == Registration.Status.REGISTERED
    assert Registration.objects.filter(person=user).count() == 1
    assert again.enrolment.status == Enrolment.Status.ENROLLED


def test_a_workshop_of_another_round_is_refused(conference, practitioners):
    (user,) = practitioners(1)
    rounds = workshops_of(conference)
    with pytest.raises(ValidationError):
        registration_create(
            conference=conference,
            person=user,
            choices={rounds[0][0].round_id: rounds[1][0].pk},
            payer=Registration.Payer.SELF,
        )
    assert not Registration.objects.exists()


def test_employer_pays_needs_name_and_purchase_order(conference, practitioners):
    (user,) = practitioners(1)
    with pytest.raises(ValidationError) as refused:
        _register(conference, user, payer=Registration.Payer.EMPLOYER, employer_name="Welzijn")
    assert "purchase_order" in refused.value.message_dict
    assert not Registration.objects.exists()
    registration = _register(
        conference,
        user,
        payer=Registration.Payer.EMPLOYER,
        employer_name="Welzijn Rivierenland",
        purchase_order="PO-2026-117",
    )
    assert (registration.employer_name, registration.purchase_order) == (
        "Welzijn Rivierenland",
        "PO-2026-117",
    )


@pytest.mark.dates
def test_closing_date_ends_registering_and_changing(conference, practitioners):
    first, second = practitioners(2)
    registration = _register(conference, first)
    after = conference.registration_closes + dt.timedelta(days=1)
    with time_machine.travel(
        dt.datetime.combine(after, dt.time(12), tzinfo=timezone.get_current_timezone())
    ):
        with pytest.raises(ValidationError, match="gesloten"):
            _register(conference, second)
        round_one = workshops_of(conference)[0]
        with pytest.raises(ValidationError, match="Wijzigen kan tot en met"):
            choice_change(
                registration=registration,
                actor=first,
                round_id=round_one[1].round_id,
                workshop_id=round_one[1].pk,
            )
        # Cancelling stays possible until the day before the conference.
        registration_cancel(registration=registration, actor=first)


def test_someone_else_cannot_change_or_cancel(conference, practitioners):
    owner, other = practitioners(2)
    registration = _register(conference, owner)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, actor=other)


# --- Check-in and the register ------------------------------------------------------------


@pytest.mark.dates
def test_check_in_completes_and_the_register_counts_it(conference_today, practitioners, desk):
    (user,) = practitioners(1)
    registration = _register(conference_today, user)
    registration_check_in(registration=registration, actor=desk)
    registration_check_in(registration=registration, actor=desk)  # twice changes nothing
    registration.refresh_from_db()
    assert registration.checked_in_by == desk
    assert Attendance.objects.filter(enrolment=registration.enrolment).count() == 1
    completion = Completion.objects.get(person=user)
    assert completion.accredited and completion.points == Decimal("6")
    assert points_per_course(person_ids=[user.pk]) == {conference_today.course_id: Decimal("6")}
    summary = register_summary(person=user)
    points = next(r for r in summary.evaluation.requirements if r.name == "points")
    assert points.achieved == Decimal("6")


@pytest.mark.dates
def test_check_in_before_the_day_is_refused(conference, practitioners, desk):
    (user,) = practitioners(1)
    registration = _register(conference, user)
    with pytest.raises(ValidationError, match="vanaf de dag"):
        registration_check_in(registration=registration, actor=desk)
    assert not Attendance.objects.exists()


def test_only_the_desk_or_office_checks_in(conference_today, practitioners):
    user, other = practitioners(2)
    registration = _register(conference_today, user)
    with pytest.raises(PermissionDenied):
        registration_check_in(registration=registration, actor=other)
    office = person(Role.REGISTER_OFFICE)
    registration_check_in(registration=registration, actor=office)
    assert Completion.objects.filter(person=user).exists()


# --- Proposals and their review -------------------------------------------------------------


def _proposal(conference, author, **extra):
    return proposal_submit(
        conference=conference,
        person=author,
        title="Buurtbudgetten in de praktijk",
        summary="Wat werkt bij bewonersbudgetten.",
        approach="zelfredzaamheid",
        work_form="project",
        speakers="Fenna Smit, opbouwwerker",
        **extra,
    )


def test_committee_reviews_with_a_score(conference, practitioners, committee):
    (author,) = practitioners(1)
    proposal = _proposal(conference, author)
    review = proposal_review(proposal=proposal, reviewer=committee, score=4, comment="Sterk")
    assert review.score == 4
    with pytest.raises(ValidationError):
        proposal_review(proposal=proposal, reviewer=committee, score=5)


def test_score_outside_one_to_five_is_refused(conference, practitioners, committee):
    (author,) = practitioners(1)
    proposal = _proposal(conference, author)
    with pytest.raises(ValidationError):
        proposal_review(proposal=proposal, reviewer=committee, score=6)


def test_nobody_reviews_their_own_proposal(conference):
    member = person(Role.PROGRAMME_COMMITTEE)
    proposal = _proposal(conference, member)
    with pytest.raises(PermissionDenied):
        proposal_review(proposal=proposal, reviewer=member, score=5)


def test_nobody_reviews_a_proposal_from_their_organisation(conference, organisation):
    author = person(Role.JUNIOR, profile__organisation=organisation)
    colleague = person(Role.PROGRAMME_COMMITTEE, profile__organisation=organisation)
    proposal = _proposal(conference, author)
    with pytest.raises(PermissionDenied):
        proposal_review(proposal=proposal, reviewer=colleague, score=5)


def test_a_binding_conflict_with_a_co_presenter_keeps_a_reviewer_away(
    conference, practitioners, committee
):
    author, co_presenter = practitioners(2)
    proposal = _proposal(conference, author, co_presenters=[co_presenter])
    ConflictOfInterest.objects.create(
        person=committee,
        other=co_presenter,
        declared_by=committee,
        reason="Oud-collega",
        status=ConflictOfInterest.Status.BINDING,
        binds_from=timezone.now() - dt.timedelta(minutes=1),
    )
    with pytest.raises(PermissionDenied):
        proposal_review(proposal=proposal, reviewer=committee, score=3)


def test_accepting_makes_a_workshop_in_the_programme(conference, practitioners, committee):
    (author,) = practitioners(1)
    proposal = _proposal(conference, author)
    round_two = conference.rounds.order_by("sort_order")[1]
    workshop = proposal_accept(
        proposal=proposal, actor=committee, round_id=round_two.pk, room="Zaal 9", capacity=15
    )
    assert workshop.round == round_two and workshop.capacity == 15
    proposal.refresh_from_db()
    assert proposal.status == proposal.Status.ACCEPTED and proposal.workshop == workshop
    # The page's latest revision holds the workshop, so a later edit in the admin keeps it.
    latest = conference.get_latest_revision_as_object()
    assert "Buurtbudgetten in de praktijk" in [w.title for w in latest.workshops.all()]
    with pytest.raises(ValidationError):
        proposal_reject(proposal=proposal, actor=committee)


@pytest.mark.dates
def test_proposals_close_on_their_deadline(site, organiser, practitioners):
    conference = make_conference(
        home=site, provider=organiser, proposals_close_in=-1, accredited=False
    )
    (author,) = practitioners(1)
    with pytest.raises(ValidationError):
        _proposal(conference, author)


@pytest.mark.dates
def test_ensuring_the_course_again_keeps_the_attendance(conference_today, practitioners, desk):
    (user,) = practitioners(1)
    registration = _register(conference_today, user)
    registration_check_in(registration=registration, actor=desk)
    conference_course_ensure(conference=conference_today, provider=conference_today.course.provider)
    assert Attendance.objects.filter(enrolment=registration.enrolment).count() == 1


def test_publishing_a_conference_with_an_organiser_makes_and_keeps_up_its_course(site, organiser):
    conference = make_conference(home=site, provider=organiser, accredited=False)
    conference.organiser = organiser
    conference.capacity = 250
    conference.save_revision().publish()
    conference.refresh_from_db()
    edition = conference.course.editions.get()
    assert conference.course.kind == CourseKind.CONSULTATION
    assert conference.course.get_parent().pk == organiser.pk
    assert (edition.start_date, edition.end_date) == (conference.date, conference.date)
    assert edition.capacity == 250
    assert edition.meetings.count() == 1

    conference.capacity = 180
    conference.save_revision().publish()
    edition.refresh_from_db()
    assert edition.capacity == 180
    assert edition.meetings.count() == 1


def test_the_committee_places_a_proposal_in_a_conference_with_an_organiser(
    conference, organiser, practitioners, committee
):
    conference.organiser = organiser
    conference.save_revision().publish()
    (author,) = practitioners(1)
    proposal = _proposal(conference, author)
    round_two = conference.rounds.order_by("sort_order")[1]
    # The committee member may not publish the organiser's course, yet placing the proposal
    # publishes the conference page, which keeps that course in step.
    workshop = proposal_accept(
        proposal=proposal, actor=committee, round_id=round_two.pk, room="Zaal 9", capacity=15
    )
    conference.refresh_from_db()
    assert workshop.conference_id == conference.pk
    assert conference.course.editions.get().start_date == conference.date
