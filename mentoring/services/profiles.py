"""Practitioners' matching profiles and declared conflicts of interest."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lms.accounts.models import User

from ..kinds import DIFFERENTIATION_KINDS
from ..models import (
    ConflictOfInterest,
    PractitionerProfile,
    Weekday,
)
from ._common import _is_office, _lock_users


def practitioner_profile_get_or_create(*, user: User) -> PractitionerProfile:
    profile, _created = PractitionerProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def practitioner_profile_update(
    *,
    actor: User,
    user: User,
    capacity: int | None = None,
    available_weekdays: Iterable[int] | None = None,
    languages: Iterable[str] | None = None,
    experience: Iterable[str] | None = None,
) -> PractitionerProfile:
    """The person themselves or the register office changes capacity, days and experience."""
    if actor.pk != user.pk and not _is_office(actor):
        raise PermissionDenied(_("Je kunt alleen je eigen profiel wijzigen."))
    _lock_users(user)
    profile = practitioner_profile_get_or_create(user=user)
    if capacity is not None:
        profile.capacity = capacity
    if available_weekdays is not None:
        days = sorted(set(available_weekdays))
        if any(d not in Weekday.values for d in days):
            raise ValidationError(_("Onbekende dag van de week."))
        profile.available_weekdays = days
    if languages is not None:
        profile.languages = sorted(set(languages))
    if experience is not None:
        kinds = sorted(set(experience))
        if any(k not in DIFFERENTIATION_KINDS for k in kinds):
            raise ValidationError(_("Onbekende werkwijze of werkvorm."))
        profile.experience = kinds
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def conflict_declare(*, actor: User, person: User, other: User, reason: str) -> ConflictOfInterest:
    """Either person, or the register office, declares an entanglement between two people."""
    if actor.pk not in (person.pk, other.pk) and not _is_office(actor):
        raise PermissionDenied(_("Alleen de betrokkenen of het registerbureau melden dit."))
    if person.pk == other.pk:
        raise ValidationError(_("Een belangenverstrengeling gaat over twee verschillende mensen."))
    # Both people's rows are locked, so that two declarations of the same pair at one moment
    # (from either side) wait for each other and the second finds the first.
    _lock_users(person, other)
    existing = ConflictOfInterest.objects.filter(
        Q(person=person, other=other) | Q(person=other, other=person)
    ).first()
    if existing:
        return existing
    conflict = ConflictOfInterest(person=person, other=other, reason=reason, declared_by=actor)
    conflict.full_clean()
    conflict.save()
    return conflict
