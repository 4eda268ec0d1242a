"""Learning records: attendance, lessons and reflections, completion with its points, and
outside activities. Completion and revocation are kept with actor and time, never edited."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from lms.accounts.services import email_send
from lms.celery import enqueue_or_run_here
from lms.credentials.services import status_entry_for, status_entry_revoke

from ..certificates import credential_key
from ..models import (
    Attendance,
    AttendanceCorrection,
    CalendarFeed,
    Completion,
    Edition,
    Enrolment,
    ExportFile,
    LessonPage,
    LessonProgress,
    OutsideActivity,
    Reflection,
)
from ..selectors import (
    completion_rule_met,
    edition_accredited,
    edition_editable_by,
    edition_points,
)
from .enrolment import NotAnEditorOfThisEdition

SYSTEM_COMPLETION_REASON = "Voldaan aan de afrondingsregel van de cursus."


def _check_editor(*, actor: User, edition: Edition) -> None:
    if not edition_editable_by(user=actor, edition=edition):
        raise NotAnEditorOfThisEdition(_("Je beheert deze uitvoering niet."))


# --- Attendance ----------------------------------------------------------------------------


@transaction.atomic
def attendance_mark(
    *, edition: Edition, actor: User, marks: dict[tuple[int, int], str]
) -> list[Completion]:
    """Record attendance per (enrolment id, meeting id); returns completions that followed."""
    _check_editor(actor=actor, edition=edition)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    enrolments = {
        e.pk: e
        for e in edition.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related(
            "person"
        )
    }
    meetings = set(edition.meetings.values_list("pk", flat=True))
    for (enrolment_id, meeting_id), status in marks.items():
        if enrolment_id not in enrolments:
            raise ValidationError(
                _("Aanwezigheid kan alleen voor ingeschreven deelnemers van deze uitvoering.")
            )
        if meeting_id not in meetings:
            raise ValidationError(_("Deze bijeenkomst hoort niet bij deze uitvoering."))
        if status not in Attendance.Status.values:
            raise ValidationError(_("Kies aanwezig, afwezig of afgemeld."))
    now = timezone.now()
    # Only what changed is written: an unchanged mark keeps who set it and when, and a
    # changed one leaves a correction with what it said before. The edition's row lock above
    # keeps two editors saving the same grid from writing at once.
    existing = {
        (row.enrolment_id, row.meeting_id): row
        for row in Attendance.objects.filter(
            enrolment_id__in={key[0] for key in marks}, meeting_id__in={key[1] for key in marks}
        )
    }
    new_rows, changed, corrections = [], [], []
    for (enrolment_id, meeting_id), status in marks.items():
        row = existing.get((enrolment_id, meeting_id))
        if row is None:
            new_rows.append(
                Attendance(
                    enrolment_id=enrolment_id,
                    meeting_id=meeting_id,
                    status=status,
                    marked_by=actor,
                    marked_at=now,
                )
            )
        elif row.status != status:
            corrections.append(
                AttendanceCorrection(
                    attendance=row,
                    status_before=row.status,
                    marked_by_before_id=row.marked_by_id,
                    marked_at_before=row.marked_at,
                    status_after=status,
                    corrected_by=actor,
                    corrected_at=now,
                )
            )
            row.status, row.marked_by, row.marked_at = status, actor, now
            changed.append(row)
    Attendance.objects.bulk_create(new_rows)
    Attendance.objects.bulk_update(changed, ["status", "marked_by", "marked_at"])
    AttendanceCorrection.objects.bulk_create(corrections)
    completed = []
    for enrolment_id in {key[0] for key in marks}:
        completion = completion_evaluate(enrolment=enrolments[enrolment_id])
        if completion:
            completed.append(completion)
    return completed


# --- Lessons and reflections -----------------------------------------------------------------


def _participant_enrolment(*, person: User, lesson: LessonPage) -> Enrolment:
    course_id = lesson.get_parent().pk
    enrolment = (
        Enrolment.objects.filter(
            person=person, edition__course_id=course_id, status=Enrolment.Status.ENROLLED
        )
        .order_by("-edition__start_date")
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("Alleen deelnemers van deze cursus kunnen dit doen."))
    return enrolment


@transaction.atomic
def lesson_done(*, person: User, lesson: LessonPage) -> LessonProgress:
    enrolment = _participant_enrolment(person=person, lesson=lesson)
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"done_at": timezone.now()}
    )
    completion_evaluate(enrolment=enrolment)
    return progress


@transaction.atomic
def reflection_submit(*, person: User, lesson: LessonPage, text: str, file=None) -> Reflection:
    enrolment = _participant_enrolment(person=person, lesson=lesson)
    Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.reflections.filter(
        lesson=lesson, status__in=[Reflection.Status.SUBMITTED, Reflection.Status.ACCEPTED]
    ).exists():
        raise ValidationError(_("Je hebt voor deze les al een reflectie ingeleverd."))
    reflection = Reflection(
        enrolment=enrolment,
        lesson=lesson,
        text=text.strip(),
        file=file or "",
        submitted_at=timezone.now(),
    )
    if not reflection.text:
        raise ValidationError(_("Schrijf je reflectie."))
    reflection.full_clean()
    reflection.save()
    return reflection


@transaction.atomic
def reflection_decide(
    *, reflection: Reflection, actor: User, accept: bool, feedback: str = ""
) -> Reflection:
    """Accept a reflection, or return it with feedback (then feedback is required)."""
    reflection = (
        Reflection.objects.select_for_update().select_related("enrolment").get(pk=reflection.pk)
    )
    _check_editor(actor=actor, edition=reflection.enrolment.edition)
    if reflection.status != Reflection.Status.SUBMITTED:
        raise ValidationError(_("Over deze reflectie is al beslist."))
    if not accept and not feedback.strip():
        raise ValidationError(_("Geef terugkoppeling als je een reflectie teruggeeft."))
    reflection.status = Reflection.Status.ACCEPTED if accept else Reflection.Status.RETURNED
    reflection.feedback = feedback.strip()
    reflection.decided_by = actor
    reflection.decided_at = timezone.now()
    reflection.full_clean()
    reflection.save(update_fields=["status", "feedback", "decided_by", "decided_at"])
    if accept:
        completion_evaluate(enrolment=reflection.enrolment)
    return reflection


# --- Completion ------------------------------------------------------------------------------


def _verification_code() -> str:
    return secrets.token_hex(8).upper()


@transaction.atomic
def completion_create(
    *,
    enrolment: Enrolment,
    actor: User | None,
    reason: str = "",
    completed_on: dt.date | None = None,
) -> Completion:
    """Complete a participant and credit the edition's accredited points in one transaction.

    ``actor`` None means the platform completes because the course's rule is met; otherwise an
    editor of the edition's provider completes by hand and gives a reason.
    """
    if actor is not None:
        _check_editor(actor=actor, edition=enrolment.edition)
        if not reason.strip():
            raise ValidationError(_("Geef een reden voor het afronden met de hand."))
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if Completion.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("Deze deelnemer heeft deze uitvoering al afgerond."))
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("Alleen ingeschreven deelnemers kunnen afronden."))
    edition = enrolment.edition
    accredited = edition_accredited(edition)
    completion = Completion(
        enrolment=enrolment,
        person_id=enrolment.person_id,
        edition=edition,
        completed_on=completed_on or timezone.localdate(),
        points=edition_points(edition) if accredited else Decimal(0),
        course_kind=edition.course.kind,
        accredited=accredited,
        completed_by=actor,
        completed_at=timezone.now(),
        reason=reason.strip() or SYSTEM_COMPLETION_REASON,
        verification_code=_verification_code(),
    )
    completion.full_clean()
    completion.save()
    # The certificate's random place in the revocation list, given with the certificate.
    status_entry_for(credential_key=credential_key(completion))
    person = enrolment.person
    email_send(
        key=f"completion:{completion.pk}",
        to=person.email,
        subject=_("Je hebt %(course)s afgerond") % {"course": edition.course.title},
        template="courses/email/completed.txt",
        context={"completion": completion, "course": edition.course, "person": person},
    )
    return completion


def completion_evaluate(*, enrolment: Enrolment) -> Completion | None:
    """Complete ``enrolment`` when its course's rule is met and it is not completed yet."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        return None
    if Completion.objects.filter(enrolment_id=enrolment.pk).exists():
        return None
    if not completion_rule_met(enrolment=enrolment):
        return None
    return completion_create(enrolment=enrolment, actor=None)


@transaction.atomic
def completion_revoke(*, completion: Completion, actor: User, reason: str) -> Completion:
    """Withdraw a completion: its points no longer count and its certificate reads revoked."""
    _check_editor(actor=actor, edition=completion.edition)
    completion = Completion.objects.select_for_update().get(pk=completion.pk)
    if completion.revoked_at is not None:
        raise ValidationError(_("Deze afronding is al ingetrokken."))
    if not reason.strip():
        raise ValidationError(_("Geef een reden voor de intrekking."))
    completion.revoked_at = timezone.now()
    completion.revoked_by = actor
    completion.revoked_reason = reason.strip()
    completion.full_clean()
    completion.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    status_entry_revoke(credential_key=credential_key(completion))
    return completion


# --- Outside activities ----------------------------------------------------------------------


@transaction.atomic
def outside_activity_submit(
    *,
    person: User,
    title: str,
    organiser: str,
    date: dt.date,
    hours: Decimal,
    evidence,
    course_kind: str = "",
    points: Decimal | None = None,
) -> OutsideActivity:
    """A practitioner reports study outside the platform; a point is an hour of study load."""
    if date and date > timezone.localdate():
        raise ValidationError({"date": _("De datum ligt in de toekomst.")})
    activity = OutsideActivity(
        person=person,
        title=title,
        organiser=organiser,
        date=date,
        hours=hours,
        points=hours if points is None else points,
        course_kind=course_kind,
        evidence=evidence,
    )
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def outside_activity_decide(
    *, activity: OutsideActivity, actor: User, accept: bool, note: str = ""
) -> OutsideActivity:
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau beoordeelt externe activiteiten."))
    if actor.pk == activity.person_id:
        raise PermissionDenied(_("Je beoordeelt je eigen activiteit niet."))
    activity = OutsideActivity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != OutsideActivity.Status.SUBMITTED:
        raise ValidationError(_("Over deze activiteit is al beslist."))
    if not accept and not note.strip():
        raise ValidationError(_("Geef een toelichting bij een afwijzing."))
    activity.status = OutsideActivity.Status.ACCEPTED if accept else OutsideActivity.Status.REJECTED
    activity.decided_by = actor
    activity.decided_at = timezone.now()
    activity.decision_note = note.strip()
    activity.full_clean()
    activity.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return activity


# --- Personal calendar -----------------------------------------------------------------------


@transaction.atomic
def calendar_feed_reset(*, person: User) -> CalendarFeed:
    """A new secret address for the person's meeting calendar; the old one stops working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        person=person, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


# --- Exports ---------------------------------------------------------------------------------


@transaction.atomic
def edition_export_request(*, edition: Edition, actor: User, fmt: str) -> ExportFile:
    """Have a worker write a large participants export; the requester downloads it when ready."""
    from ..exports import FORMATS
    from ..tasks import edition_export_task

    _check_editor(actor=actor, edition=edition)
    if fmt not in FORMATS:
        raise ValidationError(_("Kies CSV of XLSX."))
    export = ExportFile(requested_by=actor, edition=edition, format=fmt)
    export.full_clean()
    export.save()
    export_id = export.pk
    transaction.on_commit(lambda: enqueue_or_run_here(edition_export_task, export_id))
    return export
