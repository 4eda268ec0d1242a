"""Seats and waitlists: enrolling, withdrawing, promoting from the waitlist, cancelling.

Every write locks the edition row first (``select_for_update``), so that people pressing the
button at the same moment are served one after the other in arrival order; the unique seat
number per edition is the database's own guard against overbooking.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import NoticeKind, User
from lms.accounts.services import email_send
from lms.celery import enqueue_or_run_here

from ..models import CoursePage, Edition, Enrolment
from ..selectors import edition_editable_by


class NotAnEditorOfThisEdition(PermissionDenied):
    """Only editors of the edition's own provider manage its participants."""


def _locked_edition(edition_id: int) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition_id)


def _check_editor(*, actor: User, edition: Edition) -> None:
    if not edition_editable_by(user=actor, edition=edition):
        raise NotAnEditorOfThisEdition(_("Je beheert deze uitvoering niet."))


def _free_seat(edition: Edition) -> int | None:
    taken = set(
        edition.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list("seat", flat=True)
    )
    for seat in range(1, edition.capacity + 1):
        if seat not in taken:
            return seat
    return None


def _check_open(*, edition: Edition, by_editor: bool) -> None:
    if edition.status == Edition.Status.CANCELLED:
        raise ValidationError(_("Deze uitvoering is geannuleerd."))
    if edition.is_finished:
        raise ValidationError(_("Deze uitvoering is al afgelopen."))
    if by_editor:
        return
    # A practitioner enrols only in what the provider has published; the provider's own
    # editors may still enrol people in a course that is not (or no longer) online.
    if not CoursePage.objects.filter(pk=edition.course_id, live=True).exists():
        raise ValidationError(
            _("Deze cursus is niet gepubliceerd: inschrijven is (nog) niet mogelijk.")
        )
    refusal = edition.self_enrolment_refusal()
    if refusal:
        raise ValidationError(refusal)


@dataclass
class PaymentConfirmation:
    """What a participant confirms before enrolling in a paid edition."""

    payer: str
    employer_name: str = ""
    purchase_order: str = ""
    terms_accepted: bool = False


def _check_payment(*, confirmation: PaymentConfirmation | None) -> PaymentConfirmation:
    if confirmation is None:
        raise ValidationError(
            _("Deze cursus kost geld: bevestig eerst de prijs, wie betaalt en de voorwaarden.")
        )
    errors = {}
    if confirmation.payer not in Enrolment.Payer.values:
        errors["payer"] = _("Kies wie betaalt.")
    elif confirmation.payer == Enrolment.Payer.EMPLOYER:
        if not confirmation.employer_name.strip():
            errors["employer_name"] = _("Geef de naam van je werkgever.")
        if not confirmation.purchase_order.strip():
            errors["purchase_order"] = _("Geef het inkoopordernummer van je werkgever.")
    if not confirmation.terms_accepted:
        errors["terms_accepted"] = _("Ga akkoord met de annuleringsvoorwaarden.")
    if errors:
        raise ValidationError(errors)
    return confirmation


@transaction.atomic
def enrolment_create(
    *,
    edition: Edition,
    person: User,
    actor: User,
    payment: PaymentConfirmation | None = None,
) -> Enrolment:
    """Give ``person`` a seat in ``edition``, or a place on its waitlist when it is full.

    A practitioner enrols themselves before the deadline; an editor of the edition's provider
    may enrol someone until the edition ends. In a paid edition a practitioner first confirms
    the price, who pays (an employer with its purchase order) and the cancellation terms; the
    enrolment keeps what they confirmed and the price of that moment.
    """
    by_editor = actor.pk != person.pk
    if by_editor:
        _check_editor(actor=actor, edition=edition)
    edition = _locked_edition(edition.pk)
    _check_open(edition=edition, by_editor=by_editor)
    if edition.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).exists():
        if by_editor:
            raise ValidationError(
                _("%(email)s is al aangemeld voor deze uitvoering.") % {"email": person.email}
            )
        raise ValidationError(_("Je bent al aangemeld voor deze uitvoering."))
    if edition.is_paid and not by_editor:
        payment = _check_payment(confirmation=payment)
    now = timezone.now()
    seat = _free_seat(edition)
    enrolment = Enrolment(
        edition=edition,
        person=person,
        enrolled_by=actor,
        status=Enrolment.Status.ENROLLED if seat else Enrolment.Status.WAITLISTED,
        seat=seat,
        enrolled_at=now if seat else None,
        price=edition.effective_price,
    )
    if payment is not None:
        enrolment.payer = payment.payer
        if payment.payer == Enrolment.Payer.EMPLOYER:
            enrolment.employer_name = payment.employer_name.strip()
            enrolment.purchase_order = payment.purchase_order.strip()
        enrolment.terms_confirmed_at = now if payment.terms_accepted else None
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """End a seat or a waitlist place before the edition starts; the waitlist moves up."""
    if actor.pk != enrolment.person_id:
        _check_editor(actor=actor, edition=enrolment.edition)
    edition = _locked_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if not enrolment.is_active:
        raise ValidationError(_("Deze inschrijving is al beëindigd."))
    if edition.status == Edition.Status.CANCELLED:
        raise ValidationError(_("Deze uitvoering is geannuleerd."))
    if edition.is_finished:
        raise ValidationError(
            _("Deze uitvoering is afgelopen: uitschrijven of annuleren kan niet meer.")
        )
    if timezone.localdate() >= edition.start_date:
        raise ValidationError(_("Na de start van de uitvoering kun je je niet meer uitschrijven."))
    had_seat = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.seat = None
    enrolment.ended_at = timezone.now()
    enrolment.ended_by = actor
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "seat", "ended_at", "ended_by"])
    if had_seat:
        edition_id = edition.pk
        transaction.on_commit(lambda: _promote_soon(edition_id))
    return enrolment


def _promote_soon(edition_id: int) -> None:
    """Have a worker give the freed seat away, or do it here and now if the broker is down:
    no periodic job goes over waitlists, so a message that cannot be sent would leave a seat
    empty with people waiting for it."""
    from ..tasks import waitlist_promote_task

    enqueue_or_run_here(waitlist_promote_task, edition_id)


@transaction.atomic
def waitlist_promote(*, edition_id: int) -> list[Enrolment]:
    """Give free seats to the waitlist in arrival order and tell each person. Safe to repeat."""
    edition = _locked_edition(edition_id)
    if edition.status in (Edition.Status.CANCELLED, Edition.Status.FINISHED):
        return []
    promoted = []
    waiting = edition.enrolments.select_for_update().filter(status=Enrolment.Status.WAITLISTED)
    for enrolment in waiting.order_by("created_at", "pk"):
        seat = _free_seat(edition)
        if seat is None:
            break
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.seat = seat
        enrolment.enrolled_at = timezone.now()
        enrolment.promoted_at = enrolment.enrolled_at
        enrolment.full_clean()
        enrolment.save(update_fields=["status", "seat", "enrolled_at", "promoted_at"])
        promoted.append(enrolment)
        email_send(
            kind=NoticeKind.WAITLIST,
            key=f"waitlist-promoted:{enrolment.pk}",
            to=enrolment.person.email,
            subject=_("Er is een plaats voor je vrijgekomen"),
            template="courses/email/waitlist_promoted.txt",
            context={"enrolment": enrolment, "edition": edition, "course": edition.course},
        )
    return promoted


@transaction.atomic
def enrolment_promotion_seen(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The person saw that a seat from the waitlist is theirs; it leaves their to-do list."""
    if enrolment.person_id != actor.pk:
        raise PermissionDenied(_("Dit is niet jouw inschrijving."))
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.promoted_at is not None and enrolment.promotion_seen_at is None:
        enrolment.promotion_seen_at = timezone.now()
        enrolment.save(update_fields=["promotion_seen_at"])
    return enrolment


@transaction.atomic
def edition_cancel(*, edition: Edition, actor: User, reason: str = "") -> Edition:
    """Cancel an edition: every active enrolment ends and every participant is told."""
    _check_editor(actor=actor, edition=edition)
    edition = _locked_edition(edition.pk)
    if edition.status == Edition.Status.CANCELLED:
        raise ValidationError(_("Deze uitvoering is al geannuleerd."))
    edition.status = Edition.Status.CANCELLED
    edition.save(update_fields=["status"])
    edition_cancelled_inform(edition_id=edition.pk, actor=actor, reason=reason)
    return edition


@transaction.atomic
def edition_cancelled_inform(
    *, edition_id: int, actor: User | None = None, reason: str = ""
) -> int:
    """End the active enrolments of a cancelled edition and tell each person, once.

    Also called after an editor publishes a course page on which they set an edition to
    cancelled, so the outcome is the same whichever screen they used.
    """
    edition = _locked_edition(edition_id)
    if edition.status != Edition.Status.CANCELLED:
        return 0
    now = timezone.now()
    active = edition.enrolments.select_for_update().filter(status__in=Enrolment.ACTIVE)
    count = 0
    for enrolment in active.select_related("person"):
        enrolment.status = Enrolment.Status.CANCELLED
        enrolment.seat = None
        enrolment.ended_at = now
        enrolment.ended_by = actor
        enrolment.save(update_fields=["status", "seat", "ended_at", "ended_by"])
        count += 1
        email_send(
            kind=NoticeKind.COURSES,
            key=f"edition-cancelled:{enrolment.pk}",
            to=enrolment.person.email,
            subject=_("Uitvoering geannuleerd: %(course)s") % {"course": edition.course.title},
            template="courses/email/edition_cancelled.txt",
            context={"edition": edition, "course": edition.course, "reason": reason},
        )
    return count


# --- Enrolling from a CSV file ------------------------------------------------------------

CSV_COLUMNS = {"email", "e-mail", "e-mailadres", "naam"}
CSV_MAX_ROWS = 1000


@dataclass
class CsvRow:
    line: int
    email: str
    outcome: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class CsvReport:
    rows: list[CsvRow]
    errors: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and all(row.ok for row in self.rows)


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def _read_csv(data: bytes) -> tuple[list[str], list[dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Het bestand is geen UTF-8-tekst.")) from error
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
        reader.fieldnames = header
        return header, list(reader)
    except csv.Error as error:  # a field over the csv module's limit, a stray quote
        raise ValidationError(_("Het bestand is geen leesbaar CSV-bestand.")) from error


@transaction.atomic
def enrolments_import_csv(*, edition: Edition, actor: User, data: bytes) -> CsvReport:
    """Enrol everyone in a CSV file (a column ``email``), all or nothing, with a report per row."""
    _check_editor(actor=actor, edition=edition)
    try:
        header, records = _read_csv(data)
    except ValidationError as error:
        return CsvReport(rows=[], errors=list(error.messages))
    email_columns = [name for name in header if name in {"email", "e-mail", "e-mailadres"}]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    report = CsvReport(rows=[])
    if unknown:
        report.errors.append(_("Onbekende kolommen: %(names)s.") % {"names": ", ".join(unknown)})
    if len(email_columns) != 1:
        report.errors.append(_("Het bestand heeft precies één kolom ‘email’ nodig."))
    if len(records) > CSV_MAX_ROWS:
        report.errors.append(_("Hoogstens %(n)d regels per bestand.") % {"n": CSV_MAX_ROWS})
    if not records and not report.errors:
        report.errors.append(_("Het bestand bevat geen regels."))
    if report.errors:
        return report
    column = email_columns[0]
    emails = [(record.get(column) or "").strip().lower() for record in records]
    # Only well-formed addresses are looked up: the others are reported below, and one with a
    # NUL character in it would make PostgreSQL refuse the query.
    wellformed = [email for email in emails if _is_email(email)]
    people = {user.email.lower(): user for user in User.objects.filter(email__in=wellformed)}
    already = set(
        edition.enrolments.filter(
            status__in=Enrolment.ACTIVE, person__email__in=wellformed
        ).values_list("person__email", flat=True)
    )
    seen: set[str] = set()
    for line, email in enumerate(emails, start=2):
        row = CsvRow(line=line, email=email)
        report.rows.append(row)
        if not _is_email(email):
            row.errors.append(_("Ongeldig e-mailadres."))
            continue
        if email in seen:
            row.errors.append(_("Dit e-mailadres staat al eerder in het bestand."))
            continue
        seen.add(email)
        if email not in people:
            row.errors.append(_("Er is geen account met dit e-mailadres."))
        elif email in already:
            row.errors.append(_("Al aangemeld voor deze uitvoering."))
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for row in report.rows:
                enrolment = enrolment_create(edition=edition, person=people[row.email], actor=actor)
                row.outcome = enrolment.get_status_display()
    except ValidationError as error:
        report.errors.extend(error.messages)
        for row in report.rows:
            row.outcome = ""
        return report
    report.written = True
    return report
