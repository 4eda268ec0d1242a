"""Adding a register policy version.

A version is never edited; the register office adds a new one with a later effective date
(DOMAIN.md, "Default register policy": a change must not rewrite decisions already taken).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_register_office

from ..models import POLICY_NUMBER_FIELDS, RegisterPolicy


def policy_validate(*, effective_from: date | None, values: dict) -> None:
    """The rules for a new version; the admin form and the service both ask this."""
    errors: dict[str, list[str]] = {}
    for name in POLICY_NUMBER_FIELDS:
        value = values.get(name)
        if value is not None and Decimal(str(value)) < 0:
            errors.setdefault(name, []).append(_("Een getal in het beleid kan niet negatief zijn."))
    if values.get("window_months") is not None and int(values["window_months"]) < 1:
        errors.setdefault("window_months", []).append(_("Het venster is minstens één maand."))
    percent = values.get("outside_points_percent")
    if percent is not None and int(percent) > 100:
        errors.setdefault("outside_points_percent", []).append(
            _("Een aandeel is hoogstens 100 procent.")
        )
    if effective_from is None:
        errors.setdefault("effective_from", []).append(_("Geef de datum waarop het beleid ingaat."))
    else:
        latest = RegisterPolicy.objects.order_by("-effective_from").first()
        if latest is not None and effective_from <= latest.effective_from:
            errors.setdefault("effective_from", []).append(
                _(
                    "Een nieuwe beleidsversie moet ingaan na de huidige versie "
                    "(versie %(v)s, geldig vanaf %(d)s)."
                )
                % {"v": latest.version, "d": latest.effective_from.strftime("%d-%m-%Y")}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_policy_create(
    *, actor: User | None, effective_from: date, note: str = "", **values
) -> RegisterPolicy:
    """Add a policy version; numbers not given are copied from the latest version."""
    if actor is not None and not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau stelt het registerbeleid vast."))
    unknown = set(values) - set(POLICY_NUMBER_FIELDS)
    if unknown:
        raise ValidationError(
            _("Onbekend onderdeel van het beleid: %(n)s.") % {"n": ", ".join(unknown)}
        )
    # Versions are numbered in order; lock the table's last row so two offices cannot both
    # become version n+1 (the unique constraint would refuse the second anyway).
    list(RegisterPolicy.objects.select_for_update().order_by("-version")[:1])
    latest = RegisterPolicy.objects.order_by("-version").first()
    base = {name: getattr(latest, name) for name in POLICY_NUMBER_FIELDS} if latest else {}
    base.update({k: v for k, v in values.items() if v is not None})
    policy_validate(effective_from=effective_from, values=base)
    number = (RegisterPolicy.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    policy = RegisterPolicy(
        version=number, effective_from=effective_from, note=note, created_by=actor, **base
    )
    policy.full_clean()
    policy.save()
    return policy
