"""What waits for a person in the register: votes to cast, a returned application, and for the
office the applications to check for completeness."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts.inbox import Awaiting
from lms.accounts.models import NoticeKind, Role, User
from lms.accounts.selectors import is_board_member, is_register_office

from ..models import RegisterApplication, ReviewerAssignment


def votes_due(*, reviewer: User):
    """The reviewer's assignments of the running round without a vote (and not stepped back
    from)."""
    return (
        ReviewerAssignment.objects.filter(
            reviewer=reviewer,
            recusal__isnull=True,
            vote__isnull=True,
            application__state=RegisterApplication.State.IN_BALLOTAGE,
            round=F("application__round"),
        )
        .select_related("application__person")
        .order_by("assigned_at", "pk")
    )


def applications_to_check():
    return (
        RegisterApplication.objects.filter(state=RegisterApplication.State.SUBMITTED)
        .select_related("person")
        .order_by("submitted_at", "pk")
    )


def awaiting_for(*, user: User) -> list[Awaiting]:
    items = []
    roles = user.roles
    if roles & {Role.JUNIOR, Role.SENIOR}:
        latest = (
            RegisterApplication.objects.filter(person=user)
            .order_by("-submitted_at", "-pk")
            .only("pk", "state", "submitted_at")
            .first()
        )
        if latest is not None and latest.state == RegisterApplication.State.RETURNED:
            items.append(
                Awaiting(
                    kind=NoticeKind.APPLICATION,
                    role=Role.SENIOR if Role.SENIOR in roles else Role.JUNIOR,
                    title=_(
                        "Je registeraanvraag is teruggestuurd: vul haar aan en dien opnieuw in"
                    ),
                    url=reverse("register:apply"),
                    since=latest.submitted_at,
                )
            )
    if is_board_member(user):
        for assignment in votes_due(reviewer=user):
            items.append(
                Awaiting(
                    kind=NoticeKind.BALLOTAGE,
                    role=Role.BOARD_MEMBER,
                    title=_("Beoordeel de registeraanvraag van %(person)s")
                    % {"person": assignment.application.person},
                    url=reverse("register:review", args=[assignment.pk]),
                    since=assignment.assigned_at,
                )
            )
    if is_register_office(user):
        for application in applications_to_check():
            items.append(
                Awaiting(
                    kind=NoticeKind.APPLICATION,
                    role=Role.REGISTER_OFFICE,
                    title=_("Controleer de registeraanvraag van %(person)s op volledigheid")
                    % {"person": application.person},
                    url=reverse("register:office_application", args=[application.pk]),
                    since=application.submitted_at,
                )
            )
    return items
