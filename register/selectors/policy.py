"""Which register policy version is in force."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from ..models import RegisterPolicy


def policy_in_force(*, on: date) -> RegisterPolicy:
    """The version whose effective date is the latest on or before ``on``.

    Before the first version's date the first version applies: there is no older rule.
    """
    policy = RegisterPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from")
    found = policy.first() or RegisterPolicy.objects.order_by("effective_from").first()
    if found is None:
        raise RegisterPolicy.DoesNotExist(_("Er is nog geen registerbeleid vastgesteld."))
    return found


def policy_version(*, version: int) -> RegisterPolicy:
    return RegisterPolicy.objects.get(version=version)
