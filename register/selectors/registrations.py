"""Registrations as they stand: current status, the person's current one, the public register,
and the renewal requirements over a registration's period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery

from lms.accounts.models import User

from ..models import RegisterPolicy, Registration, RegistrationStatusChange
from .ledger import COUNTS, entries_of


def _status_subquery():
    return Subquery(
        RegistrationStatusChange.objects.filter(registration=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values("status")[:1],
        output_field=CharField(),
    )


def registrations_with_status() -> QuerySet[Registration]:
    return Registration.objects.annotate(current_status=_status_subquery())


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


def renewal_check(
    *, person: User, registration: Registration, on: date, policy: RegisterPolicy
) -> dict:
    """The renewal requirements over the registration's period (DOMAIN.md: every 5 years, with
    at least 80 points and 1,500 attested practice hours in that period)."""
    start = registration.valid_from
    counted = [e for e in entries_of(person) if e.status == COUNTS and start <= e.date <= on]
    practice = sum((e.hours for e in counted if e.source == "practice_month"), Decimal(0))
    completion = sum((e.points for e in counted if e.source == "completion"), Decimal(0))
    outside = sum((e.points for e in counted if e.source == "outside_activity"), Decimal(0))
    cap = (policy.renewal_points * policy.outside_points_percent / 100).quantize(Decimal("0.1"))
    points = completion + min(outside, cap)
    return {
        "points": (policy.renewal_points, points, points >= policy.renewal_points),
        "practice_hours": (
            policy.renewal_practice_hours,
            practice,
            practice >= policy.renewal_practice_hours,
        ),
        "met": points >= policy.renewal_points and practice >= policy.renewal_practice_hours,
    }
