"""Practitioners' matching profiles."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from lms.accounts.services import users_lock

from ..kinds import DIFFERENTIATION_KINDS
from ..models import (
    PractitionerProfile,
    Weekday,
)


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
    if actor.pk != user.pk and not is_register_office(actor):
        raise PermissionDenied(_("Je kunt alleen je eigen profiel wijzigen."))
    users_lock(user)
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
