"""Learning records: attendance, lessons and reflections, completion with its points, and
outside activities. Completion and revocation are kept with actor and time, never edited."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import NoticeKind, User
from lms.accounts.selectors import is_register_office
from lms.accounts.services import conflict_check, email_send
from lms.celery import enqueue_or_run_here
from lms.credentials.services import status_entry_for, status_entry_revoke

from ..certificates import credential_key
from ..lesson_parts import completed_by_part
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
    LessonVisit,
    OutsideActivity,
    Reflection,
)
from ..selectors import (
    EarliestCompletionDay,
    completion_earliest,
    completion_rule_met,
    completion_rule_unmet,
    edition_accreditation,
    edition_editable_by,
    enrolment_completion_earliest_day_expression,
    meeting_open_for_attendance,
    participant_enrolment,
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
    """Record attendance per (enrolment id, meeting id); returns completions that followed.

    Only on or after a meeting's own day (DOMAIN.md, "No points before the course ran"): a
    mark for a meeting still to come refuses the whole grid.
    """
    _check_editor(actor=actor, edition=edition)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    enrolments = {
        e.pk: e
        for e in edition.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related(
            "person"
        )
    }
    meetings = {meeting.pk: meeting for meeting in edition.meetings.only("pk", "date")}
    today = timezone.localdate()
    for (enrolment_id, meeting_id), status in marks.items():
        if enrolment_id not in enrolments:
            raise ValidationError(
                _("Aanwezigheid kan alleen voor ingeschreven deelnemers van deze uitvoering.")
            )
        if meeting_id not in meetings:
            raise ValidationError(_("Deze bijeenkomst hoort niet bij deze uitvoering."))
        if status not in Attendance.Status.values:
            raise ValidationError(_("Kies aanwezig, afwezig of afgemeld."))
        meeting = meetings[meeting_id]
        if not meeting_open_for_attendance(meeting, today=today):
            raise ValidationError(
                _(
                    "De bijeenkomst van %(date)s heeft nog niet plaatsgevonden: aanwezigheid "
                    "leg je vast vanaf de dag van de bijeenkomst."
                )
                % {"date": meeting.date.strftime("%d-%m-%Y")}
            )
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


@dataclass
class BulkOutcome:
    """What a bulk action did: the participants it changed, and those it skipped with why."""

    done: list[Enrolment] = field(default_factory=list)
    skipped: list[tuple[Enrolment, str]] = field(default_factory=list)
    completed: list[Completion] = field(default_factory=list)


@transaction.atomic
def attendance_mark_all_present(*, edition: Edition, meeting_id: int, actor: User) -> BulkOutcome:
    """Mark every enrolled participant present at one meeting, in one transaction.

    A participant whose attendance at the meeting is already recorded (present, absent or
    excused) is skipped, so that no earlier mark is overwritten. The writes and the
    completions that follow (in ``completed``) are ``attendance_mark``'s.
    """
    _check_editor(actor=actor, edition=edition)
    Edition.objects.select_for_update().get(pk=edition.pk)
    meeting = edition.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ValidationError(_("Deze bijeenkomst hoort niet bij deze uitvoering."))
    enrolled = list(
        edition.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("person")
        .order_by("created_at", "pk")
    )
    marked = dict(
        Attendance.objects.filter(meeting=meeting, enrolment__in=enrolled).values_list(
            "enrolment_id", "status"
        )
    )
    labels = dict(Attendance.Status.choices)
    outcome = BulkOutcome()
    for enrolment in enrolled:
        if enrolment.pk in marked:
            outcome.skipped.append(
                (
                    enrolment,
                    _("al vastgelegd als %(status)s") % {"status": labels[marked[enrolment.pk]]},
                )
            )
        else:
            outcome.done.append(enrolment)
    outcome.completed = attendance_mark(
        edition=edition,
        actor=actor,
        marks={(e.pk, meeting.pk): Attendance.Status.PRESENT for e in outcome.done},
    )
    return outcome


@transaction.atomic
def completions_by_rule(*, edition: Edition, actor: User) -> BulkOutcome:
    """Complete every enrolled participant who meets the course's completion rule, in one
    transaction; the others are skipped with the reason (the rule is ``completion_rule_unmet``,
    the completion ``completion_create``, as when the platform completes one by one)."""
    _check_editor(actor=actor, edition=edition)
    Edition.objects.select_for_update().get(pk=edition.pk)
    enrolled = list(
        edition.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("person", "edition")
        .order_by("created_at", "pk")
    )
    completed = set(
        Completion.objects.filter(enrolment__in=enrolled).values_list("enrolment_id", flat=True)
    )
    today = timezone.localdate()
    outcome = BulkOutcome()
    for enrolment in enrolled:
        if enrolment.pk in completed:
            outcome.skipped.append((enrolment, _("al afgerond")))
            continue
        earliest = completion_earliest(enrolment)
        if earliest.day > today:
            outcome.skipped.append(
                (
                    enrolment,
                    _TOO_EARLY[earliest.set_by] % {"date": earliest.day.strftime("%d-%m-%Y")},
                )
            )
            continue
        unmet = completion_rule_unmet(enrolment=enrolment)
        if unmet:
            outcome.skipped.append((enrolment, " ".join(unmet)))
            continue
        completion_create(enrolment=enrolment, actor=None)
        outcome.done.append(enrolment)
    return outcome


@transaction.atomic
def attendance_check_in(*, enrolment: Enrolment, meeting_id: int, actor: User) -> Completion | None:
    """Mark ``enrolment`` present at one meeting, as a desk at the door does, and complete it
    when the course's rule is then met; returns that completion.

    The caller decides who may check people in (the Vakconferentie's desk is no editor of the
    organising provider). The same rules hold as for ``attendance_mark``: only enrolled
    participants, only on or after the meeting's day; a second check-in changes nothing, and
    an earlier other mark is corrected with what it said before.
    """
    edition = Edition.objects.select_for_update().get(pk=enrolment.edition_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(
            _("Aanwezigheid kan alleen voor ingeschreven deelnemers van deze uitvoering.")
        )
    meeting = edition.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ValidationError(_("Deze bijeenkomst hoort niet bij deze uitvoering."))
    if not meeting_open_for_attendance(meeting):
        raise ValidationError(
            _(
                "De bijeenkomst van %(date)s heeft nog niet plaatsgevonden: aanwezigheid "
                "leg je vast vanaf de dag van de bijeenkomst."
            )
            % {"date": meeting.date.strftime("%d-%m-%Y")}
        )
    now = timezone.now()
    present = Attendance.Status.PRESENT
    row = Attendance.objects.filter(enrolment=enrolment, meeting=meeting).first()
    if row is None:
        Attendance.objects.create(
            enrolment=enrolment, meeting=meeting, status=present, marked_by=actor, marked_at=now
        )
    elif row.status != present:
        AttendanceCorrection.objects.create(
            attendance=row,
            status_before=row.status,
            marked_by_before_id=row.marked_by_id,
            marked_at_before=row.marked_at,
            status_after=present,
            corrected_by=actor,
            corrected_at=now,
        )
        row.status, row.marked_by, row.marked_at = present, actor, now
        row.save(update_fields=["status", "marked_by", "marked_at"])
    return completion_evaluate(enrolment=enrolment)


# --- Lessons and reflections -----------------------------------------------------------------


def _participant_enrolment(*, person: User, lesson: LessonPage) -> Enrolment:
    enrolment = participant_enrolment(person=person, course_id=lesson.get_parent().pk)
    if enrolment is None:
        raise PermissionDenied(_("Alleen deelnemers van deze cursus kunnen dit doen."))
    return enrolment


@transaction.atomic
def lesson_done(*, person: User, lesson: LessonPage) -> LessonProgress:
    """The participant marks ``lesson`` done, unless a part of it (an e-learning package)
    decides that (``lesson_parts``)."""
    if completed_by_part(lesson):
        raise ValidationError(
            _("Deze les is afgerond zodra je het e-learningonderdeel hebt afgerond.")
        )
    enrolment = _participant_enrolment(person=person, lesson=lesson)
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"done_at": timezone.now()}
    )
    completion_evaluate(enrolment=enrolment)
    return progress


@transaction.atomic
def lesson_done_by_package(*, enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    """``lesson`` is done in ``enrolment`` because its e-learning package says so; then the
    course's completion rule runs as for any lesson."""
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={"done_at": timezone.now(), "by_package": True},
    )
    completion_evaluate(enrolment=enrolment)
    return progress


def lesson_visit_record(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Remember ``lesson`` as the one the participant opened last in ``enrolment``, where the
    course page and the start page let them resume. Nothing is written when it already is."""
    visit = getattr(enrolment, "lesson_visit", None)
    if visit is not None and visit.lesson_id == lesson.pk:
        return
    now = timezone.now()
    rows = LessonVisit.objects.filter(enrolment=enrolment)
    if rows.update(lesson=lesson, visited_at=now):
        return
    try:
        with transaction.atomic():
            LessonVisit.objects.create(enrolment=enrolment, lesson=lesson, visited_at=now)
    except IntegrityError:  # opened in two tabs at once: the other one made the row
        rows.update(lesson=lesson, visited_at=now)


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


_TOO_EARLY = {
    EarliestCompletionDay.MEETING: gettext_lazy(
        "Afronden kan pas vanaf %(date)s, de dag van de laatste bijeenkomst."
    ),
    EarliestCompletionDay.LESSON: gettext_lazy(
        "Afronden kan pas vanaf %(date)s, de dag waarop de laatste verplichte les is afgerond."
    ),
    EarliestCompletionDay.FIRST_DAY: gettext_lazy(
        "Afronden kan pas vanaf %(date)s, de eerste dag van de uitvoering."
    ),
}


def _check_course_ran(*, enrolment: Enrolment, completed_on: dt.date) -> None:
    """A completion is dated on or after the day its course ran, and not after today
    (DOMAIN.md, "No points before the course ran")."""
    earliest = completion_earliest(enrolment)
    if completed_on < earliest.day:
        raise ValidationError(
            _TOO_EARLY[earliest.set_by] % {"date": earliest.day.strftime("%d-%m-%Y")}
        )
    if completed_on > timezone.localdate():
        raise ValidationError(_("Een afronding kan niet na vandaag gedateerd worden."))


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
    editor of the edition's provider completes by hand and gives a reason. Either way the
    completion is dated (``completed_on``, default today) on or after the day the course ran:
    its last meeting, or for an edition without meetings the last required lesson done.
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
    completed_on = completed_on or timezone.localdate()
    _check_course_ran(enrolment=enrolment, completed_on=completed_on)
    edition = enrolment.edition
    accreditation = edition_accreditation(edition)
    completion = Completion(
        enrolment=enrolment,
        person_id=enrolment.person_id,
        edition=edition,
        completed_on=completed_on,
        points=accreditation.points if accreditation.accredited else Decimal(0),
        course_kind=edition.course.kind,
        accredited=accreditation.accredited,
        repeatable_yearly=accreditation.repeatable_yearly,
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
        kind=NoticeKind.COURSES,
        key=f"completion:{completion.pk}",
        to=person.email,
        subject=_("Je hebt %(course)s afgerond") % {"course": edition.course.title},
        template="courses/email/completed.txt",
        context={"completion": completion, "course": edition.course, "person": person},
    )
    return completion


def completion_evaluate(*, enrolment: Enrolment) -> Completion | None:
    """Complete ``enrolment`` when its course's rule is met, the course has run and it is not
    completed yet. Before the course ran nothing happens: the marks of its last meeting, or
    the daily ``completions_due_evaluate``, ask again."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        return None
    if Completion.objects.filter(enrolment_id=enrolment.pk).exists():
        return None
    if completion_earliest(enrolment).day > timezone.localdate():
        return None
    if not completion_rule_met(enrolment=enrolment):
        return None
    return completion_create(enrolment=enrolment, actor=None)


# How far back the daily job looks for courses that ran: a job that did not run for a few
# days catches up, and an enrolment is not evaluated again every day for ever.
COMPLETIONS_DUE_DAYS = 31


def completions_due_evaluate() -> list[Completion]:
    """Complete, once their course has run, participants whose course's rule was met before:
    lessons done before the edition's first day, or enough meetings attended while the last
    was still to come and not marked since. Daily (``lms/celery.py``); safe to run twice."""
    today = timezone.localdate()
    due = (
        Enrolment.objects.filter(status=Enrolment.Status.ENROLLED, completion__isnull=True)
        .exclude(edition__status=Edition.Status.CANCELLED)
        .annotate(earliest=enrolment_completion_earliest_day_expression())
        .filter(earliest__lte=today, earliest__gt=today - dt.timedelta(days=COMPLETIONS_DUE_DAYS))
        .order_by("pk")
    )
    completed = []
    for enrolment in due:
        try:
            completion = completion_evaluate(enrolment=enrolment)
        except ValidationError:
            continue  # completed meanwhile, by hand or by another run
        if completion is not None:
            completed.append(completion)
    return completed


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
    conflict_check(
        a=actor,
        b=activity.person,
        refusal=_(
            "Je hebt een belangenverstrengeling met deze opbouwwerker: een collega van het "
            "registerbureau beoordeelt deze activiteit."
        ),
    )
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
