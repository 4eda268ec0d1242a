"""Applying to the register, and the register office's completeness check."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cms.models import CodeVersion
from cms.selectors import code_version_current
from courses.models import validate_evidence
from lms.accounts.models import NoticeKind, User
from lms.accounts.selectors import is_register_office, language_of
from lms.accounts.services import email_send, users_lock
from lms.links import absolute_url
from mentoring.kinds import Approach

from ..models import ApplicationCheck, ApplicationDocument, CodeAcceptance, RegisterApplication
from ..selectors.evaluation import RENEWAL, Evaluation, in_window
from ..selectors.ledger import ledger_csv
from ..selectors.status import register_summary


def _unmet_message(evaluation: Evaluation) -> str:
    names = ", ".join(r.label.lower() for r in evaluation.requirements if not r.met)
    if evaluation.kind == RENEWAL:
        return _("Je voldoet nog niet aan de eisen voor herregistratie: %(names)s.") % {
            "names": names
        }
    return _("Je voldoet nog niet aan alle eisen voor het register: %(names)s.") % {"names": names}


def code_acceptance_refusal(*, accepted: CodeVersion | None, on: date) -> str | None:
    """Why applying on ``on`` with ``accepted`` (the version the person ticked, or None) is
    refused, or None. The version accepted must be the one in force that day."""
    current = code_version_current(on=on)
    if current is None:
        return _(
            "Er geldt nog geen beroepscode, en zonder die te aanvaarden kun je niet aanvragen. "
            "Het registerbureau stelt haar vast; probeer het later opnieuw."
        )
    if accepted is None:
        return _("Aanvaard de beroepscode versie %(v)s om je aanvraag in te dienen.") % {
            "v": current.label
        }
    if accepted.pk != current.pk:
        return _(
            "Sinds %(d)s geldt versie %(v)s van de beroepscode. Lees die en aanvaard haar om je "
            "aanvraag in te dienen."
        ) % {"v": current.label, "d": formats.date_format(current.in_force_from, "d-m-Y")}
    return None


@transaction.atomic
def register_application_submit(
    *,
    actor: User,
    reflections: Mapping[str, str],
    code_version: CodeVersion | None,
    documents: Iterable[tuple[str, object]] = (),
    on: date | None = None,
) -> RegisterApplication:
    """A practitioner who meets every requirement applies, with a reflection per approach, and
    accepts the version of the beroepscode in force (``code_version``, None when they did not).

    The evaluation, its policy version and the ledger are copied into the application; the
    acceptance is recorded with it.
    """
    users_lock(actor)
    on = on or timezone.localdate()
    refusal = code_acceptance_refusal(accepted=code_version, on=on)
    if refusal:
        raise ValidationError({"code_version": refusal})
    if RegisterApplication.objects.filter(
        person=actor, state__in=RegisterApplication.OPEN_STATES
    ).exists():
        raise ValidationError(_("Je hebt al een aanvraag die in behandeling is."))
    status = register_summary(person=actor, on=on)
    if status.renewed_by is not None:
        raise ValidationError(
            _("Je herregistratie is al verleend: registratie %(n)s gaat in op %(d)s.")
            % {
                "n": status.renewed_by.number,
                "d": formats.date_format(status.renewed_by.valid_from, "d-m-Y"),
            }
        )
    evaluation = status.evaluation
    if not evaluation.eligible:
        raise ValidationError(_unmet_message(evaluation))
    cleaned = {code: (reflections.get(code) or "").strip() for code in Approach.values}
    missing = [str(Approach(code).label) for code, text in cleaned.items() if not text]
    if missing:
        raise ValidationError(
            {
                "reflections": _("Schrijf een reflectie voor elke werkwijze: %(m)s ontbreekt.")
                % {"m": ", ".join(missing)}
            }
        )
    documents = list(documents)
    for _title, upload in documents:
        # The same rule as for evidence of outside activities: PDF, JPEG or PNG by content,
        # at most 10 MB.
        validate_evidence(upload)
    application = RegisterApplication(
        person=actor,
        kind=RegisterApplication.Kind.RENEWAL
        if status.renewal
        else RegisterApplication.Kind.INITIAL,
        policy=status.policy,
        evaluated_on=on,
        evaluation=evaluation.as_dict(),
        reflections=cleaned,
        ledger_csv=ledger_csv(in_window(status.entries, after=evaluation.window_after, on=on)),
    )
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise ValidationError(_("Je hebt al een aanvraag die in behandeling is.")) from exc
    acceptance = CodeAcceptance(person=actor, version=code_version, application=application)
    acceptance.full_clean()
    acceptance.save()
    for title, upload in documents:
        ApplicationDocument.objects.create(
            application=application, title=(title or getattr(upload, "name", ""))[:200], file=upload
        )
    return application


def _locked_application(application: RegisterApplication) -> RegisterApplication:
    return RegisterApplication.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def register_application_check(
    *, actor: User, application: RegisterApplication, complete: bool, remarks: str = ""
) -> ApplicationCheck:
    """The register office finds the application complete, or returns it with remarks."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau controleert aanvragen."))
    application = _locked_application(application)
    if application.state != RegisterApplication.State.SUBMITTED:
        raise ValidationError(_("Deze aanvraag wacht niet op een volledigheidscontrole."))
    remarks = remarks.strip()
    if not complete and not remarks:
        raise ValidationError({"remarks": _("Schrijf op wat er ontbreekt.")})
    check = ApplicationCheck(
        application=application,
        outcome=ApplicationCheck.Outcome.COMPLETE
        if complete
        else ApplicationCheck.Outcome.RETURNED,
        remarks=remarks,
        checked_by=actor,
    )
    check.full_clean()
    check.save()
    application.state = (
        RegisterApplication.State.IN_BALLOTAGE if complete else RegisterApplication.State.RETURNED
    )
    application.save(update_fields=["state"])
    if not complete:
        person = application.person
        email_send(
            kind=NoticeKind.APPLICATION,
            key=f"register-application-returned:{check.pk}",
            to=person.email,
            subject=_("Je registeraanvraag is teruggestuurd"),
            body=_(
                "Het registerbureau heeft je aanvraag teruggestuurd met deze opmerkingen:\n\n"
                "%(remarks)s\n\nJe kunt een nieuwe aanvraag indienen: %(url)s"
            )
            % {"remarks": remarks, "url": absolute_url(reverse("register:apply"))},
            language=language_of(person),
        )
    return check
