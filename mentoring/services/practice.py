"""The practice log: months of practice, attested by the line manager or the register office."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from lms.accounts.services import conflict_check, users_lock
from lms.durations import hours_from_minutes

from ..models import MAX_MONTH_MINUTES, PracticeMonth
from .outcomes import BulkOutcome, refusal_text


def month_is_closed(month: date) -> bool:
    """Has the month ended, by the Dutch calendar? Only such a month is logged or attested
    (DOMAIN.md, "A practice month is a closed month")."""
    return month.replace(day=1) < timezone.localdate().replace(day=1)


def _refuse_open_month(month: date) -> None:
    if not month_is_closed(month):
        raise ValidationError(
            {
                "month": _(
                    "Een praktijkmaand kan pas worden ingevuld of geattesteerd als de maand "
                    "voorbij is."
                )
            }
        )


def _minutes(value) -> int:
    try:
        minutes = int(value or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Vul de tijd in als een getal.")) from exc
    if minutes < 0:
        raise ValidationError(_("Uren kunnen niet negatief zijn."))
    return minutes


def _check_subtotals(values: dict[str, int], total: int) -> None:
    """Every hour has one approach, one form and one setting: each group adds up to the total."""
    for group, label in (
        (PracticeMonth.FORM_FIELDS, _("werkvorm")),
        (PracticeMonth.SETTING_FIELDS, _("werkveld")),
    ):
        subtotal = sum(values[n] for n in group)
        if subtotal != total:
            raise ValidationError(
                _(
                    "De uren per %(group)s (%(sub)s) tellen niet op tot het totaal van de "
                    "werkwijzen (%(total)s): elk uur heeft één werkwijze, één werkvorm en "
                    "één werkveld."
                )
                % {
                    "group": label,
                    "sub": number_format(hours_from_minutes(subtotal), 1, use_l10n=True),
                    "total": number_format(hours_from_minutes(total), 1, use_l10n=True),
                }
            )


@transaction.atomic
def practice_month_log(
    *, actor: User, month: date, minutes: Mapping[str, object], person: User | None = None
) -> PracticeMonth:
    """Record a month's practice in minutes per kind of work; a correction of an attested
    month is a new version."""
    person = person or actor
    if actor.pk != person.pk:
        raise PermissionDenied(_("Je houdt alleen je eigen praktijkmaanden bij."))
    month = month.replace(day=1)
    _refuse_open_month(month)
    unknown = set(minutes) - set(PracticeMonth.MINUTE_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende soort uren."))
    values = {name: _minutes(minutes.get(name)) for name in PracticeMonth.MINUTE_FIELDS}
    total = sum(values[n] for n in PracticeMonth.APPROACH_FIELDS)
    if total > MAX_MONTH_MINUTES:
        raise ValidationError(
            _("Een maand telt hoogstens %(n)s praktijkuren.")
            % {"n": number_format(hours_from_minutes(MAX_MONTH_MINUTES), 0, use_l10n=True)}
        )
    if total == 0:
        raise ValidationError(_("Vul de uren per werkwijze in."))
    _check_subtotals(values, total)
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
    record.minutes_total = total
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
    _refuse_open_month(record.month)
    # A month logged before its forms and settings had to add up is not attested as it is:
    # the practitioner corrects it first.
    _check_subtotals(
        {name: getattr(record, name) for name in PracticeMonth.MINUTE_FIELDS}, record.minutes_total
    )
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


@transaction.atomic
def practice_months_attest(*, actor: User, practice_months: Iterable[PracticeMonth]) -> BulkOutcome:
    """Attest several months at once, in one transaction.

    Each month goes through ``practice_month_attest``, the one rule for attesting; a month it
    refuses (already attested, not the actor's to attest, a conflict of interest) is skipped
    with that refusal, and its savepoint leaves nothing of it behind. Any other error undoes
    the whole batch.
    """
    outcome = BulkOutcome()
    for record in practice_months:
        try:
            outcome.done.append(practice_month_attest(actor=actor, practice_month=record))
        except (ValidationError, PermissionDenied) as exc:
            outcome.skip(f"{record.person}, {record.month:%m-%Y}", refusal_text(exc))
    return outcome
