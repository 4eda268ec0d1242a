"""Reads about learning records: who may manage an edition, participants and their progress,
completions and points, the record of learning and the dashboards.

Every list is read in a fixed number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from lms.accounts.models import Role, User
from lms.accounts.selectors import conflict_held
from lms.links import absolute_url

from ..models import (
    AccreditationDecision,
    AccreditationRequest,
    Attendance,
    AttendanceCorrection,
    CalendarFeed,
    Completion,
    CoursePage,
    Edition,
    Enrolment,
    LessonPage,
    LessonProgress,
    Meeting,
    OutsideActivity,
    Reflection,
)
from .catalogue import count_of, edition_accreditation, edition_seats_annotate
from .course_ran import completion_before_course_ran, meeting_open_for_attendance

# --- Who manages what ------------------------------------------------------------------------


def edition_editable_by(*, user: User, edition: Edition) -> bool:
    """Is ``user`` an editor of the provider that runs ``edition``?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return CoursePage.objects.filter(
        pk=edition.course_id, provider__editors_group__user=user
    ).exists()


def editions_editable_by(*, user: User) -> QuerySet[Edition]:
    if user.is_superuser:
        return Edition.objects.all()
    return Edition.objects.filter(course__provider__editors_group__user=user)


def codes_of_editions_with_participants(*, course_id: int, other_than) -> list[str]:
    """The codes of the course's editions someone enrolled in, leaving out ``other_than`` (ids).
    Their enrolments are kept for good (``on_delete=PROTECT``), so such an edition is
    cancelled, never deleted."""
    return sorted(
        Edition.objects.filter(
            Exists(Enrolment.objects.filter(edition=OuterRef("pk"))), course_id=course_id
        )
        .exclude(pk__in=other_than)
        .values_list("code", flat=True)
    )


def courses_kept_below(*, pages) -> list[str]:
    """Titles of the course pages among or below ``pages`` that must stay: someone enrolled in
    one of their editions, or the College has a request or decision on them. Such a course is
    unpublished, never deleted."""
    below = Q(pk__in=[])
    for page in pages:
        below |= Q(path__startswith=page.path)
    return list(
        CoursePage.objects.filter(below)
        .filter(
            Exists(Enrolment.objects.filter(edition__course=OuterRef("pk")))
            | Exists(AccreditationRequest.objects.filter(course=OuterRef("pk")))
            | Exists(AccreditationDecision.objects.filter(course=OuterRef("pk")))
        )
        .order_by("title")
        .values_list("title", flat=True)
    )


# --- Progress --------------------------------------------------------------------------------


@dataclass
class Progress:
    lessons_done: int = 0
    lessons_total: int = 0
    meetings_present: int = 0
    meetings_total: int = 0
    completed: bool = False

    @property
    def attendance_percent(self) -> int:
        if not self.meetings_total:
            return 100
        return round(100 * self.meetings_present / self.meetings_total)

    @property
    def percent(self) -> int:
        if self.completed:
            return 100
        total = self.lessons_total + self.meetings_total
        if not total:
            return 0
        return round(100 * (self.lessons_done + self.meetings_present) / total)


def _required_lessons(course_paths: dict[int, tuple[str, int]]) -> dict[int, list[int]]:
    """Live required lesson ids per course id, in one query."""
    if not course_paths:
        return {}
    condition = Q()
    for path, depth in course_paths.values():
        condition |= Q(path__startswith=path, depth=depth + 1)
    by_path = {path: course_id for course_id, (path, _depth) in course_paths.items()}
    lessons: dict[int, list[int]] = defaultdict(list)
    rows = LessonPage.objects.live().filter(condition, required=True).values_list("pk", "path")
    for pk, path in rows:
        lessons[by_path[path[: -LessonPage.steplen]]].append(pk)
    return lessons


# Per enrolment: its course (and where the course's lessons are in the tree), the meetings of
# its edition and those attended, and whether it was completed. Resolving the subqueries is
# most of the work of building this query, so it is built once and filtered per call.
_PROGRESS_ROWS = (
    Enrolment.objects.order_by()
    .annotate(
        course_id=F("edition__course_id"),
        course_path=F("edition__course__path"),
        course_depth=F("edition__course__depth"),
        course_has_pages=F("edition__course__numchild"),
        meetings_total=count_of(Meeting.objects.filter(edition=OuterRef("edition"))),
        meetings_present=count_of(
            Attendance.objects.filter(enrolment=OuterRef("pk"), status=Attendance.Status.PRESENT)
        ),
        completed=Exists(
            Completion.objects.filter(enrolment=OuterRef("pk"), revoked_at__isnull=True)
        ),
    )
    .values_list(
        "pk",
        "course_id",
        "course_path",
        "course_depth",
        "course_has_pages",
        "meetings_total",
        "meetings_present",
        "completed",
        named=True,
    )
)


def enrolment_progress(enrolments: list[Enrolment]) -> dict[int, Progress]:
    """Progress per enrolment id, in at most three queries for any number of enrolments: the
    counts and the course of each enrolment, the courses' required lessons, the lessons done.
    Courses without pages below them have no lessons to ask for."""
    if not enrolments:
        return {}
    rows = list(_PROGRESS_ROWS.filter(pk__in=[e.pk for e in enrolments]))
    lessons = _required_lessons(
        {row.course_id: (row.course_path, row.course_depth) for row in rows if row.course_has_pages}
    )
    all_lessons = {pk for values in lessons.values() for pk in values}
    done = defaultdict(set)
    if all_lessons:
        for enrolment_id, lesson_id in LessonProgress.objects.filter(
            enrolment_id__in=[row.pk for row in rows], lesson_id__in=all_lessons
        ).values_list("enrolment_id", "lesson_id"):
            done[enrolment_id].add(lesson_id)
    return {
        row.pk: Progress(
            lessons_done=len(done[row.pk]),
            lessons_total=len(lessons.get(row.course_id, [])),
            meetings_present=row.meetings_present,
            meetings_total=row.meetings_total,
            completed=row.completed,
        )
        for row in rows
    }


def _lessons_with_reflection(course: CoursePage) -> list[int]:
    return [
        lesson.pk
        for lesson in LessonPage.objects.child_of(course).live().filter(required=True)
        if any(block.block_type == "reflection" for block in lesson.body)
    ]


def completion_rule_unmet(*, enrolment: Enrolment) -> list[str]:
    """The course's completion rule: required lessons done, attendance of at least the
    percentage of meetings (default 80), reflections accepted. Returns, in Dutch, each part
    of the rule the participant does not meet yet; empty when they meet it."""
    course = CoursePage.objects.get(pk=enrolment.edition.course_id)
    progress = enrolment_progress([enrolment])[enrolment.pk]
    if progress.meetings_total == 0 and not (course.rule_lessons or course.rule_reflections):
        # nothing to judge by: only an editor completes such an edition
        return [_("Deze uitvoering heeft geen afrondingsregel: rond met de hand af.")]
    unmet = []
    if progress.meetings_total and progress.meetings_present * 100 < (
        course.rule_attendance_percent * progress.meetings_total
    ):
        unmet.append(
            _("%(present)d van %(total)d bijeenkomsten aanwezig, minimaal %(percent)d%% nodig.")
            % {
                "present": progress.meetings_present,
                "total": progress.meetings_total,
                "percent": course.rule_attendance_percent,
            }
        )
    if course.rule_lessons and progress.lessons_done < progress.lessons_total:
        unmet.append(
            _("%(done)d van %(total)d verplichte lessen afgerond.")
            % {"done": progress.lessons_done, "total": progress.lessons_total}
        )
    if course.rule_reflections:
        needed = set(_lessons_with_reflection(course))
        accepted = set(
            enrolment.reflections.filter(status=Reflection.Status.ACCEPTED).values_list(
                "lesson_id", flat=True
            )
        )
        if not needed <= accepted:
            unmet.append(_("Niet alle reflecties zijn geaccepteerd."))
    if (
        progress.meetings_total == 0
        and not course.elearning_completes_accredited
        and enrolment.lesson_progress.filter(lesson__required=True, by_package=True).exists()
        and edition_accreditation(enrolment.edition).accredited
    ):
        unmet.append(
            _(
                "Deze geaccrediteerde cursus rondt niet af op e-learning alleen: "
                "de aanbieder rondt met de hand af."
            )
        )
    return unmet


def completion_rule_met(*, enrolment: Enrolment) -> bool:
    """Whether the participant meets the course's completion rule (``completion_rule_unmet``)."""
    return not completion_rule_unmet(enrolment=enrolment)


# --- Participants of an edition --------------------------------------------------------------


def edition_participants(*, edition: Edition) -> dict:
    """Everyone on an edition, for its provider: seats, waitlist, attendance, completions."""
    enrolments = list(
        edition.enrolments.filter(status__in=Enrolment.ACTIVE)
        .select_related("person", "edition", "completion")
        .prefetch_related("attendance")
        .order_by("created_at", "pk")
    )
    enrolled = [e for e in enrolments if e.status == Enrolment.Status.ENROLLED]
    waitlisted = [e for e in enrolments if e.status == Enrolment.Status.WAITLISTED]
    meetings = list(edition.meetings.all().order_by("date", "start_time"))
    today = timezone.localdate()
    for meeting in meetings:
        meeting.open_for_attendance = meeting_open_for_attendance(meeting, today=today)
    progress = enrolment_progress(enrolled)
    for enrolment in enrolled:
        enrolment.progress = progress[enrolment.pk]
        marks = {a.meeting_id: a.status for a in enrolment.attendance.all()}
        enrolment.marks = [(meeting, marks.get(meeting.pk, "")) for meeting in meetings]
        enrolment.completion_row = getattr(enrolment, "completion", None)
    reflections = list(
        Reflection.objects.filter(
            enrolment__edition=edition, status=Reflection.Status.SUBMITTED
        ).select_related("enrolment__person", "lesson")
    )
    return {
        "enrolled": enrolled,
        "waitlisted": waitlisted,
        "meetings": meetings,
        "meetings_to_come": any(not meeting.open_for_attendance for meeting in meetings),
        "reflections": reflections,
    }


def attendance_corrections(*, edition: Edition) -> list[AttendanceCorrection]:
    """Every changed mark of the edition, latest first."""
    return list(
        AttendanceCorrection.objects.filter(attendance__meeting__edition=edition)
        .select_related(
            "attendance__enrolment__person",
            "attendance__meeting",
            "marked_by_before",
            "corrected_by",
        )
        .order_by("-corrected_at", "-pk")
    )


def person_enrolments_for_course_page(*, user: User, course: CoursePage) -> dict[int, Enrolment]:
    """The visitor's active enrolment per edition of ``course``, with their waitlist place."""
    if not user.is_authenticated:
        return {}
    ahead = Enrolment.objects.filter(
        edition=OuterRef("edition"),
        status=Enrolment.Status.WAITLISTED,
    ).filter(
        Q(created_at__lt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
    )
    enrolments = Enrolment.objects.filter(
        person=user, edition__course=course, status__in=Enrolment.ACTIVE
    ).annotate(
        waitlist_place=Subquery(
            ahead.order_by().values("edition").annotate(n=Count("pk")).values("n")[:1]
        )
    )
    return {e.edition_id: e for e in enrolments}


def participant_enrolment(*, person: User, course_id: int) -> Enrolment | None:
    """The enrolment in which ``person`` follows the lessons of a course: their seat in its
    latest edition, with the lesson they opened last (``lesson_visit``, when there is one)."""
    if not person.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(
            person=person, edition__course_id=course_id, status=Enrolment.Status.ENROLLED
        )
        .select_related("lesson_visit")
        .order_by("-edition__start_date", "-pk")
        .first()
    )


def lesson_access(*, user: User, lesson: LessonPage) -> dict:
    """What a visitor sees of a lesson: all of it as a participant, else the outline; the
    lessons before and after it in the course's order either way."""
    course = lesson.get_parent().specific
    enrolment = participant_enrolment(person=user, course_id=course.pk)
    editor = user.is_authenticated and (
        user.is_superuser
        or CoursePage.objects.filter(pk=course.pk, provider__editors_group__user=user).exists()
    )
    open_to_all = not course.lessons_for_participants_only
    outline = list(LessonPage.objects.child_of(course).live().only("title", "url_path"))
    position = next((i for i, item in enumerate(outline) if item.pk == lesson.pk), None)
    context = {
        "course": course,
        "enrolment": enrolment,
        "may_read": bool(enrolment or editor or open_to_all),
        "outline": outline,
        "position": None if position is None else position + 1,
        "previous_lesson": outline[position - 1] if position else None,
        "next_lesson": (
            outline[position + 1] if position is not None and position + 1 < len(outline) else None
        ),
        "done": False,
        "reflections": [],
        "has_reflection": any(block.block_type == "reflection" for block in lesson.body),
    }
    if enrolment:
        context["done"] = enrolment.lesson_progress.filter(lesson=lesson).exists()
        context["reflections"] = list(enrolment.reflections.filter(lesson=lesson))
    return context


# --- Completions and points ------------------------------------------------------------------


# An outside activity the office accepted while a conflict of interest bound the one who
# decided and the practitioner: kept as history, but it does not count (DOMAIN.md, "Conflicts
# hold from the moment they are recorded"). The service refuses such decisions; these are older.
ACCEPTED_UNDER_CONFLICT = conflict_held(first="person", second="decided_by", at="decided_at")
COUNTING_OUTSIDE = Q(status=OutsideActivity.Status.ACCEPTED) & ~Q(ACCEPTED_UNDER_CONFLICT)


def counting_outside_activities() -> QuerySet[OutsideActivity]:
    """Outside activities that count: accepted, and not across a conflict of interest."""
    return OutsideActivity.objects.filter(COUNTING_OUTSIDE)


def counting_completions() -> QuerySet[Completion]:
    """Completions that count: not revoked, accredited, and dated on or after the day their
    course ran (``completion_before_course_ran``)."""
    return Completion.objects.filter(revoked_at__isnull=True, accredited=True).exclude(
        completion_before_course_ran()
    )


def completions_for_person(*, person: User) -> QuerySet[Completion]:
    """The person's completions, newest first, each with ``before_course_ran``: dated before
    the day its course ran, so that it does not count (``completion_before_course_ran``)."""
    return (
        Completion.objects.filter(person=person)
        .annotate(
            before_course_ran=ExpressionWrapper(
                completion_before_course_ran(), output_field=BooleanField()
            )
        )
        .select_related("edition__course", "edition__course__provider")
        .order_by("-completed_on", "-pk")
    )


@dataclass
class LearningRecord:
    """What the record of learning lists. Each completion shows its own accredited points;
    what they add up to in the register is the register's to say (DOMAIN.md, "One source")."""

    completions: list
    activities: list


def learning_record(*, person: User) -> LearningRecord:
    """What the person followed and reported: the facts, each with its own points. What of it
    counts for the register is the register's to say."""
    return LearningRecord(
        completions=list(completions_for_person(person=person)),
        activities=list(OutsideActivity.objects.filter(person=person).order_by("-date", "-pk")),
    )


# --- Dashboards ------------------------------------------------------------------------------


DASHBOARD_ENROLMENTS = 8
DASHBOARD_MEETINGS = 10


@dataclass
class EnrolmentLine:
    """One enrolment as the start page shows it."""

    pk: int
    status: str
    start_date: dt.date
    course_id: int
    course_title: str = ""
    course: Page | None = None
    progress: Progress | None = None
    outline: object | None = None  # a ``lessons.LessonOutline`` when the course has lessons

    def get_status_display(self) -> str:
        return Enrolment.Status(self.status).label


def practitioner_dashboard(*, user: User) -> dict:
    """The learning part of the start page: the latest few enrolments, newest edition first,
    with their progress, and the next meetings of the editions the person has a seat in.

    The rest lives in the record of learning; the start page stays the same size whether
    someone has followed five courses or a hundred. Each query reads one table by key (the
    person's enrolments, their editions, the next meetings, the course titles): joined into one
    statement, PostgreSQL hashes the whole edition table on every visit instead.
    """
    mine = list(
        Enrolment.objects.filter(person=user, status__in=Enrolment.ACTIVE).values_list(
            "pk", "status", "edition_id", named=True
        )
    )
    editions = {
        edition.pk: edition
        for edition in Edition.objects.filter(pk__in={e.edition_id for e in mine}).values_list(
            "pk", "start_date", "course_id", "status", named=True
        )
    }
    lines = sorted(
        (
            EnrolmentLine(
                pk=e.pk,
                status=e.status,
                start_date=editions[e.edition_id].start_date,
                course_id=editions[e.edition_id].course_id,
            )
            for e in mine
        ),
        key=lambda line: (line.start_date, line.pk),
        reverse=True,
    )[:DASHBOARD_ENROLMENTS]
    seated = {
        e.edition_id
        for e in mine
        if e.status == Enrolment.Status.ENROLLED
        and editions[e.edition_id].status != Edition.Status.CANCELLED
    }
    meetings = list(
        Meeting.objects.filter(edition_id__in=seated, date__gte=timezone.localdate())
        .order_by("date", "start_time", "pk")
        .values("date", "start_time", "end_time", "place", "online_url", "edition_id")[
            :DASHBOARD_MEETINGS
        ]
    )
    courses = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in={line.course_id for line in lines}
            | {editions[meeting["edition_id"]].course_id for meeting in meetings}
        ).only("pk", "title", "url_path", "path", "depth", "numchild")
    }
    titles = {pk: page.title for pk, page in courses.items()}
    seated_lines = [line for line in lines if line.status == Enrolment.Status.ENROLLED]
    progress = enrolment_progress(seated_lines)
    from .lessons import enrolment_outlines  # it reads this module's progress

    outlines = enrolment_outlines(
        enrolments={line.pk: courses[line.course_id] for line in seated_lines},
        progress=progress,
    )
    for line in lines:
        line.course_title = titles[line.course_id]
        line.course = courses[line.course_id]
        line.progress = progress.get(line.pk)
        line.outline = outlines.get(line.pk)
    for meeting in meetings:
        meeting["course_title"] = titles[editions[meeting["edition_id"]].course_id]
    feed = CalendarFeed.objects.filter(person=user).first()
    return {
        "enrolments": lines,
        "enrolments_total": len(mine),
        "meetings": meetings,
        "calendar_feed": feed,
        "calendar_url": (
            absolute_url(reverse("courses:personal_calendar", args=[feed.token])) if feed else None
        ),
    }


def provider_dashboard(*, user: User) -> list[Edition]:
    """Per edition of the user's providers: enrolled, waitlisted, completed, attendance."""
    present = (
        Attendance.objects.filter(
            enrolment__edition=OuterRef("pk"), status=Attendance.Status.PRESENT
        )
        .order_by()
        .values("enrolment__edition")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    marked = (
        Attendance.objects.filter(enrolment__edition=OuterRef("pk"))
        .order_by()
        .values("enrolment__edition")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    completed = (
        Completion.objects.filter(edition=OuterRef("pk"), revoked_at__isnull=True)
        .order_by()
        .values("edition")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    editions = (
        edition_seats_annotate(editions_editable_by(user=user))
        .annotate(
            present=Coalesce(Subquery(present), 0),
            marked=Coalesce(Subquery(marked), 0),
            completed=Coalesce(Subquery(completed), 0),
        )
        .select_related("course")
        .order_by("-start_date", "pk")
    )
    return list(editions)


@dataclass
class ManagerRow:
    course_id: int
    course: str
    kind: str
    following: int
    completed: int
    points: Decimal = Decimal(0)


def manager_figures(*, user: User) -> dict:
    """Aggregates for a manager's own organisation: no names, no reflections, no notes.

    Per course how many of the organisation's people follow it and how many completed it.
    What their completions count for the register (``points``) is the register's to fill in.
    """
    organisation_id = getattr(getattr(user, "profile", None), "organisation_id", None)
    if not organisation_id or not user.has_role(Role.MANAGER):
        return {"rows": [], "person_ids": [], "max": 0, "organisation": None}
    person_ids = list(
        User.objects.filter(profile__organisation_id=organisation_id).values_list("pk", flat=True)
    )
    following = dict(
        Enrolment.objects.filter(person_id__in=person_ids, status=Enrolment.Status.ENROLLED)
        .exclude(Exists(Completion.objects.filter(enrolment=OuterRef("pk"))))
        .values("edition__course_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("edition__course_id", "n")
    )
    completed = dict(
        counting_completions()
        .filter(person_id__in=person_ids)
        .values("edition__course_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("edition__course_id", "n")
    )
    courses = CoursePage.objects.filter(pk__in=set(following) | set(completed)).only(
        "title", "kind"
    )
    rows = [
        ManagerRow(
            course_id=course.pk,
            course=course.title,
            kind=course.get_kind_display(),
            following=following.get(course.pk, 0),
            completed=completed.get(course.pk, 0),
        )
        for course in courses
    ]
    rows.sort(key=lambda r: (-r.completed - r.following, r.course))
    return {
        "rows": rows,
        "person_ids": person_ids,
        "max": max((r.following + r.completed for r in rows), default=0),
        "organisation": user.profile.organisation,
    }
