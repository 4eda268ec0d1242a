"""Registrations as they stand: current status, the person's current one, the public register."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from lms.accounts.models import User

from ..models import Registration, RegistrationStatusChange


def _status_subquery():
    return Subquery(
        RegistrationStatusChange.objects.filter(registration=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("status")[:1],
        output_field=CharField(),
    )


def registrations_with_status() -> QuerySet[Registration]:
    return Registration.objects.annotate(current_status=_status_subquery())


def awaiting_renewal(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Those of ``registrations`` that no active registration continues yet: a renewal
    granted early starts after the one it renews, which then needs no reminder."""
    continued = registrations_with_status().filter(
        person=OuterRef("person"),
        valid_from__gt=OuterRef("valid_until"),
        current_status=Registration.Status.ACTIVE,
    )
    return registrations.exclude(Exists(continued))


def registered_on(*, on: date) -> QuerySet[Registration]:
    """The registrations in force at the end of ``on``: valid that day, and active by their
    latest status change up to then (a later suspension or striking off does not reach back)."""
    end_of_day = timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))
    status_then = Subquery(
        RegistrationStatusChange.objects.filter(
            registration=OuterRef("pk"), changed_at__lt=end_of_day
        )
        .order_by("-changed_at", "-pk")
        .values("status")[:1],
        output_field=CharField(),
    )
    return (
        Registration.objects.filter(valid_from__lte=on, valid_until__gte=on)
        .annotate(status_then=status_then)
        .filter(status_then=Registration.Status.ACTIVE)
    )


def current_registration(*, person: User) -> Registration | None:
    return registrations_with_status().filter(person=person).order_by("-valid_until").first()


def in_force_q(*, today: date) -> Q:
    """Registrations that stand: active by their latest status change and not yet past their
    last day (an early renewal that starts later stands too). Expired, struck off and
    suspended ones do not. Needs ``current_status`` (``registrations_with_status``)."""
    return Q(current_status=Registration.Status.ACTIVE, valid_until__gte=today)


def public_register(*, query: str = "", today: date | None = None) -> QuerySet[Registration]:
    """What anyone may find: the registrations that stand, by name, part of the number or
    city; name, number and validity only. One that ended is never found here, not even by
    its number: ``public_registration`` answers an exact number."""
    today = today or timezone.localdate()
    qs = registrations_with_status().filter(in_force_q(today=today)).select_related("person")
    for word in query.split():
        qs = qs.filter(
            Q(number__icontains=word)
            | Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__profile__organisation__city__iexact=word)
        )
    return qs.order_by("person__last_name", "person__first_name", "number").only(
        "number", "valid_from", "valid_until", "person__first_name", "person__last_name"
    )


def public_registration(*, number: str, today: date | None = None) -> Registration | None:
    """The registration with exactly this number (in any case), with ``in_force`` set; None
    when there is none. One query.

    Whoever knows a number may learn whether it still stands; of one that ended the public
    register shows only that ("niet meer ingeschreven"), not whose it was: the numbers run in
    sequence, so trying them must not list the people who left the register.
    """
    today = today or timezone.localdate()
    number = number.strip()
    if not number:
        return None
    registration = (
        registrations_with_status()
        .annotate(in_force=ExpressionWrapper(in_force_q(today=today), BooleanField()))
        .select_related("person")
        .only("number", "valid_from", "valid_until", "person__first_name", "person__last_name")
        .filter(number__iexact=number)
        .first()
    )
    return registration
