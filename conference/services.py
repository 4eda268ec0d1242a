"""Writes about the Vakconferentie, one keyword-only function per operation.

Places: every write that takes or frees a workshop place locks that workshop's row first
(``select_for_update``), several in the order of their ids, so that people pressing the button
at once are served one after the other; seat numbers unique per workshop are the database's
own guard against overbooking. A freed place goes at once to the first in line.

Register points: the day is an accredited course of the organising provider
(``conference_course_ensure``); a registration holds a seat in its edition
(``courses.services.enrolment_create``) and the desk's check-in marks attendance at its
meeting (``courses.services.attendance_check_in``), which completes the enrolment through the
courses' own completion. The points are the College's, counted by the register only.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CourseKind, CoursePage, Enrolment, ProviderPage
from courses.services import (
    PaymentConfirmation,
    attendance_check_in,
    course_save,
    enrolment_create,
    enrolment_withdraw,
)
from lms.accounts.models import NoticeKind, User
from lms.accounts.services import email_send, users_lock

from .models import (
    ConferencePage,
    Proposal,
    ProposalPresenter,
    ProposalReview,
    Registration,
    Workshop,
    WorkshopChoice,
    WorkshopRound,
)
from .selectors import (
    cancellation_open,
    may_decide_proposals,
    may_review_proposals,
    may_work_desk,
    proposals_open,
    registration_open,
    review_conflict,
)


class NotAtTheDesk(PermissionDenied):
    """Only the desk (or the register office) checks participants in."""


class ReviewConflict(PermissionDenied):
    """The reviewer has a stake in the proposal (DOMAIN.md, "Conflict of interest")."""


# --- The accredited course behind the day ---------------------------------------------------


def conference_course_code(conference: ConferencePage) -> str:
    return f"VC-{conference.date:%Y}"


@transaction.atomic
def conference_course_ensure(
    *, conference: ConferencePage, provider: ProviderPage, user: User | None = None
) -> CoursePage:
    """Make (or bring up to date) the consultation course of ``provider`` whose one edition on
    the conference day, with one meeting, holds the participants, and link it to the page.

    Accreditation then goes the courses' way: the provider asks, the College decides.
    """
    conference = ConferencePage.objects.select_for_update().get(pk=conference.pk)
    code = conference_course_code(conference)
    edition = {
        "code": code,
        "start_date": conference.date,
        "end_date": conference.date,
        "capacity": conference.capacity,
        "enrolment_deadline": conference.registration_closes,
        "price": conference.price,
    }
    # The meeting is made once: attendance hangs on it, and the courses' sync replaces the
    # meetings it is given.
    has_meeting = CoursePage.objects.filter(
        provider=provider, code=code, editions__code=code, editions__meetings__isnull=False
    ).exists()
    if not has_meeting:
        edition["meetings"] = [
            {
                "date": conference.date,
                "start_time": conference.start_time,
                "end_time": conference.end_time,
                "place": conference.venue,
            }
        ]
    course, _created = course_save(
        provider=provider,
        code=code,
        title=conference.title,
        kind=CourseKind.CONSULTATION,
        summary=conference.theme or conference.title,
        study_load_hours=max(1, int((_minutes(conference.start_time, conference.end_time)) / 60)),
        price=conference.price,
        rule_attendance_percent=100,
        editions=[edition],
        publish=True,
        user=user,
    )
    if conference.course_id != course.pk:
        ConferencePage.objects.filter(pk=conference.pk).update(course=course)
        conference.course = course
    return course


def conference_published(sender, instance: ConferencePage, **kwargs) -> None:
    """A published conference with an organiser gets its course, or brings it up to date (date,
    places, closing date, price), so the College can accredit the day and people can register."""
    if instance.organiser_id is None:
        return
    # Without a user: the course is the platform's record of the day, kept in step with the page
    # by whoever may publish the page (an editor, or the committee placing a proposal), who need
    # not be an editor of the organising provider.
    conference_course_ensure(conference=instance, provider=instance.organiser.specific)


def _minutes(start, end) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def _edition_and_meeting(conference: ConferencePage):
    if conference.course_id is None:
        raise ValidationError(_("De inschrijving voor deze conferentie is nog niet geopend."))
    edition = conference.course.editions.filter(code=conference_course_code(conference)).first()
    meeting = edition.meetings.order_by("date").first() if edition else None
    if edition is None or meeting is None:
        raise ValidationError(_("De inschrijving voor deze conferentie is nog niet geopend."))
    return edition, meeting


# --- Places in workshops --------------------------------------------------------------------


def _locked_workshops(ids) -> dict[int, Workshop]:
    return {
        workshop.pk: workshop
        for workshop in Workshop.objects.select_for_update()
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
    }


def _free_seat(workshop: Workshop) -> int | None:
    taken = set(
        WorkshopChoice.objects.filter(
            workshop=workshop, status=WorkshopChoice.Status.PLACED
        ).values_list("seat", flat=True)
    )
    for seat in range(1, workshop.capacity + 1):
        if seat not in taken:
            return seat
    return None


def _promote(workshop: Workshop) -> list[WorkshopChoice]:
    """Give the free places of a locked workshop to its waiting list in arrival order and tell
    each person by e-mail (the outbox, sent on commit)."""
    promoted = []
    waiting = (
        WorkshopChoice.objects.select_for_update()
        .filter(workshop=workshop, status=WorkshopChoice.Status.WAITING)
        .order_by("chosen_at", "pk")
    )
    for choice in waiting:
        seat = _free_seat(workshop)
        if seat is None:
            break
        choice.status = WorkshopChoice.Status.PLACED
        choice.seat = seat
        choice.save(update_fields=["status", "seat"])
        promoted.append(choice)
        person = choice.registration.person
        email_send(
            kind=NoticeKind.WAITLIST,
            key=f"conference-promoted:{choice.pk}:{workshop.pk}:{seat}",
            to=person.email,
            subject=_("Er is een plaats voor je vrijgekomen in %(workshop)s")
            % {"workshop": workshop.title},
            template="conference/email/promoted.txt",
            context={"choice": choice, "workshop": workshop, "conference": workshop.conference},
        )
    return promoted


def _validated_choices(
    conference: ConferencePage, choices: dict[int, int]
) -> dict[WorkshopRound, int]:
    """Map each round of ``conference`` named in ``choices`` (round id → workshop id) to the
    workshop id, refusing a workshop outside its round or conference."""
    rounds = {r.pk: r for r in WorkshopRound.objects.filter(conference=conference)}
    valid = dict(Workshop.objects.filter(conference=conference).values_list("pk", "round_id"))
    result = {}
    for round_id, workshop_id in choices.items():
        if not workshop_id:
            continue
        if round_id not in rounds or valid.get(workshop_id) != round_id:
            raise ValidationError(_("Kies per ronde een workshop uit die ronde."))
        result[rounds[round_id]] = workshop_id
    return result


def _place(*, registration: Registration, round_: WorkshopRound, workshop: Workshop, now):
    seat = _free_seat(workshop)
    choice = WorkshopChoice(
        registration=registration,
        round=round_,
        workshop=workshop,
        status=WorkshopChoice.Status.PLACED if seat else WorkshopChoice.Status.WAITING,
        seat=seat,
        chosen_at=now,
    )
    choice.save()
    return choice


# --- Registration ---------------------------------------------------------------------------


def _payment_check(*, payer: str, employer_name: str, purchase_order: str) -> None:
    if payer not in Registration.Payer.values:
        raise ValidationError({"payer": _("Kies wie de conferentie betaalt.")})
    if payer == Registration.Payer.EMPLOYER:
        errors = {}
        if not employer_name.strip():
            errors["employer_name"] = _("Geef de naam van je werkgever.")
        if not purchase_order.strip():
            errors["purchase_order"] = _("Geef het inkoopordernummer van je werkgever.")
        if errors:
            raise ValidationError(errors)


@transaction.atomic
def registration_create(
    *,
    conference: ConferencePage,
    person: User,
    choices: dict[int, int],
    payer: str,
    employer_name: str = "",
    purchase_order: str = "",
) -> Registration:
    """Register ``person`` for the day with one workshop per round (round id → workshop id):
    a place, or the workshop's waiting list when it is full. Until the closing date."""
    if not registration_open(conference):
        raise ValidationError(
            _("De inschrijving is gesloten sinds %(date)s.")
            % {"date": conference.registration_closes.strftime("%d-%m-%Y")}
        )
    _payment_check(payer=payer, employer_name=employer_name, purchase_order=purchase_order)
    if payer == Registration.Payer.SELF:
        employer_name = purchase_order = ""
    edition, _meeting = _edition_and_meeting(conference)
    wanted = _validated_choices(conference, choices)
    # The person's row first: the same person pressing twice is served once.
    users_lock(person)
    registration = (
        Registration.objects.select_for_update()
        .filter(conference=conference, person=person)
        .first()
    )
    if registration is not None and registration.is_active:
        raise ValidationError(_("Je bent al aangemeld voor deze conferentie."))
    # The edition's row lock (inside enrolment_create) serialises the day's seats.
    # The registration form is the conference's own confirmation of price and payer.
    enrolment = enrolment_create(
        edition=edition,
        person=person,
        actor=person,
        payment=PaymentConfirmation(
            payer=payer,
            employer_name=employer_name,
            purchase_order=purchase_order,
            terms_accepted=True,
        ),
    )
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("De conferentie is vol."))
    if registration is None:
        registration = Registration(conference=conference, person=person)
    registration.status = Registration.Status.REGISTERED
    registration.payer = payer
    registration.employer_name = employer_name.strip()
    registration.purchase_order = purchase_order.strip()
    registration.price = conference.price or Decimal(0)
    registration.enrolment = enrolment
    registration.cancelled_at = None
    registration.token = registration.token or secrets.token_urlsafe(32)
    registration.full_clean(exclude=["conference", "person", "enrolment"])
    registration.save()
    now = timezone.now()
    workshops = _locked_workshops(wanted.values())
    for round_, workshop_id in sorted(wanted.items(), key=lambda item: item[1]):
        _place(registration=registration, round_=round_, workshop=workshops[workshop_id], now=now)
    return registration


@transaction.atomic
def choice_change(
    *, registration: Registration, actor: User, round_id: int, workshop_id: int | None
) -> WorkshopChoice | None:
    """Choose another workshop in a round (or none), until the closing date. The old place,
    if any, goes to the first on that workshop's waiting list."""
    if actor.pk != registration.person_id:
        raise PermissionDenied(_("Dit is niet jouw aanmelding."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    conference = registration.conference
    if not registration.is_active:
        raise ValidationError(_("Deze aanmelding is geannuleerd."))
    if not registration_open(conference):
        raise ValidationError(
            _("Wijzigen kan tot en met %(date)s.")
            % {"date": conference.registration_closes.strftime("%d-%m-%Y")}
        )
    wanted = _validated_choices(conference, {round_id: workshop_id} if workshop_id else {})
    round_ = WorkshopRound.objects.filter(conference=conference, pk=round_id).first()
    if round_ is None:
        raise ValidationError(_("Kies per ronde een workshop uit die ronde."))
    current = registration.choices.filter(round=round_).first()
    if current is not None and current.workshop_id == workshop_id:
        return current
    ids = [workshop_id] if workshop_id else []
    if current is not None:
        ids.append(current.workshop_id)
    workshops = _locked_workshops(ids)
    choice = None
    if current is not None:
        current.delete()
    if wanted:
        choice = _place(
            registration=registration,
            round_=round_,
            workshop=workshops[workshop_id],
            now=timezone.now(),
        )
    if current is not None:
        _promote(workshops[current.workshop_id])
    return choice


@transaction.atomic
def registration_cancel(*, registration: Registration, actor: User) -> Registration:
    """Cancel a registration until the day before the conference: its seat of the day and its
    workshop places go to whoever waits for them."""
    if actor.pk != registration.person_id:
        raise PermissionDenied(_("Dit is niet jouw aanmelding."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("Deze aanmelding is al geannuleerd."))
    if not cancellation_open(registration.conference):
        raise ValidationError(_("Annuleren kan tot de dag van de conferentie."))
    if registration.enrolment_id:
        enrolment = registration.enrolment
        if enrolment.is_active:
            enrolment_withdraw(enrolment=enrolment, actor=actor)
    workshop_ids = list(registration.choices.values_list("workshop_id", flat=True))
    workshops = _locked_workshops(workshop_ids)
    registration.choices.all().delete()
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    for workshop in workshops.values():
        _promote(workshop)
    return registration


# --- The desk --------------------------------------------------------------------------------


@transaction.atomic
def registration_check_in(*, registration: Registration, actor: User) -> Registration:
    """Mark the participant present, with who and when; from the conference day on. Checking
    in twice changes nothing. The attendance completes the course of the day, so the
    participant gets a completion, certificate and credential like any course."""
    if not may_work_desk(actor):
        raise NotAtTheDesk(_("Alleen de balie checkt deelnemers in."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise ValidationError(_("Deze aanmelding is geannuleerd."))
    conference = registration.conference
    if timezone.localdate() < conference.date:
        raise ValidationError(
            _("Inchecken kan vanaf de dag van de conferentie, %(date)s.")
            % {"date": conference.date.strftime("%d-%m-%Y")}
        )
    if registration.checked_in_at is not None:
        return registration
    _edition, meeting = _edition_and_meeting(conference)
    if registration.enrolment_id:
        attendance_check_in(enrolment=registration.enrolment, meeting_id=meeting.pk, actor=actor)
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = actor
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return registration


# --- Call for contributions ------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    conference: ConferencePage,
    person: User,
    title: str,
    summary: str,
    approach: str,
    work_form: str,
    speakers: str,
    co_presenters: list[User] = (),
) -> Proposal:
    """A practitioner proposes a workshop, until the conference's deadline for proposals."""
    if not proposals_open(conference):
        raise ValidationError(_("Voorstellen indienen kan niet meer voor deze conferentie."))
    proposal = Proposal(
        conference=conference,
        submitted_by=person,
        title=title.strip(),
        summary=summary.strip(),
        approach=approach,
        work_form=work_form,
        speakers=speakers.strip(),
    )
    proposal.full_clean()
    proposal.save()
    ProposalPresenter.objects.bulk_create(
        ProposalPresenter(proposal=proposal, person=user)
        for user in {user.pk: user for user in co_presenters if user.pk != person.pk}.values()
    )
    return proposal


def proposal_review_check(*, user: User, proposal: Proposal) -> None:
    """Raise unless ``user`` may review ``proposal``: a committee member without a stake."""
    if not may_review_proposals(user):
        raise PermissionDenied(_("Alleen de programmacommissie beoordeelt voorstellen."))
    if review_conflict(user=user, proposal=proposal):
        raise ReviewConflict(
            _(
                "Je hebt belang bij dit voorstel (je eigen voorstel, iemand van je organisatie "
                "of een belangenconflict) en kunt het daarom niet beoordelen."
            )
        )


@transaction.atomic
def proposal_review(
    *, proposal: Proposal, reviewer: User, score: int, comment: str = ""
) -> ProposalReview:
    """Score a proposal from 1 to 5, with a comment; a second review replaces nothing."""
    # The reviewer's row first, as conflict_declare locks it: a conflict that binds at this
    # moment is seen, or waits for this review.
    users_lock(reviewer)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal_review_check(user=reviewer, proposal=proposal)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    if ProposalReview.objects.filter(proposal=proposal, reviewer=reviewer).exists():
        raise ValidationError(_("Je hebt dit voorstel al beoordeeld."))
    review = ProposalReview(
        proposal=proposal,
        reviewer=reviewer,
        score=score,
        comment=comment.strip(),
        reviewed_at=timezone.now(),
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def proposal_reject(*, proposal: Proposal, actor: User) -> Proposal:
    if not may_decide_proposals(actor):
        raise PermissionDenied(_("Alleen de programmacommissie besluit over voorstellen."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    if review_conflict(user=actor, proposal=proposal):
        raise ReviewConflict(_("Je hebt belang bij dit voorstel en besluit er niet over."))
    proposal.status = Proposal.Status.REJECTED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    email_send(
        kind=NoticeKind.CONFERENCE,
        key=f"conference-proposal-decided:{proposal.pk}",
        to=proposal.submitted_by.email,
        subject=_("Je voorstel voor de Vakconferentie: %(title)s") % {"title": proposal.title},
        template="conference/email/proposal_decided.txt",
        context={"proposal": proposal},
    )
    return proposal


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, actor: User, round_id: int, room: str, capacity: int
) -> Workshop:
    """Accept a proposal: it becomes a workshop in ``round_id`` with a room and places, added
    to the conference page as a new published revision, so the admin's next edit keeps it."""
    if not may_decide_proposals(actor):
        raise PermissionDenied(_("Alleen de programmacommissie besluit over voorstellen."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Over dit voorstel is al besloten."))
    if review_conflict(user=actor, proposal=proposal):
        raise ReviewConflict(_("Je hebt belang bij dit voorstel en besluit er niet over."))
    conference = ConferencePage.objects.select_for_update().get(pk=proposal.conference_id)
    round_ = WorkshopRound.objects.filter(conference=conference, pk=round_id).first()
    if round_ is None:
        raise ValidationError({"round": _("Kies een ronde van deze conferentie.")})
    if not room.strip():
        raise ValidationError({"room": _("Geef een zaal.")})
    if not capacity or capacity < 1:
        raise ValidationError({"capacity": _("Een workshop heeft minstens één plaats.")})
    page = conference.get_latest_revision_as_object()
    workshop = Workshop(
        round=round_,
        title=proposal.title,
        summary=proposal.summary,
        room=room.strip(),
        capacity=capacity,
        approach=proposal.approach,
        work_form=proposal.work_form,
    )
    workshop.full_clean(exclude=["conference"])
    page.workshops.add(workshop)
    # The committee decides on the programme, not on the page: this service has checked who
    # may, so Wagtail's page permissions are not asked again.
    page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    workshop = Workshop.objects.filter(conference=conference, title=proposal.title).latest("pk")
    proposal.status = Proposal.Status.ACCEPTED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.workshop = workshop
    proposal.save(update_fields=["status", "decided_by", "decided_at", "workshop"])
    email_send(
        kind=NoticeKind.CONFERENCE,
        key=f"conference-proposal-decided:{proposal.pk}",
        to=proposal.submitted_by.email,
        subject=_("Je voorstel voor de Vakconferentie: %(title)s") % {"title": proposal.title},
        template="conference/email/proposal_decided.txt",
        context={"proposal": proposal},
    )
    return workshop
