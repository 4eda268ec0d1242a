"""Registrations: made from a positive decision, valid for a period, with a status history,
a signed Open Badges credential, reminders before expiry and lapsing by themselves."""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from lms import openbadges
from lms.accounts.models import NoticeKind, User
from lms.accounts.selectors import is_register_office, language_of
from lms.accounts.services import email_send
from lms.credentials.selectors import credential_status
from lms.credentials.services import status_entry_for, status_entry_revoke
from lms.links import absolute_url

from ..models import (
    BallotageDecision,
    Registration,
    RegistrationStatusChange,
)
from ..selectors.registrations import (
    awaiting_renewal,
    current_registration,
    registrations_with_status,
)
from ..selectors.status import register_status

# Reminder steps before expiry: (key, how long before).
REMINDER_STEPS = (("6m", relativedelta(months=6)), ("12w", relativedelta(weeks=12)))


def _next_number(year: int) -> str:
    prefix = f"OW-{year}-"
    last = (
        Registration.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def registration_credential_key(registration: Registration) -> str:
    """The credential's key in the status lists (``lms.credentials``)."""
    return f"registratie:{registration.number}"


def registration_credential(registration: Registration) -> str:
    """A signed Open Badges 3.0 credential (VC-JWT) of this registration; striking the
    registration off revokes it in the published status list."""
    person = registration.person
    achievement = {
        "id": absolute_url("/register/#achievement"),
        "type": ["Achievement"],
        "name": "Geregistreerd opbouwwerker",
        "description": "Ingeschreven in het register opbouwwerkers na ballotage door het "
        "College van Toezicht.",
        "criteria": {"narrative": "Voldoet aan het registerbeleid en een positieve ballotage."},
        "achievementType": "License",
    }
    credential = openbadges.credential_build(
        credential_id=absolute_url(f"/register/registratie/{registration.number}"),
        subject_id=f"mailto:{person.email}",
        subject_name=person.get_full_name() or person.email,
        achievement=achievement,
        valid_from=_aware(registration.valid_from),
        valid_until=_aware(registration.valid_until + relativedelta(days=1)),
        status=credential_status(
            status_entry_for(credential_key=registration_credential_key(registration))
        ),
        name=f"Registratie {registration.number}",
    )
    return openbadges.credential_sign(credential)


@transaction.atomic
def registration_create(*, actor: User, decision: BallotageDecision) -> Registration:
    """Register a practitioner after a positive decision; valid for the policy's period."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau schrijft in het register in."))
    decision = (
        BallotageDecision.objects.select_for_update()
        .select_related("application__person", "policy")
        .get(pk=decision.pk)
    )
    if decision.outcome != BallotageDecision.Outcome.POSITIVE:
        raise ValidationError(_("Inschrijven kan alleen na een positief besluit."))
    if Registration.objects.filter(decision=decision).exists():
        raise ValidationError(_("Op grond van dit besluit is al ingeschreven."))
    person = decision.application.person
    previous = current_registration(person=person)
    today = timezone.localdate(decision.decided_at)
    valid_from = today
    if previous and previous.current_status == Registration.Status.ACTIVE:
        # A renewal continues where the running registration ends.
        valid_from = max(today, previous.valid_until + relativedelta(days=1))
    valid_until = valid_from + relativedelta(years=decision.policy.validity_years, days=-1)
    registration = Registration(
        person=person,
        number=_next_number(valid_from.year),
        decision=decision,
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=actor,
    )
    registration.full_clean()
    registration.save()
    RegistrationStatusChange.objects.create(
        registration=registration, status=Registration.Status.ACTIVE, changed_by=actor
    )
    registration.credential = registration_credential(registration)
    registration.save(update_fields=["credential"])
    email_send(
        kind=NoticeKind.REGISTER_DECISION,
        key=f"register-registered:{registration.pk}",
        to=person.email,
        subject=_("Je bent ingeschreven in het register"),
        body=_("Je registernummer is %(n)s, geldig tot en met %(d)s. %(url)s")
        % {
            "n": registration.number,
            "d": registration.valid_until.strftime("%d-%m-%Y"),
            "url": absolute_url(reverse("register:my_status")),
        },
        language=language_of(person),
    )
    return registration


@transaction.atomic
def registration_status_change(
    *, actor: User | None, registration: Registration, status: str, reason: str = ""
) -> RegistrationStatusChange:
    """Suspend, strike off or reinstate (office), or expire (the platform, ``actor`` None)."""
    if actor is not None and not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau wijzigt een registratie."))
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if status not in Registration.Status.values:
        raise ValidationError({"status": _("Onbekende status.")})
    current = registrations_with_status().get(pk=registration.pk).current_status
    if current == status:
        raise ValidationError(_("De registratie heeft deze status al."))
    if current == Registration.Status.STRUCK_OFF:
        raise ValidationError(_("Een doorgehaalde registratie verandert niet meer."))
    if actor is not None and status != Registration.Status.EXPIRED and not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de wijziging.")})
    if status == Registration.Status.ACTIVE and registration.valid_until < timezone.localdate():
        raise ValidationError(_("Deze registratie is verlopen; vraag herregistratie aan."))
    change = RegistrationStatusChange(
        registration=registration, status=status, reason=reason.strip(), changed_by=actor
    )
    change.full_clean()
    change.save()
    if status == Registration.Status.STRUCK_OFF:
        status_entry_revoke(credential_key=registration_credential_key(registration))
    return change


def registrations_expire(*, today: date | None = None) -> int:
    """Active registrations past their last day lapse by themselves (each in its own step)."""
    today = today or timezone.localdate()
    due = registrations_with_status().filter(
        current_status=Registration.Status.ACTIVE, valid_until__lt=today
    )
    count = 0
    for registration in due:
        registration_status_change(
            actor=None,
            registration=registration,
            status=Registration.Status.EXPIRED,
            reason=_("Geldigheid verstreken"),
        )
        count += 1
    return count


def registration_reminders_send(*, today: date | None = None) -> int:
    """Six months and twelve weeks before expiry, with what renewal still needs and the forecast;
    the e-mail key makes each step go out once."""
    today = today or timezone.localdate()
    sent = 0
    active = awaiting_renewal(
        registrations_with_status().filter(
            current_status=Registration.Status.ACTIVE, valid_until__gte=today
        )
    ).select_related("person")
    for registration in active.filter(valid_until__lte=today + relativedelta(months=6)):
        # The latest step already reached: a job that missed a day still sends it once.
        step = next(
            (
                key
                for key, before in reversed(REMINDER_STEPS)
                if registration.valid_until - before <= today
            ),
            None,
        )
        if step is None:
            continue
        person = registration.person
        language = language_of(person)
        status = register_status(person=person, on=today)
        with translation.override(language):
            subject = _("Je registratie verloopt op %(d)s") % {
                "d": formats.date_format(registration.valid_until, "d-m-Y")
            }
        if email_send(
            kind=NoticeKind.REGISTER_DECISION,
            key=f"register-expiry:{registration.pk}:{step}",
            to=person.email,
            subject=subject,
            template="register/email/renewal_reminder.txt",
            context={
                "registration": registration,
                "evaluation": status.evaluation,
                "url": absolute_url(reverse("register:my_status")),
            },
            language=language,
        ):
            sent += 1
    return sent
