"""Reads about the Vakconferentie: the programme with free places, a person's registration,
the desk's search, the proposals a committee member may review.

Every list is read in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Avg,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat
from django.utils import timezone

from lms.accounts.models import Profile, User
from lms.accounts.selectors import (
    conflicts_binding,
    is_checkin_desk,
    is_programme_committee,
    is_register_office,
)

from .models import (
    ConferencePage,
    ConferenceSpeaker,
    PlenaryPart,
    ProgrammeDocument,
    Proposal,
    ProposalReview,
    Registration,
    Workshop,
    WorkshopChoice,
    WorkshopRound,
)

# --- Who does what ---------------------------------------------------------------------------


def may_work_desk(user) -> bool:
    """The desk checks people in; the register office may do all the desk does."""
    return is_checkin_desk(user) or is_register_office(user)


def may_review_proposals(user) -> bool:
    return is_programme_committee(user)


def may_decide_proposals(user) -> bool:
    """The programme committee accepts or rejects; so may the register office."""
    return is_programme_committee(user) or is_register_office(user)


# --- Dates -----------------------------------------------------------------------------------


def registration_open(conference: ConferencePage, *, today: dt.date | None = None) -> bool:
    """Registering and changing choices is open until the closing date (a Dutch day)."""
    return (today or timezone.localdate()) <= conference.registration_closes


def proposals_open(conference: ConferencePage, *, today: dt.date | None = None) -> bool:
    if conference.proposals_close is None:
        return False
    return (today or timezone.localdate()) <= conference.proposals_close


def cancellation_open(conference: ConferencePage, *, today: dt.date | None = None) -> bool:
    """Cancelling is possible until the day before the conference (the course's edition starts
    on the day itself, ``courses.services.enrolment_withdraw``)."""
    return (today or timezone.localdate()) < conference.date


# --- The programme ---------------------------------------------------------------------------


def workshops_with_places(conference: ConferencePage) -> QuerySet[Workshop]:
    placed = Count("choices", filter=Q(choices__status=WorkshopChoice.Status.PLACED), distinct=True)
    waiting = Count(
        "choices", filter=Q(choices__status=WorkshopChoice.Status.WAITING), distinct=True
    )
    return (
        Workshop.objects.filter(conference=conference)
        .annotate(placed=placed, waiting=waiting)
        .prefetch_related("speakers", "documents__document", "documents__publication")
        .order_by("round__sort_order", "round_id", "sort_order", "pk")
    )


@dataclass
class RoundProgramme:
    round: WorkshopRound
    workshops: list[Workshop]


def conference_programme(conference: ConferencePage) -> dict:
    """Plenary parts, rounds with their workshops (places taken, waiting list), documents."""
    workshops = list(workshops_with_places(conference))
    for workshop in workshops:
        workshop.free = max(workshop.capacity - workshop.placed, 0)
    rounds = []
    for round_ in WorkshopRound.objects.filter(conference=conference).order_by("sort_order", "pk"):
        rounds.append(
            RoundProgramme(
                round=round_, workshops=[w for w in workshops if w.round_id == round_.pk]
            )
        )
    plenaries = list(
        PlenaryPart.objects.filter(conference=conference)
        .prefetch_related("speakers", "documents__document", "documents__publication")
        .order_by("start_time", "sort_order")
    )
    documents = list(
        ProgrammeDocument.objects.filter(
            conference=conference, workshop__isnull=True, plenary__isnull=True
        ).select_related("document", "publication")
    )
    speakers = list(ConferenceSpeaker.objects.filter(conference=conference).order_by("sort_order"))
    return {
        "plenaries": plenaries,
        "rounds": rounds,
        "general_documents": documents,
        "speakers": speakers,
    }


def registration_for(*, conference: ConferencePage, user) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Registration.objects.filter(conference=conference, person=user)
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=WorkshopChoice.objects.select_related("workshop", "round").order_by(
                    "round__sort_order", "round_id"
                ),
            )
        )
        .first()
    )


def waiting_position(choice: WorkshopChoice) -> int | None:
    """1 for the first in line on the workshop's waiting list."""
    if choice.status != WorkshopChoice.Status.WAITING:
        return None
    return (
        WorkshopChoice.objects.filter(
            workshop_id=choice.workshop_id, status=WorkshopChoice.Status.WAITING
        )
        .filter(Q(chosen_at__lt=choice.chosen_at) | Q(chosen_at=choice.chosen_at, pk__lt=choice.pk))
        .count()
        + 1
    )


def my_conference(*, conference: ConferencePage, user: User) -> dict:
    """What "Mijn Vakconferentie" shows: the registration, its choices and waiting places."""
    registration = registration_for(conference=conference, user=user)
    choices = []
    if registration is not None and registration.is_active:
        for choice in registration.choices.all():
            choice.position = waiting_position(choice)
            choices.append(choice)
    return {
        "conference": conference,
        "registration": registration,
        "choices": choices,
        "proposals": proposals_involving(user=user, conference=conference),
        "registration_open": registration_open(conference),
        "cancellation_open": cancellation_open(conference),
    }


def conference_page_context(*, conference: ConferencePage, user) -> dict:
    context = conference_programme(conference)
    registration = registration_for(conference=conference, user=user)
    context.update(
        {
            "registration": registration if registration and registration.is_active else None,
            "registration_open": registration_open(conference),
            "proposals_open": proposals_open(conference),
        }
    )
    return context


def conferences_upcoming() -> QuerySet[ConferencePage]:
    return ConferencePage.objects.live().filter(date__gte=timezone.localdate()).order_by("date")


# --- The desk --------------------------------------------------------------------------------

DESK_RESULTS = 50


def desk_search(*, conference: ConferencePage, query: str) -> list[Registration]:
    """Active registrations whose participant's name or e-mail address holds ``query``; at
    most ``DESK_RESULTS``, in two queries."""
    rows = (
        Registration.objects.filter(conference=conference, status=Registration.Status.REGISTERED)
        .select_related("person", "person__profile__organisation", "checked_in_by")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=WorkshopChoice.objects.select_related("workshop").order_by(
                    "round__sort_order", "round_id"
                ),
            )
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )
    query = " ".join(query.split())[:100]
    if query:
        rows = rows.annotate(
            full_name=Concat(
                "person__first_name", Value(" ", output_field=CharField()), "person__last_name"
            )
        ).filter(
            Q(full_name__icontains=query)
            | Q(person__last_name__icontains=query)
            | Q(person__email__icontains=query)
        )
    return list(rows[:DESK_RESULTS])


def registration_by_token(*, token: str) -> Registration | None:
    if not token:
        return None
    return (
        Registration.objects.select_related("person", "conference", "person__profile__organisation")
        .filter(token=token)
        .first()
    )


def organisation_name(person: User) -> str:
    profile = Profile.objects.filter(user=person).select_related("organisation").first()
    return profile.organisation.name if profile and profile.organisation else ""


# --- Proposals -------------------------------------------------------------------------------


def proposal_people(proposal: Proposal) -> list[int]:
    """The ids of everyone a proposal is from: who submitted it and the co-presenters."""
    return [proposal.submitted_by_id, *proposal.presenters.values_list("person_id", flat=True)]


def review_conflict(*, user: User, proposal: Proposal) -> bool:
    """Has ``user`` a stake in ``proposal``: their own, from someone of their organisation, or
    with someone they have a binding conflict of interest with (DOMAIN.md, "Conflict of
    interest")?"""
    people = proposal_people(proposal)
    if user.pk in people:
        return True
    organisation_id = Profile.objects.filter(user=user).values_list("organisation_id", flat=True)
    organisation_id = organisation_id.first()
    if (
        organisation_id
        and Profile.objects.filter(user_id__in=people, organisation_id=organisation_id).exists()
    ):
        return True
    return (
        conflicts_binding()
        .filter(Q(person=user, other_id__in=people) | Q(other=user, person_id__in=people))
        .exists()
    )


def _conflicted_q(user: User) -> Q:
    """Proposals ``user`` has a stake in, as a filter (the same rule as ``review_conflict``)."""
    people_of_proposal = Q(submitted_by=user) | Q(presenters__person=user)
    organisation = Profile.objects.filter(user=user).values("organisation_id")[:1]
    colleagues = Profile.objects.filter(
        organisation_id__isnull=False, organisation_id=organisation
    ).values("user_id")
    binding = conflicts_binding()
    others = User.objects.filter(
        Q(pk__in=binding.filter(person=user).values("other_id"))
        | Q(pk__in=binding.filter(other=user).values("person_id"))
        | Q(pk__in=colleagues)
    ).values("pk")
    return people_of_proposal | Q(submitted_by_id__in=others) | Q(presenters__person__in=others)


def proposals_for_reviewer(*, user: User, conference: ConferencePage) -> list[Proposal]:
    """The proposals ``user`` may review (none with a stake), with the user's own score and
    the average so far, in a fixed number of queries."""
    stake = Proposal.objects.filter(_conflicted_q(user)).values("pk")
    return list(
        Proposal.objects.filter(conference=conference)
        .exclude(pk__in=stake)
        .select_related("submitted_by", "workshop")
        .annotate(
            reviewed=Exists(ProposalReview.objects.filter(proposal=OuterRef("pk"), reviewer=user)),
            review_count=Count("reviews", distinct=True),
            score_average=Avg("reviews__score"),
        )
        .order_by("status", "submitted_at", "pk")
    )


def proposals_for_office(*, conference: ConferencePage) -> list[Proposal]:
    return list(
        Proposal.objects.filter(conference=conference)
        .select_related("submitted_by", "workshop")
        .annotate(review_count=Count("reviews", distinct=True), score_average=Avg("reviews__score"))
        .order_by("status", "submitted_at", "pk")
    )


def proposals_of(*, user: User) -> QuerySet[Proposal]:
    return Proposal.objects.filter(submitted_by=user).select_related("conference", "workshop")


def conferences_for_start(*, user: User) -> list[dict]:
    """The coming conferences for the start page, with what ``user`` does there: registered or
    not, the desk, the proposals to review. Two queries, however many conferences."""
    conferences = list(conferences_upcoming()[:3])
    registered = set(
        Registration.objects.filter(
            conference__in=conferences, person=user, status=Registration.Status.REGISTERED
        ).values_list("conference_id", flat=True)
    )
    desk, review = may_work_desk(user), may_decide_proposals(user)
    return [
        {
            "conference": conference,
            "registered": conference.pk in registered,
            "desk": desk,
            "review": review,
        }
        for conference in conferences
    ]


def proposals_involving(*, user: User, conference: ConferencePage) -> list[Proposal]:
    """The proposals ``user`` submitted or presents in, for Mijn Vakconferentie."""
    return list(
        Proposal.objects.filter(conference=conference)
        .filter(Q(submitted_by=user) | Q(presenters__person=user))
        .distinct()
        .select_related("workshop")
        .order_by("submitted_at", "pk")
    )
