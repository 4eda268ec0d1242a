"""The practice log: months of hours, attested by the line manager or the register office."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from lms.accounts.services import conflict_check, users_lock

from ..models import (
    MAX_MONTH_HOURS,
    PracticeMonth,
)


def _hours(value) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0)).quantize(Decimal("0.1"))
    except InvalidOperation as exc:
        raise ValidationError(_("Vul uren in als getal.")) from exc


@transaction.atomic
def practice_month_log(
    *, actor: User, month: date, hours: Mapping[str, object], person: User | None = None
) -> PracticeMonth:
    """Record a month's practice hours; a correction of an attested month is a new version."""
    person = person or actor
    if actor.pk != person.pk:
        raise PermissionDenied(_("Je houdt alleen je eigen praktijkmaanden bij."))
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise ValidationError({"month": _("Een praktijkmaand kan niet in de toekomst liggen.")})
    unknown = set(hours) - set(PracticeMonth.HOUR_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende soort uren."))
    values = {name: _hours(hours.get(name)) for name in PracticeMonth.HOUR_FIELDS}
    if any(v < 0 for v in values.values()):
        raise ValidationError(_("Uren kunnen niet negatief zijn."))
    total = sum((values[n] for n in PracticeMonth.APPROACH_FIELDS), Decimal("0"))
    if total > MAX_MONTH_HOURS:
        raise ValidationError(_("Een maand telt hoogstens 300 praktijkuren."))
    if total == 0:
        raise ValidationError(_("Vul de uren per werkwijze in."))
    for group, label in (
        (PracticeMonth.FORM_FIELDS, _("werkvormen")),
        (PracticeMonth.SETTING_FIELDS, _("werkvelden")),
    ):
        if sum((values[n] for n in group), Decimal("0")) > total:
            raise ValidationError(
                _("De uren per %(group)s zijn samen meer dan het totaal van de werkwijzen.")
                % {"group": label}
            )
    users_lock(person)
    latest = PracticeMonth.objects.filter(person=person, month=month).order_by("-version").first()
    if latest is not None and latest.status == PracticeMonth.Status.SUBMITTED:
        record = latest
    else:
        record = PracticeMonth(
            person=person, month=month, version=(latest.version + 1) if latest else 1
        )
    for name, value in values.items():
        setattr(record, name, value)
    record.hours_total = total
    record.logged_at = timezone.now()
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def practice_month_attest(*, actor: User, practice_month: PracticeMonth) -> PracticeMonth:
    """The line manager or the register office vouches for a month; then its hours count."""
    conflict_check(
        a=actor,
        b=practice_month.person,
        refusal=_(
            "Je hebt een belangenverstrengeling met deze persoon en attesteert daarom geen "
            "praktijkmaanden van hem of haar."
        ),
    )
    record = (
        PracticeMonth.objects.select_for_update(of=("self",))
        .select_related("person__profile")
        .get(pk=practice_month.pk)
    )
    if actor.pk == record.person_id:
        raise PermissionDenied(_("Je kunt je eigen praktijkmaand niet attesteren."))
    profile = getattr(record.person, "profile", None)
    is_line_manager = profile is not None and profile.line_manager_id == actor.pk
    if not (is_line_manager or is_register_office(actor)):
        raise PermissionDenied(
            _("Alleen de leidinggevende of het registerbureau attesteert praktijkmaanden.")
        )
    if record.status == PracticeMonth.Status.ATTESTED:
        raise ValidationError(_("Deze maand is al geattesteerd."))
    # The attested correction replaces the month's earlier attested versions.
    PracticeMonth.objects.filter(
        person_id=record.person_id,
        month=record.month,
        status=PracticeMonth.Status.ATTESTED,
        version__lt=record.version,
    ).update(superseded=True)
    record.status = PracticeMonth.Status.ATTESTED
    record.attested_by = actor
    record.attested_at = timezone.now()
    record.full_clean()
    record.save(update_fields=["status", "attested_by", "attested_at"])
    return record
