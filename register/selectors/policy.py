"""Which register policy version is in force."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _

from ..models import RegisterPolicy


def _in_force(versions: list[RegisterPolicy], on: date) -> RegisterPolicy:
    """Of ``versions`` (by effective date), the latest in force on ``on``. Before the first
    version's date the first version applies: there is no older rule."""
    if not versions:
        raise RegisterPolicy.DoesNotExist(_("Er is nog geen registerbeleid vastgesteld."))
    found = versions[0]
    for version in versions:
        if version.effective_from <= on:
            found = version
    return found


def policy_in_force(*, on: date) -> RegisterPolicy:
    """The version whose effective date is the latest on or before ``on``."""
    latest = RegisterPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from")
    return _in_force(
        list(latest[:1]) or list(RegisterPolicy.objects.order_by("effective_from")[:1]), on
    )


def policies_in_force() -> Callable[[date], RegisterPolicy]:
    """``policy_in_force`` for many days in one query: for looking ahead, where a version the
    office recorded for a later date takes over on that date."""
    versions = list(RegisterPolicy.objects.order_by("effective_from"))
    return lambda on: _in_force(versions, on)


def policy_version(*, version: int) -> RegisterPolicy:
    return RegisterPolicy.objects.get(version=version)
