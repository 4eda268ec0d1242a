"""What waits for a person in courses: a seat given from the waitlist, accreditation requests
to review (College) and outside activities to assess (register office)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts.inbox import Awaiting
from lms.accounts.models import NoticeKind, Role, User
from lms.accounts.selectors import is_board_member, is_register_office

from ..models import Enrolment, OutsideActivity
from .catalogue import accreditation_requests_for_reviewer


def promotions_unseen(*, person: User) -> QuerySet[Enrolment]:
    """Seats given to ``person`` from the waitlist that they have not said they saw, while
    they still hold them."""
    return (
        Enrolment.objects.filter(
            person=person,
            status=Enrolment.Status.ENROLLED,
            promoted_at__isnull=False,
            promotion_seen_at__isnull=True,
        )
        .select_related("edition__course")
        .order_by("promoted_at", "pk")
    )


def outside_activities_to_assess() -> QuerySet[OutsideActivity]:
    return (
        OutsideActivity.objects.filter(status=OutsideActivity.Status.SUBMITTED)
        .select_related("person")
        .order_by("submitted_at", "pk")
    )


def awaiting_for(*, user: User) -> list[Awaiting]:
    items = []
    roles = user.roles
    for enrolment in promotions_unseen(person=user):
        items.append(
            Awaiting(
                kind=NoticeKind.WAITLIST,
                role=Role.SENIOR if Role.SENIOR in roles else Role.JUNIOR,
                title=_("Er is een plaats voor je vrijgekomen in %(course)s")
                % {"course": enrolment.edition.course.title},
                url=enrolment.edition.course.url or reverse("courses:record"),
                since=enrolment.promoted_at,
                detail=_(
                    "Kun je toch niet? Schrijf je dan uit, zodat de volgende de plaats krijgt."
                ),
                dismiss_url=reverse("dashboard:promotion_seen", args=[enrolment.pk]),
            )
        )
    if is_board_member(user):
        for request in accreditation_requests_for_reviewer(user=user):
            items.append(
                Awaiting(
                    kind=NoticeKind.ACCREDITATION,
                    role=Role.BOARD_MEMBER,
                    title=_("Beoordeel de accreditatieaanvraag voor %(course)s")
                    % {"course": request.course.title},
                    url=reverse("courses_accreditation:review", args=[request.pk]),
                    since=request.submitted_at,
                )
            )
    if is_register_office(user):
        for activity in outside_activities_to_assess():
            items.append(
                Awaiting(
                    kind=NoticeKind.OUTSIDE_ACTIVITY,
                    role=Role.REGISTER_OFFICE,
                    title=_("Beoordeel de externe activiteit %(title)s van %(person)s")
                    % {"title": activity.title, "person": activity.person},
                    url=reverse("courses:outside_activities"),
                    since=activity.submitted_at,
                )
            )
    return items
