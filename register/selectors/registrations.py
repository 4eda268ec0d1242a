"""Registrations as they stand: current status, the person's current one, the public register."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Exists, OuterRef, Q, QuerySet, Subquery
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


def public_register(*, query: str = "") -> QuerySet[Registration]:
    """What anyone may see: name, number, status and validity; search by name, number, city."""
    qs = registrations_with_status().select_related("person")
    query = query.strip()
    if query:
        words = query.split()
        for word in words:
            qs = qs.filter(
                Q(number__iexact=word)
                | Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__profile__organisation__city__iexact=word)
            )
    return qs.order_by("person__last_name", "person__first_name", "number").only(
        "number", "valid_from", "valid_until", "person__first_name", "person__last_name"
    )
